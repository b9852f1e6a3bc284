// Figures by API (issue 17) end to end: a workspace admin makes a key in `/campaign settings
// api-keys` (shown once, stored hashed), a script sends figures to POST /api/v1/metrics with it
// (saved with source 'api', as the modal would save them), a repeated Idempotency-Key changes
// nothing, a burst over the limit is told when to come back (the injected clock, no sleeping), a
// revoked key is refused, and the database failing mid-save leaves nothing half-written.
import { createHash } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiKeyIds } from '../../src/slack/apiKeys/modal.ts'
import { workspaceDataStore } from '../../src/store/workspaceData.ts'
import { postgresAdminUrl, testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople } from '../support/proposals.ts'

const admin = 'U9'
const limit = { capacity: 5, refillPerSecond: 0.5 }

type Call = { method?: string; key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> }

async function call(base: string, path: string, { method = 'POST', key = null, body, raw, headers = {} }: Call = {}) {
  const response = await fetch(new URL(path, base), {
    method,
    headers: {
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) as any : null }
}

async function makeKey(rig: Rig, name: string, userId = admin): Promise<string> {
  const since = rig.slack.calls.length
  await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C1', text: 'settings api-keys' })
  const opened = await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })
  const view = opened.result.view
  const made = await rig.client.viewSubmission({ teamId: 'T1', userId, view, values: { [apiKeyIds.nameBlock]: { [apiKeyIds.nameAction]: { type: 'plain_text_input', value: name } } } })
  expect(made.body.response_action).toBe('update')
  const secret = /cd_live_[A-Za-z0-9_-]{43}/.exec(JSON.stringify(made.body.view.blocks))?.[0]
  expect(secret, JSON.stringify(made.body.view.blocks)).toBeDefined()
  return secret!
}

describe.each(testProviders())('figures by API on %s', (provider) => {
  let rig: Rig
  let base: string
  let campaignId: number
  let signups: number
  let revenue: number
  let key: string

  const api = (body: unknown, extra: Omit<Call, 'body'> = {}) => call(base, '/api/v1/metrics', { key, body, ...extra })
  const entries = () => withDatabase(rig, (prisma) => prisma.metricEntry.findMany({ where: { campaignId }, orderBy: { id: 'asc' } }))
  const revisions = () => withDatabase(rig, (prisma) => prisma.metricEntryRevision.count())

  beforeAll(async () => {
    rig = await startRig(provider, { apiRateLimit: limit })
    base = rig.app.url!
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: admin, teamId: 'T1', name: 'admin', isAdmin: true })
    rig.clock.set('2026-12-07T04:00:00Z')
    const seeded = await seedLiveCampaign(rig, {
      name: 'Winter tea week', startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Asia/Shanghai', currency: 'USD',
      goals: [{ metric: 'signups', targetValue: 1000 }, { metric: 'revenue', targetMinor: 5_000_000n }],
    })
    campaignId = seeded.campaignId;
    [signups, revenue] = seeded.goalIds as [number, number]
    await seedLiveCampaign(rig, { teamId: 'T2', name: 'Elsewhere', startDate: '2026-12-01', endDate: '2026-12-20' })
  })
  afterAll(async () => rig.close())

  it('lets only an admin make a key; it is shown once and only its hash and prefix are stored', async () => {
    const since = rig.slack.responses.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'settings api-keys' })
    expect(JSON.stringify((await rig.slack.waitForResponse(() => true, { since })).body)).toContain('Only a workspace admin can manage API keys.')

    // A section of the workspace settings opens them too.
    let sinceSettings = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: admin, channelId: 'C1', text: 'settings' })
    const settings = (await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since: sinceSettings })).result.view
    expect(JSON.stringify(settings.blocks)).toContain('Manage API keys')
    sinceSettings = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: admin, actionId: apiKeyIds.open, value: 'open', view: { id: settings.id, type: 'modal', callback_id: settings.callback_id, hash: settings.hash } })
    const pushed = await rig.slack.waitFor('views.push', (c) => c.result?.ok === true, { since: sinceSettings })
    expect(pushed.result.view.callback_id).toBe(apiKeyIds.view)
    expect(JSON.stringify(pushed.result.view.blocks)).toContain('No keys yet.')

    key = await makeKey(rig, 'Shop <nightly> sync')
    const rows = await withDatabase(rig, (prisma) => prisma.apiKey.findMany())
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ teamId: 'T1', name: 'Shop <nightly> sync', createdBy: admin, keyHash: createHash('sha256').update(key).digest('hex'), prefix: key.slice(0, 14), revokedAt: null })
    expect(JSON.stringify(rows)).not.toContain(key)

    // Listed by name (escaped) and prefix, never in full.
    const sinceOpen = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: admin, channelId: 'C1', text: 'settings api-keys' })
    const listed = JSON.stringify((await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since: sinceOpen })).result.view.blocks)
    expect(listed).toContain('*Shop &lt;nightly&gt; sync*')
    expect(listed).toContain(key.slice(0, 14))
    expect(listed).not.toContain(key)
  })

  it('saves a figure named by metric in either language, as the modal would: source api, the goal figure recomputed; the same day again replaces it', async () => {
    const first = await api({ campaignId, metric: 'sign-ups', date: '2026-12-06', value: 120 })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body).toMatchObject({ entry: { campaignId, goalId: signups, metric: 'signups', date: '2026-12-06', kind: 'day', value: 120, source: 'api', version: 0 }, goal: { id: signups, actual: 120 }, replaced: false })

    const money = await api({ campaignId, metric: '销售额', date: '2026-12-07', value: '1,234.50', note: 'Shop total' })
    expect(money.status, JSON.stringify(money.body)).toBe(201)
    expect(money.body.entry).toMatchObject({ goalId: revenue, value: 1234.5, currency: 'USD', note: 'Shop total' })

    const again = await api({ campaignId, goalId: signups, date: '2026-12-06', value: '130' })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ entry: { value: 130, version: 1 }, goal: { actual: 130 }, replaced: true })

    const rows = await entries()
    expect(rows.map((r) => [r.goalId, r.onDate, r.source, r.reportedBy])).toEqual([[signups, '2026-12-06', 'api', admin], [revenue, '2026-12-07', 'api', admin]])
    expect(rows[1]!.valueMinor).toBe(123450n)
    const goal = await withDatabase(rig, (prisma) => prisma.goal.findUniqueOrThrow({ where: { id: signups } }))
    expect(goal.actualValue).toBe(130)
    const kept = await withDatabase(rig, (prisma) => prisma.metricEntryRevision.findMany())
    expect(kept.map((r) => [r.value, r.source])).toEqual([[120, 'api']])
    // The key was used: its list shows when.
    expect((await withDatabase(rig, (prisma) => prisma.apiKey.findFirstOrThrow())).lastUsedAt).not.toBeNull()
  })

  it('answers what is wrong as JSON naming the field, and writes nothing', async () => {
    const before = (await entries()).length
    const cases: Array<[Call | unknown, number, string, string | null]> = [
      [{ campaignId, metric: 'signups', value: 1 }, 400, 'required', 'date'],
      [{ campaignId, metric: 'signups', date: '2026-12-08', value: 1 }, 400, 'in_future', 'date'],
      [{ campaignId, metric: 'signups', date: '2026-11-30', value: 1 }, 400, 'before_start', 'date'],
      [{ campaignId, metric: 'signups', date: '7 Dec', value: 1 }, 400, 'invalid_date', 'date'],
      [{ campaignId, metric: 'signups', date: '2026-12-07', value: -3 }, 400, 'negative', 'value'],
      [{ campaignId, metric: 'revenue', date: '2026-12-07', value: '12.345' }, 400, 'too_many_decimals', 'value'],
      [{ campaignId, metric: 'signups', date: '2026-12-07', value: 'lots' }, 400, 'not_a_number', 'value'],
      [{ campaignId, metric: 'signups', date: '2026-12-07', value: 1, kind: 'week' }, 400, 'invalid', 'kind'],
      [{ campaignId: 'one', metric: 'signups', date: '2026-12-07', value: 1 }, 400, 'invalid', 'campaignId'],
      [{ campaignId, date: '2026-12-07', value: 1 }, 400, 'goal_or_metric', 'goalId'],
      [{ campaignId, metric: 'signups', date: '2026-12-07', valeu: 1 }, 400, 'unknown_field', null],
      [{ campaignId, metric: 'followers', date: '2026-12-07', value: 1 }, 404, 'goal_not_found', 'metric'],
      [{ campaignId, goalId: 999_999, date: '2026-12-07', value: 1 }, 404, 'goal_not_found', 'goalId'],
      [{ campaignId: campaignId + 1, metric: 'signups', date: '2026-12-07', value: 1 }, 404, 'campaign_not_found', 'campaignId'],
      [[1, 2], 400, 'invalid_body', null],
    ]
    for (const [body, status, code, field] of cases) {
      const answer = await api(body)
      expect([answer.status, answer.body?.error?.code, answer.body?.error?.field], JSON.stringify(body)).toEqual([status, code, field])
      expect(answer.body.error.message).toEqual(expect.any(String))
      rig.clock.set(new Date(rig.clock.now().getTime() + 10_000).toISOString()) // keep under the limit
    }
    const notJson = await api(undefined, { raw: '{"campaignId": ' })
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 'invalid_json'])
    rig.clock.set(new Date(rig.clock.now().getTime() + 10_000).toISOString())
    const form = await api(undefined, { raw: 'campaignId=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect([form.status, form.body.error.code]).toEqual([415, 'unsupported_media_type'])
    rig.clock.set(new Date(rig.clock.now().getTime() + 10_000).toISOString())
    const huge = await api({ campaignId, metric: 'signups', date: '2026-12-07', value: 1, note: 'x'.repeat(20_000) })
    expect([huge.status, huge.body.error.code]).toEqual([413, 'body_too_large'])
    expect(await entries()).toHaveLength(before)
  })

  it('refuses a missing or unknown key with 401, and never asks Slack to sign the call', async () => {
    const missing = await call(base, '/api/v1/metrics', { body: { campaignId } })
    expect([missing.status, missing.body.error.code]).toEqual([401, 'missing_key'])
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/)
    const unknown = await call(base, '/api/v1/metrics', { key: `cd_live_${'A'.repeat(43)}`, body: { campaignId } })
    expect([unknown.status, unknown.body.error.code]).toEqual([401, 'unknown_key'])
    // A key of another workspace does not reach this one's campaigns: T2 has its own, unseen here.
    const other = await withDatabase(rig, (prisma) => prisma.campaign.findFirstOrThrow({ where: { teamId: 'T2' } }))
    rig.clock.set(new Date(rig.clock.now().getTime() + 10_000).toISOString())
    const elsewhere = await api({ campaignId: other.id, metric: 'signups', date: '2026-12-07', value: 1 })
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, 'campaign_not_found'])
  })

  it('an Idempotency-Key repeated with the same body gets the same answer and adds nothing; with another body, 422', async () => {
    rig.clock.set('2026-12-07T05:00:00Z')
    const body = { campaignId, metric: 'signups', date: '2026-12-05', value: 40, kind: 'day' }
    const first = await api(body, { headers: { 'idempotency-key': 'sync-2026-12-05' } })
    expect(first.status).toBe(201)
    const [count, revised] = [(await entries()).length, await revisions()]

    // The same body, its keys in another order: the same answer, replayed.
    const again = await api({ value: 40, date: '2026-12-05', metric: 'signups', campaignId }, { headers: { 'idempotency-key': 'sync-2026-12-05' } })
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect([(await entries()).length, await revisions()]).toEqual([count, revised])

    const changed = await api({ ...body, value: 41 }, { headers: { 'idempotency-key': 'sync-2026-12-05' } })
    expect([changed.status, changed.body.error.code]).toEqual([422, 'idempotency_key_reused'])
    expect((await entries()).find((e) => e.onDate === '2026-12-05')!.value).toBe(40)

    // Kept in the database, so another instance answers the same.
    const other = await rig.startAnotherInstance()
    const elsewhere = await call(other.app.url!, '/api/v1/metrics', { key, body, headers: { 'idempotency-key': 'sync-2026-12-05' } })
    expect([elsewhere.status, elsewhere.body]).toEqual([201, first.body])

    // After 24 h the key is free again.
    rig.clock.set('2026-12-08T05:01:00Z')
    const later = await api({ ...body, value: 41 }, { headers: { 'idempotency-key': 'sync-2026-12-05' } })
    expect(later.status).toBe(200)
    expect(later.body.entry.value).toBe(41)
    expect(await withDatabase(rig, (prisma) => prisma.apiIdempotency.count())).toBe(1)
  })

  it('the same Idempotency-Key sent twice at once saves once: both get the one answer', async () => {
    rig.clock.set('2026-12-08T06:00:00Z')
    const [count, revised] = [(await entries()).length, await revisions()]
    const body = { campaignId, metric: 'signups', date: '2026-12-03', value: 7 }
    const both = await Promise.all([1, 2].map(() => api(body, { headers: { 'idempotency-key': 'race-1' } })))
    expect(both.map((answer) => answer.status)).toEqual([201, 201])
    expect(both[1]!.body).toEqual(both[0]!.body)
    expect([(await entries()).length, await revisions()]).toEqual([count + 1, revised])
  })

  it('a burst over the limit is answered 429 with Retry-After; after that many seconds one more call goes through', async () => {
    const burstKey = await makeKey(rig, 'Burst')
    // Stopped between moves: the limit counts to the millisecond.
    rig.clock.freeze('2026-12-09T00:00:00Z')
    const body = { campaignId, metric: 'signups', date: '2026-12-08', value: 1 }
    for (let i = 0; i < limit.capacity; i++) expect((await api(body, { key: burstKey })).status).toBe(i === 0 ? 201 : 200)
    const refused = await api(body, { key: burstKey })
    expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited'])
    expect(refused.headers.get('retry-after')).toBe('2')
    // Another key has its own limit.
    expect((await api(body)).status).toBe(200)

    rig.clock.freeze('2026-12-09T00:00:01.999Z')
    expect((await api(body, { key: burstKey })).status).toBe(429)
    rig.clock.freeze('2026-12-09T00:00:02Z')
    expect((await api(body, { key: burstKey })).status).toBe(200)
    expect((await api(body, { key: burstKey })).status).toBe(429)
    rig.clock.set('2026-12-09T00:00:10Z')
  })

  it('a revoked key is refused with 401 from then on', async () => {
    const open = async () => {
      const since = rig.slack.calls.length
      await rig.client.slashCommand({ teamId: 'T1', userId: admin, channelId: 'C1', text: 'settings api-keys' })
      return (await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })).result.view
    }
    let view = await open()
    const row = await withDatabase(rig, (prisma) => prisma.apiKey.findFirstOrThrow({ where: { name: 'Shop <nightly> sync' } }))
    // Someone who is not (or no longer) an admin: the modal says so, and the key stays.
    const sinceForged = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: apiKeyIds.revoke, value: String(row.id), view: { id: view.id, type: 'modal', callback_id: view.callback_id } })
    const told = await rig.slack.waitFor('views.update', (c) => c.result?.ok === true, { since: sinceForged })
    expect(JSON.stringify(told.result.view.blocks)).toContain('Only a workspace admin can manage API keys.')
    expect((await withDatabase(rig, (prisma) => prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } }))).revokedAt).toBeNull()
    const forgedMake = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: { [apiKeyIds.nameBlock]: { [apiKeyIds.nameAction]: { type: 'plain_text_input', value: 'Mine' } } } })
    expect(forgedMake.body).toEqual({ response_action: 'errors', errors: { [apiKeyIds.nameBlock]: 'Only a workspace admin can manage API keys.' } })

    view = await open()
    const sinceClick = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: admin, actionId: apiKeyIds.revoke, value: String(row.id), view: { id: view.id, type: 'modal', callback_id: view.callback_id, hash: view.hash } })
    const updated = await rig.slack.waitFor('views.update', (c) => c.result?.ok === true, { since: sinceClick })
    expect(JSON.stringify(updated.result.view.blocks)).not.toContain('Shop &lt;nightly&gt; sync')
    expect(JSON.stringify(updated.result.view.blocks)).toContain('Burst')

    rig.clock.set('2026-12-09T01:00:00Z')
    const refused = await api({ campaignId, metric: 'signups', date: '2026-12-08', value: 1 })
    expect([refused.status, refused.body.error.code]).toEqual([401, 'revoked_key'])
  })

  it('the database failing mid-save is 503 with nothing written, entry or kept answer', async () => {
    const live = await makeKey(rig, 'Fault')
    const failIdempotency = provider === 'sqlite'
      ? ['CREATE TRIGGER refuse_answer BEFORE INSERT ON "ApiIdempotency" BEGIN SELECT RAISE(ABORT, \'disk trouble\'); END']
      : [
          'CREATE FUNCTION refuse_answer() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION \'disk trouble\'; END $$ LANGUAGE plpgsql',
          'CREATE TRIGGER refuse_answer BEFORE INSERT ON "ApiIdempotency" FOR EACH ROW EXECUTE FUNCTION refuse_answer()',
        ]
    await withDatabase(rig, async (prisma) => { for (const sql of failIdempotency) await prisma.$executeRawUnsafe(sql) })
    const before = await entries()
    const answer = await api({ campaignId, metric: 'signups', date: '2026-12-04', value: 9 }, { key: live, headers: { 'idempotency-key': 'fault-1' } })
    expect([answer.status, answer.body.error.code]).toEqual([503, 'unavailable'])
    expect(answer.headers.get('retry-after')).toBe('5')
    expect(await entries()).toEqual(before)
    await withDatabase(rig, (prisma) => prisma.$executeRawUnsafe('DROP TRIGGER refuse_answer' + (provider === 'sqlite' ? '' : ' ON "ApiIdempotency"')))
    const retried = await api({ campaignId, metric: 'signups', date: '2026-12-04', value: 9 }, { key: live, headers: { 'idempotency-key': 'fault-1' } })
    expect(retried.status).toBe(201)
  })

  it('serves its OpenAPI document without a key, and answers other paths and methods in JSON', async () => {
    const doc = await call(base, '/api/v1/openapi.json', { method: 'GET' })
    expect(doc.status).toBe(200)
    expect(doc.body.openapi).toBe('3.1.0')
    const wrongMethod = await call(base, '/api/v1/metrics', { method: 'GET' })
    expect([wrongMethod.status, wrongMethod.body.error.code, wrongMethod.headers.get('allow')]).toEqual([405, 'method_not_allowed', 'POST'])
    const nowhere = await call(base, '/api/v2/metrics', { method: 'GET' })
    expect([nowhere.status, nowhere.body.error.code]).toEqual([404, 'not_found'])
  })

  it('deletes the workspace keys and their kept answers with the workspace', async () => {
    await withDatabase(rig, (prisma) => workspaceDataStore(prisma).deleteAll('T1', { withInstallation: false }))
    expect(await withDatabase(rig, (prisma) => Promise.all([prisma.apiKey.count(), prisma.apiIdempotency.count()]))).toEqual([0, 0])
  })
})

describe('figures by API in Socket Mode', () => {
  it('is served on PORT beside /healthz, with its own auth', async () => {
    const rig = await startRig('sqlite', { socketMode: true })
    try {
      const doc = await call(rig.app.operationsUrl, '/api/v1/openapi.json', { method: 'GET' })
      expect([doc.status, doc.body.openapi]).toEqual([200, '3.1.0'])
      const missing = await call(rig.app.operationsUrl, '/api/v1/metrics', { body: { campaignId: 1 } })
      expect([missing.status, missing.body.error.code]).toEqual([401, 'missing_key'])
    } finally {
      await rig.close()
    }
  })
})

describe.runIf(postgresAdminUrl() !== null)('figures by API when PostgreSQL is down', () => {
  it('answers 503 with Retry-After, and works again once it is back', async () => {
    const rig = await startRig('postgresql')
    const name = new URL(rig.db.url).pathname.slice(1)
    const asAdmin = async (sql: string) => {
      const client = new pg.Client({ connectionString: postgresAdminUrl()! })
      await client.connect()
      try { await client.query(sql) } finally { await client.end() }
    }
    try {
      castTheUsualPeople(rig)
      rig.slack.addUser({ id: admin, teamId: 'T1', name: 'admin', isAdmin: true })
      const key = await makeKey(rig, 'Outage')
      await asAdmin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`)
      await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`)
      const down = await call(rig.app.url!, '/api/v1/metrics', { key, body: { campaignId: 1, metric: 'signups', date: '2026-12-01', value: 1 } })
      expect([down.status, down.body.error.code]).toEqual([503, 'unavailable'])
      await asAdmin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`)
      const back = await call(rig.app.url!, '/api/v1/metrics', { key, body: { campaignId: 1, metric: 'signups', date: '2026-12-01', value: 1 } })
      expect([back.status, back.body.error.code]).toEqual([404, 'campaign_not_found'])
    } finally {
      await asAdmin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {})
      await rig.close()
    }
  })
})

// Follow-ups of the figures API (issue 17), end to end over loopback with the injected clock:
// failed keys are limited per client address (before, a script could send wrong keys without
// end, each one a database read); every call is counted on GET /metrics by route and status, with
// its duration (before, the API was missing there); and Idempotency-Key answers past 24 hours
// are swept by the scheduler's retention pass in single-workspace mode too (before, they stayed
// until the same key wrote again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultFailedAuthLimit } from '../../src/api/failedAuthLimiter.ts'
import { apiKeyIds } from '../../src/slack/apiKeys/modal.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople } from '../support/proposals.ts'

const admin = 'U9'
const wrongKey = `cd_live_${'A'.repeat(43)}`

async function post(rig: Rig, key: string | null, body: unknown, headers: Record<string, string> = {}, path = '/api/v1/metrics') {
  const response = await fetch(new URL(path, rig.app.url!), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: (text ? JSON.parse(text) : null)?.error?.code as string | undefined }
}

async function makeKey(rig: Rig, name: string): Promise<string> {
  const since = rig.slack.calls.length
  await rig.client.slashCommand({ teamId: 'T1', userId: admin, channelId: 'C1', text: 'settings api-keys' })
  const view = (await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })).result.view
  const made = await rig.client.viewSubmission({ teamId: 'T1', userId: admin, view, values: { [apiKeyIds.nameBlock]: { [apiKeyIds.nameAction]: { type: 'plain_text_input', value: name } } } })
  return /cd_live_[A-Za-z0-9_-]{43}/.exec(JSON.stringify(made.body.view.blocks))![0]
}

/** The value of one sample of the Prometheus text, e.g. `campaign_desk_api_requests_total{route="…",status="401"}`. */
async function sample(rig: Rig, series: string): Promise<number | undefined> {
  const response = await fetch(`${rig.app.operationsUrl}/metrics`)
  expect(response.status).toBe(200)
  const line = (await response.text()).split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe.each(testProviders())('figures API guards on %s', (provider) => {
  let rig: Rig
  let key: string
  let campaignId: number
  const figure = (date: string, value: number) => ({ campaignId, metric: 'signups', date, value })

  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: admin, teamId: 'T1', name: 'admin', isAdmin: true })
    rig.clock.set('2026-12-07T04:00:00Z')
    ;({ campaignId } = await seedLiveCampaign(rig, { name: 'Winter tea week', startDate: '2026-12-01', endDate: '2026-12-20', goals: [{ metric: 'signups', targetValue: 1000 }] }))
    key = await makeKey(rig, 'Nightly')
  })
  afterAll(async () => rig.close())

  it('limits failed keys per address: 429 with Retry-After before the key is looked up, for a good key too, until the bucket refills', async () => {
    const { capacity } = defaultFailedAuthLimit
    rig.clock.freeze('2026-12-07T05:00:00Z')
    // Missing, malformed and unknown keys all count.
    expect((await post(rig, null, figure('2026-12-06', 1))).code).toBe('missing_key')
    expect((await post(rig, null, figure('2026-12-06', 1), { authorization: 'Basic abc' })).code).toBe('missing_key')
    for (let i = 2; i < capacity; i++) expect((await post(rig, wrongKey, figure('2026-12-06', 1))).status).toBe(401)
    const refused = await post(rig, wrongKey, figure('2026-12-06', 1))
    expect([refused.status, refused.code, refused.retryAfter]).toEqual([429, 'too_many_failed_keys', '6'])
    // From that address even a good key waits: a guess that happens to be right is not told so.
    const good = await post(rig, key, figure('2026-12-06', 1))
    expect([good.status, good.code]).toEqual([429, 'too_many_failed_keys'])

    rig.clock.freeze('2026-12-07T05:00:05.999Z')
    expect((await post(rig, wrongKey, figure('2026-12-06', 1))).status).toBe(429)
    rig.clock.freeze('2026-12-07T05:00:06Z')
    // One attempt has come back: the good key goes through and takes none of it.
    expect((await post(rig, key, figure('2026-12-06', 1))).status).toBe(201)
    expect((await post(rig, wrongKey, figure('2026-12-06', 1))).status).toBe(401)
    expect((await post(rig, wrongKey, figure('2026-12-06', 1))).status).toBe(429)
    // A minute on, the good key is served again (and its own limit is its own).
    rig.clock.set('2026-12-07T05:02:00Z')
    expect((await post(rig, key, figure('2026-12-06', 2))).status).toBe(200)
  })

  it('counts every API call on GET /metrics by route and status, with its duration', async () => {
    const series = (status: number) => `campaign_desk_api_requests_total{route="/api/v1/metrics",status="${status}"}`
    // The calls of the test before: every failure the bucket held and the one that came back; four refusals.
    expect(await sample(rig, series(401))).toBe(defaultFailedAuthLimit.capacity + 1)
    expect(await sample(rig, series(429))).toBe(4)
    expect(await sample(rig, series(201))).toBe(1)
    expect(await sample(rig, series(200))).toBe(1)
    expect(await sample(rig, 'campaign_desk_api_request_seconds_count{route="/api/v1/metrics"}')).toBe(defaultFailedAuthLimit.capacity + 7)

    // A path the API does not serve is counted as `other`, never by the path a caller made up.
    expect((await post(rig, key, {}, {}, '/api/v1/made-up-path')).status).toBe(404)
    expect(await sample(rig, 'campaign_desk_api_requests_total{route="other",status="404"}')).toBe(1)
    const doc = await fetch(new URL('/api/v1/openapi.json', rig.app.url!))
    expect(doc.status).toBe(200)
    expect(await sample(rig, 'campaign_desk_api_requests_total{route="/api/v1/openapi.json",status="200"}')).toBe(1)
  })

  it('sweeps Idempotency-Key answers past 24 hours at the scheduler\'s retention pass, of a key that never writes again', async () => {
    rig.clock.set('2026-12-07T06:00:00Z')
    expect((await post(rig, key, figure('2026-12-05', 3), { 'idempotency-key': 'once-a' })).status).toBe(201)
    rig.clock.set('2026-12-07T07:00:00Z')
    expect((await post(rig, key, figure('2026-12-04', 3), { 'idempotency-key': 'once-b' })).status).toBe(201)
    const kept = () => withDatabase(rig, async (prisma) => (await prisma.apiIdempotency.findMany({ orderBy: { id: 'asc' } })).map((row) => row.idempotencyKey))

    rig.clock.set('2026-12-08T05:59:00Z')
    await rig.app.scheduler.tick()
    expect(await kept()).toEqual(['once-a', 'once-b'])
    rig.clock.set('2026-12-08T06:30:00Z')
    await rig.app.scheduler.tick()
    expect(await kept()).toEqual(['once-b'])
    rig.clock.set('2026-12-08T07:00:01Z')
    await rig.app.scheduler.tick()
    expect(await kept()).toEqual([])
  })
})

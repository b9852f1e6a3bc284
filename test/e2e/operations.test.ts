// What operators see (issue 16 §4): GET /healthz (database reachable, age of the scheduler's last
// pass, oldest due outbox row; 503 naming what is wrong) and GET /metrics (Prometheus text) on PORT,
// in HTTP mode and in Socket Mode, with label values that never carry user text or a token.
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { outboxStaleAfterSeconds, schedulerStaleAfterSeconds } from '../../src/telemetry/health.ts'
import { postgresAdminUrl, testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { castWorkspace, installWorkspace } from '../support/install.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople, propose } from '../support/proposals.ts'

async function health(rig: Rig): Promise<{ status: number; body: any }> {
  const response = await fetch(`${rig.app.operationsUrl}/healthz`)
  return { status: response.status, body: await response.json() }
}

async function metrics(rig: Rig): Promise<string> {
  const response = await fetch(`${rig.app.operationsUrl}/metrics`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return response.text()
}

/** The value of one sample, e.g. sample(text, 'campaign_desk_deliveries_total{outcome="sent"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

function later(rig: Rig, seconds: number): void {
  rig.clock.set(new Date(rig.clock.now().getTime() + seconds * 1000).toISOString())
}

describe.each(testProviders())('health and metrics on %s', (provider) => {
  let rig: Rig
  afterEach(async () => rig.close())

  it('/healthz answers 200 with the three checks while all is well', async () => {
    rig = await startRig(provider)
    await rig.app.scheduler.tick()
    const { status, body } = await health(rig)
    expect(status).toBe(200)
    expect(body).toEqual({
      status: 'ok', database: { ok: true }, scheduler: { ok: true, lastPassSecondsAgo: expect.any(Number) },
      outbox: { ok: true, oldestDueSecondsAgo: null }, problems: [],
    })
  })

  it('/healthz answers 503 naming the scheduler when it has not passed for minutes', async () => {
    rig = await startRig(provider)
    await rig.app.scheduler.tick()
    later(rig, schedulerStaleAfterSeconds + 60)
    const { status, body } = await health(rig)
    expect(status).toBe(503)
    expect(body.scheduler.ok).toBe(false)
    expect(body.problems).toEqual([expect.stringMatching(/^scheduler: last pass \d+ s ago \(more than 180 s\)$/)])
    // The next pass mends it.
    await rig.app.scheduler.tick()
    expect((await health(rig)).status).toBe(200)
  })

  it('/healthz answers 503 naming the outbox when a due post has waited too long', async () => {
    rig = await startRig(provider)
    await rig.app.scheduler.tick()
    // A post a dead instance claimed for an hour, due ten minutes ago: nobody can send it.
    const now = rig.clock.now()
    await withDatabase(rig, (prisma) => prisma.outboxMessage.create({
      data: {
        teamId: 'T1', dedupeKey: 'stuck', kind: 'post', target: 'C1', payload: JSON.stringify({ text: 'stuck' }),
        nextAttemptAt: new Date(now.getTime() - 600_000), claimedBy: 'dead-instance', claimedUntil: new Date(now.getTime() + 3_600_000), createdAt: now,
      },
    }))
    const { status, body } = await health(rig)
    expect(status).toBe(503)
    expect(body.outbox).toEqual({ ok: false, oldestDueSecondsAgo: expect.any(Number) })
    expect(body.outbox.oldestDueSecondsAgo).toBeGreaterThan(outboxStaleAfterSeconds)
    expect(body.problems).toEqual([expect.stringMatching(/^outbox: a post due \d+ s ago is still waiting \(more than 300 s\)$/)])
  })

  if (provider === 'postgresql') it('/healthz answers 503 naming the database when it refuses connections', async () => {
    rig = await startRig(provider)
    await rig.app.scheduler.tick()
    const name = new URL(rig.db.url).pathname.slice(1)
    const admin = new pg.Client({ connectionString: postgresAdminUrl()! })
    await admin.connect()
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`)
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
      const { status, body } = await health(rig)
      expect(status).toBe(503)
      expect(body.database.ok).toBe(false)
      expect(body.problems[0]).toMatch(/^database: /)
      expect(JSON.stringify(body)).not.toContain('postgres@')
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`)
      await admin.end()
    }
    expect((await health(rig)).status).toBe(200)
  })

  it('/metrics: requests, acknowledgement latency, outbox rows, deliveries, 429s and retries, scheduler passes, workspaces, process', async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    // A 429 on the approver's DM (its conversations.open): retried after Retry-After.
    rig.slack.failNext('conversations.open', { rateLimited: 1 })
    await propose(rig)
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'DU2', { timeoutMs: 20_000 })
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'show <@U3> secret-user-text-QQ' })
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'help' })
    await rig.app.scheduler.tick()
    const text = await metrics(rig)
    expect(sample(text, 'campaign_desk_slack_requests_total{kind="command",outcome="ok"}')).toBeGreaterThanOrEqual(3)
    expect(sample(text, 'campaign_desk_slack_requests_total{kind="view_submission",outcome="ok"}')).toBe(1)
    expect(sample(text, 'campaign_desk_slack_ack_seconds_count{kind="command"}')).toBeGreaterThanOrEqual(3)
    expect(sample(text, 'campaign_desk_slack_ack_seconds_bucket{le="3",kind="command"}')).toBeGreaterThanOrEqual(3)
    expect(sample(text, 'campaign_desk_outbox_rows{status="sent"}')).toBeGreaterThanOrEqual(2)
    expect(sample(text, 'campaign_desk_deliveries_total{outcome="sent"}')).toBeGreaterThanOrEqual(2)
    expect(sample(text, 'campaign_desk_slack_rate_limited_total')).toBe(1)
    expect(sample(text, 'campaign_desk_delivery_retries_total{reason="rate_limited"}')).toBe(1)
    expect(sample(text, 'campaign_desk_scheduler_pass_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'campaign_desk_installed_workspaces')).toBe(1)
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0)
    // Label values come from fixed lists: no user text, no ids, no token.
    for (const forbidden of ['secret-user-text-QQ', 'U3', 'C1', 'T1', 'xoxb-']) expect(text).not.toContain(forbidden)
  })

  it('Socket Mode serves /healthz and /metrics on PORT too', async () => {
    rig = await startRig(provider, { socketMode: true })
    expect(rig.app.port).toBeNull()
    await rig.app.scheduler.tick()
    expect((await health(rig)).status).toBe(200)
    expect(await metrics(rig)).toContain('campaign_desk_outbox_rows')
  })

  it('counts the installed workspaces (many workspaces), and a departure', async () => {
    rig = await startRig(provider, { oauth: {} })
    for (const teamId of ['T2', 'T3']) {
      castWorkspace(rig, teamId)
      await installWorkspace(rig, { teamId })
    }
    expect(sample(await metrics(rig), 'campaign_desk_installed_workspaces')).toBe(2)
    await seedLiveCampaign(rig, { teamId: 'T2', channelId: 'C201', ownerId: 'U201', startDate: '2026-11-25', endDate: '2026-12-20' })
    await rig.client.event({ teamId: 'T3', event: { type: 'app_uninstalled' } })
    // Bolt acks before its listener runs: wait for the count (the test's timeout bounds it).
    await expect.poll(async () => sample(await metrics(rig), 'campaign_desk_installed_workspaces'), { timeout: 30_000, interval: 20 }).toBe(1)
  })
})

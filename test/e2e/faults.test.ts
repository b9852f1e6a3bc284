// The fault suite (issue 16 §5): the service under the faults a deployment meets.
// - PostgreSQL away mid-run (connections cut and refused, as in a restart or failover): requests in
//   that moment are answered in words — also by an instance that could not look the workspace's
//   token up — nothing is half-written, /healthz says so, and work resumes on its own after.
// - An instance killed with kill -9 while delivering: another takes its rows over; nothing is lost
//   and nothing posted twice (the posts it had under way had not been accepted by Slack).
// - Slack unreachable for ten minutes of the clock: what fell due is posted once, after.
// - A workspace uninstalled while its posts are queued: test/e2e/workspaceLeaves.test.ts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { startCampaignDesk, type RunningCampaignDesk } from '../../src/campaignDesk.ts'
import { parseConfig } from '../../src/config.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { createLogger } from '../../src/logger.ts'
import { unavailableText } from '../../src/slack/install/notInstalled.ts'
import { exitWithin, readyLine, startAppProcess, processTestMs, type AppProcess } from '../support/appProcess.ts'
import { freshDatabase, postgresAdminUrl, testProviders, type TestDatabase } from '../support/databases.ts'
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.ts'
import { startRig, testClock, type Rig } from '../support/harness.ts'
import { castWorkspace, installWorkspace } from '../support/install.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { outboxSettled } from '../support/settle.ts'

async function asAdmin(sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl()! })
  await client.connect()
  try {
    await client.query(sql, params)
  } finally {
    await client.end()
  }
}

/** A live campaign in the workspace whose digest is due (the rig starts at 10:00 Shanghai). */
async function liveCampaignIn(rig: Rig, teamId: string) {
  const cast = castWorkspace(rig, teamId)
  await seedLiveCampaign(rig, { teamId, name: `${teamId} launch`, channelId: cast.channel, ownerId: cast.owner, approverId: cast.approver, startDate: '2026-11-25', endDate: '2026-12-24', timeZone: 'Asia/Shanghai' })
  await installWorkspace(rig, { teamId, teamName: `${teamId} team` })
  return cast
}

const digestsIn = (rig: Rig, channel: string) => rig.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok === true && c.args.channel === channel && JSON.stringify(c.args.blocks ?? '').includes('Daily digest'))

describe.runIf(postgresAdminUrl() !== null)('PostgreSQL away mid-run, many workspaces', () => {
  let rig: Rig
  let name: string
  afterEach(async () => {
    await asAdmin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`)
    await rig.close()
  })

  it('answers in words meanwhile, writes nothing half, and resumes on its own', async () => {
    rig = await startRig('postgresql', { oauth: {} })
    name = new URL(rig.db.url).pathname.slice(1)
    const beta = await liveCampaignIn(rig, 'T2')
    const gamma = await liveCampaignIn(rig, 'T3')
    // A workspace with no campaign: nothing of an instance's own (the scheduler's look-ups) asks
    // for its token, so an instance started after the installs has none cached. The first instance
    // has Gamma's cached by a request.
    const delta = castWorkspace(rig, 'T4')
    await installWorkspace(rig, { teamId: 'T4', teamName: 'Delta' })
    const cold = await rig.startAnotherInstance()
    await rig.client.slashCommand({ teamId: 'T3', userId: gamma.owner, channelId: gamma.channel, text: 'help' })

    await asAdmin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`)
    await asAdmin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
    const coldAnswer = await cold.client.slashCommand({ teamId: 'T4', userId: delta.owner, channelId: delta.channel, text: 'list' })
    expect(coldAnswer.status).toBe(200)
    expect(coldAnswer.body).toEqual({ response_type: 'ephemeral', text: unavailableText() })
    const responseUrl = rig.slack.newResponseUrl()
    await rig.client.slashCommand({ teamId: 'T3', userId: gamma.owner, channelId: gamma.channel, text: 'list', responseUrl })
    const told = await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { timeoutMs: 20_000 })
    expect(told.body.text).toBe(messagesFor('en').trouble.database)
    await rig.app.scheduler.tick() // fails inside, logged; nothing written
    expect((await fetch(`${rig.app.operationsUrl}/healthz`)).status).toBe(503)

    await asAdmin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`)
    await rig.app.scheduler.tick()
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === beta.channel, { timeoutMs: 20_000 })
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === gamma.channel, { timeoutMs: 20_000 })
    const again = await cold.client.slashCommand({ teamId: 'T4', userId: delta.owner, channelId: delta.channel, text: 'help' })
    expect(again.body?.text ?? '').not.toBe(unavailableText())
    expect((await fetch(`${rig.app.operationsUrl}/healthz`)).status).toBe(200)
    // One digest each: the failed pass wrote nothing, the next wrote each once.
    const rows = await withDatabase(rig, (prisma) => prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'digest:' } } }))
    expect(rows.map((row) => row.teamId).sort()).toEqual(['T2', 'T3'])
    expect(digestsIn(rig, beta.channel)).toHaveLength(1)
    expect(digestsIn(rig, gamma.channel)).toHaveLength(1)
  })
})

describe.each(testProviders())('an instance killed with kill -9 while delivering, on %s', (provider) => {
  let slack: FakeSlack
  let db: TestDatabase
  let child: AppProcess | null = null
  let successor: RunningCampaignDesk | null = null
  afterEach(async () => {
    if (child && child.process.exitCode === null) child.process.kill('SIGKILL')
    await successor?.stop()
    await slack.close()
    await db.cleanup()
  })

  it('loses nothing: another instance takes its rows over and posts each once', { timeout: processTestMs }, async () => {
    slack = await startFakeSlack({ botToken: 'xoxb-test' })
    slack.addChannel({ id: 'C1', name: 'campaigns', members: [slack.botUserId] })
    db = await freshDatabase(provider)
    const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: '0123456789abcdef', SLACK_API_URL: slack.apiUrl, PORT: '0', DATABASE_URL: db.url, LOG_LEVEL: 'warn' }
    child = startAppProcess(env, { parentDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cd-kill-')) })
    await readyLine(child)

    // Twenty posts queued; Slack takes them in and never answers, so they are under way when it dies.
    slack.failAlways('chat.postMessage', { hang: true })
    const config = parseConfig(env)
    const now = new Date()
    const { openDatabase } = await import('../../src/store/database.ts')
    const database = await openDatabase(config.database)
    try {
      for (let i = 0; i < 20; i += 1) {
        await database.prisma.outboxMessage.create({
          data: { teamId: 'T1', dedupeKey: `fault:${i}`, kind: 'post', target: 'C1', payload: JSON.stringify({ text: `post ${i}` }), nextAttemptAt: now, createdAt: now },
        })
      }
    } finally {
      await database.close()
    }
    await slack.waitFor('chat.postMessage', () => true, { timeoutMs: 30_000 })
    child.process.kill('SIGKILL')
    expect((await exitWithin(child, 30_000, 'the killed app to go')).signal).toBe('SIGKILL')
    slack.clearFailures()

    // Its claims ran out (a minute): the next instance, started later, takes every row over.
    const clock = testClock(new Date(Date.now() + 2 * 60_000).toISOString())
    successor = await startCampaignDesk(config, { clock, logger: createLogger('silent'), dispatcher: { pollMs: 50 } })
    // Every row dealt with and nothing under way: a second post of any would be in by now.
    await outboxSettled({ app: successor, config, clock }, { timeout: 60_000 })
    const texts = slack.messagesIn('C1').map((message) => message.text)
    expect(texts.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `post ${i}`).sort())
  })
})

describe.each(testProviders())('Slack unreachable for ten minutes of the clock, on %s', (provider) => {
  let rig: Rig
  afterEach(async () => rig.close())

  it('posts what fell due meanwhile once, after, in every workspace', async () => {
    rig = await startRig(provider, { oauth: {} })
    // Down before anything can be posted (the scheduler also ticks on its own, every minute).
    rig.slack.failAlways('chat.postMessage', { status: 503 })
    const beta = await liveCampaignIn(rig, 'T2')
    const gamma = await liveCampaignIn(rig, 'T3')
    for (let minute = 0; minute < 10; minute += 1) {
      await rig.app.scheduler.tick()
      rig.clock.set(new Date(rig.clock.now().getTime() + 60_000).toISOString())
      await rig.app.deliverDue() // the dispatcher tries (and fails) meanwhile
    }
    expect(digestsIn(rig, beta.channel)).toEqual([])
    expect(rig.slack.callsTo('chat.postMessage').filter((c) => c.failed).length).toBeGreaterThan(0)
    rig.slack.clearFailures()
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === beta.channel, { timeoutMs: 20_000 })
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === gamma.channel, { timeoutMs: 20_000 })
    await rig.app.scheduler.tick()
    await outboxSettled(rig)
    expect(digestsIn(rig, beta.channel)).toHaveLength(1)
    expect(digestsIn(rig, gamma.channel)).toHaveLength(1)
    expect(digestsIn(rig, beta.channel)[0]!.token).toBe(rig.slack.tokensOf('T2')[0]!.token)
  })
})

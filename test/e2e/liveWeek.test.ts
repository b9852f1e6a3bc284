// Exactly once, through a simulated week: two app instances on one database, both ticking every
// hour of simulated time, with campaigns in Shanghai, New York and London, task owners in
// their own zones, data owners and a goal behind its pace. Every digest, reminder, prompt and alert
// reaches the fake Slack exactly once, and on the days and at the local times the rules say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { instantOf } from '../../src/domain/localTime.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { seedCampaign } from '../support/live.ts'

type Sent = { dedupeKey: string; kind: string; target: string; sentAt: Date | null; slackChannel: string | null; slackTs: string | null }

describe.each(testProviders())('a simulated week on %s', (provider) => {
  let rig: Rig
  let second: Awaited<ReturnType<Rig['startAnotherInstance']>> | null = null
  let database: Database
  beforeAll(async () => {
    rig = await startRig(provider, { now: '2026-12-06T12:00:00Z' })
    database = await openDatabase(rig.config.database)
    rig.slack.addUser({ id: 'U1', name: 'olivia', tz: 'Europe/London' })
    rig.slack.addUser({ id: 'U2', name: 'ada', tz: 'Europe/London' })
    rig.slack.addUser({ id: 'UNY', name: 'nora', tz: 'America/New_York' })
    rig.slack.addUser({ id: 'USH', name: 'li', tz: 'Asia/Shanghai', locale: 'zh-CN' })
    for (const channel of ['CSH', 'CNY', 'CLN']) rig.slack.addChannel({ id: channel, name: channel.toLowerCase(), members: ['U1', rig.slack.botUserId] })
    // Several instances are a PostgreSQL deployment. On SQLite, two instances in this one test
    // process would block each other's event loop on the file lock (better-sqlite3 waits
    // synchronously), so it runs one instance ticking twice per step instead.
    if (provider === 'postgresql') second = await rig.startAnotherInstance()
  })
  afterAll(async () => {
    await database.close()
    await rig.close()
  })

  /** Polls until the outbox has drained; the test's (long) timeout bounds it, not a deadline of its own. */
  async function settle(): Promise<void> {
    while ((await database.prisma.outboxMessage.count({ where: { status: 'pending' } })) > 0) await new Promise((resolve) => setTimeout(resolve, 25))
  }

  it('posts every digest, reminder, prompt and alert exactly once, at its local time', async () => {
    // Week of Monday 7 December 2026; windows 1–20 December.
    const window = { startDate: '2026-12-01', endDate: '2026-12-20' }
    const shanghai = await seedCampaign(database.prisma, {
      ...window, name: 'Double 12', channelId: 'CSH', timeZone: 'Asia/Shanghai',
      tasks: [{ dueDate: '2026-12-09', ownerId: 'USH' }],
      goals: [{ targetValue: 2000, dataOwnerId: 'USH' }], promoterIds: ['U2'],
    })
    const newYork = await seedCampaign(database.prisma, {
      ...window, name: 'Holiday push', channelId: 'CNY', timeZone: 'America/New_York',
      tasks: [{ dueDate: '2026-12-10', ownerId: 'UNY' }],
    })
    const london = await seedCampaign(database.prisma, { ...window, name: 'Winter sale', channelId: 'CLN', timeZone: 'Europe/London', tasks: [] })

    for (let t = new Date('2026-12-06T12:00:00Z').getTime(); t <= new Date('2026-12-12T12:00:00Z').getTime(); t += 60 * 60_000) {
      rig.clock.set(new Date(t).toISOString())
      await Promise.all([rig.app.scheduler.tick(), (second?.app ?? rig.app).scheduler.tick()])
      await settle()
    }

    const rows: Sent[] = await database.prisma.outboxMessage.findMany({
      where: { status: 'sent', kind: { in: ['post', 'dm'] }, campaignId: { in: [shanghai.campaignId, newYork.campaignId, london.campaignId] } },
      select: { dedupeKey: true, kind: true, target: true, sentAt: true, slackChannel: true, slackTs: true },
    })
    const live = rows.filter((row) => /^(digest|reminder|metric-prompt|pace|away|gone):/.test(row.dedupeKey))
    // Each sent row is one message in Slack, and no message was posted twice.
    const posted = rig.slack.calls.filter((call) => call.method === 'chat.postMessage' && call.result?.ok === true)
    for (const row of live) {
      expect(posted.filter((call) => call.result.ts === row.slackTs && call.result.channel === row.slackChannel), row.dedupeKey).toHaveLength(1)
    }
    const postedToCampaignChannels = posted.filter((call) => ['CSH', 'CNY', 'CLN'].includes(String(call.args.channel)))
    expect(postedToCampaignChannels).toHaveLength(live.filter((row) => row.kind === 'post').length)
    expect(new Set(posted.map((call) => `${call.result.channel}:${call.result.ts}`)).size).toBe(posted.length)

    const keys = live.map((row) => row.dedupeKey).sort()
    const digestDays = (campaignId: number) => keys.filter((key) => key.startsWith(`digest:${campaignId}:`)).map((key) => key.split(':')[2])
    const weekdays = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']
    // Shanghai's Saturday starts before the run ends, its 09:30 comes after; New York's Friday 09:30 is 14:30Z.
    expect(digestDays(shanghai.campaignId)).toEqual(weekdays)
    expect(digestDays(newYork.campaignId)).toEqual(weekdays)
    expect(digestDays(london.campaignId)).toEqual(weekdays)
    expect(keys.filter((key) => key.startsWith('reminder:'))).toEqual([
      ...['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map((day) => `reminder:${shanghai.taskIds[0]}:${day}:2026-12-09`),
      ...['2026-12-09', '2026-12-10', '2026-12-11'].map((day) => `reminder:${newYork.taskIds[0]}:${day}:2026-12-10`),
    ].sort())
    // Nothing entered all week: a prompt each working day, and the goal (expected 300 by the 6th) behind every day.
    expect(keys.filter((key) => key.startsWith('metric-prompt:'))).toEqual(weekdays.map((day) => `metric-prompt:${shanghai.campaignId}:USH:${day}`))
    expect(keys.filter((key) => key.startsWith('pace:'))).toEqual(weekdays.map((day) => `pace:${shanghai.goalIds[0]}:${day}`))

    // At the local times: digests at 09:30 in the campaign's zone, reminders at 09:00 in the owner's.
    const sentAt = (key: string) => live.find((row) => row.dedupeKey === key)!.sentAt!.getTime()
    for (const day of weekdays) {
      for (const [campaign, zone] of [[shanghai, 'Asia/Shanghai'], [newYork, 'America/New_York'], [london, 'Europe/London']] as const) {
        const due = instantOf(day, '09:30', zone).getTime()
        expect(sentAt(`digest:${campaign.campaignId}:${day}`) - due, `${zone} ${day}`).toBeGreaterThanOrEqual(0)
        expect(sentAt(`digest:${campaign.campaignId}:${day}`) - due, `${zone} ${day}`).toBeLessThan(60 * 60_000)
      }
    }
    const nyReminder = sentAt(`reminder:${newYork.taskIds[0]}:2026-12-10:2026-12-10`) - instantOf('2026-12-10', '09:00', 'America/New_York').getTime()
    expect(nyReminder).toBeGreaterThanOrEqual(0)
    expect(nyReminder).toBeLessThan(60 * 60_000)
  }, 180_000)
})

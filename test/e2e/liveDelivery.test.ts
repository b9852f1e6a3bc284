// The live stage's posts when Slack fails (issue 7, Outages): an hour of Slack answering 500, then
// everything due goes out once; posts that can never go out are recorded with Slack's reason and
// the campaign's owner is told once — a channel that is gone, archived or will not let the app in,
// and a person whose account is deactivated (marked gone, so nothing more is planned for them).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople } from '../support/proposals.ts'

const window = { startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Asia/Shanghai' } as const
const mondayMorning = '2026-12-07T01:31:00Z' // 09:31 in Shanghai: digests and reminders are due
const tuesdayMorning = '2026-12-08T01:31:00Z'

describe.each(testProviders())('live posts when Slack fails, on %s', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig(provider, { now: '2026-12-07T01:00:00Z' })
    castTheUsualPeople(rig)
  })
  afterEach(async () => rig.close())

  const outbox = () => withDatabase(rig, (prisma) => prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } }))
  const okPosts = (channel: string) => rig.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel && c.result?.ok === true)

  it('Slack down for an hour: what fell due is posted once when it is back', async () => {
    const { campaignId } = await seedLiveCampaign(rig, { ...window, tasks: [{ dueDate: '2026-12-07', ownerId: 'U2' }] })
    rig.slack.failAlways('*', { status: 500 })
    rig.clock.set(mondayMorning)
    await rig.app.scheduler.tick()
    // Retries keep failing while Slack is down, an hour of it, with the scheduler ticking on…
    await rig.slack.waitFor('chat.postMessage', (c) => c.failed === true)
    rig.clock.set('2026-12-07T02:01:00Z')
    await rig.app.scheduler.tick()
    rig.clock.set('2026-12-07T02:31:00Z')
    await rig.app.scheduler.tick()
    const since = rig.slack.calls.length
    await rig.slack.waitFor('chat.postMessage', (c) => c.failed === true, { since })
    expect(okPosts('C1')).toHaveLength(0)

    // …and once it is back, the digest and the reminder go out, once each.
    rig.slack.clearFailures()
    await expect.poll(async () => (await outbox()).filter((row) => row.status === 'pending').map((row) => row.dedupeKey), { timeout: 20_000 }).toEqual([])
    const rows = await outbox()
    expect(rows.map((row) => [row.dedupeKey.split(':')[0], row.status]).sort()).toEqual([['digest', 'sent'], ['reminder', 'sent']])
    expect(rows.map((row) => row.dedupeKey)).toContain(`digest:${campaignId}:2026-12-07`)
    expect(okPosts('C1')).toHaveLength(1)
    expect(okPosts('DU2')).toHaveLength(1)
  })

  it('a channel that is gone, archived or will not let the app in: recorded, and the owner told once per campaign and reason', async () => {
    rig.slack.addChannel({ id: 'CARCH', name: 'old-launch', isArchived: true, members: [rig.slack.botUserId] })
    rig.slack.addChannel({ id: 'COUT', name: 'no-bots', members: ['U1'] })
    const gone = await seedLiveCampaign(rig, { ...window, name: 'Gone channel', channelId: 'CGONE' })
    const archived = await seedLiveCampaign(rig, { ...window, name: 'Archived channel', channelId: 'CARCH' })
    const closed = await seedLiveCampaign(rig, { ...window, name: 'Closed door', channelId: 'COUT' })
    // The app is not in COUT and may not join it.
    rig.slack.failAlways('conversations.join', { error: 'method_not_supported_for_channel_type' })

    for (const at of [mondayMorning, tuesdayMorning]) {
      rig.clock.set(at)
      await rig.app.scheduler.tick()
      await expect.poll(async () => (await outbox()).filter((row) => row.status === 'pending').map((row) => row.dedupeKey), { timeout: 20_000 }).toEqual([])
    }

    const rows = await outbox()
    const digests = rows.filter((row) => row.dedupeKey.startsWith('digest:'))
    expect(digests.map((row) => [row.dedupeKey, row.status, row.lastError])).toEqual([
      [`digest:${gone.campaignId}:2026-12-07`, 'failed', 'channel_not_found'],
      [`digest:${archived.campaignId}:2026-12-07`, 'failed', 'is_archived'],
      [`digest:${closed.campaignId}:2026-12-07`, 'failed', 'not_in_channel'],
      [`digest:${gone.campaignId}:2026-12-08`, 'failed', 'channel_not_found'],
      [`digest:${archived.campaignId}:2026-12-08`, 'failed', 'is_archived'],
      [`digest:${closed.campaignId}:2026-12-08`, 'failed', 'not_in_channel'],
    ])
    expect(rig.slack.callsTo('conversations.join').filter((c) => c.args.channel === 'COUT').length).toBeGreaterThanOrEqual(1)
    // One DM to the owner per campaign and reason, over both days, in their words.
    const notices = okPosts('DU1')
    expect(notices).toHaveLength(3)
    expect(notices.map((c) => String(c.args.text)).sort()).toEqual([
      expect.stringMatching(/\*Archived channel\*.*<#CARCH>: the channel is archived/),
      expect.stringMatching(/\*Closed door\*.*<#COUT>: I am not a member and cannot join it/),
      expect.stringMatching(/\*Gone channel\*.*<#CGONE>: the channel does not exist/),
    ])
    expect(rows.filter((row) => row.dedupeKey.startsWith('channel-trouble:')).map((row) => row.dedupeKey).sort()).toEqual([
      `channel-trouble:${archived.campaignId}:is_archived`, `channel-trouble:${closed.campaignId}:not_in_channel`, `channel-trouble:${gone.campaignId}:channel_not_found`,
    ].sort())
  })

  it('a DM refused because its person left: marked gone, nothing more planned for them, and the owner told once', async () => {
    rig.slack.addUser({ id: 'U4', name: 'lee', tz: 'Asia/Shanghai' })
    const { campaignId } = await seedLiveCampaign(rig, {
      ...window, name: 'Tea week', tasks: [{ dueDate: '2026-12-07', ownerId: 'U4' }, { dueDate: '2026-12-08', ownerId: 'U4' }],
    })
    // Slack refuses every DM to U4: the account was deactivated after the people refresh.
    rig.slack.setHandler('conversations.open', (a) => (String(a.users) === 'U4' ? { ok: false, error: 'account_inactive' } : { ok: true, channel: { id: `D${a.users}` } }))

    const settled = () => expect.poll(async () => (await outbox()).filter((row) => row.status === 'pending').map((row) => row.dedupeKey), { timeout: 20_000 }).toEqual([])
    rig.clock.set(mondayMorning)
    await rig.app.scheduler.tick()
    await settled()
    // Monday's two reminders (one due today, one before tomorrow's) were refused for good, and U4 is
    // marked gone at once, before any refresh from Slack.
    const person = await withDatabase(rig, (prisma) => prisma.person.findUnique({ where: { teamId_userId: { teamId: 'T1', userId: 'U4' } } }))
    expect(person?.deactivated).toBe(true)
    // Tuesday 09:10, inside the day the people refresh keeps what it knows: only the mark says U4 left.
    rig.clock.set('2026-12-08T01:10:00Z')
    await rig.app.scheduler.tick()
    await settled()

    const rows = await outbox()
    const reminders = rows.filter((row) => row.dedupeKey.startsWith('reminder:'))
    expect(reminders.map((row) => [row.status, row.lastError])).toEqual([['failed', 'account_inactive'], ['failed', 'account_inactive']])
    // reminder:<task>:<day>:<due>: both of Monday, none of Tuesday.
    expect(reminders.map((row) => row.dedupeKey.split(':')[2])).toEqual(['2026-12-07', '2026-12-07'])
    const goneNotice = rows.filter((row) => row.dedupeKey.startsWith('gone:'))
    expect(goneNotice.map((row) => [row.dedupeKey, row.target, row.status])).toEqual([[`gone:${campaignId}:U4`, 'U1', 'sent']])
    expect(JSON.parse(goneNotice[0]!.payload).live.kind).toBe('gone_notice')
    expect(okPosts('DU1').filter((c) => String(c.args.text).includes('<@U4>'))).toHaveLength(1)
  })
})

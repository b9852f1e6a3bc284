// Paced delivery end to end (issue 7, Paced): 300 live campaigns whose digests fall due in the same
// minute, against a fake Slack enforcing one post a second per channel (after a burst of 3) and a
// workspace-wide chat.postMessage limit, answering 429 past either. All are posted, once each, and
// not one 429 comes back. The rig's clock runs at real speed, so the per-channel pace is real time:
// the campaigns are spread over 100 channels (25 with six, 75 with two) so it takes seconds; the
// workspace's minute is crossed by moving the clock, which the fake and the app both read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slackLimits } from '../../src/jobs/pacing.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople } from '../support/proposals.ts'

/** chat.postMessage per minute across the workspace, enforced by the fake and told to the app. */
const WORKSPACE_POSTS_PER_MINUTE = 250
const channelIds = Array.from({ length: 100 }, (_, i) => `CP${String(i).padStart(3, '0')}`)
/** Campaign i's channel: the first 150 campaigns six to a channel, the other 150 two to a channel. */
const channelOf = (i: number) => (i < 150 ? channelIds[Math.floor(i / 6)]! : channelIds[25 + Math.floor((i - 150) / 2)]!)

describe.each(testProviders())('paced delivery on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider, {
      now: '2026-12-07T01:00:00Z', // Monday 09:00 in Shanghai
      pacing: { ...slackLimits, perMethodPerMinute: { ...slackLimits.perMethodPerMinute, 'chat.postMessage': WORKSPACE_POSTS_PER_MINUTE } },
    })
    castTheUsualPeople(rig)
    for (const id of channelIds) rig.slack.addChannel({ id, name: id.toLowerCase(), members: ['U1', rig.slack.botUserId] })
    await withDatabase(rig, async (prisma) => {
      for (let i = 0; i < 300; i += 1) {
        await seedCampaign(prisma, { name: `Paced ${i}`, channelId: channelOf(i), startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Asia/Shanghai' })
      }
    })
  }, 120_000)
  afterAll(async () => rig.close())

  it('posts 300 digests due in the same minute, each once, with no 429', async () => {
    const posted = () => rig.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok === true && channelIds.includes(c.args.channel))
    rig.slack.enforceRateLimits({ perChannelPerSecond: 1, burst: 3, perMethodPerMinute: { 'chat.postMessage': WORKSPACE_POSTS_PER_MINUTE }, clock: () => rig.clock.now() })
    rig.clock.set('2026-12-07T01:31:00Z') // 09:31 in Shanghai: every digest is due
    await rig.app.scheduler.tick()

    // The workspace's minute allows 250: those go out (the six-a-channel ones a second apart)… On a
    // loaded machine delivering them can outlast the real minute, and then more may follow: at least 250.
    await expect.poll(() => posted().length, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(WORKSPACE_POSTS_PER_MINUTE)
    const limited = () => rig.slack.rateLimited.map((c) => `${c.method} ${c.args.channel} Retry-After ${c.retryAfter}`)
    expect(limited()).toEqual([])
    // …and the rest once the minute has passed.
    rig.clock.set(new Date(rig.clock.now().getTime() + 61_000).toISOString())
    await expect.poll(() => posted().length, { timeout: 120_000, interval: 100 }).toBe(300)
    expect(limited()).toEqual([])

    // Each campaign's digest once, in its own channel: nothing lost, nothing twice.
    const digestRows = () => withDatabase(rig, (prisma) => prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'digest:' } } }))
    // The last posts are recorded a moment after Slack took them.
    await expect.poll(async () => (await digestRows()).filter((row) => row.status !== 'sent').map((row) => row.dedupeKey), { timeout: 10_000 }).toEqual([])
    const rows = await digestRows()
    expect(rows).toHaveLength(300)
    expect(new Set(rows.map((row) => row.slackTs)).size).toBe(300)
    const perChannel = new Map<string, number>()
    for (const call of posted()) perChannel.set(call.args.channel, (perChannel.get(call.args.channel) ?? 0) + 1)
    for (const [i, id] of channelIds.entries()) expect(perChannel.get(id), id).toBe(i < 25 ? 6 : 2)
  }, 300_000)
})

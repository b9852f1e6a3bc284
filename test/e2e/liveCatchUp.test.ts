// Nothing missed, nothing stale: an app that was down at the digest time posts the digest when it
// comes back the same local day, and never the day after; a restart posts nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople } from '../support/proposals.ts'

describe.each(testProviders())('catching up after downtime on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider, { now: '2026-12-06T12:00:00Z' })
    castTheUsualPeople(rig)
  })
  afterAll(async () => rig.close())

  const sentDigests = (campaignId: number) => withDatabase(rig, (prisma) => prisma.outboxMessage.findMany({
    where: { dedupeKey: { startsWith: `digest:${campaignId}:` } }, select: { dedupeKey: true, status: true },
  }))

  it('posts Monday\'s digest when the app comes back at 11:00, and not again on Tuesday at 00:10 before Tuesday\'s', async () => {
    const { campaignId } = await seedLiveCampaign(rig, { startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Asia/Shanghai', channelId: 'C1', tasks: [], goals: [] })
    // Monday 08:00 in Shanghai: nothing due yet.
    rig.clock.set('2026-12-07T00:00:00Z')
    await rig.app.scheduler.tick()
    expect(await sentDigests(campaignId)).toEqual([])

    // Down from before 09:30 until 11:00: the start's own pass catches up.
    await rig.app.stop()
    rig.clock.set('2026-12-07T03:00:00Z')
    await rig.restart()
    await rig.app.scheduler.tick()
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1')
    expect(await sentDigests(campaignId)).toEqual([{ dedupeKey: `digest:${campaignId}:2026-12-07`, status: expect.stringMatching(/sent|pending/) }])

    // Tuesday 00:10: another restart; Monday's is not posted again, Tuesday's is not due yet.
    rig.clock.set('2026-12-07T16:10:00Z')
    await rig.restart()
    await rig.app.scheduler.tick()
    expect((await sentDigests(campaignId)).map((row) => row.dedupeKey)).toEqual([`digest:${campaignId}:2026-12-07`])
    expect(rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok === true && c.args.channel === 'C1')).toHaveLength(1)
  })
})

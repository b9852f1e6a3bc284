// Start now, end to end: a campaign planned for 14–24 December (Asia/Shanghai) started by its owner
// on 1 December starts that day. The channel and the plan message say so, the history records the
// early start, the end date stays; the data owner is prompted that evening and enters that day's
// figure (the form used to answer "the campaign had not started yet on that day"), and the next
// morning's digest reckons the pace from 1 December. Driven by the injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enterMetricsAction } from '../../src/slack/metrics/actions.ts'
import { goalFieldBlock, metricModalIds } from '../../src/slack/metrics/modal.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { withDatabase } from '../support/live.ts'
import { addRequest, approvedCampaign, clickInModal, goodValues, openSection, planMessageWhen, submit } from '../support/plans.ts'
import { castTheUsualPeople, visibleText } from '../support/proposals.ts'
import { datePicked, plainText } from '../support/slackRequests.ts'

describe.each(testProviders())('starting a campaign early on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider, { now: '2026-12-01T02:00:00Z' }) // Tuesday 10:00 in Shanghai
    castTheUsualPeople(rig)
  })
  afterAll(async () => rig.close())

  const campaignRow = (campaignId: number) => withDatabase(rig, (prisma) => prisma.campaign.findUniqueOrThrow({
    where: { id: campaignId }, select: { stage: true, startDate: true, endDate: true },
  }))

  it('starts on the day it was started: the window, the history, the metric form, the prompt and the digest follow', async () => {
    const name = 'Winter tea week'
    const { campaignId, planTs } = await approvedCampaign(rig, { name, startDate: '2026-12-14', endDate: '2026-12-24' })
    // One goal, reported by U3.
    const goalForm = await clickInModal(rig, await openSection(rig, campaignId, 'goals', planTs), 'plan_form_open', addRequest(campaignId, 'goal'))
    expect((await submit(rig, goalForm, goodValues.goal())).body).toBeNull()
    await withDatabase(rig, (prisma) => prisma.campaign.update({ where: { id: campaignId }, data: { stage: 'scheduled' } }))
    const goalId = (await withDatabase(rig, (prisma) => prisma.goal.findFirstOrThrow({ where: { campaignId } }))).id

    // Tuesday 1 December, 11:00: the owner presses Start now.
    rig.clock.set('2026-12-01T03:00:00Z')
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'plan_start_now', value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    const line = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && String(c.args.text).includes('early'))
    expect(line.args.text).toBe(`:rocket: <@U1> started *${name}* early: it starts today, 2026-12-01, instead of 2026-12-14, and runs until 2026-12-24.`)
    expect(await campaignRow(campaignId)).toEqual({ stage: 'live', startDate: '2026-12-01', endDate: '2026-12-24' })
    const history = await withDatabase(rig, (prisma) => prisma.stageTransition.findFirstOrThrow({ where: { campaignId, toStage: 'live' } }))
    expect([history.fromStage, history.actorId, history.reason]).toEqual(['scheduled', 'U1', 'started_early; planned start 2026-12-14'])
    const plan = await planMessageWhen(rig, planTs, (t) => t.includes('Stage: Live'))
    expect(visibleText(plan)).toContain('2026-12-01 – 2026-12-24 (24 days)')

    // 17:00: the data owner is asked for today's figure, and the form takes it.
    rig.clock.set('2026-12-01T09:00:00Z')
    await rig.app.scheduler.tick()
    const prompt = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'DU3' && JSON.stringify(c.args.blocks ?? '').includes(enterMetricsAction))
    const since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U3', actionId: enterMetricsAction, value: String(campaignId), message: { ts: prompt.result.ts, channel: prompt.result.channel } })
    const view = (await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })).result.view
    expect(JSON.stringify(view.blocks)).toContain('"initial_date":"2026-12-01"')
    const entered = await rig.client.viewSubmission({
      teamId: 'T1', userId: 'U3', view,
      values: {
        [metricModalIds.onDate]: { value: datePicked('2026-12-01') },
        [goalFieldBlock(goalId, 'value')]: { value: plainText('300') },
        [goalFieldBlock(goalId, 'mode')]: { value: { type: 'radio_buttons', selected_option: { value: 'day' } } },
        [goalFieldBlock(goalId, 'note')]: { value: plainText(null) },
      },
    })
    expect(entered.body).toBeNull()
    // The day before it started is still refused.
    const dayBefore = await rig.client.viewSubmission({
      teamId: 'T1', userId: 'U3', view,
      values: {
        [metricModalIds.onDate]: { value: datePicked('2026-11-30') },
        [goalFieldBlock(goalId, 'value')]: { value: plainText('5') },
        [goalFieldBlock(goalId, 'mode')]: { value: { type: 'radio_buttons', selected_option: { value: 'day' } } },
        [goalFieldBlock(goalId, 'note')]: { value: plainText(null) },
      },
    })
    expect(dayBefore.body.errors[metricModalIds.onDate]).toMatch(/not started yet/)
    const goal = await withDatabase(rig, (prisma) => prisma.goal.findUniqueOrThrow({ where: { id: goalId } }))
    expect([goal.actualValue, goal.actualAsOf]).toEqual([300, '2026-12-01'])

    // The first day had its digest (caught up at 17:00); Wednesday 09:30 has the next, its pace
    // reckoned over 1–24 December: 10,000 × 1/24 by the 1st.
    const digestOf = (day: string) => withDatabase(rig, (prisma) => prisma.outboxMessage.count({ where: { dedupeKey: `digest:${campaignId}:${day}` } }))
    expect(await digestOf('2026-12-01')).toBe(1)
    rig.clock.set('2026-12-02T01:31:00Z')
    await rig.app.scheduler.tick()
    const digest = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && visibleText(c.args).includes('23 days left'))
    expect(visibleText(digest.args)).toMatch(/visits\*: 300 visits of 10,000 visits \(3 %\) · pace by 2026-12-01: 416\.67 visits · heading for 7,200 visits/)
  })
})

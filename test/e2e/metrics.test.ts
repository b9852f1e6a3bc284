// Metric prompts and entry end to end: a data owner is asked at 17:00 in their own zone on a
// working day, enters figures through the modal the prompt's button opens (bad input answered
// field by field, an edit keeping its history, late and running-total entries), and
// `/campaign metrics` shows where each goal stands.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { enterMetricsAction } from '../../src/slack/metrics/actions.ts'
import { goalFieldBlock, metricModalIds } from '../../src/slack/metrics/modal.ts'
import { checkMessage } from '../support/blockKitLimits.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { addRequest, clickInModal, goodValues, menuOption, openSection, pick, submit } from '../support/plans.ts'
import { buttonsOf, castTheUsualPeople, visibleText } from '../support/proposals.ts'
import { datePicked, plainText, type StateValues } from '../support/slackRequests.ts'

type Entry = { value?: string; mode?: 'day' | 'total'; note?: string }

function entryValues(onDate: string, entries: Record<number, Entry>): StateValues {
  const values: StateValues = { [metricModalIds.onDate]: { value: datePicked(onDate) } }
  for (const [goalId, entry] of Object.entries(entries)) {
    const id = Number(goalId)
    values[goalFieldBlock(id, 'value')] = { value: plainText(entry.value ?? null) }
    values[goalFieldBlock(id, 'mode')] = { value: { type: 'radio_buttons', selected_option: { value: entry.mode ?? 'day' } } }
    values[goalFieldBlock(id, 'note')] = { value: plainText(entry.note ?? null) }
  }
  return values
}

describe.each(testProviders())('metric prompts and entry on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'mei', tz: 'Asia/Shanghai', locale: 'en-US' })
    rig.slack.addUser({ id: 'U5', teamId: 'T1', name: 'liam', tz: 'Europe/London', locale: 'en-GB' })
    rig.slack.addUser({ id: 'U6', teamId: 'T1', name: 'ling', tz: 'Asia/Shanghai', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'U7', teamId: 'T1', name: 'noor', tz: 'Europe/London', locale: 'en-GB' })
  })
  afterAll(async () => rig.close())

  const promptsTo = (userId: string, campaignId: number) => rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok === true
    && c.args.channel === `D${userId}` && JSON.stringify(c.args.blocks ?? '').includes(`"action_id":"${enterMetricsAction}","value":"${campaignId}"`))

  const promptRows = (campaignId: number) => withDatabase(rig, (prisma) => prisma.outboxMessage.findMany({
    where: { campaignId, dedupeKey: { startsWith: 'metric-prompt:' } }, orderBy: { id: 'asc' },
  }))

  async function clickEnterFigures(userId: string, value: string, message: { ts: string; channel: string }) {
    const since = rig.slack.calls.length
    const sinceResponses = rig.slack.responses.length
    const responseUrl = rig.slack.newResponseUrl()
    const answer = await rig.client.blockAction({ teamId: 'T1', userId, actionId: enterMetricsAction, value, responseUrl, message })
    expect(answer.status).toBe(200)
    return { since, sinceResponses, responseUrl }
  }

  async function openModal(userId: string, campaignId: number, message = { ts: '1.000001', channel: `D${userId}` }): Promise<Record<string, any>> {
    const { since } = await clickEnterFigures(userId, String(campaignId), message)
    const opened = await rig.slack.waitFor('views.open', (c) => !c.failed, { since })
    expect(opened.result?.ok, JSON.stringify(opened.result)).toBe(true)
    return opened.result.view
  }

  const goalRows = (campaignId: number) => withDatabase(rig, (prisma) => prisma.goal.findMany({ where: { campaignId }, orderBy: { id: 'asc' } }))
  const entryRows = (campaignId: number) => withDatabase(rig, (prisma) => prisma.metricEntry.findMany({ where: { campaignId }, orderBy: [{ goalId: 'asc' }, { onDate: 'asc' }] }))

  it('asks the data owner at 17:00 in their zone on a working day; the figures they enter make the running total, edits keep their history', async () => {
    rig.clock.set('2026-12-07T08:59:00Z') // Monday 16:59 in Shanghai
    const { campaignId, goalIds } = await seedLiveCampaign(rig, {
      name: 'Winter tea week', startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Europe/London', currency: 'USD',
      goals: [{ metric: 'signups', targetValue: 1000, dataOwnerId: 'U4' }, { metric: 'revenue', targetMinor: 5_000_000n, dataOwnerId: 'U4' }],
    })
    const [signups, revenue] = goalIds as [number, number]
    await rig.app.scheduler.tick()
    expect(await promptRows(campaignId)).toHaveLength(0)

    rig.clock.set('2026-12-07T09:00:00Z') // 17:00 in Shanghai, 09:00 in London
    await rig.app.scheduler.tick()
    const dm = await rig.slack.waitFor('chat.postMessage', (c) => promptsTo('U4', campaignId).includes(c))
    expect(checkMessage(dm.args)).toBeNull()
    expect(visibleText(dm.args)).toContain('Winter tea week')
    expect(visibleText(dm.args)).toContain('sign-ups')
    expect(visibleText(dm.args)).toContain('revenue')
    expect(buttonsOf(dm.args as never)).toContainEqual(expect.objectContaining({ action_id: enterMetricsAction, value: String(campaignId) }))

    const view = await openModal('U4', campaignId, { ts: dm.result.ts, channel: dm.result.channel })
    expect(JSON.stringify(view.blocks)).toContain('"initial_date":"2026-12-07"')
    expect(JSON.stringify(view.blocks)).toContain(goalFieldBlock(signups, 'value'))
    expect(JSON.stringify(view.blocks)).toContain(goalFieldBlock(revenue, 'value'))

    // Bad input: answered field by field, nothing stored.
    const refused = await rig.client.viewSubmission({
      teamId: 'T1', userId: 'U4', view,
      values: entryValues('2026-12-08', { [signups]: { value: 'lots', note: 'n'.repeat(501) }, [revenue]: { value: '12.345' } }),
    })
    expect(refused.status).toBe(200)
    expect(refused.body.response_action).toBe('errors')
    expect(Object.keys(refused.body.errors).sort()).toEqual([
      goalFieldBlock(revenue, 'value'), goalFieldBlock(signups, 'note'), goalFieldBlock(signups, 'value'), metricModalIds.onDate,
    ].sort())
    expect(refused.body.errors[metricModalIds.onDate]).toMatch(/still to come/)
    expect(await entryRows(campaignId)).toHaveLength(0)

    // A good one: today's figures.
    const saved = await rig.client.viewSubmission({
      teamId: 'T1', userId: 'U4', view, values: entryValues('2026-12-07', { [signups]: { value: '120', note: 'from GA' }, [revenue]: { value: '1,234.50' } }),
    })
    expect(saved.status).toBe(200)
    expect(saved.body).toBeNull()
    let goals = await goalRows(campaignId)
    expect(goals.map((g) => [g.actualValue, g.actualMinor, g.actualAsOf])).toEqual([[120, null, '2026-12-07'], [null, 123450n, '2026-12-07']])

    // An edit of the same day replaces the figure and keeps the old one.
    await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view, values: entryValues('2026-12-07', { [signups]: { value: '150' } }) })
    const edited = (await entryRows(campaignId)).find((e) => e.goalId === signups)!
    expect([edited.value, edited.version, edited.note]).toEqual([150, 1, null])
    const revisions = await withDatabase(rig, (prisma) => prisma.metricEntryRevision.findMany({ where: { entryId: edited.id } }))
    expect(revisions.map((r) => [r.value, r.note, r.reportedBy, r.replacedBy])).toEqual([[120, 'from GA', 'U4', 'U4']])

    // A late entry for an earlier day adds under today's.
    await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view, values: entryValues('2026-12-04', { [signups]: { value: '30' } }) })
    goals = await goalRows(campaignId)
    expect([goals[0]!.actualValue, goals[0]!.actualAsOf]).toEqual([180, '2026-12-07'])

    // Once in, no second prompt that day.
    await rig.app.scheduler.tick()
    expect(await promptRows(campaignId)).toHaveLength(1)

    // Tuesday: a running total read off a dashboard sets the figure; the prompt then asks only for revenue.
    rig.clock.set('2026-12-08T08:00:00Z')
    const tuesday = await openModal('U4', campaignId)
    expect(JSON.stringify(tuesday.blocks)).toContain('"initial_date":"2026-12-08"')
    await rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: tuesday, values: entryValues('2026-12-08', { [signups]: { value: '400', mode: 'total' } }) })
    goals = await goalRows(campaignId)
    expect([goals[0]!.actualValue, goals[0]!.actualAsOf]).toEqual([400, '2026-12-08'])
    rig.clock.set('2026-12-08T09:00:00Z')
    await rig.app.scheduler.tick()
    const second = await rig.slack.waitFor('chat.postMessage', (c) => promptsTo('U4', campaignId).includes(c) && visibleText(c.args).includes('2026-12-08'))
    expect(visibleText(second.args)).toContain('revenue')
    expect(visibleText(second.args)).not.toContain('sign-ups')

    // Saturday: no prompt.
    rig.clock.set('2026-12-12T09:05:00Z')
    await rig.app.scheduler.tick()
    expect((await promptRows(campaignId)).map((row) => row.dedupeKey)).toEqual([
      `metric-prompt:${campaignId}:U4:2026-12-07`, `metric-prompt:${campaignId}:U4:2026-12-08`,
    ])
  })

  it('refuses someone who reports no goal; /campaign metrics shows the figures, and a figure entered from it means no prompt that day', async () => {
    rig.clock.set('2026-12-14T15:00:00Z') // Monday 15:00 in London
    const { campaignId, goalIds } = await seedLiveCampaign(rig, {
      name: 'Spring launch', startDate: '2026-12-10', endDate: '2026-12-23', timeZone: 'Europe/London',
      goals: [{ metric: 'followers', unit: 'people', targetValue: 2000, dataOwnerId: 'U5' }],
    })
    const [followers] = goalIds as [number]

    const { responseUrl, sinceResponses } = await clickEnterFigures('U3', String(campaignId), { ts: '1.000002', channel: 'C1' })
    const refusal = await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since: sinceResponses })
    expect(refusal.body.text).toMatch(/do not report any goal/)

    const since = rig.slack.responses.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U5', channelId: 'C1', text: `metrics #${campaignId}` })
    const before = (await rig.slack.waitForResponse(() => true, { since })).body
    expect(before.response_type).toBe('ephemeral')
    expect(checkMessage(before)).toBeNull()
    expect(visibleText(before)).toContain('no figures yet')
    const button = buttonsOf(before).find((b) => b.action_id === enterMetricsAction)!
    expect(button.value).toBe(String(campaignId))

    const view = await openModal('U5', campaignId, { ts: '1.000003', channel: 'C1' })
    const saved = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U5', view, values: entryValues('2026-12-14', { [followers]: { value: '500', mode: 'total' } }) })
    expect(saved.body).toBeNull()

    const sinceAfter = rig.slack.responses.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U5', channelId: 'C1', text: `metrics #${campaignId}` })
    const after = visibleText((await rig.slack.waitForResponse(() => true, { since: sinceAfter })).body)
    expect(after).toContain('500 people')
    expect(after).toContain('target 2,000 people')
    expect(after).toContain('2026-12-14 total 500 people')
    expect(after).toMatch(/on track|at risk|behind/)

    rig.clock.set('2026-12-14T17:01:00Z') // 17:01 in London
    await rig.app.scheduler.tick()
    expect(await promptRows(campaignId)).toHaveLength(0)
  })

  it('drops a prompt whose goals got today\'s figure before Slack took it, and writes it in the owner\'s language', async () => {
    rig.clock.set('2026-12-15T08:00:00Z') // Tuesday 16:00 in Shanghai
    const { campaignId, goalIds } = await seedLiveCampaign(rig, {
      name: 'Lunar deals', startDate: '2026-12-14', endDate: '2026-12-27', timeZone: 'Asia/Shanghai',
      goals: [{ metric: 'orders', targetValue: 300, dataOwnerId: 'U6' }],
    })
    const [orders] = goalIds as [number]
    const view = await openModal('U6', campaignId)
    expect(JSON.stringify(view)).toContain('填报数据')
    rig.slack.failAlways('chat.postMessage', { status: 500 })
    try {
      const since = rig.slack.calls.length
      rig.clock.set('2026-12-15T09:00:00Z') // 17:00 in Shanghai
      await rig.app.scheduler.tick()
      await rig.slack.waitFor('chat.postMessage', (c) => c.failed === true && c.args.channel === 'DU6', { since })
      const saved = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U6', view, values: entryValues('2026-12-15', { [orders]: { value: '42' } }) })
      expect(saved.body).toBeNull()
      await vi.waitFor(async () => expect((await promptRows(campaignId))[0]).toMatchObject({ status: 'superseded', lastError: 'already_entered' }), { timeout: 5_000 })
    } finally {
      rig.slack.clearFailures()
    }
    expect(promptsTo('U6', campaignId)).toHaveLength(0)
  })

  it('offers a goal\'s curve in the plan\'s goal form, linear unless front-loaded is chosen, and keeps it on edit', async () => {
    rig.clock.set('2026-12-01T02:00:00Z')
    const { campaignId } = await seedLiveCampaign(rig, { name: 'Curvy campaign', stage: 'scheduled', startDate: '2026-12-10', endDate: '2026-12-24' })
    const planTs = '1.000009'
    const goals = await openSection(rig, campaignId, 'goals', planTs)
    const form = await clickInModal(rig, goals, 'plan_form_open', addRequest(campaignId, 'goal'))
    expect(JSON.stringify(form.blocks)).toContain('"block_id":"curve"')
    const added = await submit(rig, form, { ...goodValues.goal(), curve: pick('front_loaded') })
    expect(added.body, JSON.stringify(added.body)).toBeNull()
    const stored = () => withDatabase(rig, (prisma) => prisma.goal.findFirstOrThrow({ where: { campaignId } }))
    expect((await stored()).curve).toBe('front_loaded')

    const since = rig.slack.calls.length
    const section = await openSection(rig, campaignId, 'goals', planTs)
    await rig.client.blockAction({
      teamId: 'T1', userId: 'U1', actionId: 'plan_item_menu', view: { id: section.id, type: 'modal', callback_id: section.callback_id, private_metadata: section.private_metadata },
      action: { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'x' }, value: menuOption(section, 'goal', 'edit') } },
    })
    const edit = (await rig.slack.waitFor('views.push', (c) => !c.failed, { since })).result.view
    expect(edit.blocks.find((b: { block_id?: string }) => b.block_id === 'curve').element.initial_option.value).toBe('front_loaded')
    expect((await submit(rig, edit, { ...goodValues.goal('12000'), curve: pick('linear') })).body).toBeNull()
    expect((await stored()).curve).toBe('linear')
  })

  it('shows Enter figures on the App Home of a live campaign\'s data owner, which opens the modal from there', async () => {
    rig.clock.set('2026-12-16T10:00:00Z')
    const { campaignId } = await seedLiveCampaign(rig, {
      name: 'Home figures', startDate: '2026-12-14', endDate: '2026-12-27', timeZone: 'Europe/London',
      goals: [{ metric: 'visits', targetValue: 5000, dataOwnerId: 'U7' }],
    })
    const since = rig.slack.homePublished.length
    expect((await rig.client.appHomeOpened({ teamId: 'T1', userId: 'U7', tab: 'home' })).status).toBe(200)
    const home = await rig.slack.waitForHome('U7', () => true, { since })
    expect(buttonsOf(home as never)).toContainEqual(expect.objectContaining({ action_id: enterMetricsAction, value: String(campaignId) }))

    const sinceCalls = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U7', actionId: enterMetricsAction, value: String(campaignId), view: { id: home.id, type: 'home', hash: home.hash } })
    const opened = await rig.slack.waitFor('views.open', (c) => !c.failed, { since: sinceCalls })
    expect(opened.result.view.callback_id).toBe(metricModalIds.callback)
    expect(JSON.stringify(opened.result.view.blocks)).toContain('"initial_date":"2026-12-16"')
  })
})

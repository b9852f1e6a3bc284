// Stage 2 end to end: the plan message posted on approval and edited in place, every section
// edited in its modal with good and bad input, a stale copy refused with the newer values, who may
// edit, and Ready refused with what is missing. One app per provider; each test its own campaign.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { castTheUsualPeople, visibleText } from '../support/proposals.ts'
import { withDatabase } from '../support/live.ts'
import {
  addRequest, approvedCampaign, checks, clickInModal, date, goodValues, itemMenu, openSection, planMessageOf, planMessageWhen,
  submit, text, menuOption, pick, user,
} from '../support/plans.ts'

describe.each(testProviders())('stage 2 plan on %s', (provider) => {
  let rig: Rig
  let serial = 0
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'li', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'UGONE', teamId: 'T1', name: 'gone', deleted: true })
  })
  afterAll(async () => rig.close())

  /** A fresh approved campaign with a unique name (the workspace keeps names unique). */
  const campaign = (overrides = {}) => approvedCampaign(rig, { name: `Tea festival ${++serial}`, ...overrides })

  it('posts the plan message on approval, with every section missing and a button each', async () => {
    const { campaignId, planTs } = await campaign()
    const message = visibleText(planMessageOf(rig, planTs))
    for (const section of ['Purpose', 'Goals', 'Target users', 'Time window', 'Promotion plan', 'Content rules', 'Budget', 'Risks', 'Tasks']) {
      expect(message).toContain(section)
    }
    expect(message.match(/plan_section_open/g)).toHaveLength(9)
    expect(message).toContain('Tasks: 0 of 0 done')
    expect(message).toContain('plan_ready')
    // The owner is offered the task template by DM.
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes('task_template_accept'))
    // `/campaign plan` shows the same, ephemerally, with the same buttons.
    const since = rig.slack.responses.length
    const answer = await rig.client.slashCommand({ teamId: 'T1', userId: 'U3', channelId: 'C1', text: `plan #${campaignId}` })
    expect(answer.status).toBe(200)
    const shown = (await rig.slack.waitForResponse(() => true, { since })).body
    expect(shown.response_type).toBe('ephemeral')
    expect(JSON.stringify(shown.blocks).match(/plan_section_open/g)).toHaveLength(9)
  })

  it('edits the purpose in its modal: errors field by field, then the plan message is edited in place', async () => {
    const { campaignId, planTs } = await campaign()
    const form = await openSection(rig, campaignId, 'purpose', planTs)
    expect(form.callback_id).toBe('plan_form')
    const bad = await submit(rig, form, { purpose: { value: { type: 'static_select', selected_option: null } }, levers: checks(), productState: text(null) })
    expect(bad.body.response_action).toBe('errors')
    expect(Object.keys(bad.body.errors).sort()).toEqual(['levers', 'purpose'])
    const good = await submit(rig, form, goodValues.purpose())
    expect(good.status).toBe(200)
    expect(good.body).toBeNull()
    const message = await planMessageWhen(rig, planTs, (t) => t.includes('Sales'))
    expect(visibleText(message)).toContain('Acquisition, Exposure')
    expect(rig.slack.callsTo('chat.update').filter((c) => c.args.ts === planTs && c.result?.ok)).not.toHaveLength(0)
  })

  it('adds a goal from the goals modal: a basis is required, and the modal underneath is refreshed', async () => {
    const { campaignId, planTs } = await campaign()
    const goals = await openSection(rig, campaignId, 'goals', planTs)
    expect(goals.callback_id).toBe('plan_section')
    const form = await clickInModal(rig, goals, 'plan_form_open', addRequest(campaignId, 'goal'))
    const bad = await submit(rig, form, { ...goodValues.goal('lots'), basis: text('  ') })
    expect(bad.body.errors).toMatchObject({ basis: expect.stringMatching(/fill this in/), target: expect.stringMatching(/number/) })
    const since = rig.slack.calls.length
    expect((await submit(rig, form, goodValues.goal())).body).toBeNull()
    const refreshed = await rig.slack.waitFor('views.update', (c) => c.args.view_id === goals.id && c.result?.ok === true, { since })
    expect(JSON.stringify(refreshed.args.view)).toContain('10,000')
    await planMessageWhen(rig, planTs, (t) => t.includes('1 goal'))
  })

  it('refuses a negative target, prize quantity or expected result with the rule zero breaks too, in both languages', async () => {
    for (const [owner, aboveZero, zeroOrMore] of [['U1', 'Please enter a number above zero.', 'Please enter zero or more.'], ['U4', '请输入大于零的数字。', '请输入零或正数。']] as const) {
      const { campaignId, planTs } = await campaign({ ownerId: owner })
      const goalForm = await clickInModal(rig, await openSection(rig, campaignId, 'goals', planTs, owner), 'plan_form_open', addRequest(campaignId, 'goal'), owner)
      for (const target of ['-5', '0']) {
        expect((await submit(rig, goalForm, goodValues.goal(target), owner)).body.errors).toEqual({ target: aboveZero })
      }
      const rules = await openSection(rig, campaignId, 'contentRules', planTs, owner)
      const prizeForm = await clickInModal(rig, rules, 'plan_form_open', addRequest(campaignId, 'prize'), owner)
      const prize = { name: text('Cup'), quantity: text('-1'), value: text('-1'), howGiven: text('Drawn at the end') }
      // The quantity must be above zero; a prize may be worth nothing, so its value is "zero or more".
      expect((await submit(rig, prizeForm, prize, owner)).body.errors).toEqual({ quantity: aboveZero, value: zeroOrMore })
      const budget = await openSection(rig, campaignId, 'budget', planTs, owner)
      const estimateForm = await clickInModal(rig, budget, 'plan_form_open', JSON.stringify({ c: campaignId, f: 'estimate' }), owner)
      const estimate = { channel: pick('weibo'), metric: pick('visits'), expected: text('-5') }
      expect((await submit(rig, estimateForm, estimate, owner)).body.errors).toEqual({ expected: aboveZero })
    }
  })

  it('writes each goal of the plan message as its metric, then the figure with its unit, in both languages', async () => {
    const expected = { U1: '2 goals — sign-ups: 8,000 people; revenue: $50,000.00', U4: '2 个目标：注册数 8,000 人；销售额 ¥50,000.00' }
    for (const [owner, line] of Object.entries(expected)) {
      const { campaignId, planTs } = await campaign({ ownerId: owner })
      const unit = owner === 'U4' ? '人' : 'people'
      const goals = await openSection(rig, campaignId, 'goals', planTs, owner)
      const signUps = { ...goodValues.goal('8000'), metric: pick('signups'), unit: text(unit) }
      expect((await submit(rig, await clickInModal(rig, goals, 'plan_form_open', addRequest(campaignId, 'goal'), owner), signUps, owner)).body).toBeNull()
      const revenue = { ...goodValues.goal('50000'), metric: pick('revenue'), unit: text(null) }
      expect((await submit(rig, await clickInModal(rig, goals, 'plan_form_open', addRequest(campaignId, 'goal'), owner), revenue, owner)).body).toBeNull()
      const message = await planMessageWhen(rig, planTs, (t) => t.includes(owner === 'U4' ? '2 个目标' : '2 goals'))
      expect(visibleText(message)).toContain(line)
    }
  })

  it('refuses a stale copy with who changed it, and shows the newer values', async () => {
    const { campaignId, planTs } = await campaign()
    const first = await openSection(rig, campaignId, 'targetUsers', planTs, 'U1')
    expect((await submit(rig, first, goodValues.targetUsers(), 'U1')).body).toBeNull()
    const mine = await openSection(rig, campaignId, 'targetUsers', planTs, 'U1')
    const theirs = await openSection(rig, campaignId, 'targetUsers', planTs, 'U2')
    expect((await submit(rig, theirs, { ...goodValues.targetUsers(), who: text('Students in their first job') }, 'U2')).body).toBeNull()
    const stale = await submit(rig, mine, { ...goodValues.targetUsers(), who: text('Retired tea lovers') }, 'U1')
    expect(stale.body.response_action).toBe('update')
    const shown = JSON.stringify(stale.body.view)
    expect(shown).toContain('<@U2>')
    expect(shown).toContain('Students in their first job')
    await planMessageWhen(rig, planTs, (t) => t.includes('Students in their first job'))
  })

  it('changes the window: outside 7–28 days it keeps the warning and says why', async () => {
    const { campaignId, planTs } = await campaign()
    const form = await openSection(rig, campaignId, 'window', planTs)
    const past = await submit(rig, form, { startDate: date('2026-11-20'), endDate: date('2026-12-24') })
    expect(past.body.errors).toEqual({ startDate: expect.stringMatching(/past/) })
    expect((await submit(rig, form, { startDate: date('2026-12-10'), endDate: date('2027-01-31') })).body).toBeNull()
    const message = await planMessageWhen(rig, planTs, (t) => t.includes('2027-01-31'))
    expect(visibleText(message)).toMatch(/53 days: longer than four weeks tends to tire people out/)
  })

  it('lets a bystander look but not edit, and says why', async () => {
    const { campaignId, planTs } = await campaign()
    const lookOnly = await openSection(rig, campaignId, 'purpose', planTs, 'U3')
    expect(lookOnly.callback_id).toBe('plan_section')
    expect(JSON.stringify(lookOnly.blocks)).not.toContain('plan_form_open')
    // A form submitted by someone who may not edit (crafted from the owner's) changes nothing.
    const form = await openSection(rig, campaignId, 'purpose', planTs, 'U1')
    const refused = await submit(rig, form, goodValues.purpose(), 'U3')
    expect(refused.body.response_action).toBe('update')
    expect(JSON.stringify(refused.body.view)).toMatch(/owner, its approver or a workspace admin/)
    expect(visibleText(planMessageOf(rig, planTs))).not.toContain('Sales')
  })

  it('once live, the promotion plan and the tasks still change, the rest of the plan is fixed and says so', async () => {
    const { campaignId, planTs } = await campaign()
    const goalForm = await clickInModal(rig, await openSection(rig, campaignId, 'goals', planTs), 'plan_form_open', addRequest(campaignId, 'goal'))
    await withDatabase(rig, (prisma) => prisma.campaign.update({ where: { id: campaignId }, data: { stage: 'live' } }))

    // Promoters adjust promotion from the figures: a new item goes in.
    const promotion = await openSection(rig, campaignId, 'promotion', planTs)
    const itemForm = await clickInModal(rig, promotion, 'plan_form_open', addRequest(campaignId, 'promotionItem'))
    expect((await submit(rig, itemForm, goodValues.promotionItem())).body).toBeNull()
    expect(await withDatabase(rig, (prisma) => prisma.promotionItem.count({ where: { campaignId } }))).toBe(1)

    // The goals are fixed: the section is for looking, and a form opened before go-live is refused in words.
    const goals = await openSection(rig, campaignId, 'goals', planTs)
    expect(JSON.stringify(goals.blocks)).not.toContain('plan_form_open')
    expect(visibleText(goals)).toContain('The plan can no longer be changed (the campaign is now: Live).')
    expect(visibleText(goals)).not.toContain('only the owner')
    const refused = await submit(rig, goalForm, goodValues.goal())
    expect(JSON.stringify(refused.body.view)).toContain('The plan can no longer be changed (the campaign is now: Live).')
    expect(await withDatabase(rig, (prisma) => prisma.goal.count({ where: { campaignId } }))).toBe(0)
  })

  it('edits and deletes list items, checks dates against the window, and keeps budget money exact', async () => {
    const { campaignId, planTs } = await campaign()
    const promotion = await openSection(rig, campaignId, 'promotion', planTs)
    const itemForm = await clickInModal(rig, promotion, 'plan_form_open', addRequest(campaignId, 'promotionItem'))
    const late = await submit(rig, itemForm, goodValues.promotionItem('2026-12-30'))
    expect(late.body.errors.onDate).toMatch(/after the campaign ends/)
    // A promoter who left the workspace, or an app, cannot be given the work.
    const left = await submit(rig, itemForm, { ...goodValues.promotionItem(), promoterId: user('UGONE') })
    expect(left.body.errors).toEqual({ promoterId: expect.stringMatching(/deactivated/) })
    const bot = await submit(rig, itemForm, { ...goodValues.promotionItem(), promoterId: user(rig.slack.botUserId) })
    expect(bot.body.errors).toEqual({ promoterId: expect.stringMatching(/not an app/) })
    expect((await submit(rig, itemForm, goodValues.promotionItem())).body).toBeNull()

    const budget = await openSection(rig, campaignId, 'budget', planTs)
    const scenarioForm = await clickInModal(rig, budget, 'plan_form_open', addRequest(campaignId, 'scenario'))
    // Line 2 is left empty and line 3 has a bad amount: the error lands on line 3's block.
    const values = goodValues.scenario('Lean', ['0.10', '', '1.234'])
    delete values['lines.1.category']
    delete values['lines.1.channel']
    const bad = await submit(rig, scenarioForm, values)
    expect(Object.keys(bad.body.errors)).toEqual(['lines.2.amount'])
    expect((await submit(rig, scenarioForm, goodValues.scenario('Lean', ['0.10', '0.20']))).body).toBeNull()
    // 0.10 + 0.20 is 0.30 exactly (never 0.30000000000000004).
    const message = await planMessageWhen(rig, planTs, (t) => t.includes('Lean'))
    expect(visibleText(message)).toMatch(/\$0\.30/)

    const risks = await openSection(rig, campaignId, 'risks', planTs)
    const riskForm = await clickInModal(rig, risks, 'plan_form_open', addRequest(campaignId, 'risk'))
    expect((await submit(rig, riskForm, goodValues.risk())).body).toBeNull()
    const withRisk = await openSection(rig, campaignId, 'risks', planTs)
    const deleteRisk = menuOption(withRisk, 'risk', 'delete')
    await itemMenu(rig, withRisk, deleteRisk)
    await rig.slack.waitFor('views.update', (c) => c.args.view_id === withRisk.id && c.result?.ok === true && JSON.stringify(c.args.view).includes('Nothing here yet'))
  })

  it('refuses Ready with the list of what is missing', async () => {
    const { campaignId, planTs } = await campaign()
    const form = await openSection(rig, campaignId, 'purpose', planTs)
    await submit(rig, form, goodValues.purpose())
    let since = rig.slack.responses.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'plan_ready', value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    const refusal = (await rig.slack.waitForResponse(() => true, { since })).body.text as string
    expect(refusal).toMatch(/Still missing: Goals, Target users, Promotion plan, Content rules & prizes, Budget & effect, Risks & service, Tasks/)
    expect(refusal).not.toContain('Purpose')
    // Someone else than the owner cannot mark it ready at all.
    since = rig.slack.responses.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U3', actionId: 'plan_ready', value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    expect((await rig.slack.waitForResponse(() => true, { since })).body.text).toMatch(/Only the campaign's owner/)
  })

  /** Fills in every section Ready requires, through the modals, and accepts the task template. */
  async function completePlan(campaignId: number, planTs: string) {
    const fill = async (section: string, form: string | null, values: Record<string, any>) => {
      const opened = await openSection(rig, campaignId, section, planTs)
      const target = form ? await clickInModal(rig, opened, 'plan_form_open', addRequest(campaignId, form)) : opened
      const answer = await submit(rig, target, values)
      expect(answer.body, `${section}: ${JSON.stringify(answer.body)}`).toBeNull()
    }
    await fill('purpose', null, goodValues.purpose())
    await fill('goals', 'goal', goodValues.goal())
    await fill('targetUsers', null, goodValues.targetUsers())
    await fill('promotion', 'promotionItem', goodValues.promotionItem())
    const rules = await openSection(rig, campaignId, 'contentRules', planTs)
    expect((await submit(rig, await clickInModal(rig, rules, 'plan_form_open', JSON.stringify({ c: campaignId, f: 'contentRules' })), goodValues.contentRules())).body).toBeNull()
    await fill('budget', 'scenario', goodValues.scenario('Lean', ['1000']))
    await fill('budget', 'scenario', goodValues.scenario('Bold', ['5000', '2500.50']))
    await fill('risks', 'risk', goodValues.risk())
    // The owner accepts the task template offered by DM.
    const offer = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes(`"task_template_accept","value":"${campaignId}"`))
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'task_template_accept', value: String(campaignId), message: { ts: offer.result.ts, channel: offer.result.channel, blocks: offer.args.blocks } })
    await planMessageWhen(rig, planTs, (t) => /Tasks: 0 of 1[0-9] done/.test(t))
  }

  it('accepts Ready once every required section is done, and the approver can take it back to planning', async () => {
    const { campaignId, planTs } = await campaign()
    await completePlan(campaignId, planTs)

    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'plan_ready', value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    const scheduled = await planMessageWhen(rig, planTs, (t) => t.includes('Stage: Scheduled'))
    expect(visibleText(scheduled)).toContain('plan_back_to_planning')
    expect(visibleText(scheduled)).not.toContain('plan_ready')
    await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C1' && c.result?.ok === true && String(c.args.text).includes('goes live on 2026-12-10'))
    // The first scenario added is the chosen one; its total is exact.
    expect(visibleText(scheduled)).toContain('Chosen: Lean, $1,000.00 (2 scenarios)')

    await rig.client.blockAction({ teamId: 'T1', userId: 'U2', actionId: 'plan_back_to_planning', value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    await planMessageWhen(rig, planTs, (t) => t.includes('Stage: Planning'))
  })

  it('Ready pressed twice at once: one schedules the plan, the other is told it is already scheduled; Back to planning the same', async () => {
    const { campaignId, planTs } = await campaign()
    await completePlan(campaignId, planTs)
    const transitions = (to: string) => withDatabase(rig, (prisma) => prisma.stageTransition.count({ where: { campaignId, toStage: to } }))
    const stagePosts = () => withDatabase(rig, (prisma) => prisma.outboxMessage.count({ where: { campaignId, dedupeKey: { startsWith: `plan-stage:${campaignId}:` } } }))

    /** Two signed presses sent together; once `stage` shows on the plan message, what each press was told (the winner nothing). */
    async function pressTwiceAtOnce(actionId: string, userIds: [string, string], stage: string): Promise<string[]> {
      const since = rig.slack.responses.length
      const urls = userIds.map(() => rig.slack.newResponseUrl())
      const ours = (r: { id: string }) => urls.some((url) => url.endsWith(r.id))
      const answers = await Promise.all(userIds.map((userId, i) => rig.client.blockAction({
        teamId: 'T1', userId, actionId, value: String(campaignId), responseUrl: urls[i], message: { ts: planTs, channel: 'C1' },
      })))
      for (const answer of answers) expect(answer.status).toBe(200)
      await rig.slack.waitForResponse(ours, { since })
      await planMessageWhen(rig, planTs, (t) => t.includes(`Stage: ${stage}`))
      return rig.slack.responses.slice(since).filter(ours).map((r) => String(r.body.text))
    }

    expect(await pressTwiceAtOnce('plan_ready', ['U1', 'U1'], 'Scheduled')).toEqual(['The plan is already scheduled: it goes live on 2026-12-10.'])
    // A press at the same time may lose in the store or find the plan already moved; a later one always finds it moved.
    const since = rig.slack.responses.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'plan_ready', value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    expect((await rig.slack.waitForResponse(() => true, { since })).body.text).toBe('The plan is already scheduled: it goes live on 2026-12-10.')
    expect(await transitions('scheduled')).toBe(1)
    expect(await stagePosts()).toBe(1)

    expect(await pressTwiceAtOnce('plan_back_to_planning', ['U1', 'U2'], 'Planning')).toEqual(['The plan is already back in planning.'])
    expect(await transitions('planning')).toBe(2) // on approval, and this once
    expect(await stagePosts()).toBe(2)
  })

  it('speaks Chinese to a Chinese-speaking owner, in the plan message and the modals', async () => {
    const { campaignId, planTs } = await campaign({ ownerId: 'U4' })
    const message = visibleText(planMessageOf(rig, planTs))
    expect(message).toContain('活动目的')
    const form = await openSection(rig, campaignId, 'contentRules', planTs, 'U4')
    const rules = await clickInModal(rig, form, 'plan_form_open', JSON.stringify({ c: campaignId, f: 'contentRules' }), 'U4')
    const bad = await submit(rig, rules, { ...goodValues.contentRules(), description: text('一。二。三。') }, 'U4')
    expect(bad.body.errors).toEqual({ description: '请用一到两句话说明。' })
    const late = await submit(rig, rules, { ...goodValues.contentRules(), entryDeadline: date('2027-01-05') }, 'U4')
    expect(late.body.errors).toEqual({ entryDeadline: '请选择活动时间内的日期。' })
    expect((await submit(rig, rules, goodValues.contentRules(), 'U4')).body).toBeNull()
    await planMessageWhen(rig, planTs, (t) => t.includes('Buy one tin'))
  })
})

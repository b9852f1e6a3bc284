// The tasks of stage 2 end to end: the task template offered on approval (used once even on a
// double click or a second instance, reviewed with dates changed and a task left out, skipped),
// tasks added, reassigned (the new owner DM'd once), completed from the DM, blocked with a reason,
// refused to someone who may not, a stale edit answered with the newer values, and `/campaign
// tasks` / `/campaign mine` and the tasks modal with 80 tasks within Slack's limits in both
// languages. One app per provider; each test its own campaign.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { taskTemplate } from '../../src/domain/tasks.ts'
import { taskSectionChanges } from '../../src/store/tasks.ts'
import { checkMessage } from '../support/blockKitLimits.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { withStore } from '../support/home.ts'
import { approvedCampaign, checks, date, openSection, planMessageWhen, submit, text, user } from '../support/plans.ts'
import { castTheUsualPeople, visibleText } from '../support/proposals.ts'
import { outboxSettled } from '../support/settle.ts'
import { optionPicked, type StateValues } from '../support/slackRequests.ts'

type View = Record<string, any>

const pick = (value: string) => ({ value: optionPicked(value) })

describe.each(testProviders())('stage 2 tasks on %s', (provider) => {
  let rig: Rig
  let serial = 0
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'li', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'UBOT9', teamId: 'T1', isBot: true })
    rig.slack.addUser({ id: 'U5', teamId: 'T1', name: 'kim' })
    rig.slack.channels.get('C1')!.members.push('U4')
  })
  afterAll(async () => rig.close())

  const campaign = (overrides = {}) => approvedCampaign(rig, { name: `Tea fair ${++serial}`, ...overrides })

  async function tasksOf(campaignId: number) {
    return withStore(rig.config, async (store) => (await store.plans.load('T1', campaignId))!.snapshot.tasks)
  }

  async function templateDecision(campaignId: number) {
    return withStore(rig.config, async (store) => (await store.plans.load('T1', campaignId))!.templateDecision)
  }

  /** The template offer the owner got by DM for this campaign. */
  async function offerDm(campaignId: number, ownerId = 'U1') {
    const call = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === `D${ownerId}`
      && JSON.stringify(c.args.blocks ?? '').includes(`"action_id":"task_template_accept","value":"${campaignId}"`))
    return { ts: call.result.ts as string, channel: call.result.channel as string }
  }

  /** Clicks a button on a message; resolves with what the app POSTed to its response_url. */
  async function clickOnMessage(userId: string, actionId: string, value: string, message: { ts: string; channel: string }, client = rig.client) {
    const responseUrl = rig.slack.newResponseUrl()
    const since = rig.slack.responses.length
    const answer = await client.blockAction({ teamId: 'T1', userId, actionId, value, responseUrl, message })
    expect(answer.status).toBe(200)
    return (await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since })).body
  }

  /** Opens the tasks modal of a campaign, as the Open button of a DM or `/campaign tasks` does. */
  async function openTasks(campaignId: number, userId = 'U1'): Promise<View> {
    const since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId, actionId: 'tasks_open', value: String(campaignId), responseUrl: rig.slack.newResponseUrl(), message: { ts: '1.000001', channel: 'C1' } })
    const opened = await rig.slack.waitFor('views.open', (c) => !c.failed, { since })
    expect(opened.result?.ok, JSON.stringify(opened.result)).toBe(true)
    return opened.result.view
  }

  const inModal = (view: View) => ({ id: view.id, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, hash: view.hash })

  /** Clicks a button in a modal; resolves with the modal pushed on top. */
  async function pushFrom(view: View, actionId: string, value: string, userId = 'U1'): Promise<View> {
    const since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId, actionId, value, view: inModal(view) })
    const pushed = await rig.slack.waitFor('views.push', (c) => !c.failed, { since })
    expect(pushed.result?.ok, JSON.stringify(pushed.result)).toBe(true)
    return pushed.result.view
  }

  /** The value of a task's menu option in the tasks modal. */
  function menuOption(view: View, taskId: number, operation: string): string {
    for (const block of view.blocks as View[]) {
      for (const option of block.accessory?.type === 'overflow' ? block.accessory.options : []) {
        const value = JSON.parse(option.value)
        if (value.t === taskId && value.o === operation) return option.value
      }
    }
    throw new Error(`no ${operation} for task ${taskId} in ${JSON.stringify(view.blocks).slice(0, 600)}`)
  }
  const menuOperations = (view: View, taskId: number) => (view.blocks as View[]).flatMap((block) =>
    (block.accessory?.type === 'overflow' ? block.accessory.options : []).map((o: View) => JSON.parse(o.value)).filter((v: View) => v.t === taskId).map((v: View) => v.o))

  /** Chooses a menu option; resolves with the tasks modal as redrawn, or the modal pushed for it. */
  async function chooseFromMenu(view: View, value: string, userId = 'U1', answeredBy: 'views.update' | 'views.push' = 'views.update'): Promise<View> {
    const since = rig.slack.calls.length
    await rig.client.blockAction({
      teamId: 'T1', userId, actionId: 'task_menu', view: inModal(view),
      action: { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'x' }, value } },
    })
    const call = await rig.slack.waitFor(answeredBy, (c) => !c.failed, { since })
    expect(call.result?.ok, JSON.stringify(call.result)).toBe(true)
    return call.result.view
  }

  /** Submits a form pushed over the tasks modal; resolves once saved, with the list underneath as redrawn. */
  async function saveOver(form: View, values: StateValues, userId = 'U1'): Promise<View> {
    const parent = JSON.parse(form.private_metadata).p
    const since = rig.slack.calls.length
    const answer = await submit(rig, form, values, userId)
    expect(answer.status).toBe(200)
    expect(answer.body).toBeNull()
    const redrawn = await rig.slack.waitFor('views.update', (c) => c.args.view_id === parent && !c.failed, { since })
    return redrawn.result.view
  }

  const taskForm = (title: string, ownerId: string, startDate: string, dueDate: string, stage = 'design'): StateValues =>
    ({ title: text(title), stage: pick(stage), ownerId: user(ownerId), startDate: date(startDate), dueDate: date(dueDate) })

  const dmsTo = (userId: string, containing: string) =>
    rig.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok && c.args.channel === `D${userId}` && String(c.args.text).includes(containing))

  describe('the task template', () => {
    it('"Use the template" creates its tasks dated around the window, once, even on a double click or another instance', async () => {
      const { campaignId, planTs } = await campaign()
      const dm = await offerDm(campaignId)
      const answers = await Promise.all([
        clickOnMessage('U1', 'task_template_accept', String(campaignId), dm),
        clickOnMessage('U1', 'task_template_accept', String(campaignId), dm),
      ])
      const other = await rig.startAnotherInstance()
      const third = await clickOnMessage('U1', 'task_template_accept', String(campaignId), dm, other.client)

      const accepted = answers.filter((a) => a.replace_original === true)
      expect(accepted).toHaveLength(1)
      expect(accepted[0].text).toMatch(/started the task plan .* 14 tasks added/)
      for (const refused of [...answers.filter((a) => a.replace_original !== true), third]) {
        expect(refused.response_type).toBe('ephemeral')
        expect(refused.text).toMatch(/already answered \(used\)/)
      }

      const tasks = await tasksOf(campaignId)
      const expected = taskTemplate('own_site', { startDate: '2026-12-10', endDate: '2026-12-24' }, '2026-12-01')
      expect(tasks).toHaveLength(expected.length)
      const byTitle = Object.fromEntries(tasks.map((t) => [t.title, t]))
      expect(byTitle['Launch']).toMatchObject({ startDate: '2026-12-10', dueDate: '2026-12-10', ownerId: 'U1', stage: 'launch', status: 'todo' })
      expect(byTitle['Test the page end to end']).toMatchObject({ startDate: '2026-12-06', dueDate: '2026-12-08', stage: 'build' })
      expect(byTitle['Retrospective']).toMatchObject({ startDate: '2026-12-25', dueDate: '2026-12-27' })
      // Dates before today move to today: no suggested task is born overdue.
      expect(byTitle['Creative brief']).toMatchObject({ startDate: '2026-12-01', dueDate: '2026-12-01' })
      expect(await templateDecision(campaignId)).toBe('accepted')

      // The plan message is edited in place with the new task count.
      const message = await planMessageWhen(rig, planTs, (t) => t.includes('Tasks: 0 of 14 done'))
      expect(visibleText(message)).toContain('0 of 14 done')
      // The owner accepted for themselves: no assignment DMs.
      await outboxSettled(rig)
      expect(dmsTo('U1', 'assigned you')).toHaveLength(0)
    })

    it('only the owner (or an admin) answers it', async () => {
      const { campaignId } = await campaign()
      const dm = await offerDm(campaignId)
      const refused = await clickOnMessage('U3', 'task_template_accept', String(campaignId), dm)
      expect(refused).toMatchObject({ response_type: 'ephemeral', replace_original: false })
      expect(refused.text).toMatch(/Only the campaign's owner or a workspace admin/)
      const review = await clickOnMessage('U2', 'task_template_review', String(campaignId), dm)
      expect(review.text).toMatch(/Only the campaign's owner/)
      expect(await tasksOf(campaignId)).toHaveLength(0)
      expect(await templateDecision(campaignId)).toBeNull()
    })

    it('"Skip" records the answer: no tasks, and the template cannot be used after', async () => {
      const { campaignId } = await campaign()
      const dm = await offerDm(campaignId)
      const skipped = await clickOnMessage('U1', 'task_template_skip', String(campaignId), dm)
      expect(skipped.replace_original).toBe(true)
      expect(skipped.text).toMatch(/skipped the task template/)
      const late = await clickOnMessage('U1', 'task_template_accept', String(campaignId), dm)
      expect(late.text).toMatch(/already answered \(skipped\)/)
      expect(await tasksOf(campaignId)).toHaveLength(0)
      expect(await templateDecision(campaignId)).toBe('skipped')
    })

    it('"Review first": dates edited, a task left out, one given to someone else (DM\'d once), titles in the owner\'s language', async () => {
      const { campaignId, planTs } = await campaign({ ownerId: 'U4', kind: 'platform', platform: 'weibo' })
      const dm = await offerDm(campaignId, 'U4')
      const since = rig.slack.calls.length
      await rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId: 'task_template_review', value: String(campaignId), responseUrl: rig.slack.newResponseUrl(), message: dm })
      const modal = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view as View
      expect(modal.callback_id).toBe('task_template_review')
      expect(JSON.stringify(modal.blocks)).toContain('核对平台活动规则')
      const template = taskTemplate('platform', { startDate: '2026-12-10', endDate: '2026-12-24' }, '2026-12-01')
      expect(modal.blocks.filter((b: View) => b.type === 'input')).toHaveLength(template.length * 4)

      // Every input as the modal preset it, then the person's changes.
      const preset: StateValues = {}
      for (const block of modal.blocks as View[]) {
        if (block.type !== 'input') continue
        const element = block.element
        if (element.type === 'users_select') preset[block.block_id] = user(element.initial_user)
        if (element.type === 'datepicker') preset[block.block_id] = date(element.initial_date)
        if (element.type === 'checkboxes') preset[block.block_id] = checks()
      }
      const bad = await submit(rig, modal, { ...preset, 'start:visual_design': date('2026-12-09'), 'due:visual_design': date('2026-12-05') }, 'U4')
      expect(bad.body.response_action).toBe('errors')
      expect(Object.keys(bad.body.errors)).toEqual(['due:visual_design'])
      expect(bad.body.errors['due:visual_design']).toMatch(/截止日期不能早于开始日期|due date cannot be before/)

      const good = await submit(rig, modal, {
        ...preset,
        'start:visual_design': date('2026-12-03'), 'due:visual_design': date('2026-12-07'),
        'out:platform_rules_check': checks('leave_out'),
        'owner:account_setup': user('U3'),
      }, 'U4')
      expect(good.body.response_action).toBe('update')
      expect(JSON.stringify(good.body.view.blocks)).toContain(`${template.length - 1}`)

      const tasks = await tasksOf(campaignId)
      expect(tasks).toHaveLength(template.length - 1)
      expect(tasks.find((t) => t.title === '核对平台活动规则')).toBeUndefined()
      expect(tasks.find((t) => t.title === '视觉设计')).toMatchObject({ startDate: '2026-12-03', dueDate: '2026-12-07', ownerId: 'U4' })
      expect(tasks.find((t) => t.title === '开通平台账号与页面')).toMatchObject({ ownerId: 'U3' })
      await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'DU3' && String(c.args.text).includes('开通平台账号与页面'))
      await planMessageWhen(rig, planTs, (t) => t.includes(`已完成 0/${template.length - 1}`))

      // Submitted again (a double submit): nothing more is created, and it says so.
      const again = await submit(rig, modal, preset, 'U4')
      expect(JSON.stringify(again.body.view.blocks)).toContain('任务模板已经处理过了')
      await outboxSettled(rig)
      expect(await tasksOf(campaignId)).toHaveLength(template.length - 1)
      expect(dmsTo('U3', '开通平台账号与页面')).toHaveLength(1)
    })
  })

  describe('tasks', () => {
    it('added for someone else (DM\'d once), reassigned (the new owner DM\'d once), completed from the DM; the plan message follows', async () => {
      const { campaignId, planTs } = await campaign()
      await clickOnMessage('U1', 'task_template_skip', String(campaignId), await offerDm(campaignId))
      // The plan message's Open button of the Tasks section opens the tasks modal.
      const list = await openSection(rig, campaignId, 'tasks', planTs)
      expect(list.callback_id).toBe('task_list')
      const form = await pushFrom(list, 'task_add', String(campaignId))
      expect(form.callback_id).toBe('task_form')

      const bad = await submit(rig, form, taskForm('  ', 'UBOT9', '2026-12-05', '2026-12-03'))
      expect(bad.body.response_action).toBe('errors')
      expect(bad.body.errors).toEqual({ title: expect.stringMatching(/fill this in/) })
      const backwards = await submit(rig, form, taskForm('Landing page <hero>', 'UBOT9', '2026-12-05', '2026-12-03'))
      expect(backwards.body.errors).toEqual({ dueDate: expect.stringMatching(/due date cannot be before/) })
      const botOwner = await submit(rig, form, taskForm('Landing page <hero>', 'UBOT9', '2026-12-03', '2026-12-07'))
      expect(botOwner.body.errors).toEqual({ ownerId: expect.stringMatching(/not an app/) })

      const since = rig.slack.calls.length
      const saved = await submit(rig, form, taskForm('Landing page <hero>', 'U3', '2026-12-03', '2026-12-07'))
      expect(saved.body).toBeNull()
      const refreshed = await rig.slack.waitFor('views.update', (c) => c.args.view_id === list.id, { since })
      expect(JSON.stringify(refreshed.result.view.blocks)).toContain('Landing page &lt;hero&gt;')
      const [task] = await tasksOf(campaignId)
      expect(task).toMatchObject({ title: 'Landing page <hero>', ownerId: 'U3', stage: 'design', startDate: '2026-12-03', dueDate: '2026-12-07', status: 'todo' })

      const dm = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'DU3' && String(c.args.text).includes('Landing page'))
      expect(dm.args.text).toMatch(/<@U1> assigned you \*Landing page &lt;hero&gt;\* in \*Tea fair \d+\* \(Design\): 2026-12-03 → 2026-12-07/)
      expect(JSON.stringify(dm.args.blocks)).toMatch(/task_dm_start.*task_dm_complete.*tasks_open/)
      await planMessageWhen(rig, planTs, (t) => t.includes('Tasks: 0 of 1 done'))

      // Reassigned to U2 from the menu: U2 is told once; editing again without a new owner tells no one.
      const current = rig.slack.views.get(list.id)!
      const edit = await chooseFromMenu(current, menuOption(current, task!.id, 'edit'), 'U1', 'views.push')
      expect(edit.blocks.find((b: View) => b.block_id === 'ownerId').element.initial_user).toBe('U3')
      await saveOver(edit, taskForm('Landing page <hero>', 'U2', '2026-12-03', '2026-12-07'))
      const secondEdit = await chooseFromMenu(rig.slack.views.get(list.id)!, menuOption(rig.slack.views.get(list.id)!, task!.id, 'edit'), 'U1', 'views.push')
      await saveOver(secondEdit, taskForm('Landing page, final', 'U2', '2026-12-03', '2026-12-08'))
      await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'DU2' && String(c.args.text).includes('assigned you'))
      await outboxSettled(rig)
      expect(dmsTo('U2', 'Landing page')).toHaveLength(1)
      expect(dmsTo('U3', 'Landing page')).toHaveLength(1)

      // U2 completes it from the DM: the DM is redrawn, the plan message counts it done.
      const u2Dm = rig.slack.messages.find((m) => m.channel === 'DU2' && String(m.text).includes('assigned you'))!
      const done = await clickOnMessage('U2', 'task_dm_complete', String(task!.id), { ts: u2Dm.ts, channel: 'DU2' })
      expect(done.replace_original).toBe(true)
      expect(done.text).toMatch(/Done: \*Landing page, final\*/)
      expect(JSON.stringify(done.blocks)).not.toContain('task_dm_complete')
      expect((await tasksOf(campaignId))[0]).toMatchObject({ status: 'done', ownerId: 'U2' })
      await planMessageWhen(rig, planTs, (t) => t.includes('Tasks: 1 of 1 done'))
      // A second click finds it done.
      const again = await clickOnMessage('U2', 'task_dm_complete', String(task!.id), { ts: u2Dm.ts, channel: 'DU2' })
      expect(again).toMatchObject({ response_type: 'ephemeral', text: 'This task is already done.' })
    })

    it('blocked with a reason from the menu, started again by its owner; refused to a bystander, in words', async () => {
      const { campaignId } = await campaign()
      await clickOnMessage('U1', 'task_template_skip', String(campaignId), await offerDm(campaignId))
      const list = await openTasks(campaignId)
      const form = await pushFrom(list, 'task_add', String(campaignId))
      await saveOver(form, taskForm('Brief the KOL', 'U3', '2026-12-02', '2026-12-06', 'promotion'))
      const [task] = await tasksOf(campaignId)

      const menu = await chooseFromMenu(rig.slack.views.get(list.id)!, menuOption(rig.slack.views.get(list.id)!, task!.id, 'block'), 'U1', 'views.push')
      expect(menu.callback_id).toBe('task_block')
      const empty = await submit(rig, menu, { reason: text('   ') })
      expect(empty.body.errors).toEqual({ reason: 'Say what is in the way.' })
      const redrawn = await saveOver(menu, { reason: text('Waiting for the <KOL> contract') })
      expect(JSON.stringify(redrawn.blocks)).toContain('Blocked: Waiting for the &lt;KOL&gt; contract')
      expect((await tasksOf(campaignId))[0]).toMatchObject({ status: 'blocked', blockedReason: 'Waiting for the <KOL> contract' })

      // A bystander sees the list but no menu, and a forged click is refused in the modal.
      const theirs = await openTasks(campaignId, 'U5')
      expect(menuOperations(theirs, task!.id)).toEqual([])
      expect(JSON.stringify(theirs.blocks)).not.toContain('task_add')
      const forged = JSON.stringify({ t: task!.id, v: task!.version + 1, o: 'delete' })
      const refusal = await chooseFromMenu(theirs, forged, 'U5')
      expect(JSON.stringify(refusal.blocks)).toContain("Only the campaign's owner, its approver or a workspace admin can change the plan.")
      const startByStranger = await clickOnMessage('U5', 'task_dm_start', String(task!.id), { ts: '1.000002', channel: 'DU5' })
      expect(startByStranger).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/Only the task's owner/) })
      expect((await tasksOf(campaignId))[0]!.status).toBe('blocked')

      // Its owner (not a planner) starts it again; the reason goes.
      const ownerView = await openTasks(campaignId, 'U3')
      expect(menuOperations(ownerView, task!.id).sort()).toEqual(['complete', 'start'])
      const started = await chooseFromMenu(ownerView, menuOption(ownerView, task!.id, 'start'), 'U3')
      expect(JSON.stringify(started.blocks)).toContain('Started: *Brief the KOL*.')
      expect((await tasksOf(campaignId))[0]).toMatchObject({ status: 'in_progress', blockedReason: null })

      // The campaign's owner deletes it from a list drawn before the start: refused as stale, then from the newer list.
      const before = rig.slack.views.get(list.id)!
      const stale = await chooseFromMenu(before, menuOption(before, task!.id, 'delete'))
      expect(JSON.stringify(stale.blocks)).toContain('<@U3> changed this since you opened it')
      expect(await tasksOf(campaignId)).toHaveLength(1)
      const deleted = await chooseFromMenu(stale, menuOption(stale, task!.id, 'delete'))
      expect(JSON.stringify(deleted.blocks)).toContain('Deleted: *Brief the KOL*.')
      expect(await tasksOf(campaignId)).toHaveLength(0)
    })

    it('a stale edit is answered "changed by @x since you opened it", with the newer values', async () => {
      const { campaignId } = await campaign()
      await clickOnMessage('U1', 'task_template_skip', String(campaignId), await offerDm(campaignId))
      const list = await openTasks(campaignId)
      await saveOver(await pushFrom(list, 'task_add', String(campaignId)), taskForm('Write the copy', 'U1', '2026-12-02', '2026-12-04', 'content'))
      const [task] = await tasksOf(campaignId)

      const mine = await chooseFromMenu(rig.slack.views.get(list.id)!, menuOption(rig.slack.views.get(list.id)!, task!.id, 'edit'), 'U1', 'views.push')
      const approversList = await openTasks(campaignId, 'U2')
      const theirs = await chooseFromMenu(approversList, menuOption(approversList, task!.id, 'edit'), 'U2', 'views.push')
      await saveOver(theirs, taskForm('Write the copy, short', 'U1', '2026-12-02', '2026-12-05', 'content'), 'U2')

      const stale = await submit(rig, mine, taskForm('Write the copy, long', 'U1', '2026-12-02', '2026-12-09', 'content'))
      expect(stale.body.response_action).toBe('update')
      expect(JSON.stringify(stale.body.view.blocks)).toContain('<@U2> changed this since you opened it')
      expect(stale.body.view.blocks.find((b: View) => b.block_id === 'title').element.initial_value).toBe('Write the copy, short')
      expect(stale.body.view.blocks.find((b: View) => b.block_id === 'dueDate').element.initial_date).toBe('2026-12-05')
      expect((await tasksOf(campaignId))[0]).toMatchObject({ title: 'Write the copy, short', dueDate: '2026-12-05' })

      // Saving the refreshed form works.
      // Slack keeps the view's id through response_action update.
      const resaved = await submit(rig, { ...stale.body.view, id: mine.id }, taskForm('Write the copy, long', 'U1', '2026-12-02', '2026-12-09', 'content'))
      expect(resaved.status).toBe(200)
      expect(resaved.body).toBeNull()
      expect((await tasksOf(campaignId))[0]).toMatchObject({ title: 'Write the copy, long', dueDate: '2026-12-09' })
    })
  })

  describe('at the largest size: 80 tasks', () => {
    it('/campaign tasks, /campaign mine and the tasks modal stay within Slack\'s limits in both languages', async () => {
      const { campaignId } = await campaign()
      const other = await campaign()
      const title = (i: number) => `${i % 2 ? '准备推广素材' : 'Prepare the <promotion> material'} ${i} ${'·'.repeat(100)}`
      await withStore(rig.config, async (store) => {
        for (const [id, count] of [[campaignId, 80], [other.campaignId, 5]] as const) {
          const result = await store.plans.changeSection({
            teamId: 'T1', campaignId: id, section: 'tasks', actorId: 'U1', at: new Date('2026-12-01T02:00:00Z'), outbox: () => [],
            change: async (tx, c, before) => {
              for (let i = 1; i <= count; i += 1) {
                const due = `2026-${i % 3 === 0 ? '11' : '12'}-${String(10 + (i % 18)).padStart(2, '0')}`
                await taskSectionChanges.add('T1', { title: title(i), stage: (['creative', 'content', 'design', 'build', 'promotion', 'launch', 'data', 'customer_service', 'retrospective'] as const)[i % 9]!, ownerId: i % 2 ? 'U1' : 'U4', startDate: '2026-11-01', dueDate: due }, new Date(), {})(tx, c, before)
              }
              return true
            },
          })
          expect(result.outcome).toBe('changed')
        }
      })

      for (const [userId, overdue] of [['U1', 'overdue'], ['U4', '已逾期']] as const) {
        let since = rig.slack.responses.length
        await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C1', text: `tasks #${campaignId}` })
        const tasks = (await rig.slack.waitForResponse(() => true, { since })).body
        expect(tasks.response_type).toBe('ephemeral')
        expect(checkMessage(tasks)).toBeNull()
        expect(tasks.blocks.length).toBeLessThanOrEqual(50)
        expect(JSON.stringify(tasks.blocks)).toContain(overdue)
        expect(JSON.stringify(tasks.blocks).length).toBeLessThan(13_000)

        since = rig.slack.responses.length
        await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C1', text: 'mine' })
        const mine = (await rig.slack.waitForResponse(() => true, { since })).body
        expect(checkMessage(mine)).toBeNull()
        const lines = (mine.blocks as View[]).filter((b) => b.type === 'section').map((b) => b.text.text as string).join('\n').split('\n')
        // Soonest due first, across both campaigns, only this person's.
        const dues = lines.map((line) => /(\d{4}-\d{2}-\d{2}) → (\d{4}-\d{2}-\d{2})/.exec(line)?.[2]).filter(Boolean) as string[]
        expect(dues.length).toBeGreaterThan(30)
        expect([...dues].sort()).toEqual(dues)
        expect(lines[0]).toContain(overdue)
        expect(mine.blocks.map((b: View) => JSON.stringify(b)).join('')).toContain(`Tea fair ${serial}`)

        // The modal: a page at a time, and the next page.
        const list = await openTasks(campaignId, userId)
        const next = (list.blocks as View[]).flatMap((b) => b.elements ?? []).find((e: View) => e.action_id === 'task_page_next')
        expect(next).toBeDefined()
        const since2 = rig.slack.calls.length
        await rig.client.blockAction({ teamId: 'T1', userId, actionId: 'task_page_next', value: next.value, view: inModal(list) })
        const page2 = await rig.slack.waitFor('views.update', (c) => c.args.view_id === list.id, { since: since2 })
        expect(page2.result?.ok, JSON.stringify(page2.result)).toBe(true)
        expect(JSON.parse(page2.result.view.private_metadata).pg).toBe(1)
      }
    })

    it('/campaign tasks for an unknown campaign, or without one, says so', async () => {
      let since = rig.slack.responses.length
      await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'tasks nothing like this' })
      expect((await rig.slack.waitForResponse(() => true, { since })).body.text).toMatch(/No campaign matches "nothing like this"/)
      since = rig.slack.responses.length
      await rig.client.slashCommand({ teamId: 'T1', userId: 'U4', channelId: 'C1', text: 'tasks' })
      expect((await rig.slack.waitForResponse(() => true, { since })).body.text).toMatch(/要查看哪个活动的任务/)
    })
  })
})

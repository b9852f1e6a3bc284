// Stage 2 and the calendar against a hostile client and a careless person, through the real HTTP
// door: for every action id and view callback the plan, tasks, Gantt, App Home, calendar and
// brainstorm listeners register, forged and broken values (not JSON, wrong types, ids past what the
// database holds, another workspace's ids, dates that are not dates, huge numbers, control
// characters, people who left). Each must be answered (an ephemeral message or a modal; 400 only
// for an envelope that is malformed), in the person's language, never with "something went wrong",
// and must change no row. Then team T2 naming T1's campaign and tasks, a campaign deleted under an
// open form, and one that moved on while its forms were open. One app per provider; each case its
// own campaign.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { taskTemplate } from '../../src/domain/tasks.ts'
import { messagesFor, type Messages } from '../../src/i18n/catalogue.ts'
import { requestMessagesFor } from '../../src/i18n/requests.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { type PlanRecord } from '../../src/store/planRecord.ts'
import { sectionChanges } from '../../src/store/planSections.ts'
import { createStore, type Store } from '../../src/store/store.ts'
import { calendarActions } from '../../src/slack/calendar/message.ts'
import { planActions } from '../../src/slack/plan/message.ts'
import { openTasksActionId } from '../../src/slack/tasks/message.ts'
import { homeActions } from '../../src/slack/home/view.ts'
import { ideaBoardDraft } from '../../src/slack/ideas/notifications.ts'
import { templateOfferActions } from '../../src/slack/plan/notifications.ts'
import { taskDmActions } from '../../src/slack/tasks/notifications.ts'
import { planModalIds } from '../../src/slack/plan/modals.ts'
import { taskModalIds } from '../../src/slack/tasks/modals.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedCampaigns } from '../support/home.ts'
import { date, pick, text, user } from '../support/plans.ts'
import { formValues as proposalFormValues, validForm } from '../support/proposals.ts'
import type { SlackResponse, StateValues } from '../support/slackRequests.ts'

type View = Record<string, any>
/** Where a click comes from: a message (it has a response_url), a modal, or the Home tab. */
type Where = { on: 'message' } | { on: 'modal'; view: View } | { on: 'home' }
/** What the person was shown: the HTTP status and every string of the answer, joined. */
type Heard = { status: number; text: string }

/** Past what a PostgreSQL `integer` column holds (and what a 9-digit button value can say). */
const tooBig = 2_147_483_648
const at = new Date('2026-12-01T02:00:00Z')

/** Every string in an answer (texts, labels, field errors), for what the person reads. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings)
  return []
}

/** The start of a message that ends with the thing asked for (e.g. `No campaign matches "`). */
const prefixOf = (message: (query: any) => string) => message('\u0000').split('\u0000')[0]!

const troubles = [messagesFor('en'), messagesFor('zh-CN')].flatMap((m) => Object.values(m.trouble))

// Every button and form of the plan, tasks, Gantt, App Home and calendar surfaces, by where it is pressed.
const messageButtons = [
  planActions.openSection, planActions.ready, planActions.backToPlanning, planActions.gantt, templateOfferActions.accept,
  templateOfferActions.review, templateOfferActions.skip, openTasksActionId, taskDmActions.start, taskDmActions.complete,
  calendarActions.planThis, calendarActions.planPick,
]
const modalButtons = [
  planModalIds.openForm, planModalIds.itemMenu, planModalIds.moreLines, taskModalIds.add, taskModalIds.menu, taskModalIds.previousPage, taskModalIds.nextPage,
]
const homeButtons = [homeActions.openPlan, homeActions.newCampaign]
const formCallbacks = [planModalIds.formCallback, taskModalIds.formCallback, taskModalIds.blockCallback, taskModalIds.reviewCallback]

describe.each(testProviders())('hostile requests to stage 2 and the calendar on %s', (provider) => {
  let rig: Rig
  let database: Database
  let store: Store
  let serial = 0
  const zh = messagesFor('zh-CN')
  const en = messagesFor('en')

  beforeAll(async () => {
    rig = await startRig(provider)
    // U4 owns the campaigns and reads Chinese; U2 approves; ULEFT left; UBOT9 is an app.
    rig.slack.addUser({ id: 'U2', teamId: 'T1', name: 'ada' })
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'li', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'ULEFT', teamId: 'T1', name: 'gone', deleted: true })
    rig.slack.addUser({ id: 'UBOT9', teamId: 'T1', isBot: true })
    // Another workspace: W1 reads English, W2 Chinese.
    rig.slack.addUser({ id: 'W1', teamId: 'T2', name: 'wes' })
    rig.slack.addUser({ id: 'W2', teamId: 'T2', name: 'wu', locale: 'zh-CN' })
    rig.slack.addChannel({ id: 'C1', name: 'campaigns', members: ['U2', 'U4', rig.slack.botUserId] })
    rig.slack.addChannel({ id: 'C2', name: 'their-campaigns', members: ['W1', 'W2', rig.slack.botUserId] })
    database = await openDatabase(rig.config.database)
    store = createStore(database)
  })
  afterAll(async () => {
    await database?.close()
    await rig?.close()
  })

  // ── A campaign with one of everything ────────────────────────────────────────────────────────

  type World = {
    c: number; goalId: number; promotionId: number; prizeId: number; scenarioIds: number[]; riskId: number
    taskId: number; taskVersion: number; record: PlanRecord
  }

  /** An approved campaign of `teamId` owned by `ownerId`, with a goal, a promotion item, a prize, two scenarios, an estimate, a risk and a task. */
  async function world(teamId = 'T1', ownerId = 'U4', approverId = 'U2'): Promise<World> {
    const name = `Hostile tea ${teamId} ${++serial}`
    const [c] = await seedCampaigns(rig.config, [{
      name, ownerId, approverId, channelId: teamId === 'T1' ? 'C1' : 'C2',
      tasks: [{ title: 'Write the teaser', ownerId, dueDate: '2026-12-08', startDate: '2026-12-02' }],
    }], at, teamId)
    const change = async (section: Parameters<Store['plans']['changeSection']>[0]['section'], apply: Parameters<Store['plans']['changeSection']>[0]['change']) => {
      const result = await store.plans.changeSection({ teamId, campaignId: c!, section, actorId: ownerId, at, outbox: () => [], change: apply })
      expect(result.outcome).toBe('changed')
    }
    await change('goals', sectionChanges.saveGoal(null, { metric: 'visits', customMetric: null, unit: 'visits', target: 1000, basisKind: 'reasoned', basis: 'Last year: 800', pastCampaignIds: [], dataOwnerId: null }, false))
    await change('promotion', sectionChanges.savePromotionItem(null, { channel: 'weibo', channelOther: null, what: 'Teaser', onDate: '2026-12-08', promoterId: ownerId }))
    await change('contentRules', sectionChanges.savePrize(null, { name: 'Tea set', quantity: 3, valueMinor: 19900, howGiven: 'Drawn' }))
    await change('budget', sectionChanges.saveScenario(null, { name: 'Lean', lines: [{ category: 'promotion', channel: 'weibo', amountMinor: 100000, note: null }] }))
    await change('budget', sectionChanges.saveScenario(null, { name: 'Bold', lines: [{ category: 'promotion', channel: 'weibo', amountMinor: 300000, note: null }] }))
    await change('budget', sectionChanges.saveEffectEstimate({ channel: 'weibo', metric: 'visits', customMetric: null, expected: 5000 }))
    await change('risks', sectionChanges.saveRisk(null, { description: 'Server overload', likelihood: 'medium', impact: 'high', mitigation: 'Scale up', ownerId }))
    const record = (await store.plans.load(teamId, c!))!
    const plan = record.snapshot
    return {
      c: c!, goalId: plan.goals[0]!.id, promotionId: plan.promotion[0]!.id, prizeId: plan.prizes[0]!.id,
      scenarioIds: plan.budgetScenarios.map((s) => s.id), riskId: plan.risks[0]!.id,
      taskId: plan.tasks[0]!.id, taskVersion: plan.tasks[0]!.version, record,
    }
  }

  // ── What the database holds, and what the person was told ──────────────────────────────────

  const tables = [
    'campaign', 'proposal', 'stageTransition', 'plan', 'planSectionRevision', 'goal', 'budgetScenario', 'budgetLine',
    'effectEstimate', 'promotionItem', 'prize', 'task', 'risk', 'workspaceSettings', 'idea', 'ideaVote', 'brainstormRound', 'ideaBoard',
  ] as const

  /** Every row of every table (the outbox by id and key: the dispatcher updates its rows as it delivers). */
  async function snapshot(): Promise<Record<string, string[]>> {
    const prisma = database.prisma as unknown as Record<string, { findMany(args?: object): Promise<object[]> }>
    const out: Record<string, string[]> = {}
    const json = (row: object) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))
    await Promise.all(tables.map(async (table) => { out[table] = (await prisma[table]!.findMany()).map(json).sort() }))
    out.outbox = (await database.prisma.outboxMessage.findMany({ select: { id: true, dedupeKey: true } })).map(json).sort()
    return out
  }

  /** Runs `act` and checks that it left every row as it was. */
  async function changesNothing<T>(label: string, act: () => Promise<T>): Promise<T> {
    const before = await snapshot()
    const result = await act()
    expect(await snapshot(), `${label} changed the database`).toEqual(before)
    return result
  }

  /** The first answer after `since`: a POST to the click's response_url, or a modal opened, pushed or updated. */
  async function firstAnswer(since: { calls: number; responses: number }, responseUrl: string | undefined): Promise<string> {
    const views = ['views.open', 'views.push', 'views.update'].map((method) =>
      rig.slack.waitFor(method, (c) => c.result?.ok === true, { since: since.calls, timeoutMs: 20_000 }).then((c) => strings(c.result.view).join('\n')))
    const response = responseUrl
      ? [rig.slack.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`), { since: since.responses, timeoutMs: 20_000 }).then((r) => strings(r.body).join('\n'))]
      : []
    return Promise.any([...views, ...response]).catch(() => '(silence)')
  }

  async function click(a: { userId: string; teamId?: string; actionId: string; where: Where; value?: string | undefined; option?: boolean }): Promise<Heard> {
    const since = { calls: rig.slack.calls.length, responses: rig.slack.responses.length }
    const responseUrl = a.where.on === 'message' ? rig.slack.newResponseUrl() : undefined
    const teamId = a.teamId ?? 'T1'
    const where = a.where.on === 'message'
      ? { responseUrl, message: { ts: '1700000000.000100', channel: teamId === 'T1' ? 'C1' : 'C2' } }
      : { view: a.where.on === 'modal' ? a.where.view : { id: `VHOME${a.userId}`, type: 'home' } }
    const action = a.option
      ? { action: { type: a.actionId.startsWith('calendar') ? 'static_select' : 'overflow', ...(a.value === undefined ? {} : { selected_option: { text: { type: 'plain_text', text: 'x' }, value: a.value } }) } }
      : { value: a.value }
    const answer = await rig.client.blockAction({ teamId, userId: a.userId, actionId: a.actionId, ...where, ...action })
    if (answer.status !== 200) return { status: answer.status, text: '' }
    return { status: 200, text: await firstAnswer(since, responseUrl) }
  }

  /** Submits a view whose input blocks are those its values fill in (as Slack sends them), unless `blocks` says otherwise. */
  async function submitView(a: { userId: string; teamId?: string; callbackId: string; metadata: string; values: StateValues; blocks?: View[] }): Promise<Heard & { body: SlackResponse['body'] }> {
    const inputs = Object.keys(a.values).map((blockId) => ({ type: 'input', block_id: blockId, element: { type: 'plain_text_input', action_id: 'value' }, label: { type: 'plain_text', text: 'x' } }))
    const view = { id: `VSUBMIT${++serial}`, type: 'modal', callback_id: a.callbackId, private_metadata: a.metadata, blocks: a.blocks ?? inputs }
    const answer = await rig.client.viewSubmission({ teamId: a.teamId ?? 'T1', userId: a.userId, view, values: a.values })
    return { status: answer.status, body: answer.body, text: answer.body === null ? '(closed)' : strings(answer.body).join('\n') }
  }

  /** The person was answered in words: in their language, one of `expected` (if given), never "something went wrong". */
  function toldClearly(heard: Heard, label: string, m: Messages, expected?: readonly string[]) {
    expect(heard.status, `${label}: HTTP status`).toBe(200)
    expect(heard.text, `${label}: nobody answered`).not.toBe('(silence)')
    expect(heard.text, `${label}: the modal just closed`).not.toBe('(closed)')
    for (const trouble of troubles) expect(heard.text, `${label}: answered with a failure`).not.toContain(trouble)
    if (m === zh) expect(heard.text, `${label}: not in Chinese`).toMatch(/[\u4e00-\u9fff]/)
    if (expected) expect(expected.some((e) => heard.text.includes(e)), `${label}: answered ${JSON.stringify(heard.text.slice(0, 300))}`).toBe(true)
  }

  const refusals = (m: Messages) => [
    m.plan.formOutdated, prefixOf(m.refusal.campaignNotFound), m.plan.campaignGone, m.home.campaignGone, m.plan.itemGone, m.tasks.gone,
  ]

  /** Garbage for a button whose value is a number (a campaign or task id). */
  const numberGarbage = (foreignId: number): Array<string | undefined> => [
    undefined, '', ' ', 'abc', '-1', '0', '1.5', '1e3', '0x1F', 'NaN', 'Infinity', String(tooBig), '99999999999999999999999',
    '9'.repeat(2000), '{"c":1}', '\u0000\u0007', String(foreignId),
  ]

  /** A modal as the click carries it: its id, and the private_metadata it holds. */
  const inModal = (view: View, metadata: string = view.private_metadata) => ({ id: view.id, type: 'modal', callback_id: view.callback_id, private_metadata: metadata })

  async function openedBy(act: () => Promise<SlackResponse>, method: 'views.open' | 'views.push'): Promise<View> {
    const since = rig.slack.calls.length
    expect((await act()).status).toBe(200)
    const opened = await rig.slack.waitFor(method, (c) => !c.failed, { since })
    expect(opened.result?.ok, JSON.stringify(opened.result)).toBe(true)
    return opened.result.view
  }

  const openTasksList = (c: number, userId = 'U4') => openedBy(() => rig.client.blockAction({
    teamId: 'T1', userId, actionId: 'tasks_open', value: String(c), responseUrl: rig.slack.newResponseUrl(), message: { ts: '1700000000.000100', channel: 'C1' },
  }), 'views.open')

  const openSectionModal = (c: number, section: string, userId = 'U4') => openedBy(() => rig.client.blockAction({
    teamId: 'T1', userId, actionId: 'plan_section_open', value: `${c}:${section}`, responseUrl: rig.slack.newResponseUrl(), message: { ts: '1700000000.000100', channel: 'C1' },
  }), 'views.open')

  const pushForm = (section: View, request: object, userId = 'U4') => openedBy(() => rig.client.blockAction({
    teamId: 'T1', userId, actionId: 'plan_form_open', value: JSON.stringify(request), view: inModal(section),
  }), 'views.push')

  let foreign: World
  beforeAll(async () => {
    foreign = await world('T2', 'W1', 'W2')
  })

  // ── (a) garbage, for every button ────────────────────────────────────────────────────────────

  /** Clicks `actionId` with each value, as the owner (who may do everything), and checks each answer. */
  async function eachValue(actionId: string, where: Where, values: ReadonlyArray<string | undefined>, expected: readonly string[] | undefined, option = false) {
    for (const value of values) {
      const label = `${actionId} ${JSON.stringify(value)?.slice(0, 80)}`
      const heard = await changesNothing(label, () => click({ userId: 'U4', actionId, where, value, option }))
      toldClearly(heard, label, zh, expected)
    }
  }

  it.each([
    ['plan_ready'], ['plan_back_to_planning'], ['plan_gantt'], ['task_template_accept'], ['task_template_skip'], ['task_template_review'],
  ])('%s: a value that is not one of our campaign ids', async (actionId) => {
    await world()
    await eachValue(actionId, { on: 'message' }, numberGarbage(foreign.c), [zh.plan.formOutdated, prefixOf(zh.refusal.campaignNotFound)])
  })

  it.each([['task_dm_start'], ['task_dm_complete']])('%s: a value that is not one of our task ids', async (actionId) => {
    await world()
    await eachValue(actionId, { on: 'message' }, numberGarbage(foreign.taskId), [zh.plan.formOutdated, zh.tasks.gone])
  })

  it('plan_section_open: a value that is not campaign:section', async () => {
    const w = await world()
    const values = [
      undefined, '', 'abc', `${w.c}`, `${w.c}:`, `${w.c}:nope`, `${w.c}:tasks:x`, `0:goals`, `-1:goals`, `${tooBig}:goals`,
      `999999999:goals`, `${w.c}.5:goals`, `${foreign.c}:goals`, `${foreign.c}:tasks`, 'x'.repeat(3000),
    ]
    await eachValue('plan_section_open', { on: 'message' }, values, [zh.plan.formOutdated, prefixOf(zh.refusal.campaignNotFound)])
  })

  it('tasks_open: a value that is not campaign[:task]', async () => {
    const w = await world()
    const values = [undefined, '', 'abc', `${w.c}:`, `${w.c}:x`, `${tooBig}`, `${w.c}:${tooBig}`, '0', `${foreign.c}`, `${foreign.c}:${foreign.taskId}`]
    await eachValue('tasks_open', { on: 'message' }, values, [zh.plan.formOutdated, prefixOf(zh.refusal.campaignNotFound)])
  })

  it('plan_form_open: a request that is not one of ours', async () => {
    const w = await world()
    const section = await openSectionModal(w.c, 'goals')
    const values = [
      undefined, 'not json', 'null', '[]', '{}', '"x"', `{"c":${w.c}}`, `{"c":${w.c},"f":"nope"}`, `{"c":${tooBig},"f":"goal","i":null}`,
      `{"c":-1,"f":"goal"}`, `{"c":"${w.c}","f":"goal"}`, `{"c":${w.c},"f":"goal","i":${tooBig}}`, `{"c":${w.c},"f":"goal","i":${foreign.goalId}}`,
      `{"c":${w.c},"f":"risk","i":${foreign.riskId}}`, `{"c":${foreign.c},"f":"goal","i":null}`, `{"c":${w.c},"f":"estimate","ch":"nope"}`,
      `{"c":${w.c},"f":"goal","i":1.5}`, JSON.stringify({ c: w.c, f: 'goal', i: null, pad: 'x'.repeat(3000) }).slice(0, 2000),
    ]
    await eachValue('plan_form_open', { on: 'modal', view: inModal(section) }, values, refusals(zh))
  })

  it('plan_item_menu: an option that is not one of ours', async () => {
    const w = await world()
    const section = await openSectionModal(w.c, 'goals')
    const values = [
      undefined, 'not json', '{}', `{"c":${w.c},"f":"goal","i":${w.goalId}}`, `{"c":${w.c},"f":"goal","i":${w.goalId},"o":"nuke"}`,
      `{"c":${w.c},"f":"goal","i":${w.goalId},"o":"choose"}`, `{"c":${w.c},"f":"goal","i":null,"o":"delete"}`,
      `{"c":${w.c},"f":"goal","i":${tooBig},"o":"delete"}`, `{"c":${w.c},"f":"goal","i":${tooBig},"o":"edit"}`,
      `{"c":${w.c},"f":"goal","i":${foreign.goalId},"o":"delete"}`, `{"c":${w.c},"f":"goal","i":${foreign.goalId},"o":"edit"}`,
      `{"c":${foreign.c},"f":"goal","i":${foreign.goalId},"o":"delete"}`, `{"c":${w.c},"f":"scenario","i":${foreign.scenarioIds[1]},"o":"choose"}`,
      `{"c":${w.c},"f":"scenario","i":${tooBig},"o":"choose"}`, `{"c":${w.c},"f":"estimate","ch":"email","o":"delete"}`,
      `{"c":${tooBig},"f":"risk","i":${w.riskId},"o":"delete"}`, `{"c":${w.c},"f":"prize","i":${foreign.prizeId},"o":"delete"}`,
    ]
    await eachValue('plan_item_menu', { on: 'modal', view: inModal(section) }, values, refusals(zh), true)
  })

  it('plan_scenario_more_lines: a form whose metadata or slot count is not ours', async () => {
    const w = await world()
    const section = await openSectionModal(w.c, 'budget')
    const form = await pushForm(section, { c: w.c, f: 'scenario', i: null })
    const good = JSON.parse(form.private_metadata)
    const metadata = [
      'not json', '', '{}', JSON.stringify({ ...good, c: tooBig }), JSON.stringify({ ...good, c: foreign.c }), JSON.stringify({ ...good, f: 'nope' }),
      JSON.stringify({ ...good, i: tooBig }), JSON.stringify({ ...good, x: { slots: 999 } }), JSON.stringify({ ...good, p: 'x'.repeat(41) }),
    ]
    for (const forged of metadata) {
      const label = `more lines with ${forged.slice(0, 80)}`
      const heard = await changesNothing(label, () => click({ userId: 'U4', actionId: 'plan_scenario_more_lines', where: { on: 'modal', view: inModal(form, forged) }, value: '10' }))
      toldClearly(heard, label, zh, refusals(zh))
    }
    // A slot count that is not one is refused; one past the limit shows the limit.
    await eachValue('plan_scenario_more_lines', { on: 'modal', view: inModal(form) }, [undefined, 'abc', '1.5'], [zh.plan.formOutdated])
    await eachValue('plan_scenario_more_lines', { on: 'modal', view: inModal(form) }, ['-5', '1e9', String(tooBig)], undefined)
  })

  it('task_add and the page buttons: a list whose metadata or page is not ours', async () => {
    const w = await world()
    const list = await openTasksList(w.c)
    const metadata = ['not json', '', '{}', `{"c":${tooBig},"pg":0}`, `{"c":${foreign.c},"pg":0}`, `{"c":${w.c},"pg":-1}`, `{"c":"${w.c}","pg":0}`, `{"c":${w.c}}`]
    for (const actionId of ['task_add', 'task_page_previous', 'task_page_next']) {
      for (const forged of metadata) {
        const label = `${actionId} with ${forged}`
        const heard = await changesNothing(label, () => click({ userId: 'U4', actionId, where: { on: 'modal', view: inModal(list, forged) }, value: '0' }))
        toldClearly(heard, label, zh, [zh.plan.formOutdated, zh.plan.campaignGone])
      }
    }
    // Any page number shows a page that exists.
    await eachValue('task_page_next', { on: 'modal', view: inModal(list) }, [undefined, 'abc', '-1', '1e309', String(tooBig)], undefined)
  })

  it('task_menu: an option that is not one of ours', async () => {
    const w = await world()
    const list = await openTasksList(w.c)
    const values = [
      undefined, 'not json', '{}', `{"t":${tooBig},"v":0,"o":"delete"}`, `{"t":${foreign.taskId},"v":0,"o":"delete"}`,
      `{"t":${foreign.taskId},"v":0,"o":"start"}`, `{"t":${w.taskId},"v":99,"o":"delete"}`, `{"t":${w.taskId},"v":0,"o":"explode"}`,
      `{"t":${w.taskId},"v":-1,"o":"start"}`, `{"t":${w.taskId},"v":0,"o":"reopen"}`, `{"t":"${w.taskId}","v":0,"o":"start"}`,
    ]
    await eachValue('task_menu', { on: 'modal', view: inModal(list) }, values, [
      zh.plan.formOutdated, zh.tasks.gone, prefixOf(zh.plan.staleCopy), ...Object.values(zh.tasks.refusal),
    ], true)
    const forged = [`{"c":${tooBig},"pg":0}`, `{"c":${foreign.c},"pg":0}`, 'not json']
    for (const metadata of forged) {
      const label = `task_menu in a list with ${metadata}`
      const heard = await changesNothing(label, () => click({ userId: 'U4', actionId: 'task_menu', where: { on: 'modal', view: inModal(list, metadata) }, value: `{"t":${w.taskId},"v":0,"o":"delete"}`, option: true }))
      toldClearly(heard, label, zh, [zh.plan.formOutdated, zh.plan.campaignGone])
    }
  })

  it('home_open_plan and home_new_campaign: values that are not ours', async () => {
    await world()
    for (const value of numberGarbage(foreign.c)) {
      const label = `home_open_plan ${JSON.stringify(value)?.slice(0, 40)}`
      const heard = await changesNothing(label, () => click({ userId: 'U4', actionId: 'home_open_plan', where: { on: 'home' }, value }))
      toldClearly(heard, label, zh, [zh.home.campaignGone])
    }
    // Whatever its value, Propose opens an empty proposal form.
    for (const value of [undefined, 'abc', String(tooBig)]) {
      const heard = await changesNothing('home_new_campaign', () => click({ userId: 'U4', actionId: 'home_new_campaign', where: { on: 'home' }, value }))
      toldClearly(heard, `home_new_campaign ${value}`, zh)
    }
  })

  it('calendar_plan and calendar_plan_pick: keys that are not dates of the calendar', async () => {
    await world()
    const keys = [
      undefined, '', 'garbage', 'US:2026-02-30:x', 'ZZ:2026-12-25:christmas', 'us:2026-12-25:christmas', 'US:9999-12-31:new_year',
      'US:1000-01-01:new_year', 'US:0000-01-01:new_year', 'CN:2026-11-11:', 'CN:2026-13-01:double_11', 'x'.repeat(3000), 'US:2026-12-25:christmas\u0000',
    ]
    for (const actionId of ['calendar_plan', 'calendar_plan_pick']) {
      for (const key of keys) {
        const label = `${actionId} ${JSON.stringify(key)?.slice(0, 60)}`
        const heard = await changesNothing(label, () => click({ userId: 'U4', actionId, where: { on: 'message' }, value: key, option: actionId === 'calendar_plan_pick' }))
        toldClearly(heard, label, zh)
      }
    }
  })

  it.each([['message', messageButtons], ['modal', modalButtons], ['home', homeButtons]] as const)(
    'every button on a %s, sent with an envelope Slack would never send: 400, or an answer; nothing written', async (on, actionIds) => {
      const w = await world()
      // A tasks list Slack holds, so that a click redrawing it is seen.
      const where: Where = on === 'modal' ? { on, view: inModal(await openTasksList(w.c)) } : { on }
      const placed = (responseUrl?: string) => (where.on === 'message'
        ? { ...(responseUrl ? { responseUrl } : {}), message: { ts: '1700000000.000100', channel: 'C1' } }
        : { view: where.on === 'modal' ? where.view : { id: 'VHOME', type: 'home' } })
      for (const actionId of actionIds) {
        // A value that is not text is malformed at the envelope.
        for (const value of [42, null, { c: w.c }]) {
          const label = `${actionId} value ${JSON.stringify(value)}`
          const answer = await changesNothing(label, () => rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId, ...placed(), action: { value } }))
          expect(answer.status, label).toBe(400)
        }
        // A menu choice that is not an option reads as no choice: answered in words.
        const label = `${actionId} with a selected_option that is text`
        const since = { calls: rig.slack.calls.length, responses: rig.slack.responses.length }
        const responseUrl = where.on === 'message' ? rig.slack.newResponseUrl() : undefined
        const answer = await changesNothing(label, () => rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId, ...placed(responseUrl), action: { type: 'overflow', selected_option: 'edit' } }))
        toldClearly({ status: answer.status, text: await firstAnswer(since, responseUrl) }, label, zh)
      }
    })

  it.each(formCallbacks.map((id) => [id]))('%s, sent with an envelope Slack would never send: 400, nothing written', async (callbackId) => {
    await world()
    const view = (fields: object) => ({ id: 'VFORM', type: 'modal', callback_id: callbackId, ...fields })
    const malformed: Array<[string, () => Promise<SlackResponse>]> = [
      ['private_metadata that is a number', () => rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: view({ private_metadata: 42 }), values: {} })],
      ['a field that is text, not an element', () => rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: view({ private_metadata: '{}' }), values: { title: { value: 'x' } } as unknown as StateValues })],
      ['values that are a list', () => rig.client.viewSubmission({ teamId: 'T1', userId: 'U4', view: view({ private_metadata: '{}' }), values: [] as unknown as StateValues })],
    ]
    for (const [name, send] of malformed) {
      const answer = await changesNothing(`${callbackId} with ${name}`, send)
      expect(answer.status, `${callbackId} with ${name}`).toBe(400)
    }
  })

  // ── (a) garbage, for every form ──────────────────────────────────────────────────────────────

  /** Submits each metadata with `values`, and each of `badValues` with the good metadata. */
  async function eachSubmission(callbackId: string, metadata: readonly string[], values: StateValues, badValues: ReadonlyArray<[string, StateValues]>, good: string, expected: readonly string[] | undefined) {
    for (const forged of metadata) {
      const label = `${callbackId} with metadata ${forged.slice(0, 100)}`
      const heard = await changesNothing(label, () => submitView({ userId: 'U4', callbackId, metadata: forged, values }))
      toldClearly(heard, label, zh, expected)
    }
    for (const [name, bad] of badValues) {
      const label = `${callbackId} with ${name}`
      const heard = await changesNothing(label, () => submitView({ userId: 'U4', callbackId, metadata: good, values: bad }))
      toldClearly(heard, label, zh)
      expect(heard.body?.response_action, label).toBe('errors')
    }
  }

  it('plan_form: a goal whose metadata or values are not ours', async () => {
    const w = await world()
    const section = await openSectionModal(w.c, 'goals')
    const form = await pushForm(section, { c: w.c, f: 'goal', i: null })
    const good = form.private_metadata as string
    const g = JSON.parse(good)
    const goal = (overrides: StateValues = {}): StateValues => ({
      metric: pick('visits'), target: text('10000'), unit: text('visits'), basisKind: pick('reasoned'), basis: text('Last year brought 8,000.'), ...overrides,
    })
    const metadata = [
      'not json', '', '{}', '[]', JSON.stringify({ ...g, c: tooBig }), JSON.stringify({ ...g, c: foreign.c }), JSON.stringify({ ...g, f: 'nope' }),
      JSON.stringify({ ...g, i: tooBig }), JSON.stringify({ ...g, i: foreign.goalId }), JSON.stringify({ ...g, c: String(w.c) }),
      JSON.stringify({ ...g, p: 'x'.repeat(41) }), JSON.stringify({ ...g, x: { channel: 'nope' } }), JSON.stringify({ ...g, i: -3 }),
    ]
    const bad: Array<[string, StateValues]> = [
      ['nothing at all', {}],
      ['a target that is not a number', goal({ target: text('lots') })],
      ['a negative target', goal({ target: text('-5') })],
      ['a target past any number', goal({ target: text('1e400') })],
      ['a target of 20 digits', goal({ target: text('99999999999999999999') })],
      ['a metric that is not one', goal({ metric: pick('followers_of_followers') })],
      ['a basis of control characters only', goal({ basis: text('\u0000\u0001\u0002') })],
      ['a basis far too long', goal({ basis: text('x'.repeat(5000)) })],
      ['a data owner who left', goal({ dataOwnerId: user('ULEFT') })],
      ['an app as data owner', goal({ dataOwnerId: user('UBOT9') })],
      ['a data owner Slack does not know', goal({ dataOwnerId: user('UNOBODY') })],
      ['a data owner that is not a user id', goal({ dataOwnerId: user('<!channel>') })],
      ['values of the wrong types', { metric: { value: { type: 'static_select', selected_option: 'visits' } }, target: { value: { type: 'plain_text_input', value: 10000 } }, basis: { value: { type: 'plain_text_input', value: ['x'] } } } as unknown as StateValues],
    ]
    await eachSubmission('plan_form', metadata, goal(), bad, good, refusals(zh))
    // This workspace has no past campaign, so the goal form shows no past-campaigns field: a view
    // carrying one is not this form, and is told so (hostileForms.test.ts refuses a forged id in the field shown).
    for (const [label, pastCampaignIds] of [['another workspace', String(foreign.c)], ['none at all', '999999999']] as const) {
      const heard = await changesNothing(label, () => submitView({ userId: 'U4', callbackId: 'plan_form', metadata: good, values: goal({ basisKind: pick('past_campaigns'), pastCampaignIds: checksAsMulti(pastCampaignIds) }) }))
      toldClearly(heard, `plan_form with past campaigns of ${label}`, zh, [zh.plan.formMismatch])
    }
  })

  it('plan_form: dates that are not dates, money and counts past what anyone budgets', async () => {
    const w = await world()
    // The window: dates that are not dates, or in the wrong order.
    const windowForm = await openSectionModal(w.c, 'window')
    const windowBad: Array<[string, StateValues]> = [
      ['a start that is not a date', { startDate: date('2026-02-30'), endDate: date('2026-12-24') }],
      ['a start in words', { startDate: date('tomorrow'), endDate: date('2026-12-24') }],
      ['an end before the start', { startDate: date('2026-12-20'), endDate: date('2026-12-10') }],
      ['a start in the past', { startDate: date('2020-01-01'), endDate: date('2026-12-24') }],
      ['a month 13', { startDate: date('2026-12-10'), endDate: date('2026-13-01') }],
    ]
    await eachSubmission('plan_form', [], {}, windowBad, windowForm.private_metadata, undefined)

    // Money and counts past what anyone budgets.
    const budget = await openSectionModal(w.c, 'budget')
    const scenario = await pushForm(budget, { c: w.c, f: 'scenario', i: null })
    const line = (amount: string): StateValues => ({ name: text('Huge'), 'lines.0.category': pick('promotion'), 'lines.0.channel': pick('weibo'), 'lines.0.amount': text(amount) })
    await eachSubmission('plan_form', [], {}, [
      ['an amount of 20 digits', line('99999999999999999999')],
      ['an amount in exponent form', line('1e12')],
      ['a category that is not one', { ...line('100'), 'lines.0.category': pick('bribes') }],
      ['a line in the last slot of a 5-line form, all wrong', { name: text('x'), 'lines.4.amount': text('-1') }],
    ], scenario.private_metadata, undefined)
    // Slot 19 is not on a 5-line form: the view is not the form it names, and is told so.
    const slot19 = await changesNothing('slot 19', () => submitView({ userId: 'U4', callbackId: 'plan_form', metadata: scenario.private_metadata, values: { name: text('x'), 'lines.19.amount': text('-1') } }))
    toldClearly(slot19, 'a line in slot 19 of a 5-line form', zh, [zh.plan.formMismatch])
    const rules = await openSectionModal(w.c, 'contentRules')
    const prize = await pushForm(rules, { c: w.c, f: 'prize', i: null })
    await eachSubmission('plan_form', [], {}, [
      ['a quantity past a million', { name: text('Cup'), quantity: text('99999999999'), value: text('10'), howGiven: text('Drawn') }],
      ['a value of 20 digits', { name: text('Cup'), quantity: text('3'), value: text('99999999999999999999'), howGiven: text('Drawn') }],
    ], prize.private_metadata, undefined)
  })

  it('task_form: a submission whose metadata or values are not ours', async () => {
    const w = await world()
    const list = await openTasksList(w.c)
    const form = await openedBy(() => rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId: 'task_add', value: String(w.c), view: inModal(list) }), 'views.push')
    const good = form.private_metadata as string
    const g = JSON.parse(good)
    const task = (overrides: StateValues = {}): StateValues => ({
      title: text('Shoot the video'), stage: pick('content'), ownerId: user('U4'), startDate: date('2026-12-02'), dueDate: date('2026-12-06'), ...overrides,
    })
    const metadata = [
      'not json', '', '{}', JSON.stringify({ ...g, c: tooBig }), JSON.stringify({ ...g, c: foreign.c }), JSON.stringify({ ...g, t: tooBig, v: 0 }),
      JSON.stringify({ ...g, t: foreign.taskId, v: 0 }), JSON.stringify({ ...g, t: w.taskId, v: -1 }), JSON.stringify({ ...g, pg: -1 }),
      JSON.stringify({ ...g, c: foreign.c, t: foreign.taskId, v: 0 }),
    ]
    const bad: Array<[string, StateValues]> = [
      ['nothing at all', {}],
      ['a title far too long', task({ title: text('x'.repeat(2000)) })],
      ['a title of control characters', task({ title: text('\u0000\u0008') })],
      ['a stage that is not one', task({ stage: pick('sabotage') })],
      ['an owner who left', task({ ownerId: user('ULEFT') })],
      ['an app as owner', task({ ownerId: user('UBOT9') })],
      ['an owner of another workspace that Slack does not know', task({ ownerId: user('UNOBODY') })],
      ['a start that is not a date', task({ startDate: date('2026-02-30') })],
      ['a due date in words', task({ dueDate: date('next week') })],
      ['a due date before the start', task({ startDate: date('2026-12-06'), dueDate: date('2026-12-02') })],
    ]
    await eachSubmission('task_form', metadata, task(), bad, good, [...refusals(zh), prefixOf(zh.plan.staleCopy)])
  })

  it('task_block and task_template_review: submissions whose metadata or values are not ours', async () => {
    const w = await world()
    const reason = { reason: text('Waiting for the designer') }
    const block = (t: number, c = w.c) => JSON.stringify({ c, t, p: null, pg: 0 })
    await eachSubmission('task_block', ['not json', '{}', block(tooBig), block(foreign.taskId), block(foreign.taskId, foreign.c), `{"c":${w.c},"t":"${w.taskId}","p":null,"pg":0}`], reason, [
      ['no reason', {}],
      ['a reason of control characters', { reason: text('\u0000\u0001') }],
      ['a reason far too long', { reason: text('x'.repeat(5000)) }],
    ], block(w.taskId), [...refusals(zh), ...Object.values(zh.tasks.refusal)])

    const keys = taskTemplate('own_site', w.record.snapshot.window, '2026-12-01').map((t) => t.key)
    const review = (f: (key: string) => StateValues): StateValues => Object.assign({}, ...keys.map(f))
    const goodReview = review((key) => ({ [`owner:${key}`]: user('U4'), [`start:${key}`]: date('2026-12-02'), [`due:${key}`]: date('2026-12-05') }))
    await eachSubmission('task_template_review', ['not json', '{}', `{"c":${tooBig}}`, `{"c":${foreign.c}}`, `{"c":"${w.c}"}`, `{"c":-1}`], goodReview, [
      ['dates that are not dates', review((key) => ({ [`owner:${key}`]: user('U4'), [`start:${key}`]: date('2026-02-30'), [`due:${key}`]: date('soon') }))],
      ['owners who left', review((key) => ({ [`owner:${key}`]: user('ULEFT'), [`start:${key}`]: date('2026-12-02'), [`due:${key}`]: date('2026-12-05') }))],
      ['nothing at all', {}],
    ], JSON.stringify({ c: w.c }), [...refusals(zh), zh.template.onlyOwner])
  })

  // ── (a) the brainstorm's buttons and forms ───────────────────────────────────────────────

  it('the brainstorm: buttons and forms that name no idea of ours, or one of another workspace', async () => {
    const add = async (teamId: string, authorId: string) => {
      const added = await store.ideas.add({ teamId, authorId, text: `Tea tasting live ${++serial}`, tag: null, at, boards: ideaBoardDraft })
      if (added.outcome !== 'added') throw new Error(added.outcome)
      return added.idea
    }
    const mine = await add('T1', 'U4')
    const theirs = await add('T2', 'W1')
    const gone = [zh.ideas.refusal.gone, zh.ideas.refusal.stale, zh.formOutdated, ...Object.values(zh.ideas.refusal).filter((t): t is string => typeof t === 'string')]
    await eachValue('idea_upvote', { on: 'message' }, [undefined, '', 'abc', `${mine.id}`, `${mine.id}:1`, `${tooBig}:1:1`, `${theirs.id}:1:1`, '999999999:1:1', `${mine.id}:1:1:1`], gone)
    await eachValue('idea_make_proposal', { on: 'message' }, numberGarbage(theirs.id), gone)
    await eachValue('brainstorm_add_idea', { on: 'message' }, numberGarbage(theirs.id), gone)
    await eachValue('idea_menu', { on: 'message' }, [undefined, 'edit', 'edit:abc', `nuke:${mine.id}`, `edit:${theirs.id}`, `withdraw:${theirs.id}`, `remove:${mine.id}`, `withdraw:${tooBig}`], gone, true)
    const text = { idea_text: { value: { type: 'plain_text_input', value: 'Iced tea for summer' } } }
    await eachSubmission('campaign_idea_edit', [
      'not json', '{}', JSON.stringify({ ideaId: theirs.id, version: 0 }), JSON.stringify({ ideaId: mine.id, version: 99 }),
      JSON.stringify({ ideaId: mine.id, version: -1 }),
    ], text, [['no text', {}], ['text of control characters', { idea_text: { value: { type: 'plain_text_input', value: '\u0000\u0001' } } }]],
    JSON.stringify({ ideaId: mine.id, version: mine.version }), gone)
    // Adding an idea keeps what was typed; a round that is not ours is no round.
    for (const metadata of [JSON.stringify({ roundId: 999999999 })]) {
      const heard = await submitView({ userId: 'U4', callbackId: 'campaign_idea_add', metadata, values: text })
      toldClearly(heard, `campaign_idea_add with ${metadata}`, zh)
    }
  })

  it("the proposal form that Home's Propose, the calendar and an idea open: forged metadata that reads saves what was typed as a new proposal, metadata that does not is told the form is out of date; no other workspace's idea linked, never fails", async () => {
    await world()
    const theirs = await store.ideas.add({ teamId: 'T2', authorId: 'W1', text: `Their idea ${++serial}`, tag: null, at, boards: ideaBoardDraft })
    if (theirs.outcome !== 'added') throw new Error(theirs.outcome)
    const theirIdeasBefore = await database.prisma.idea.findMany({ where: { teamId: 'T2' }, orderBy: { id: 'asc' } })
    const metadata = [
      { mode: 'new', sourceIdeaId: tooBig }, { mode: 'new', sourceIdeaId: theirs.idea.id }, { mode: 'revise', campaignId: tooBig, version: 0 },
      { mode: 'revise', campaignId: foreign.c, version: 0 },
    ]
    for (const forged of metadata) {
      const name = `Forged proposal ${++serial}`
      const values = proposalFormValues(validForm({ name, ownerId: 'U4', approverId: 'U2' }))
      const heard = await submitView({ userId: 'U4', callbackId: 'campaign_proposal', metadata: JSON.stringify(forged), values })
      const label = `campaign_proposal with ${JSON.stringify(forged)}`
      expect(heard.status, label).toBe(200)
      for (const trouble of troubles) expect(heard.text, `${label}: answered with a failure`).not.toContain(trouble)
      // Another workspace's campaign is not found (told on the name); an id no row can have does
      // not read as our metadata (told the form is out of date); else what was typed is a new proposal.
      if (heard.body?.response_action === 'errors') {
        expect([prefixOf(zh.refusal.campaignNotFound), requestMessagesFor('zh-CN').olderModal.text].some((t) => heard.text.includes(t)), `${label}: ${heard.text}`).toBe(true)
      } else expect(await database.prisma.campaign.count({ where: { teamId: 'T1', name } }), label).toBe(1)
    }
    expect(await database.prisma.idea.findMany({ where: { teamId: 'T2' }, orderBy: { id: 'asc' } })).toEqual(theirIdeasBefore)
    expect((await store.plans.load('T2', foreign.c))!.campaign).toEqual(foreign.record.campaign)
  })

  // ── (b) another workspace naming ours ───────────────────────────────────────────────────────

  it("team T2's people pressing buttons and submitting forms that name T1's campaign, items and task change nothing and are told it is not found", async () => {
    const w = await world()
    const section = await openSectionModal(w.c, 'goals')
    const list = await openTasksList(w.c)
    const goalForm = await pushForm(section, { c: w.c, f: 'goal', i: w.goalId })
    const notFound = [prefixOf(en.refusal.campaignNotFound), en.plan.campaignGone, en.home.campaignGone, en.tasks.gone, en.plan.formOutdated]
    const buttons: Array<[string, Where, string, boolean?]> = [
      ['plan_section_open', { on: 'message' }, `${w.c}:goals`],
      ['plan_section_open', { on: 'message' }, `${w.c}:tasks`],
      ['plan_form_open', { on: 'modal', view: inModal(section) }, JSON.stringify({ c: w.c, f: 'goal', i: w.goalId })],
      ['plan_item_menu', { on: 'modal', view: inModal(section) }, JSON.stringify({ c: w.c, f: 'goal', i: w.goalId, o: 'delete' }), true],
      ['plan_item_menu', { on: 'modal', view: inModal(section) }, JSON.stringify({ c: w.c, f: 'scenario', i: w.scenarioIds[1], o: 'choose' }), true],
      ['plan_item_menu', { on: 'modal', view: inModal(section) }, JSON.stringify({ c: w.c, f: 'estimate', ch: 'weibo', o: 'delete' }), true],
      ['plan_scenario_more_lines', { on: 'modal', view: inModal(goalForm) }, '10'],
      ['plan_ready', { on: 'message' }, String(w.c)],
      ['plan_back_to_planning', { on: 'message' }, String(w.c)],
      ['plan_gantt', { on: 'message' }, String(w.c)],
      ['task_template_accept', { on: 'message' }, String(w.c)],
      ['task_template_skip', { on: 'message' }, String(w.c)],
      ['task_template_review', { on: 'message' }, String(w.c)],
      ['tasks_open', { on: 'message' }, String(w.c)],
      ['task_add', { on: 'modal', view: inModal(list) }, String(w.c)],
      ['task_page_next', { on: 'modal', view: inModal(list) }, '1'],
      ['task_page_previous', { on: 'modal', view: inModal(list) }, '0'],
      ['task_menu', { on: 'modal', view: inModal(list) }, JSON.stringify({ t: w.taskId, v: w.taskVersion, o: 'delete' }), true],
      ['task_menu', { on: 'modal', view: inModal(list) }, JSON.stringify({ t: w.taskId, v: w.taskVersion, o: 'start' }), true],
      ['task_dm_start', { on: 'message' }, String(w.taskId)],
      ['task_dm_complete', { on: 'message' }, String(w.taskId)],
      ['home_open_plan', { on: 'home' }, String(w.c)],
    ]
    for (const [actionId, where, value, option] of buttons) {
      const label = `W1 (T2) ${actionId} ${value}`
      const heard = await changesNothing(label, () => click({ userId: 'W1', teamId: 'T2', actionId, where, value, option: option ?? false }))
      toldClearly(heard, label, en, notFound)
    }
    const forms: Array<[string, string, StateValues]> = [
      ['plan_form', goalForm.private_metadata, { metric: pick('visits'), target: text('1'), basisKind: pick('reasoned'), basis: text('Hijacked') }],
      ['task_form', JSON.stringify({ c: w.c, t: null, v: null, p: null, pg: 0 }), { title: text('Hijack'), stage: pick('content'), ownerId: user('W1'), startDate: date('2026-12-02'), dueDate: date('2026-12-03') }],
      ['task_form', JSON.stringify({ c: w.c, t: w.taskId, v: w.taskVersion, p: null, pg: 0 }), { title: text('Hijack'), stage: pick('content'), ownerId: user('W1'), startDate: date('2026-12-02'), dueDate: date('2026-12-03') }],
      ['task_block', JSON.stringify({ c: w.c, t: w.taskId, p: null, pg: 0 }), { reason: text('Hijacked') }],
      ['task_template_review', JSON.stringify({ c: w.c }), {}],
    ]
    // Their Home shows their workspace only, even where T1 named one of them a task's owner.
    await store.plans.changeSection({
      teamId: 'T1', campaignId: w.c, section: 'tasks', actorId: 'U4', at, outbox: () => [],
      change: async (tx, campaignId) => Boolean(await tx.task.create({ data: { campaignId, teamId: 'T1', title: 'T1 secret task', stage: 'content', ownerId: 'W1', startDate: '2026-12-02', dueDate: '2026-12-03', createdAt: at } })),
    })
    const since = rig.slack.homePublished.length
    expect((await rig.client.appHomeOpened({ teamId: 'T2', userId: 'W1', tab: 'home', view: null })).status).toBe(200)
    const home = strings(await rig.slack.waitForHome('W1', () => true, { since })).join('\n')
    expect(home).toContain(foreign.record.campaign.name)
    expect(home).not.toContain('T1 secret task')
    expect(home).not.toContain(w.record.campaign.name)
    for (const [callbackId, metadata, values] of forms) {
      for (const userId of ['W1', 'W2']) {
        const label = `${userId} (T2) submits ${callbackId} naming T1's`
        const heard = await changesNothing(label, () => submitView({ userId, teamId: 'T2', callbackId, metadata, values }))
        const m = userId === 'W2' ? zh : en
        toldClearly(heard, label, m, [m.plan.campaignGone, m.tasks.gone])
      }
    }
  })

  // ── A campaign deleted, or moved on, under open forms ───────────────────────────────────────

  async function withRow(c: number, change: 'delete' | 'close') {
    if (change === 'delete') await database.prisma.campaign.delete({ where: { id: c } })
    else await database.prisma.campaign.update({ where: { id: c }, data: { stage: 'closed' } })
  }

  it.each([['delete' as const], ['close' as const]])('a campaign that an admin tool %ss under open forms: every submission and click is refused in words, nothing written', async (change) => {
    const w = await world()
    const section = await openSectionModal(w.c, 'goals')
    const goalForm = await pushForm(section, { c: w.c, f: 'goal', i: w.goalId })
    const list = await openTasksList(w.c)
    const taskForm = await openedBy(() => rig.client.blockAction({
      teamId: 'T1', userId: 'U4', actionId: 'task_menu', view: inModal(list),
      action: { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'x' }, value: JSON.stringify({ t: w.taskId, v: w.taskVersion, o: 'edit' }) } },
    }), 'views.push')
    await withRow(w.c, change)
    const expected = change === 'delete'
      ? [zh.plan.campaignGone, prefixOf(zh.refusal.campaignNotFound), zh.tasks.gone, zh.home.campaignGone]
      : [prefixOf(zh.plan.planClosed), zh.plan.refusal.plan_closed, zh.plan.refusal.tasks_closed, zh.plan.refusal.not_in_planning, zh.plan.refusal.not_scheduled]
    const forms: Array<[string, string, StateValues]> = [
      ['plan_form', goalForm.private_metadata, { metric: pick('visits'), target: text('12'), basisKind: pick('reasoned'), basis: text('Too late') }],
      ['task_form', taskForm.private_metadata, { title: text('Too late'), stage: pick('content'), ownerId: user('U4'), startDate: date('2026-12-02'), dueDate: date('2026-12-03') }],
      ['task_block', JSON.stringify({ c: w.c, t: w.taskId, p: list.id, pg: 0 }), { reason: text('Too late') }],
      ['task_template_review', JSON.stringify({ c: w.c }), {}],
    ]
    for (const [callbackId, metadata, values] of forms) {
      const label = `${callbackId} after the campaign was ${change}d`
      const heard = await changesNothing(label, () => submitView({ userId: 'U4', callbackId, metadata, values }))
      toldClearly(heard, label, zh, expected)
    }
    const buttons: Array<[string, Where, string, boolean?]> = [
      ['plan_form_open', { on: 'modal', view: inModal(section) }, JSON.stringify({ c: w.c, f: 'goal', i: null })],
      ['plan_item_menu', { on: 'modal', view: inModal(section) }, JSON.stringify({ c: w.c, f: 'goal', i: w.goalId, o: 'delete' }), true],
      ['plan_item_menu', { on: 'modal', view: inModal(section) }, JSON.stringify({ c: w.c, f: 'scenario', i: w.scenarioIds[1], o: 'choose' }), true],
      ['plan_ready', { on: 'message' }, String(w.c)],
      ['plan_back_to_planning', { on: 'message' }, String(w.c)],
      ['task_template_accept', { on: 'message' }, String(w.c)],
      ['task_template_skip', { on: 'message' }, String(w.c)],
      ['task_template_review', { on: 'message' }, String(w.c)],
      ['task_add', { on: 'modal', view: inModal(list) }, String(w.c)],
      ['task_menu', { on: 'modal', view: inModal(list) }, JSON.stringify({ t: w.taskId, v: w.taskVersion, o: 'delete' }), true],
      ['task_menu', { on: 'modal', view: inModal(list) }, JSON.stringify({ t: w.taskId, v: w.taskVersion, o: 'start' }), true],
      ['task_dm_start', { on: 'message' }, String(w.taskId)],
      ['task_dm_complete', { on: 'message' }, String(w.taskId)],
    ]
    // Looking stays allowed once a campaign is closed; a deleted one is not there to look at.
    if (change === 'delete') {
      buttons.push(['plan_section_open', { on: 'message' }, `${w.c}:goals`], ['plan_gantt', { on: 'message' }, String(w.c)], ['home_open_plan', { on: 'home' }, String(w.c)], ['tasks_open', { on: 'message' }, String(w.c)])
    }
    for (const [actionId, where, value, option] of buttons) {
      const label = `${actionId} after the campaign was ${change}d`
      const heard = await changesNothing(label, () => click({ userId: 'U4', actionId, where, value, option: option ?? false }))
      toldClearly(heard, label, zh, expected)
    }
  })
})

/** A multi_static_select's state, as Slack sends it. */
function checksAsMulti(...values: string[]) {
  return { value: { type: 'multi_static_select', selected_options: values.map((v) => ({ value: v, text: { type: 'plain_text', text: v } })) } }
}

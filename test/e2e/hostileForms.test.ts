// Forms that are not what they say, through the real HTTP door on both databases (issue 13, items
// 9–11 of the hostile walk): a view whose private_metadata is not what the form wrote, a choice the
// form never offered, and a plan form whose metadata names another form. Each is answered in words
// Slack shows, in the person's language; nothing is written, and nothing anyone can send at will is
// logged as an error.
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { retroFields } from '../../src/domain/retro.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { requestMessagesFor } from '../../src/i18n/requests.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { proposalBlockIds } from '../../src/slack/proposal/modal.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedCampaigns } from '../support/home.ts'
import { seedCampaign } from '../support/live.ts'
import { checks, date, pick, text, user } from '../support/plans.ts'
import { formValues as proposalValues, validForm } from '../support/proposals.ts'
import type { SlackResponse, StateValues } from '../support/slackRequests.ts'

type View = Record<string, any>
type Answer = { status: number; body: SlackResponse['body']; text: string }

const at = new Date('2026-12-01T02:00:00Z')
/** Past what a PostgreSQL `integer` column holds. */
const tooBig = 2_147_483_648

/** Every string in an answer (texts, labels, field errors), for what the person reads. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings)
  return []
}

const troubles = [messagesFor('en'), messagesFor('zh-CN')].flatMap((m) => Object.values(m.trouble))

describe.each(testProviders())('forms that are not what they say, on %s', (provider) => {
  let rig: Rig
  let database: Database
  let serial = 0
  const logLines: string[] = []
  const zh = messagesFor('zh-CN')

  beforeAll(async () => {
    const logTo = new Writable({ write(chunk, _encoding, done) { logLines.push(...String(chunk).split('\n').filter(Boolean)); done() } })
    rig = await startRig(provider, { logLevel: 'warn', logTo })
    // U4 owns the campaigns and reads Chinese; U2 approves; UADMIN administers the workspace, in Chinese.
    rig.slack.addUser({ id: 'U2', teamId: 'T1', name: 'ada' })
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'li', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'UADMIN', teamId: 'T1', name: 'wang', locale: 'zh-CN', isAdmin: true })
    rig.slack.addChannel({ id: 'C1', name: 'campaigns', members: ['U2', 'U4', 'UADMIN', rig.slack.botUserId] })
    database = await openDatabase(rig.config.database)
  })
  afterAll(async () => {
    await database?.close()
    await rig?.close()
  })

  // ── What the database holds, what the person was told, what was logged ─────────────────────

  const tables = [
    'workspaceSettings', 'campaign', 'proposal', 'plan', 'planSectionRevision', 'goal', 'risk', 'task', 'metricEntry', 'retro', 'retroEntry',
  ] as const

  async function snapshot(): Promise<Record<string, string[]>> {
    const prisma = database.prisma as unknown as Record<string, { findMany(): Promise<object[]> }>
    const json = (row: object) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))
    const out: Record<string, string[]> = {}
    await Promise.all(tables.map(async (table) => { out[table] = (await prisma[table]!.findMany()).map(json).sort() }))
    out.outbox = (await database.prisma.outboxMessage.findMany({ select: { id: true } })).map(json).sort()
    return out
  }

  /** Runs `act` and checks that it left every row as it was. */
  async function changesNothing<T>(label: string, act: () => Promise<T>): Promise<T> {
    const before = await snapshot()
    const result = await act()
    expect(await snapshot(), `${label} changed the database`).toEqual(before)
    return result
  }

  /** A view as Slack submits it: `blocks` (the form as opened), else one input block per field the values fill in. */
  async function submitView(a: { userId?: string; callbackId: string; metadata: string; values: StateValues; blocks?: View[] }): Promise<Answer> {
    const inputs = Object.keys(a.values).map((blockId) => ({ type: 'input', block_id: blockId, element: { type: 'plain_text_input', action_id: 'value' }, label: { type: 'plain_text', text: 'x' } }))
    const view = { id: `VFORM${++serial}`, type: 'modal', callback_id: a.callbackId, private_metadata: a.metadata, blocks: a.blocks ?? inputs }
    const answer = await rig.client.viewSubmission({ teamId: 'T1', userId: a.userId ?? 'U4', view, values: a.values })
    return { status: answer.status, body: answer.body, text: answer.body === null ? '(closed)' : strings(answer.body).join('\n') }
  }

  /** Answered in Chinese words that include `expected`, never "something went wrong", the modal not just closed. */
  function toldClearly(answer: Answer, label: string, expected: string) {
    expect(answer.status, `${label}: HTTP status`).toBe(200)
    expect(answer.text, `${label}: the modal just closed`).not.toBe('(closed)')
    for (const trouble of troubles) expect(answer.text, `${label}: answered with a failure`).not.toContain(trouble)
    expect(answer.text, `${label}: not in Chinese`).toMatch(/[\u4e00-\u9fff]/)
    expect(answer.text, label).toContain(expected)
  }

  /** Refused under `block` with "not one of the choices", and under no block the view lacks. */
  function refusedUnder(answer: Answer, label: string, block: string) {
    toldClearly(answer, label, zh.planFieldError('not_offered'))
    const body = answer.body as { response_action?: string; errors?: Record<string, string> }
    expect(body.response_action, label).toBe('errors')
    expect(body.errors?.[block], `${label}: ${answer.text}`).toBe(zh.planFieldError('not_offered'))
  }

  async function openedBy(act: () => Promise<SlackResponse>, method: 'views.open' | 'views.push'): Promise<View> {
    const since = rig.slack.calls.length
    expect((await act()).status).toBe(200)
    const opened = await rig.slack.waitFor(method, (c) => !c.failed, { since })
    expect(opened.result?.ok, JSON.stringify(opened.result)).toBe(true)
    return opened.result.view
  }
  const onMessage = () => ({ responseUrl: rig.slack.newResponseUrl(), message: { ts: '1700000000.000100', channel: 'C1' } })
  const inModal = (view: View) => ({ id: view.id, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata })
  const openSection = (c: number, section: string) =>
    openedBy(() => rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId: 'plan_section_open', value: `${c}:${section}`, ...onMessage() }), 'views.open')
  const pushForm = (section: View, request: object) =>
    openedBy(() => rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId: 'plan_form_open', value: JSON.stringify(request), view: inModal(section) }), 'views.push')

  /** A campaign approved and in planning, owned by U4. */
  async function planning(): Promise<number> {
    const [c] = await seedCampaigns(rig.config, [{ name: `Hostile forms ${provider} ${++serial}`, ownerId: 'U4', approverId: 'U2' }], at)
    return c!
  }
  /**
   * A campaign seeded straight into `stage`, owned by U4. Its digest and prompts fall due late in the
   * evening, so that no scheduler pass writes to it while a test checks that nothing changed.
   */
  const seeded = (seed: Omit<Parameters<typeof seedCampaign>[1], 'startDate' | 'endDate'> & { startDate?: string; endDate?: string }) =>
    seedCampaign(database.prisma, { ownerId: 'U4', startDate: '2026-11-25', endDate: '2026-12-20', digestTime: '23:30', promptTime: '23:30', ...seed })

  // ── 9. Metadata that is not what the form wrote ─────────────────────────────────────────────

  it('campaign settings and End early whose private_metadata is not what they wrote: told the form is out of date, nothing written, no error logged', async () => {
    const { campaignId } = await seeded({ stage: 'live', quietDigests: true })
    const garbage = ['not json', '{', '', 'null', '[]', '"x"', '{"campaignId":"1"}', '{"campaignId":-1}', `{"campaignId":${tooBig}}`, '{"campaignId":1.5}']
    const logged = logLines.length
    for (const metadata of garbage) {
      const settings = await changesNothing(`settings ${metadata}`, () => submitView({
        callbackId: 'live_settings_campaign', metadata, values: { quietDigests: pick('always'), timeZone: text('Asia/Shanghai') },
      }))
      toldClearly(settings, `campaign settings with metadata ${JSON.stringify(metadata)}`, zh.liveSettings.formOutdated)
      const end = await changesNothing(`end early ${metadata}`, () => submitView({
        callbackId: 'campaign_end_early', metadata, values: { end_reason: text('The budget is spent') },
      }))
      toldClearly(end, `End early with metadata ${JSON.stringify(metadata)}`, zh.formOutdated)
    }
    // The same forms with their own metadata still save.
    const saved = await submitView({
      callbackId: 'live_settings_campaign', metadata: JSON.stringify({ campaignId }), values: { quietDigests: pick('always'), digestTime: text('23:30'), promptTime: text('23:30') },
    })
    expect(saved.body, saved.text).toBeNull()
    expect((await database.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).quietDigests).toBe(false)

    const lines = logLines.slice(logged).map((line) => JSON.parse(line) as { level: number; msg: string; err?: unknown })
    expect(lines.filter((line) => line.level >= 50), 'errors logged').toEqual([])
    const warnings = lines.filter((line) => line.msg === 'view_metadata_unreadable')
    expect(warnings.length).toBeGreaterThan(0)
    for (const warning of warnings) expect(warning.err, 'a stack logged with the warning').toBeUndefined()
  })

  it('a proposal or idea form whose private_metadata does not read is told so, and saves nothing', async () => {
    const name = `Unreadable proposal ${provider} ${++serial}`
    for (const metadata of ['not json', '', '[]', `{"mode":"revise","campaignId":${tooBig},"version":0}`]) {
      const proposal = await changesNothing(`proposal ${metadata}`, () => submitView({
        callbackId: 'campaign_proposal', metadata, values: proposalValues(validForm({ name, ownerId: 'U4', approverId: 'U2' })),
      }))
      toldClearly(proposal, `proposal with metadata ${JSON.stringify(metadata)}`, requestMessagesFor('zh-CN').olderModal.text)
    }
    for (const metadata of ['not json', '', '[]', '{"roundId":"7"}', `{"roundId":${tooBig}}`]) {
      const idea = await changesNothing(`idea ${metadata}`, () => submitView({
        callbackId: 'campaign_idea_add', metadata, values: { idea_text: text('Iced tea for summer') },
      }))
      toldClearly(idea, `idea with metadata ${JSON.stringify(metadata)}`, zh.formOutdated)
    }
  })

  // ── 10. A choice the form never offered ─────────────────────────────────────────────────────

  it("the campaign settings' quiet-digests choice: one never offered is refused under it, the choice kept", async () => {
    const { campaignId } = await seeded({ stage: 'live', quietDigests: true })
    const metadata = JSON.stringify({ campaignId })
    for (const forged of [pick('sometimes'), pick(''), checks('quiet')]) {
      const label = `quietDigests ${JSON.stringify(forged)}`
      const answer = await changesNothing(label, () => submitView({ callbackId: 'live_settings_campaign', metadata, values: { quietDigests: forged } }))
      refusedUnder(answer, label, 'quietDigests')
    }
    expect((await database.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).quietDigests).toBe(true)
  })

  it("the workspace settings: a country, language, working day or box never offered is refused under it, the settings kept", async () => {
    const good = { country: pick('CN'), workingDays: checks('1', '2', '3', '4', '5'), quietDigests: checks('quiet'), language: pick('zh-CN') }
    const first = await submitView({ userId: 'UADMIN', callbackId: 'live_settings_workspace', metadata: '', values: good })
    expect(first.body, first.text).toBeNull()
    const forged: Array<[string, StateValues]> = [
      ['country', { ...good, country: pick('ATLANTIS') }],
      ['language', { ...good, language: pick('fr') }],
      ['workingDays', { ...good, workingDays: checks('1', '8') }],
      ['quietDigests', { ...good, quietDigests: checks('silent') }],
    ]
    for (const [field, values] of forged) {
      const answer = await changesNothing(field, () => submitView({ userId: 'UADMIN', callbackId: 'live_settings_workspace', metadata: '', values }))
      refusedUnder(answer, `workspace ${field}`, field)
    }
  })

  it('plan, task, retro, metric and proposal forms: a select, radio or box never offered is refused under its field, nothing written', async () => {
    // A plan form's select and boxes: the risk's likelihood, the purpose's levers.
    const c = await planning()
    const risks = await openSection(c, 'risks')
    const risk = await pushForm(risks, { c, f: 'risk', i: null })
    const riskValues = (likelihood: string): StateValues => ({
      description: text('Server overload'), likelihood: pick(likelihood), impact: pick('high'), mitigation: text('Scale up'), ownerId: user('U4'),
    })
    const riskAnswer = await changesNothing('risk', () => submitView({ callbackId: 'plan_form', metadata: risk.private_metadata, values: riskValues('catastrophic'), blocks: risk.blocks }))
    refusedUnder(riskAnswer, 'a risk likelihood never offered', 'likelihood')
    const purpose = await openSection(c, 'purpose')
    const purposeAnswer = await changesNothing('purpose', () => submitView({
      callbackId: 'plan_form', metadata: purpose.private_metadata, blocks: purpose.blocks, values: { purpose: pick('sales'), levers: checks('acquisition', 'bribery') },
    }))
    refusedUnder(purposeAnswer, 'a purpose lever never offered', 'levers')

    // The task form's stage.
    const list = await openedBy(() => rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId: 'tasks_open', value: String(c), ...onMessage() }), 'views.open')
    const taskForm = await openedBy(() => rig.client.blockAction({ teamId: 'T1', userId: 'U4', actionId: 'task_add', value: String(c), view: inModal(list) }), 'views.push')
    const taskAnswer = await changesNothing('task', () => submitView({
      callbackId: 'task_form', metadata: taskForm.private_metadata, blocks: taskForm.blocks,
      values: { title: text('Shoot the video'), stage: pick('sabotage'), ownerId: user('U4'), startDate: date('2026-12-02'), dueDate: date('2026-12-06') },
    }))
    refusedUnder(taskAnswer, 'a task stage never offered', 'stage')

    // The retro form's overall effect and would-run-again.
    const retro = await seeded({ stage: 'retrospective', startDate: '2026-11-10', endDate: '2026-11-24', tasks: [{ dueDate: '2026-11-20', ownerId: 'U4', stage: 'content', status: 'done' }] })
    const retroValues = (effect: string, again: string): StateValues => ({
      [retroFields.overallEffect]: pick(effect), [retroFields.biggestLesson]: text('Start the teaser earlier'), [retroFields.wouldRunAgain]: pick(again),
    })
    const metadata = JSON.stringify({ c: retro.campaignId, v: null, a: 'none' })
    refusedUnder(await changesNothing('retro effect', () => submitView({ callbackId: 'retro_form', metadata, values: retroValues('11', 'yes') })), 'a retro effect never offered', retroFields.overallEffect)
    refusedUnder(await changesNothing('retro again', () => submitView({ callbackId: 'retro_form', metadata, values: retroValues('4', 'never_ever') })), 'a would-run-again never offered', retroFields.wouldRunAgain)

    // The metric form's mode (a radio): not read as the day's own figure.
    const live = await seeded({ stage: 'live', goals: [{ metric: 'signups', targetValue: 1000, dataOwnerId: 'U4' }] })
    const goal = live.goalIds[0]!
    const metricAnswer = await changesNothing('metric', () => submitView({
      callbackId: 'metrics_entry', metadata: JSON.stringify({ c: live.campaignId, g: [goal] }),
      values: { onDate: date('2026-11-30'), [`g${goal}_value`]: text('120'), [`g${goal}_mode`]: { value: { type: 'radio_buttons', selected_option: { value: 'week' } } } },
    }))
    refusedUnder(metricAnswer, 'a figure mode never offered', `g${goal}_mode`)

    // The goal form's past campaigns (a multi-select, shown now that a campaign is live): one not offered.
    const goals = await openSection(c, 'goals')
    const goalForm = await pushForm(goals, { c, f: 'goal', i: null })
    const pastCampaigns = { value: { type: 'multi_static_select', selected_options: [String(live.campaignId), '999999999'].map((value) => ({ value, text: { type: 'plain_text', text: value } })) } }
    const goalAnswer = await changesNothing('goal', () => submitView({
      callbackId: 'plan_form', metadata: goalForm.private_metadata, blocks: goalForm.blocks,
      values: { metric: pick('visits'), target: text('10000'), basisKind: pick('past_campaigns'), basis: text('Like the spring week'), pastCampaignIds: pastCampaigns, curve: pick('linear') },
    }))
    refusedUnder(goalAnswer, 'a past campaign never offered', 'pastCampaignIds')

    // The proposal's kind (a radio).
    const form = proposalValues(validForm({ name: `Forged kind ${provider} ${++serial}`, ownerId: 'U4', approverId: 'U2' }))
    const proposalAnswer = await changesNothing('proposal', () => submitView({
      callbackId: 'campaign_proposal', metadata: JSON.stringify({ mode: 'new' }),
      values: { ...form, [proposalBlockIds.kind]: { value: { type: 'radio_buttons', selected_option: { value: 'pop_up_shop' } } } },
    }))
    expect((proposalAnswer.body as { errors?: Record<string, string> }).errors?.[proposalBlockIds.kind], proposalAnswer.text).toBe(zh.fieldError('not_offered'))
  })

  // ── 11. A plan form whose metadata names another form ───────────────────────────────────────

  it('a risk form claiming to be a goal form (and a goal form claiming to be a risk form) is answered as such, nothing written', async () => {
    const c = await planning()
    const risks = await openSection(c, 'risks')
    const risk = await pushForm(risks, { c, f: 'risk', i: null })
    const goals = await openSection(c, 'goals')
    const goal = await pushForm(goals, { c, f: 'goal', i: null })
    // Every input of the view, as Slack sends its state.
    const riskValues: StateValues = { description: text('Server overload'), likelihood: pick('medium'), impact: pick('high'), mitigation: text('Scale up'), ownerId: user('U4') }
    const goalValues: StateValues = {
      metric: pick('visits'), customMetric: text(null), target: text('10000'), unit: text('visits'), basisKind: pick('reasoned'),
      basis: text('Last year brought 8,000.'), dataOwnerId: { value: { type: 'users_select', selected_user: null } }, curve: pick('linear'),
    }
    const claiming = (view: View, form: string) => JSON.stringify({ ...JSON.parse(view.private_metadata), f: form })
    const cases: Array<[string, View, string, StateValues]> = [
      ['a risk form claiming to be a goal form', risk, 'goal', riskValues],
      ['a goal form claiming to be a risk form', goal, 'risk', goalValues],
      ['a risk form claiming to be a promotion item', risk, 'promotionItem', riskValues],
    ]
    for (const [label, view, form, values] of cases) {
      const answer = await changesNothing(label, () => submitView({ callbackId: 'plan_form', metadata: claiming(view, form), values, blocks: view.blocks }))
      // Whatever the answer, Slack must be able to show it: no error on a block the view does not have.
      const inputs = new Set((view.blocks as View[]).filter((b) => b.type === 'input').map((b) => b.block_id as string))
      const errors = (answer.body as { errors?: Record<string, string> } | null)?.errors ?? {}
      expect(Object.keys(errors).filter((block) => !inputs.has(block)), `${label}: errors on blocks the view does not have`).toEqual([])
      toldClearly(answer, label, zh.plan.formMismatch)
      expect((answer.body as { response_action?: string }).response_action, label).toBe('update')
    }
    // Each form, as what it is, still saves.
    const saved = await submitView({ callbackId: 'plan_form', metadata: risk.private_metadata, values: riskValues, blocks: risk.blocks })
    expect(saved.body, saved.text).toBeNull()
    expect(await database.prisma.risk.count({ where: { campaignId: c } })).toBe(1)
  })
})

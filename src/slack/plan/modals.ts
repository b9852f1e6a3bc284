// The plan's modals: a form for one thing (planForms.ts), and a section modal that lists a
// section's items with Add / Edit / Delete (and Choose, for budget scenarios). A form opened from
// a section modal is pushed on top of it; saving it refreshes the section modal underneath.
import type { Button, KnownBlock, ModalView, Overflow } from '@slack/types'
import { z } from 'zod'
import { goalMetrics, planLimits } from '../../domain/plan.ts'
import { promotionChannels } from '../../domain/planPromotion.ts'
import { costPerExpectedResult, scenarioTotal } from '../../domain/planBudget.ts'
import { sectionStates, type PlanSection } from '../../domain/planCompleteness.ts'
import type { PlanRefusal } from '../../domain/planPermissions.ts'
import { versionStamp } from '../../domain/stamp.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { actions, button, context, option, plainText, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import { recordId } from '../shared/recordIds.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { sectionSummary, stateLine } from './message.ts'
import { fieldBlock } from '../shared/formFields.ts'
import { lessonsBlock, suggestionBlocks, suggestionsFor } from '../learning/blocks.ts'
import { planForms } from './forms.ts'
import { planFormKeys, type FormContext, type FormExtra, type PlanFormKey } from './formKit.ts'
import { scenarioSlotCount, scenarioSlots } from './budgetForms.ts'

export const planModalIds = {
  formCallback: 'plan_form',
  sectionCallback: 'plan_section',
  openForm: 'plan_form_open',
  itemMenu: 'plan_item_menu',
  moreLines: 'plan_scenario_more_lines',
} as const

const formMetadataSchema = z.object({
  c: recordId,
  f: z.enum(planFormKeys),
  i: recordId.nullable(),
  /** Stamp of what the form showed: a different stamp at save time means someone changed it meanwhile. */
  s: z.string().max(16),
  /** The section modal underneath, to refresh after saving; null when opened on its own. */
  p: z.string().max(40).nullable(),
  x: z.object({
    slots: z.number().int().positive().max(planLimits.budgetLines).optional(), channel: z.enum(promotionChannels).optional(),
    basis: z.number().int().positive().max(1000).optional(), basisMetric: z.enum(goalMetrics).optional(),
  }).optional(),
})
export type FormMetadata = z.infer<typeof formMetadataSchema>

export function readFormMetadata(text: string | undefined): FormMetadata | null {
  return readViewMetadata(formMetadataSchema, text)
}

/** What a button or menu option inside the plan's modals asks for (Slack caps a value at 150 characters). */
const formRequestSchema = z.object({
  c: recordId,
  f: z.enum(planFormKeys),
  i: recordId.nullable().optional(),
  o: z.enum(['edit', 'delete', 'choose']).optional(),
  ch: z.enum(promotionChannels).optional(),
})
export type FormRequest = z.infer<typeof formRequestSchema>

export function formRequestValue(request: FormRequest): string {
  return JSON.stringify(request)
}

export function readFormRequest(value: string | undefined): FormRequest | null {
  return readViewMetadata(formRequestSchema, value)
}

export function stampOf(current: unknown): string {
  return versionStamp(current ?? null)
}

export function planFormModal(
  key: PlanFormKey, context: FormContext, itemId: number | null, parentViewId: string | null, extra: FormExtra = {}, notice?: Mrkdwn,
): ModalView {
  const form = planForms[key]
  const { m } = context
  const current = form.current(context.record, itemId, extra)
  const slots = key === 'scenario' ? scenarioSlotCount((current as { lines?: unknown[] } | null)?.lines?.length ?? 0, extra.slots) : undefined
  const basis = extra.basis && extra.basisMetric ? { basis: extra.basis, basisMetric: extra.basisMetric } : {}
  const metadata: FormMetadata = {
    c: context.record.campaign.id, f: key, i: itemId, s: stampOf(current), p: parentViewId,
    ...(slots || extra.channel || extra.basis ? { x: { ...(slots ? { slots } : {}), ...(extra.channel ? { channel: extra.channel as never } : {}), ...basis } } : {}),
  }
  const blocks: KnownBlock[] = [context_(trusted(`*${escapeMrkdwn(context.record.campaign.name)}* · ${m.plan.section[form.section]}`))]
  if (notice) blocks.push(section(notice))
  if (key === 'goal') {
    const metric = extra.basisMetric ?? (current as { metric?: (typeof goalMetrics)[number] } | null)?.metric ?? null
    blocks.push(...suggestionBlocks(suggestionsFor(context.learning, metric), context.record.currency, m))
  }
  blocks.push(...form.fields(context, current, { ...extra, ...(slots ? { slots } : {}) }).map(fieldBlock))
  if (key === 'scenario' && slots !== undefined && slots < planLimits.budgetLines) {
    blocks.push(actions('scenario_lines', [button(m.forms.scenario.moreLines, planModalIds.moreLines, String(Math.min(planLimits.budgetLines, slots + scenarioSlots.step)))]))
  }
  return {
    type: 'modal',
    callback_id: planModalIds.formCallback,
    private_metadata: JSON.stringify(metadata),
    title: plainText(form.title(m), 24),
    submit: plainText(m.forms.save, 24),
    close: plainText(m.forms.cancel, 24),
    blocks,
  }
}

const context_ = context


// ── Section modals ─────────────────────────────────────────────────────────────────────────────

const sectionMetadataSchema = z.object({ c: recordId, s: z.string() })

export function readSectionMetadata(text: string | undefined): { campaignId: number; section: PlanSection } | null {
  const read = readViewMetadata(sectionMetadataSchema, text)
  return read ? { campaignId: read.c, section: read.s as PlanSection } : null
}

function addButton(label: string, request: FormRequest): Button {
  return button(label, planModalIds.openForm, formRequestValue(request), 'primary')
}

function itemRow(text: Mrkdwn, request: Omit<FormRequest, 'o'>, m: Messages, canEdit: boolean, extra: Array<'choose'> = []): KnownBlock {
  const row: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }
  if (!canEdit) return row
  const menu: Overflow = {
    type: 'overflow',
    action_id: planModalIds.itemMenu,
    options: [
      option(m.forms.edit, formRequestValue({ ...request, o: 'edit' })),
      ...extra.map(() => option(m.forms.choose, formRequestValue({ ...request, o: 'choose' }))),
      option(m.forms.delete, formRequestValue({ ...request, o: 'delete' })),
    ],
  }
  return { ...row, accessory: menu }
}

function summaryWithEdit(text: Mrkdwn, label: string, request: FormRequest, canEdit: boolean): KnownBlock {
  return canEdit
    ? { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) }, accessory: button(label, planModalIds.openForm, formRequestValue(request)) }
    : section(text)
}

function sectionBlocks(sectionKey: PlanSection, context: FormContext, canEdit: boolean): Blocks {
  const { m, record } = context
  const plan = record.snapshot
  const c = record.campaign.id
  const money = (minor: number) => m.money(minor, record.currency)
  const blocks: Blocks = []
  const empty = () => context_(trusted(m.forms.nothingYet))
  switch (sectionKey) {
    case 'purpose':
    case 'targetUsers':
    case 'window': {
      const key = sectionKey
      blocks.push(summaryWithEdit(sectionSummary(record, sectionKey, context.today, m), m.forms.edit, { c, f: key }, canEdit))
      break
    }
    case 'goals':
      if (canEdit) blocks.push(actions('goals_add', [addButton(m.forms.add, { c, f: 'goal', i: null })]))
      if (plan.goals.length === 0) blocks.push(empty())
      for (const goal of plan.goals) {
        const metric = goal.metric === 'custom' && goal.customMetric ? escapeMrkdwn(goal.customMetric) : m.names.metric[goal.metric]
        const target = goal.metric === 'revenue' ? money(goal.target) : `${m.number(goal.target)}${goal.unit ? ` ${escapeMrkdwn(goal.unit)}` : ''}`
        const owner = goal.dataOwnerId ? ` · ${m.forms.goal.dataOwner}: ${mentionUser(goal.dataOwnerId)}` : ''
        blocks.push(itemRow(trusted(`*${metric}: ${target}*${owner}\n${m.names.basisKind[goal.basisKind].split(' (')[0]}: ${escapeMrkdwn(goal.basis)}`), { c, f: 'goal', i: goal.id }, m, canEdit))
      }
      break
    case 'promotion':
      if (canEdit) blocks.push(actions('promotion_add', [addButton(m.forms.add, { c, f: 'promotionItem', i: null })]))
      if (plan.promotion.length === 0) blocks.push(empty())
      for (const item of plan.promotion) {
        const channel = item.channel === 'other' && item.channelOther ? escapeMrkdwn(item.channelOther) : m.names.channel[item.channel]
        blocks.push(itemRow(trusted(`*${channel}* · ${item.onDate} · ${mentionUser(item.promoterId)}\n${escapeMrkdwn(item.what)}`), { c, f: 'promotionItem', i: item.id }, m, canEdit))
      }
      break
    case 'contentRules': {
      const rules = plan.contentRules
      const t = m.forms.contentRules
      const rulesText = rules
        ? trusted(`*${t.description}*\n${escapeMrkdwn(rules.description)}\n*${t.entryDeadline}:* ${rules.entryDeadline}\n*${t.eligibility}*\n${escapeMrkdwn(rules.eligibility)}`)
        : trusted(m.plan.notWritten)
      blocks.push(summaryWithEdit(rulesText, t.editRules, { c, f: 'contentRules' }, canEdit))
      blocks.push({ type: 'divider' })
      blocks.push(section(trusted(`*${t.prizes}*`)))
      if (canEdit) blocks.push(actions('prizes_add', [addButton(m.forms.add, { c, f: 'prize', i: null })]))
      if (plan.prizes.length === 0) blocks.push(empty())
      for (const prize of plan.prizes) {
        blocks.push(itemRow(trusted(`*${escapeMrkdwn(prize.name)}* × ${m.number(prize.quantity)} · ${money(prize.valueMinor)}\n${escapeMrkdwn(prize.howGiven)}`), { c, f: 'prize', i: prize.id }, m, canEdit))
      }
      break
    }
    case 'budget': {
      if (canEdit && plan.budgetScenarios.length < planLimits.scenarios.max) blocks.push(actions('budget_add', [addButton(m.forms.add, { c, f: 'scenario', i: null })]))
      if (plan.budgetScenarios.length === 0) blocks.push(empty())
      for (const scenario of plan.budgetScenarios) {
        const lines = scenario.lines.map((line) => m.forms.lineSummary(m.names.category[line.category], line.channel ? m.names.channel[line.channel] : '', money(line.amountMinor)) + (line.note ? ` — ${escapeMrkdwn(line.note)}` : ''))
        const costs = costPerExpectedResult(scenario, plan.effectEstimates).map((cost) =>
          m.forms.costPerResult(m.names.channel[cost.channel], money(cost.costMinor), cost.metric === 'custom' && cost.customMetric ? escapeMrkdwn(cost.customMetric) : m.names.metric[cost.metric]))
        const text = [m.forms.budgetTotals(escapeMrkdwn(scenario.name), money(scenarioTotal(scenario).totalMinor), scenario.chosen), ...lines, ...costs.map((cost) => `_${cost}_`)].join('\n')
        blocks.push(itemRow(trusted(text), { c, f: 'scenario', i: scenario.id }, m, canEdit, scenario.chosen ? [] : ['choose']))
      }
      blocks.push({ type: 'divider' })
      blocks.push(section(trusted(`*${m.forms.estimate.title}*`)))
      if (canEdit) blocks.push(actions('estimate_add', [addButton(m.forms.add, { c, f: 'estimate' })]))
      const used = new Set<string>(plan.promotion.map((item) => item.channel))
      for (const scenario of plan.budgetScenarios) for (const line of scenario.lines) if (line.channel) used.add(line.channel)
      const estimated = new Set<string>(plan.effectEstimates.map((e) => e.channel))
      if (plan.effectEstimates.length === 0) blocks.push(context_(trusted(m.forms.estimate.none)))
      for (const estimate of plan.effectEstimates) {
        const metric = estimate.metric === 'custom' && estimate.customMetric ? escapeMrkdwn(estimate.customMetric) : m.names.metric[estimate.metric]
        blocks.push(itemRow(trusted(`*${m.names.channel[estimate.channel]}*: ${m.number(estimate.expected)} ${metric}`), { c, f: 'estimate', ch: estimate.channel }, m, canEdit))
      }
      const missing = promotionChannels.filter((channel) => used.has(channel) && !estimated.has(channel))
      if (missing.length > 0) blocks.push(context_(trusted(m.forms.estimate.missing(missing.map((channel) => m.names.channel[channel]).join(', ')))))
      break
    }
    case 'risks': {
      const service = plan.servicePlan
      const s = m.forms.servicePlan
      const serviceText = service
        ? trusted(`*${s.title}*\n${s.responder}: ${mentionUser(service.responderId)}\n${escapeMrkdwn(service.feedbackProcess)}`)
        : trusted(`*${s.title}*\n${s.none}`)
      blocks.push(summaryWithEdit(serviceText, s.edit, { c, f: 'servicePlan' }, canEdit))
      blocks.push({ type: 'divider' })
      if (canEdit) blocks.push(actions('risks_add', [addButton(m.forms.add, { c, f: 'risk', i: null })]))
      if (plan.risks.length === 0) blocks.push(empty())
      for (const risk of plan.risks) {
        const t = m.forms.risk
        blocks.push(itemRow(trusted(`*${escapeMrkdwn(risk.description)}*\n${t.likelihood}: ${m.names.level[risk.likelihood]} · ${t.impact}: ${m.names.level[risk.impact]} · ${mentionUser(risk.ownerId)}\n${t.mitigation}: ${escapeMrkdwn(risk.mitigation)}`), { c, f: 'risk', i: risk.id }, m, canEdit))
      }
      break
    }
    case 'tasks':
      // The tasks have a modal of their own (tasks surface); the section modal is never asked for them.
      blocks.push(section(sectionSummary(record, 'tasks', context.today, m)))
      break
  }
  return blocks
}

const sectionTitles: Record<PlanSection, (m: Messages) => string> = {
  purpose: (m) => m.forms.titles.purpose,
  goals: (m) => m.forms.titles.goals,
  targetUsers: (m) => m.forms.titles.targetUsers,
  window: (m) => m.forms.titles.window,
  promotion: (m) => m.forms.titles.promotion,
  contentRules: (m) => m.forms.titles.contentRulesList,
  budget: (m) => m.forms.titles.budget,
  risks: (m) => m.forms.titles.risks,
  tasks: (m) => m.plan.section.tasks,
}

/** A section's modal; `refusal` is why this person may not change it (null: they may). */
export function sectionModal(sectionKey: PlanSection, context: FormContext, refusal: PlanRefusal | null): ModalView {
  const { m, record } = context
  const canEdit = refusal === null
  const state = sectionStates(record.snapshot, context.today)[sectionKey]
  const blocks: KnownBlock[] = [
    context_(trusted(`*${escapeMrkdwn(record.campaign.name)}* · ${stateLine(state, m)}${record.currency ? ` · ${record.currency}` : ''}`)),
    ...sectionBlocks(sectionKey, context, canEdit),
  ]
  // Not theirs to change, or no longer (the campaign went live, or ended).
  if (refusal === 'plan_closed') blocks.push(context_(trusted(m.plan.planClosed(m.stage[record.campaign.stage]))))
  else if (refusal !== null) blocks.push(context_(trusted(m.forms.viewOnly)))
  const lessons = context.learning ? lessonsBlock(context.learning.lessons, m) : null
  if (lessons) blocks.splice(1, 0, lessons)
  return {
    type: 'modal',
    callback_id: planModalIds.sectionCallback,
    private_metadata: JSON.stringify({ c: record.campaign.id, s: sectionKey }),
    title: plainText(sectionTitles[sectionKey](m), 24),
    close: plainText(m.forms.done, 24),
    blocks: blocks.slice(0, 100),
  }
}

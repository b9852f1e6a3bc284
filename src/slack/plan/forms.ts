// The plan's forms, one per thing a person edits: each says what it edits (for the prefill and
// the stale-copy stamp), which fields it shows, how the domain checks it and what saving writes.
// One generic modal builder and one submission handler (planSubmission.ts) serve them all.
import type { Campaign } from '../../domain/campaign.ts'
import { checkGoal, checkPurpose, checkRisk, checkServicePlan, checkTargetUsers, checkWindow, currencyFractionDigits, goalMetrics, basisKinds, type GoalMetric, levels, levers, moneyInputText, planLimits, purposes, type FormCheck } from '../../domain/plan.ts'
import { checkContentRules, checkPrize, checkPromotionItem, promotionChannels } from '../../domain/planPromotion.ts'
import { budgetCategories, checkBudgetScenario, checkEffectEstimate, estimateMetrics, refusalToAddScenario } from '../../domain/planBudget.ts'
import { type PlanSection } from '../../domain/planCompleteness.ts'
import { goalCurves } from '../../domain/pace.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { type PlanRecord } from '../../store/planRecord.ts'
import { type SectionChange } from '../../store/planSections.ts'
import { sectionChanges } from '../../store/planSections.ts'
import { basisTextOf, type PlanLearning } from '../learning/blocks.ts'
import type { FieldSpec, FormValues } from '../shared/formFields.ts'
import { readFields } from '../shared/formFields.ts'

export const planFormKeys = [
  'purpose', 'goal', 'targetUsers', 'window', 'promotionItem', 'contentRules', 'prize', 'scenario', 'estimate', 'risk', 'servicePlan',
] as const
export type PlanFormKey = (typeof planFormKeys)[number]

export type FormContext = {
  m: Messages
  record: PlanRecord
  today: string
  /** Other campaigns of the workspace a goal's basis may name. */
  pastCampaigns: readonly Pick<Campaign, 'id' | 'name'>[]
  /** What similar closed campaigns reached and learned (the goal form's suggestions, the section modals' lessons). */
  learning?: PlanLearning
}

/** What a form carries besides its item: the budget form's number of line slots, an estimate's channel. */
export type FormExtra = {
  slots?: number; channel?: string
  /** How many times Use as basis was pressed, and for which metric: the goal's basis fields are keyed anew so Slack shows the filled-in values. */
  basis?: number; basisMetric?: GoalMetric
}

export type PlanForm = {
  key: PlanFormKey
  section: PlanSection
  title: (m: Messages) => string
  /** The value edited, for the prefill and the stamp; null for a new item; undefined when the item is gone. */
  current: (record: PlanRecord, itemId: number | null, extra: FormExtra) => unknown
  fields: (context: FormContext, current: unknown, extra: FormExtra) => FieldSpec[]
  /** Slack's state values → the raw input of the domain check. */
  read: (values: unknown, context: FormContext, extra: FormExtra) => unknown
  check: (raw: unknown, context: FormContext) => FormCheck<unknown, string>
  save: (value: unknown, itemId: number | null, context: FormContext) => SectionChange
  /** A block id for an error the domain reports on a field this form does not show. */
  errorBlock?: (field: string, context: FormContext, extra: FormExtra) => string
}

const options = <K extends string>(keys: readonly K[], names: Record<K, string>) => keys.map((key) => ({ value: key, label: names[key] }))
const digitsOf = (record: PlanRecord) => currencyFractionDigits(record.currency)
const text = (values: FormValues, name: string) => {
  const value = values[name]
  return typeof value === 'string' ? value : ''
}
const single = (values: FormValues, name: string) => {
  const value = values[name]
  return typeof value === 'string' ? value : null
}
const plain = (names: readonly string[]) => (values: unknown) => readFields(values, names)

const purpose: PlanForm = {
  key: 'purpose', section: 'purpose',
  title: (m) => m.forms.titles.purpose,
  current: (record) => record.snapshot.purpose,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['purpose']
    return [
      { kind: 'select', name: 'purpose', label: m.forms.purpose.purpose, options: options(purposes, m.names.purpose), initial: value?.purpose ?? null },
      { kind: 'checkboxes', name: 'levers', label: m.forms.purpose.levers, options: options(levers, m.names.lever), initial: value?.levers ?? [] },
      { kind: 'text', name: 'productState', label: m.forms.purpose.productState, hint: m.forms.purpose.productStateHint, maxLength: planLimits.productState, multiline: true, optional: true, initial: value?.productState ?? null },
    ]
  },
  read: plain(['purpose', 'levers', 'productState']),
  check: (raw) => checkPurpose(raw),
  save: (value, _item, { record }) => sectionChanges.purpose(value as never, record.currency),
}

const goal: PlanForm = {
  key: 'goal', section: 'goals',
  title: (m) => m.forms.titles.goal,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.goals.find((g) => g.id === itemId)),
  fields: ({ m, record, pastCampaigns, learning }, current, extra) => {
    const value = current as PlanRecord['snapshot']['goals'][number] | null
    const b = basisFields(extra)
    const used = usedSuggestion(learning, extra, pastCampaigns, record)
    const isMoney = value?.metric === 'revenue'
    const targetText = value ? (isMoney ? moneyInputText(value.target, digitsOf(record)) : String(value.target)) : null
    const fields: FieldSpec[] = [
      { kind: 'select', name: b('metric'), label: m.forms.goal.metric, options: options(goalMetrics, m.names.metric), initial: used?.metric ?? value?.metric ?? null },
      { kind: 'text', name: 'customMetric', label: m.forms.goal.customMetric, hint: m.forms.goal.customMetricHint, maxLength: planLimits.customMetric, optional: true, initial: value?.customMetric ?? null },
      { kind: 'text', name: 'target', label: m.forms.goal.target, hint: `${m.forms.goal.targetHint} ${m.forms.currencyHint(record.currency)}`, maxLength: 24, initial: targetText },
      { kind: 'text', name: 'unit', label: m.forms.goal.unit, hint: m.forms.goal.unitHint, maxLength: planLimits.unit, optional: true, initial: value?.unit ?? null },
      { kind: 'select', name: b('basisKind'), label: m.forms.goal.basisKind, options: options(basisKinds, m.names.basisKind), initial: used ? 'past_campaigns' : value?.basisKind ?? 'reasoned' },
      { kind: 'text', name: b('basis'), label: m.forms.goal.basis, hint: m.forms.goal.basisHint, maxLength: planLimits.basis, multiline: true, initial: used ? basisTextOf(used, record.currency, m, planLimits.basis) : value?.basis ?? null },
    ]
    const choices = pastCampaigns.filter((c) => c.id !== record.campaign.id).map((c) => ({ value: String(c.id), label: `#${c.id} ${c.name}` }))
    if (choices.length > 0) {
      const initial = used ? used.campaigns.map((c) => String(c.id)) : (value?.pastCampaignIds ?? []).map(String)
      fields.push({ kind: 'multiSelect', name: b('pastCampaignIds'), label: m.names.basisKind.past_campaigns, options: choices, optional: true, initial })
    }
    fields.push({ kind: 'user', name: 'dataOwnerId', label: m.forms.goal.dataOwner, hint: m.forms.goal.dataOwnerHint, optional: true, initial: value?.dataOwnerId ?? null })
    fields.push({ kind: 'select', name: 'curve', label: m.metrics.curve.label, hint: m.metrics.curve.hint, options: options(goalCurves, m.metrics.curve.options), initial: value?.curve ?? 'linear' })
    return fields
  },
  read: (values, _context, extra) => {
    const b = basisFields(extra)
    const keyed = readFields(values, ['metric', 'customMetric', 'target', 'unit', 'basisKind', 'basis', 'pastCampaignIds', 'dataOwnerId', 'curve'].map(b))
    const read = Object.fromEntries(Object.entries(keyed).map(([name, v]) => [name.split('~')[0]!, v]))
    return { ...read, pastCampaignIds: Array.isArray(read.pastCampaignIds) ? read.pastCampaignIds : [] }
  },
  check: (raw, { record, pastCampaigns }) => {
    const checked = checkGoal(raw, digitsOf(record))
    // Only campaigns the form offered: a forged id, another workspace's, or one gone meanwhile is not a basis.
    const offered = new Set(pastCampaigns.filter((c) => c.id !== record.campaign.id).map((c) => c.id))
    if (checked.ok && checked.value.pastCampaignIds.some((id) => !offered.has(id))) {
      return { ok: false, errors: { pastCampaignIds: { code: 'past_campaigns_required' } } }
    }
    return checked
  },
  save: (value, itemId) => {
    const goalValue = value as Parameters<typeof sectionChanges.saveGoal>[1]
    return sectionChanges.saveGoal(itemId, goalValue, goalValue.metric === 'revenue')
  },
  errorBlock: (field, { pastCampaigns, record }, extra) =>
    basisFields(extra)(field === 'pastCampaignIds' && !pastCampaigns.some((c) => c.id !== record.campaign.id) ? 'basisKind' : field),
}

/** The goal's fields Use as basis fills in: keyed `name~n` after the n-th press (Slack keeps what was typed in a block id it has seen). */
const basisFieldNames: ReadonlySet<string> = new Set(['metric', 'basisKind', 'basis', 'pastCampaignIds'])
function basisFields(extra: FormExtra): (name: string) => string {
  return (name) => (extra.basis && basisFieldNames.has(name) ? `${name}~${extra.basis}` : name)
}

/** The suggestion Use as basis took, limited to the campaigns the form may offer; null when none. */
function usedSuggestion(learning: PlanLearning | undefined, extra: FormExtra, pastCampaigns: FormContext['pastCampaigns'], record: PlanRecord) {
  if (!extra.basis || !extra.basisMetric) return null
  const suggestion = learning?.suggestions.find((s) => s.metric === extra.basisMetric)
  const offered = new Set(pastCampaigns.filter((c) => c.id !== record.campaign.id).map((c) => c.id))
  const campaigns = suggestion?.campaigns.filter((c) => offered.has(c.id)) ?? []
  return suggestion && campaigns.length > 0 ? { ...suggestion, campaigns } : null
}

const targetUsers: PlanForm = {
  key: 'targetUsers', section: 'targetUsers',
  title: (m) => m.forms.titles.targetUsers,
  current: (record) => record.snapshot.targetUsers,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['targetUsers']
    const t = m.forms.targetUsers
    return [
      { kind: 'text', name: 'who', label: t.who, maxLength: planLimits.who, multiline: true, initial: value?.who ?? null },
      { kind: 'text', name: 'needs', label: t.needs, maxLength: planLimits.needs, multiline: true, initial: value?.needs ?? null },
      { kind: 'text', name: 'ageRange', label: t.ageRange, maxLength: planLimits.ageRange, optional: true, initial: value?.ageRange ?? null },
      { kind: 'text', name: 'occupations', label: t.occupations, maxLength: planLimits.occupations, optional: true, initial: value?.occupations ?? null },
      { kind: 'text', name: 'otherTraits', label: t.otherTraits, maxLength: planLimits.otherTraits, multiline: true, optional: true, initial: value?.otherTraits ?? null },
    ]
  },
  read: plain(['who', 'needs', 'ageRange', 'occupations', 'otherTraits']),
  check: (raw) => checkTargetUsers(raw),
  save: (value, _item, { record }) => sectionChanges.targetUsers(value as never, record.currency),
}

const window: PlanForm = {
  key: 'window', section: 'window',
  title: (m) => m.forms.titles.window,
  current: (record) => record.snapshot.window,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['window']
    return [
      { kind: 'date', name: 'startDate', label: m.forms.window.start, initial: value.startDate },
      { kind: 'date', name: 'endDate', label: m.forms.window.end, hint: m.forms.window.hint, initial: value.endDate },
    ]
  },
  read: plain(['startDate', 'endDate']),
  check: (raw, { record, today }) => checkWindow(raw, today, record.snapshot.window),
  save: (value) => {
    const { startDate, endDate } = value as { startDate: string; endDate: string }
    return sectionChanges.window(startDate, endDate)
  },
}

const promotionItem: PlanForm = {
  key: 'promotionItem', section: 'promotion',
  title: (m) => m.forms.titles.promotionItem,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.promotion.find((p) => p.id === itemId)),
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['promotion'][number] | null
    const t = m.forms.promotionItem
    return [
      { kind: 'select', name: 'channel', label: t.channel, options: options(promotionChannels, m.names.channel), initial: value?.channel ?? null },
      { kind: 'text', name: 'channelOther', label: t.channelOther, maxLength: planLimits.channelOther, optional: true, initial: value?.channelOther ?? null },
      { kind: 'text', name: 'what', label: t.what, maxLength: planLimits.promotionWhat, multiline: true, initial: value?.what ?? null },
      { kind: 'date', name: 'onDate', label: t.onDate, hint: t.onDateHint, initial: value?.onDate ?? null },
      { kind: 'user', name: 'promoterId', label: t.promoter, initial: value?.promoterId ?? null },
    ]
  },
  read: plain(['channel', 'channelOther', 'what', 'onDate', 'promoterId']),
  check: (raw, { record }) => checkPromotionItem(raw, record.snapshot.window),
  save: (value, itemId) => sectionChanges.savePromotionItem(itemId, value as never),
}

const contentRules: PlanForm = {
  key: 'contentRules', section: 'contentRules',
  title: (m) => m.forms.titles.contentRules,
  current: (record) => record.snapshot.contentRules,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['contentRules']
    const t = m.forms.contentRules
    return [
      { kind: 'text', name: 'description', label: t.description, hint: t.descriptionHint, maxLength: planLimits.description, multiline: true, initial: value?.description ?? null },
      { kind: 'date', name: 'entryDeadline', label: t.entryDeadline, initial: value?.entryDeadline ?? null },
      { kind: 'text', name: 'eligibility', label: t.eligibility, hint: t.eligibilityHint, maxLength: planLimits.eligibility, multiline: true, initial: value?.eligibility ?? null },
    ]
  },
  read: plain(['description', 'entryDeadline', 'eligibility']),
  check: (raw, { record }) => checkContentRules(raw, record.snapshot.window),
  save: (value, _item, { record }) => sectionChanges.contentRules(value as never, record.currency),
}

const prize: PlanForm = {
  key: 'prize', section: 'contentRules',
  title: (m) => m.forms.titles.prize,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.prizes.find((p) => p.id === itemId)),
  fields: ({ m, record }, current) => {
    const value = current as PlanRecord['snapshot']['prizes'][number] | null
    const t = m.forms.prize
    return [
      { kind: 'text', name: 'name', label: t.name, maxLength: planLimits.prizeName, initial: value?.name ?? null },
      { kind: 'text', name: 'quantity', label: t.quantity, maxLength: 12, initial: value ? String(value.quantity) : null },
      { kind: 'text', name: 'value', label: t.value, hint: m.forms.currencyHint(record.currency), maxLength: 24, initial: value ? moneyInputText(value.valueMinor, digitsOf(record)) : null },
      { kind: 'text', name: 'howGiven', label: t.howGiven, maxLength: planLimits.howGiven, multiline: true, initial: value?.howGiven ?? null },
    ]
  },
  read: plain(['name', 'quantity', 'value', 'howGiven']),
  check: (raw, { record }) => checkPrize(raw, digitsOf(record)),
  save: (value, itemId) => sectionChanges.savePrize(itemId, value as never),
}

/** Blank line slots a new scenario opens with, and how many "More lines" adds (up to the limit). */
export const scenarioSlots = { initial: 5, step: 5 } as const
const lineFields = ['category', 'channel', 'amount', 'note'] as const

const scenario: PlanForm = {
  key: 'scenario', section: 'budget',
  title: (m) => m.forms.titles.scenario,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.budgetScenarios.find((s) => s.id === itemId)),
  fields: ({ m, record }, current, extra) => {
    const value = current as PlanRecord['snapshot']['budgetScenarios'][number] | null
    const t = m.forms.scenario
    const slots = scenarioSlotCount(value?.lines.length ?? 0, extra.slots)
    const fields: FieldSpec[] = [{ kind: 'text', name: 'name', label: t.name, hint: `${m.forms.currencyHint(record.currency)} ${t.linesHint}`, maxLength: planLimits.scenarioName, initial: value?.name ?? null }]
    for (let index = 0; index < slots; index += 1) {
      const line = value?.lines[index]
      const n = index + 1
      fields.push(
        { kind: 'select', name: `lines.${index}.category`, label: `${t.line(n)} · ${t.category}`, options: options(budgetCategories, m.names.category), optional: true, initial: line?.category ?? null },
        { kind: 'select', name: `lines.${index}.channel`, label: `${t.line(n)} · ${t.channel}`, options: options(promotionChannels, m.names.channel), optional: true, initial: line?.channel ?? null },
        { kind: 'text', name: `lines.${index}.amount`, label: `${t.line(n)} · ${t.amount}`, maxLength: 24, optional: true, initial: line ? moneyInputText(line.amountMinor, digitsOf(record)) : null },
        { kind: 'text', name: `lines.${index}.note`, label: `${t.line(n)} · ${t.note}`, maxLength: planLimits.lineNote, optional: true, initial: line?.note ?? null },
      )
    }
    return fields
  },
  read: (values) => {
    // Every possible slot is read: those the modal did not show read as empty and are dropped.
    const slots = planLimits.budgetLines
    const names = ['name', ...Array.from({ length: slots }, (_, i) => lineFields.map((f) => `lines.${i}.${f}`)).flat()]
    const read = readFields(values, names)
    // Rows left empty are dropped; `slot` remembers where each kept row was, for its errors.
    const lines = []
    for (let index = 0; index < slots; index += 1) {
      const row = { category: single(read, `lines.${index}.category`), channel: single(read, `lines.${index}.channel`), amount: text(read, `lines.${index}.amount`).trim(), note: text(read, `lines.${index}.note`) }
      if (row.category || row.channel || row.amount || row.note.trim()) lines.push({ ...row, slot: index })
    }
    return { name: text(read, 'name'), lines }
  },
  check: (raw, { record }) => {
    const input = raw as { name: string; lines: Array<{ slot: number }> }
    const checked = checkBudgetScenario({ name: input.name, lines: input.lines.map(({ slot: _slot, ...line }) => line) }, digitsOf(record))
    if (checked.ok) return checked
    // The domain names a line by its place among the kept rows; the modal by its slot.
    const errors: Record<string, unknown> = {}
    for (const [field, error] of Object.entries(checked.errors)) {
      const match = /^lines\.(\d+)\.(.+)$/.exec(field)
      const slot = match ? input.lines[Number(match[1])]?.slot : undefined
      errors[slot !== undefined ? `lines.${slot}.${match![2]}` : field === 'lines' ? 'lines.0.category' : field] = error
    }
    return { ok: false, errors } as FormCheck<unknown, string>
  },
  // A fourth scenario is refused: someone added one since this form was opened (the Add button
  // is hidden at three), so the person gets the newer copy.
  save: (value, itemId, { record }) => (itemId === null && refusalToAddScenario(record.snapshot.budgetScenarios.length)
    ? async () => 'stale' as const
    : sectionChanges.saveScenario(itemId, value as never)),
}

export function scenarioSlotCount(existingLines: number, requested?: number): number {
  const wanted = Math.max(requested ?? 0, existingLines + (existingLines === 0 ? scenarioSlots.initial : 2))
  return Math.min(planLimits.budgetLines, wanted)
}

const estimate: PlanForm = {
  key: 'estimate', section: 'budget',
  title: (m) => m.forms.titles.estimate,
  current: (record, _itemId, extra) => record.snapshot.effectEstimates.find((e) => e.channel === extra.channel) ?? null,
  fields: ({ m }, current, extra) => {
    const value = current as PlanRecord['snapshot']['effectEstimates'][number] | null
    const t = m.forms.estimate
    return [
      { kind: 'select', name: 'channel', label: t.channel, options: options(promotionChannels, m.names.channel), initial: value?.channel ?? extra.channel ?? null },
      { kind: 'select', name: 'metric', label: t.metric, options: options(estimateMetrics, m.names.metric), initial: value?.metric ?? null },
      { kind: 'text', name: 'customMetric', label: t.customMetric, maxLength: planLimits.customMetric, optional: true, initial: value?.customMetric ?? null },
      { kind: 'text', name: 'expected', label: t.expected, hint: t.expectedHint, maxLength: 24, initial: value ? String(value.expected) : null },
    ]
  },
  read: plain(['channel', 'metric', 'customMetric', 'expected']),
  check: (raw) => checkEffectEstimate(raw),
  save: (value) => sectionChanges.saveEffectEstimate(value as never),
}

const risk: PlanForm = {
  key: 'risk', section: 'risks',
  title: (m) => m.forms.titles.risk,
  current: (record, itemId) => (itemId === null ? null : record.snapshot.risks.find((r) => r.id === itemId)),
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['risks'][number] | null
    const t = m.forms.risk
    return [
      { kind: 'text', name: 'description', label: t.description, maxLength: planLimits.riskDescription, multiline: true, initial: value?.description ?? null },
      { kind: 'select', name: 'likelihood', label: t.likelihood, options: options(levels, m.names.level), initial: value?.likelihood ?? null },
      { kind: 'select', name: 'impact', label: t.impact, options: options(levels, m.names.level), initial: value?.impact ?? null },
      { kind: 'text', name: 'mitigation', label: t.mitigation, maxLength: planLimits.mitigation, multiline: true, initial: value?.mitigation ?? null },
      { kind: 'user', name: 'ownerId', label: t.owner, initial: value?.ownerId ?? null },
    ]
  },
  read: plain(['description', 'likelihood', 'impact', 'mitigation', 'ownerId']),
  check: (raw) => checkRisk(raw),
  save: (value, itemId) => sectionChanges.saveRisk(itemId, value as never),
}

const servicePlan: PlanForm = {
  key: 'servicePlan', section: 'risks',
  title: (m) => m.forms.titles.servicePlan,
  current: (record) => record.snapshot.servicePlan,
  fields: ({ m }, current) => {
    const value = current as PlanRecord['snapshot']['servicePlan']
    return [
      { kind: 'user', name: 'responderId', label: m.forms.servicePlan.responder, initial: value?.responderId ?? null },
      { kind: 'text', name: 'feedbackProcess', label: m.forms.servicePlan.feedbackProcess, maxLength: planLimits.feedbackProcess, multiline: true, initial: value?.feedbackProcess ?? null },
    ]
  },
  read: plain(['responderId', 'feedbackProcess']),
  check: (raw) => checkServicePlan(raw),
  save: (value, _item, { record }) => sectionChanges.servicePlan(value as never, record.currency),
}

export const planForms: Record<PlanFormKey, PlanForm> = {
  purpose, goal, targetUsers, window, promotionItem, contentRules, prize, scenario, estimate, risk, servicePlan,
}

/** Forms that edit one thing per campaign (no item id). */
export const singletonForms: ReadonlySet<PlanFormKey> = new Set(['purpose', 'targetUsers', 'window', 'contentRules', 'servicePlan', 'estimate'])

// Stage 2 of the method: the full execution plan (活动执行全案), section by section — what each
// section holds, the form check of each section's modal, and which sections are still missing
// before the campaign may be marked ready to go live. Pure: "today" comes as an argument.
import { z } from 'zod'
import { daysBetween, lengthWarning, type CampaignWindow, type LengthWarning } from './dates.ts'
import {
  aboveZero, checkForm, countField, isoDate, moneyField, optionalSlackUserId, optionalText, positiveMeasureField, requiredText,
  slackUserId, withFieldErrors, type FormCheck, type PlanFieldErrorCode, type PlanFieldErrors,
} from './formCheck.ts'
import { costPerUnitMinor, parseMeasure, parseMoney } from './money.ts'
import { goalCurves, type GoalCurve } from './pace.ts'
import { sentenceCount } from './proposal.ts'
import { isOverdue, type Task } from './tasks.ts'

export type { FormCheck, PlanFieldError, PlanFieldErrorCode, PlanFieldErrors } from './formCheck.ts'
export { currencyFractionDigits, isCurrencyCode, moneyInputText, parseMoney, type AmountErrorCode } from './money.ts'

export const planLimits = {
  productState: 500,
  customMetric: 50,
  unit: 20,
  basis: 1000,
  pastCampaigns: 10,
  who: 500,
  needs: 1000,
  ageRange: 50,
  occupations: 150,
  otherTraits: 500,
  channelOther: 50,
  promotionWhat: 500,
  description: 500,
  /** METHOD.md: the campaign in 1–2 precise sentences. */
  descriptionSentences: 2,
  eligibility: 1000,
  prizeName: 150,
  prizeQuantity: 1_000_000,
  howGiven: 500,
  scenarioName: 80,
  budgetLines: 20,
  lineNote: 150,
  /** METHOD.md: 2–3 budget scenarios, one of them chosen. */
  scenarios: { min: 2, max: 3 },
  riskDescription: 500,
  mitigation: 1000,
  feedbackProcess: 1000,
  /** Goal targets and effect estimates that are not money: counts, or measures such as 2.5 (%). */
  measureDecimals: 2,
} as const

// ── Purpose 活动目的 ─────────────────────────────────────────────────────────────────────────────

export const purposes = ['brand_awareness', 'sales'] as const
export type Purpose = (typeof purposes)[number]
export const levers = ['acquisition', 'activation', 'exposure'] as const
export type Lever = (typeof levers)[number]

/** `productState`: a note on where the product stands now, which the purpose starts from. */
export type PurposeSection = { purpose: Purpose; levers: Lever[]; productState: string | null }

const purposeSchema = z.object({
  purpose: z.enum(purposes, { error: 'required' }),
  levers: z
    .array(z.enum(levers), { error: 'required' })
    .min(1, 'required')
    .transform((chosen) => levers.filter((lever) => chosen.includes(lever))),
  productState: optionalText(planLimits.productState),
})
export type PurposeField = keyof z.input<typeof purposeSchema>

export function checkPurpose(input: unknown): FormCheck<PurposeSection, PurposeField> {
  return checkForm(purposeSchema, input)
}

// ── Goals 活动目标 ──────────────────────────────────────────────────────────────────────────────

export const goalMetrics = ['visits', 'signups', 'orders', 'revenue', 'reposts', 'followers', 'custom'] as const
export type GoalMetric = (typeof goalMetrics)[number]
/** METHOD.md: a goal is reasoned, or derived from past data of similar campaigns. */
export const basisKinds = ['reasoned', 'past_campaigns'] as const
export type BasisKind = (typeof basisKinds)[number]

/**
 * A numeric target with the reasons behind it. `target` of a revenue goal is money: integer minor
 * units of the workspace currency, and `unit` is null. Any other target is a positive count or
 * measure with at most 2 decimals, in `unit` (free text such as "people" or "%", may be null).
 * `dataOwnerId` is who feeds the numbers back while live; unset is a warning, not an error.
 */
export type Goal = {
  id: number
  metric: GoalMetric
  customMetric: string | null
  unit: string | null
  target: number
  basisKind: BasisKind
  basis: string
  pastCampaignIds: number[]
  dataOwnerId: string | null
  /** How the figure is expected to grow while live (pace.ts); absent = linear, or as stored when editing. */
  curve?: GoalCurve
}
export type GoalValue = Omit<Goal, 'id'>

const campaignIdSchema = z.union([
  z.number().int().positive(),
  z.string().regex(/^[1-9]\d{0,14}$/).transform(Number),
])

const goalSchema = z.object({
  metric: z.enum(goalMetrics, { error: 'required' }),
  customMetric: optionalText(planLimits.customMetric),
  unit: optionalText(planLimits.unit),
  // Read below, once the metric says whether it is money.
  target: z.unknown(),
  basisKind: z.enum(basisKinds, { error: 'required' }),
  basis: requiredText(planLimits.basis),
  pastCampaignIds: z
    .array(campaignIdSchema)
    .max(planLimits.pastCampaigns, 'too_many')
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])]),
  dataOwnerId: optionalSlackUserId,
  curve: z.enum(goalCurves, { error: 'required' }).nullish().transform((curve) => curve ?? undefined),
})
export type GoalField = keyof z.input<typeof goalSchema>

/** Checks a goal; `fractionDigits` is the workspace currency's, for a revenue target. */
export function checkGoal(input: unknown, fractionDigits: number): FormCheck<GoalValue, GoalField> {
  const form = asForm(input)
  const parsed = checkForm<typeof goalSchema, GoalField>(goalSchema, form)
  const target = readTarget(form.metric === 'revenue', form.target, fractionDigits)
  const errors: PlanFieldErrors<GoalField> = parsed.ok ? {} : parsed.errors
  if (!target.ok) errors.target = { code: target.code }
  if (!parsed.ok || !target.ok) return { ok: false, errors }

  const goal = parsed.value
  if (goal.metric === 'custom' && !goal.customMetric) errors.customMetric = { code: 'custom_metric_required' }
  if (goal.basisKind === 'past_campaigns' && goal.pastCampaignIds.length === 0) {
    errors.pastCampaignIds = { code: 'past_campaigns_required' }
  }
  return withFieldErrors(
    {
      ...goal,
      target: target.value,
      customMetric: goal.metric === 'custom' ? goal.customMetric : null,
      unit: goal.metric === 'revenue' ? null : goal.unit,
      pastCampaignIds: goal.basisKind === 'past_campaigns' ? goal.pastCampaignIds : [],
    },
    errors,
  )
}

type ReadTarget = { ok: true; value: number } | { ok: false; code: PlanFieldErrorCode }

function readTarget(isMoney: boolean, raw: unknown, fractionDigits: number): ReadTarget {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, code: 'required' }
  const text = String(raw)
  const read = aboveZero(isMoney ? parseMoney(text, fractionDigits) : parseMeasure(text, planLimits.measureDecimals))
  if (!read.ok) return read
  const value = 'minor' in read ? read.minor : read.value
  return value > 0 ? { ok: true, value } : { ok: false, code: 'must_be_positive' }
}

// ── Target users 目标用户 ────────────────────────────────────────────────────────────────────────

export type TargetUsers = {
  who: string
  needs: string
  ageRange: string | null
  occupations: string | null
  otherTraits: string | null
}

const targetUsersSchema = z.object({
  who: requiredText(planLimits.who),
  needs: requiredText(planLimits.needs),
  ageRange: optionalText(planLimits.ageRange),
  occupations: optionalText(planLimits.occupations),
  otherTraits: optionalText(planLimits.otherTraits),
})
export type TargetUsersField = keyof TargetUsers

export function checkTargetUsers(input: unknown): FormCheck<TargetUsers, TargetUsersField> {
  return checkForm(targetUsersSchema, input)
}

// ── Time 活动时间 ───────────────────────────────────────────────────────────────────────────────

const windowSchema = z.object({ startDate: isoDate, endDate: isoDate })
export type WindowField = keyof CampaignWindow

export type WindowCheck =
  | { ok: true; value: CampaignWindow; warning: LengthWarning | null }
  | { ok: false; errors: PlanFieldErrors<WindowField> }

/**
 * Checks a new campaign window on `today`. A start date that changes may not be in the past;
 * one left as it was (`current`) may, since a live campaign has started. 7–28 days is advice.
 */
export function checkWindow(input: unknown, today: string, current?: CampaignWindow | null): WindowCheck {
  const parsed = checkForm<typeof windowSchema, WindowField>(windowSchema, input)
  if (!parsed.ok) return parsed
  const window = parsed.value
  const errors: PlanFieldErrors<WindowField> = {}
  if (window.startDate !== current?.startDate && window.startDate < today) errors.startDate = { code: 'start_in_past' }
  if (daysBetween(window.startDate, window.endDate) <= 0) errors.endDate = { code: 'end_not_after_start' }
  const checked = withFieldErrors(window, errors)
  return checked.ok ? { ...checked, warning: lengthWarning(window.startDate, window.endDate) } : checked
}

// ── Promotion plan 活动推广方案 ──────────────────────────────────────────────────────────────────

export const promotionChannels = [
  'own_platform', 'weibo', 'wechat', 'douyin', 'xiaohongshu', 'bilibili', 'email', 'sms', 'paid_search', 'kol',
  'community', 'other',
] as const
export type PromotionChannel = (typeof promotionChannels)[number]

/** METHOD.md: per channel, what is promoted, when, and who promotes it. */
export type PromotionItem = {
  id: number
  channel: PromotionChannel
  channelOther: string | null
  what: string
  onDate: string
  promoterId: string
}
export type PromotionItemValue = Omit<PromotionItem, 'id'>

const promotionItemSchema = z.object({
  channel: z.enum(promotionChannels, { error: 'required' }),
  channelOther: optionalText(planLimits.channelOther),
  what: requiredText(planLimits.promotionWhat),
  onDate: isoDate,
  promoterId: slackUserId,
})
export type PromotionItemField = keyof z.input<typeof promotionItemSchema>

/** Promotion runs before (pre-heat) or during the window, never after its last day. */
export function checkPromotionItem(input: unknown, window: CampaignWindow): FormCheck<PromotionItemValue, PromotionItemField> {
  const parsed = checkForm<typeof promotionItemSchema, PromotionItemField>(promotionItemSchema, input)
  if (!parsed.ok) return parsed
  const item = parsed.value
  const errors: PlanFieldErrors<PromotionItemField> = {}
  if (item.channel === 'other' && !item.channelOther) errors.channelOther = { code: 'channel_other_required' }
  if (item.onDate > window.endDate) errors.onDate = { code: 'after_window' }
  return withFieldErrors({ ...item, channelOther: item.channel === 'other' ? item.channelOther : null }, errors)
}

// ── Content rules 活动内容细则 ──────────────────────────────────────────────────────────────────

/** `description`: the campaign in 1–2 sentences; `eligibility`: who may take part, on what conditions. */
export type ContentRules = { description: string; entryDeadline: string; eligibility: string }

const contentRulesSchema = z.object({
  description: requiredText(planLimits.description).refine(
    (text) => sentenceCount(text) <= planLimits.descriptionSentences,
    'too_many_sentences',
  ),
  entryDeadline: isoDate,
  eligibility: requiredText(planLimits.eligibility),
})
export type ContentRulesField = keyof ContentRules

/** The entry deadline falls within the campaign window, both ends included. */
export function checkContentRules(input: unknown, window: CampaignWindow): FormCheck<ContentRules, ContentRulesField> {
  const parsed = checkForm<typeof contentRulesSchema, ContentRulesField>(contentRulesSchema, input)
  if (!parsed.ok) return parsed
  const rules = parsed.value
  const errors: PlanFieldErrors<ContentRulesField> = {}
  if (!isWithin(rules.entryDeadline, window)) errors.entryDeadline = { code: 'outside_window' }
  return withFieldErrors(rules, errors)
}

/** `valueMinor`: the value of one prize in minor units; `howGiven`: how winners get it. */
export type Prize = { id: number; name: string; quantity: number; valueMinor: number; howGiven: string }
export type PrizeValue = Omit<Prize, 'id'>

const prizeSchemas = new Map<number, ReturnType<typeof buildPrizeSchema>>()
function buildPrizeSchema(fractionDigits: number) {
  return z.object({
    name: requiredText(planLimits.prizeName),
    quantity: countField(planLimits.prizeQuantity),
    /** Typed in major units ("99.50"); becomes `valueMinor`. */
    value: moneyField(fractionDigits),
    howGiven: requiredText(planLimits.howGiven),
  })
}
export type PrizeField = 'name' | 'quantity' | 'value' | 'howGiven'

/** Checks a prize; its form field `value` is typed in the currency's major unit. */
export function checkPrize(input: unknown, fractionDigits: number): FormCheck<PrizeValue, PrizeField> {
  const parsed = checkForm<ReturnType<typeof buildPrizeSchema>, PrizeField>(cached(prizeSchemas, fractionDigits, buildPrizeSchema), input)
  if (!parsed.ok) return parsed
  const { value, ...prize } = parsed.value
  return { ok: true, value: { ...prize, valueMinor: value } }
}

// ── Budget & effect 活动预算方案及效果预估 ───────────────────────────────────────────────────────

export const budgetCategories = ['promotion', 'prizes', 'production', 'other'] as const
export type BudgetCategory = (typeof budgetCategories)[number]

/** `channel`: where promotion money goes; null for every other category. */
export type BudgetLine = {
  id: number
  category: BudgetCategory
  channel: PromotionChannel | null
  amountMinor: number
  note: string | null
}
export type BudgetScenario = { id: number; name: string; chosen: boolean; lines: BudgetLine[] }
export type BudgetScenarioValue = { name: string; lines: Omit<BudgetLine, 'id'>[] }

const budgetScenarioSchemas = new Map<number, ReturnType<typeof buildBudgetScenarioSchema>>()
function buildBudgetScenarioSchema(fractionDigits: number) {
  const line = z.object({
    category: z.enum(budgetCategories, { error: 'required' }),
    channel: z.enum(promotionChannels).nullish().transform((channel) => channel ?? null),
    /** Typed in major units ("1,200.00"); becomes `amountMinor`. */
    amount: moneyField(fractionDigits),
    note: optionalText(planLimits.lineNote),
  })
  return z.object({
    name: requiredText(planLimits.scenarioName),
    lines: z.array(line, { error: 'required' }).min(1, 'required').max(planLimits.budgetLines, 'too_many'),
  })
}
type BudgetLineField = 'category' | 'channel' | 'amount' | 'note'
export type BudgetScenarioField = 'name' | 'lines' | `lines.${number}.${BudgetLineField}`

/**
 * Checks a scenario's name and lines (rows a person left empty are the caller's to drop). A
 * promotion line names its channel; the total must stay an exact integer (≤ MAX_SAFE_INTEGER).
 */
export function checkBudgetScenario(input: unknown, fractionDigits: number): FormCheck<BudgetScenarioValue, BudgetScenarioField> {
  const schema = cached(budgetScenarioSchemas, fractionDigits, buildBudgetScenarioSchema)
  const parsed = checkForm<typeof schema, BudgetScenarioField>(schema, input)
  if (!parsed.ok) return parsed
  const errors: PlanFieldErrors<BudgetScenarioField> = {}
  const lines = parsed.value.lines.map(({ amount, ...line }, index) => {
    if (line.category === 'promotion' && !line.channel) errors[`lines.${index}.channel`] = { code: 'channel_required' }
    return { ...line, channel: line.category === 'promotion' ? line.channel : null, amountMinor: amount }
  })
  if (sumMinor(lines.map((line) => line.amountMinor)) > Number.MAX_SAFE_INTEGER) {
    errors.lines = { code: 'too_large', max: Number.MAX_SAFE_INTEGER }
  }
  return withFieldErrors({ name: parsed.value.name, lines }, errors)
}

/** A fourth scenario is refused: the method asks for two or three to compare. */
export function refusalToAddScenario(existingScenarios: number): 'too_many_scenarios' | null {
  return existingScenarios >= planLimits.scenarios.max ? 'too_many_scenarios' : null
}

export type ScenarioTotal = { totalMinor: number; byCategory: Record<BudgetCategory, number> }

/** The scenario's total and its total per category, in minor units. */
export function scenarioTotal(scenario: Pick<BudgetScenario, 'lines'>): ScenarioTotal {
  const byCategory = Object.fromEntries(budgetCategories.map((category) => [category, 0])) as Record<BudgetCategory, number>
  for (const line of scenario.lines) byCategory[line.category] += line.amountMinor
  return { totalMinor: sumMinor(scenario.lines.map((line) => line.amountMinor)), byCategory }
}

/** Revenue is not estimated per channel: a cost per minor unit of revenue says nothing useful. */
export const estimateMetrics = goalMetrics.filter((metric) => metric !== 'revenue') as Exclude<GoalMetric, 'revenue'>[]
export type EstimateMetric = Exclude<GoalMetric, 'revenue'>

/** METHOD.md: a conservative estimate of what one promotion channel brings; one per channel. */
export type EffectEstimate = {
  channel: PromotionChannel
  metric: EstimateMetric
  customMetric: string | null
  expected: number
}

const effectEstimateSchema = z.object({
  channel: z.enum(promotionChannels, { error: 'required' }),
  metric: z.enum(estimateMetrics as [EstimateMetric, ...EstimateMetric[]], { error: 'required' }),
  customMetric: optionalText(planLimits.customMetric),
  expected: positiveMeasureField(planLimits.measureDecimals),
})
export type EffectEstimateField = keyof EffectEstimate

export function checkEffectEstimate(input: unknown): FormCheck<EffectEstimate, EffectEstimateField> {
  const parsed = checkForm<typeof effectEstimateSchema, EffectEstimateField>(effectEstimateSchema, input)
  if (!parsed.ok) return parsed
  const estimate = parsed.value
  if (estimate.metric === 'custom' && !estimate.customMetric) {
    return { ok: false, errors: { customMetric: { code: 'custom_metric_required' } } }
  }
  return { ok: true, value: { ...estimate, customMetric: estimate.metric === 'custom' ? estimate.customMetric : null } }
}

export type CostPerResult = {
  channel: PromotionChannel
  metric: EstimateMetric
  customMetric: string | null
  spendMinor: number
  expected: number
  /** spend / expected, rounded half up to a whole minor unit. */
  costMinor: number
}

/** Per promotion channel with both spend in this scenario and an estimate, in channel order. */
export function costPerExpectedResult(
  scenario: Pick<BudgetScenario, 'lines'>,
  estimates: readonly EffectEstimate[],
): CostPerResult[] {
  const spend = promotionSpendByChannel(scenario)
  return promotionChannels.flatMap((channel) => {
    const estimate = estimates.find((candidate) => candidate.channel === channel)
    const spendMinor = spend.get(channel)
    if (!estimate || spendMinor === undefined) return []
    const { metric, customMetric, expected } = estimate
    const costMinor = costPerUnitMinor(spendMinor, expected, planLimits.measureDecimals)
    return [{ channel, metric, customMetric, spendMinor, expected, costMinor }]
  })
}

function promotionSpendByChannel(scenario: Pick<BudgetScenario, 'lines'>): Map<PromotionChannel, number> {
  const spend = new Map<PromotionChannel, number>()
  for (const line of scenario.lines) {
    if (line.category === 'promotion' && line.channel) spend.set(line.channel, (spend.get(line.channel) ?? 0) + line.amountMinor)
  }
  return spend
}

// ── Risks 风险及应对措施 ────────────────────────────────────────────────────────────────────────

export const levels = ['low', 'medium', 'high'] as const
export type Level = (typeof levels)[number]

export type Risk = {
  id: number
  description: string
  likelihood: Level
  impact: Level
  mitigation: string
  ownerId: string
}
export type RiskValue = Omit<Risk, 'id'>

const riskSchema = z.object({
  description: requiredText(planLimits.riskDescription),
  likelihood: z.enum(levels, { error: 'required' }),
  impact: z.enum(levels, { error: 'required' }),
  mitigation: requiredText(planLimits.mitigation),
  ownerId: slackUserId,
})
export type RiskField = keyof RiskValue

export function checkRisk(input: unknown): FormCheck<RiskValue, RiskField> {
  return checkForm(riskSchema, input)
}

/** Customer service: who answers participants, and how problems are reported back. */
export type ServicePlan = { responderId: string; feedbackProcess: string }

const servicePlanSchema = z.object({
  responderId: slackUserId,
  feedbackProcess: requiredText(planLimits.feedbackProcess),
})
export type ServicePlanField = keyof ServicePlan

export function checkServicePlan(input: unknown): FormCheck<ServicePlan, ServicePlanField> {
  return checkForm(servicePlanSchema, input)
}

// ── Completeness ────────────────────────────────────────────────────────────────────────────────

/** The plan's sections in display order. */
export const planSections = [
  'purpose', 'goals', 'targetUsers', 'window', 'promotion', 'contentRules', 'budget', 'risks', 'tasks',
] as const
export type PlanSection = (typeof planSections)[number]

export type PlanWarning =
  | 'window_too_short'
  | 'window_too_long'
  | 'goal_without_data_owner'
  | 'promotion_after_window'
  | 'deadline_outside_window'
  | 'budget_single_scenario'
  | 'budget_none_chosen'
  | 'budget_several_chosen'
  | 'channel_without_estimate'
  | 'prizes_over_budget'
  | 'no_service_plan'
  | 'task_overdue'
  | 'task_blocked'

/**
 * 'missing': the section does not yet meet what "Ready to go live" needs (its warnings may say
 * why); 'warnings': complete, with advice; 'done': complete.
 */
export type SectionState = { state: 'done' | 'missing' | 'warnings'; warnings: PlanWarning[] }

/** Everything planned for one campaign, as the store reads it. */
export type PlanSnapshot = {
  window: CampaignWindow
  purpose: PurposeSection | null
  goals: readonly Goal[]
  targetUsers: TargetUsers | null
  promotion: readonly PromotionItem[]
  contentRules: ContentRules | null
  prizes: readonly Prize[]
  budgetScenarios: readonly BudgetScenario[]
  effectEstimates: readonly EffectEstimate[]
  risks: readonly Risk[]
  servicePlan: ServicePlan | null
  tasks: readonly Pick<Task, 'status' | 'dueDate'>[]
}

const isMissing: Record<PlanSection, (plan: PlanSnapshot) => boolean> = {
  purpose: (plan) => plan.purpose === null || plan.purpose.levers.length === 0,
  goals: (plan) => !plan.goals.some((goal) => goal.basis.trim() !== ''),
  targetUsers: (plan) => plan.targetUsers === null,
  window: () => false,
  promotion: (plan) => plan.promotion.length === 0,
  contentRules: (plan) => plan.contentRules === null,
  budget: (plan) =>
    plan.budgetScenarios.length < planLimits.scenarios.min || chosenScenarios(plan).length !== 1,
  risks: (plan) => plan.risks.length === 0,
  tasks: (plan) => plan.tasks.length === 0,
}

const warningsOf: Record<PlanSection, (plan: PlanSnapshot, today: string) => PlanWarning[]> = {
  purpose: () => [],
  goals: (plan) => (plan.goals.some((goal) => !goal.dataOwnerId) ? ['goal_without_data_owner'] : []),
  targetUsers: () => [],
  window: (plan) => {
    const warning = lengthWarning(plan.window.startDate, plan.window.endDate)
    return warning ? [warning.kind === 'too_short' ? 'window_too_short' : 'window_too_long'] : []
  },
  promotion: (plan) =>
    plan.promotion.some((item) => item.onDate > plan.window.endDate) ? ['promotion_after_window'] : [],
  contentRules: (plan) =>
    plan.contentRules && !isWithin(plan.contentRules.entryDeadline, plan.window) ? ['deadline_outside_window'] : [],
  budget: budgetWarnings,
  risks: (plan) => (plan.servicePlan ? [] : ['no_service_plan']),
  tasks: (plan, today) => [
    ...(plan.tasks.some((task) => isOverdue(task, today)) ? ['task_overdue' as const] : []),
    ...(plan.tasks.some((task) => task.status === 'blocked') ? ['task_blocked' as const] : []),
  ],
}

function budgetWarnings(plan: PlanSnapshot): PlanWarning[] {
  const warnings: PlanWarning[] = []
  const chosen = chosenScenarios(plan)
  if (plan.budgetScenarios.length === 1) warnings.push('budget_single_scenario')
  if (plan.budgetScenarios.length > 0 && chosen.length === 0) warnings.push('budget_none_chosen')
  if (chosen.length > 1) warnings.push('budget_several_chosen')
  const estimated = new Set(plan.effectEstimates.map((estimate) => estimate.channel))
  if (channelsInUse(plan).some((channel) => !estimated.has(channel))) warnings.push('channel_without_estimate')
  if (chosen.length === 1 && prizesCostMore(plan.prizes, scenarioTotal(chosen[0]!).byCategory.prizes)) {
    warnings.push('prizes_over_budget')
  }
  return warnings
}

/** Each section's state on `today`. */
export function sectionStates(plan: PlanSnapshot, today: string): Record<PlanSection, SectionState> {
  const states = {} as Record<PlanSection, SectionState>
  for (const section of planSections) {
    const warnings = warningsOf[section](plan, today)
    const state = isMissing[section](plan) ? 'missing' : warnings.length > 0 ? 'warnings' : 'done'
    states[section] = { state, warnings }
  }
  return states
}

/** The sections "Ready to go live" still needs, in display order; empty = ready. */
export function missingForReady(plan: PlanSnapshot): PlanSection[] {
  return planSections.filter((section) => isMissing[section](plan))
}

function chosenScenarios(plan: PlanSnapshot): BudgetScenario[] {
  return plan.budgetScenarios.filter((scenario) => scenario.chosen)
}

/** Channels the promotion plan uses or any scenario spends on, in channel order. */
function channelsInUse(plan: PlanSnapshot): PromotionChannel[] {
  const used = new Set<PromotionChannel>(plan.promotion.map((item) => item.channel))
  for (const scenario of plan.budgetScenarios) for (const channel of promotionSpendByChannel(scenario).keys()) used.add(channel)
  return promotionChannels.filter((channel) => used.has(channel))
}

function prizesCostMore(prizes: readonly Prize[], budgetMinor: number): boolean {
  // quantity × value may pass MAX_SAFE_INTEGER, so this sum is exact in BigInt.
  const cost = prizes.reduce((sum, prize) => sum + BigInt(prize.quantity) * BigInt(prize.valueMinor), 0n)
  return cost > BigInt(budgetMinor)
}

// ── Small shared pieces ─────────────────────────────────────────────────────────────────────────

function isWithin(date: string, window: CampaignWindow): boolean {
  return date >= window.startDate && date <= window.endDate
}

/** A sum of minor units; may exceed MAX_SAFE_INTEGER only for input no check let through. */
function sumMinor(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => sum + amount, 0)
}

function asForm(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {}
}

function cached<S>(schemas: Map<number, S>, fractionDigits: number, build: (fractionDigits: number) => S): S {
  let schema = schemas.get(fractionDigits)
  if (!schema) schemas.set(fractionDigits, (schema = build(fractionDigits)))
  return schema
}

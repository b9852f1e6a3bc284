// Stage 2, the budget scenarios and the conservative effect estimate per channel (活动预算方案及效果预估):
// what each holds, the check of its form, a scenario's totals and the cost per expected result. Pure.
// ── Budget & effect 活动预算方案及效果预估 ───────────────────────────────────────────────────────
import { z } from 'zod'
import { cached, checkForm, type FormCheck, moneyField, optionalText, type PlanFieldErrors, positiveMeasureField, requiredText, withFieldErrors } from './formCheck.ts'
import { costPerUnitMinor, sumMinor } from './money.ts'
import { type PromotionChannel, promotionChannels } from './planPromotion.ts'
import { type GoalMetric, goalMetrics, planLimits } from './plan.ts'

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

export function promotionSpendByChannel(scenario: Pick<BudgetScenario, 'lines'>): Map<PromotionChannel, number> {
  const spend = new Map<PromotionChannel, number>()
  for (const line of scenario.lines) {
    if (line.category === 'promotion' && line.channel) spend.set(line.channel, (spend.get(line.channel) ?? 0) + line.amountMinor)
  }
  return spend
}

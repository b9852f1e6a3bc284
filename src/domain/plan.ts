// Stage 2 of the method: the full execution plan (活动执行全案). This file: the purpose, goals, target
// users, window, risks and service sections — what each holds and the check of its form; the others are
// planPromotion.ts, planBudget.ts, and planCompleteness.ts (what is missing before go-live). Pure.
import { z } from 'zod'
import { type CampaignWindow, daysBetween, type LengthWarning, lengthWarning } from './dates.ts'
import { aboveZero, asForm, checkForm, type FormCheck, isoDate, optionalSlackUserId, optionalText, type PlanFieldError, type PlanFieldErrorCode, type PlanFieldErrors, requiredText, slackUserId, withFieldErrors } from './formCheck.ts'
import { type AmountErrorCode, currencyFractionDigits, isCurrencyCode, moneyInputText, parseMeasure, parseMoney } from './money.ts'
import { type GoalCurve, goalCurves } from './pace.ts'

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

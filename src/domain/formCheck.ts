// Turning a submitted modal into a valid value or into errors per field, for the plan and task
// forms of stage 2. Same approach as proposal.ts: zod issues carry a code as their message, the
// Slack layer turns a code into words in the person's language.
import { z } from 'zod'
import type { FieldErrorCode } from './proposal.ts'
import { isIsoDate } from './dates.ts'
import { parseMeasure, parseMoney, type ParsedMeasure, type ParsedMoney } from './money.ts'

/** Stage 1's codes plus those the plan and task forms add. */
export type PlanFieldErrorCode =
  | FieldErrorCode
  | 'not_a_number'
  | 'negative'
  | 'too_many_decimals'
  | 'too_large'
  | 'must_be_positive'
  | 'not_a_whole_number'
  | 'too_many'
  | 'custom_metric_required'
  | 'channel_other_required'
  | 'channel_required'
  | 'past_campaigns_required'
  | 'after_window'
  | 'outside_window'
  | 'due_before_start'

/** `max` is the limit a 'too_long', 'too_many' or 'too_large' error broke. */
export type PlanFieldError = { code: PlanFieldErrorCode; max?: number }
export type PlanFieldErrors<F extends string> = Partial<Record<F, PlanFieldError>>

export type FormCheck<V, F extends string> = { ok: true; value: V } | { ok: false; errors: PlanFieldErrors<F> }

export const requiredText = (max: number) =>
  z.string({ error: 'required' }).trim().min(1, 'required').max(max, 'too_long')
export const optionalText = (max: number) =>
  z.string().trim().max(max, 'too_long').nullish().transform((value) => (value ? value : null))
export const isoDate = z.string({ error: 'required' }).refine(isIsoDate, 'invalid_date')
export const slackUserId = z.string({ error: 'required' }).regex(/^[UW][A-Z0-9]+$/, 'required')
export const optionalSlackUserId = z
  .union([z.literal(''), slackUserId])
  .nullish()
  .transform((value) => (value ? value : null))

// Amounts arrive as text (plain_text_input, number_input) or as numbers; both are in major units
// ("12.50" or 12.5 yuan), never minor units: prefill a modal with moneyInputText.
const amountText = z.union([z.string(), z.number()], { error: 'required' }).transform(String)

/** Money as typed → integer minor units (≥ 0). */
export const moneyField = (fractionDigits: number) =>
  amountText.transform((text, context) => valueOrIssue(parseMoney(text, fractionDigits), context))

/** A positive count or measure that is not money, with at most `fractionDigits` decimals. */
export const positiveMeasureField = (fractionDigits: number) =>
  amountText
    .transform((text, context) => valueOrIssue(aboveZero(parseMeasure(text, fractionDigits)), context))
    .refine((value) => value > 0, 'must_be_positive')

/** A whole number from 1 to `max`. */
export const countField = (max: number) =>
  amountText
    .transform((text, context) => {
      const parsed = aboveZero(parseMeasure(text, 0))
      return valueOrIssue(parsed.ok || parsed.code !== 'too_many_decimals' ? parsed : { ok: false, code: 'not_a_whole_number' }, context)
    })
    .pipe(z.number().min(1, 'must_be_positive').max(max, 'too_large'))

type ParsedAmount = ParsedMoney | ParsedMeasure | { ok: false; code: PlanFieldErrorCode }

/**
 * For a field that must be above zero, a negative is refused with that rule: "zero or more" would
 * send the person to type 0 and be refused a second time.
 */
export function aboveZero<P extends ParsedAmount>(parsed: P): P | { ok: false; code: 'must_be_positive' } {
  return !parsed.ok && parsed.code === 'negative' ? { ok: false, code: 'must_be_positive' } : parsed
}

function valueOrIssue(parsed: ParsedAmount, context: z.RefinementCtx): number {
  if (parsed.ok) return 'minor' in parsed ? parsed.minor : parsed.value
  context.addIssue({ code: 'custom', message: parsed.code })
  return z.NEVER
}

// Codes a zod issue may carry as its message; anything else (a wrong type) reads as 'required'.
const knownCodes: ReadonlySet<string> = new Set<PlanFieldErrorCode>([
  'required', 'too_long', 'too_many_sentences', 'invalid_date', 'not_a_number', 'negative', 'too_many_decimals',
  'too_large', 'must_be_positive', 'not_a_whole_number', 'too_many',
])

/**
 * Runs a form schema. Anything but a plain object reads as an empty form, so every error lands
 * on a field. A field of a row in a list is named by its path ('lines.0.amount'); a bad item in
 * a list of plain values is reported on the list.
 */
export function checkForm<S extends z.ZodType, F extends string>(schema: S, input: unknown): FormCheck<z.output<S>, F> {
  const isForm = typeof input === 'object' && input !== null && !Array.isArray(input)
  const parsed = schema.safeParse(isForm ? input : {})
  if (parsed.success) return { ok: true, value: parsed.data }
  const errors: PlanFieldErrors<F> = {}
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path) as F
    if (errors[field]) continue
    const code = (knownCodes.has(issue.message) ? issue.message : 'required') as PlanFieldErrorCode
    const max = issue.code === 'too_big' ? Number(issue.maximum) : undefined
    errors[field] = max === undefined ? { code } : { code, max }
  }
  return { ok: false, errors }
}

function fieldOf(path: readonly PropertyKey[]): string {
  const end = path.findLastIndex((segment) => typeof segment !== 'number')
  return path.slice(0, end + 1).map(String).join('.')
}

/** The result of the rules between fields, once every field alone is valid. */
export function withFieldErrors<V, F extends string>(value: V, errors: PlanFieldErrors<F>): FormCheck<V, F> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value }
}

/** The submitted form as an object of fields (anything else reads as an empty form). */
export function asForm(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {}
}

/** A form schema per currency's decimals, built once for each. */
export function cached<S>(schemas: Map<number, S>, fractionDigits: number, build: (fractionDigits: number) => S): S {
  let schema = schemas.get(fractionDigits)
  if (!schema) schemas.set(fractionDigits, (schema = build(fractionDigits)))
  return schema
}

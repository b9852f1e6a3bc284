// What a call to POST /api/v1/metrics may hold, read with zod, and its checks against the campaign:
// the goal named by id or by metric (its key, or its name in English or Chinese), the day inside the
// campaign's window and not after its today, and the value read as the modal reads it
// (domain/metrics.ts, domain/money.ts). Every refusal names the field, in the API's own words.
import { z } from 'zod'
import { checkMetricEntry, entryModes, metricLimits, type MetricEntryInput, type MetricFieldError } from '../domain/metrics.ts'
import { goalMetrics } from '../domain/plan.ts'
import { currencyFractionDigits } from '../domain/money.ts'
import { messagesFor, supportedLocales } from '../i18n/catalogue.ts'
import type { CampaignFigures, LiveGoal } from '../store/metrics.ts'
import type { ApiErrorCode } from './errors.ts'

/** The fields of the body, as the API's callers name them. */
export const metricRequestFields = ['campaignId', 'goalId', 'metric', 'date', 'value', 'kind', 'note'] as const
export type MetricRequestField = (typeof metricRequestFields)[number]

export type FieldError<S extends 400 | 404 = 400> = { code: ApiErrorCode<S>; field: MetricRequestField | null; message: string }

const id = z.number().int().positive().max(2_147_483_647)
export const metricRequestSchema = z.strictObject({
  campaignId: id,
  goalId: id.optional(),
  metric: z.string().trim().min(1).max(100).optional(),
  date: z.string(),
  /** A number, or text as a person would type it ("1,234.50"): money in the plan's currency. */
  value: z.union([z.number(), z.string().max(40)]),
  /** 'day': the day's own figure (adds up); 'total': the running total as of that day. */
  kind: z.enum(entryModes).default('day'),
  note: z.string().max(metricLimits.note * 4).nullish(),
})
export type MetricRequest = z.infer<typeof metricRequestSchema>

const fieldOf = (path: readonly PropertyKey[]): MetricRequestField | null => {
  const first = path[0]
  return typeof first === 'string' && (metricRequestFields as readonly string[]).includes(first) ? (first as MetricRequestField) : null
}

/** Reads the body: the request, or the first thing wrong with it, naming its field. */
export function readMetricRequest(body: unknown): { ok: true; request: MetricRequest } | { ok: false; error: FieldError } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: { code: 'invalid_body', field: null, message: 'The body must be a JSON object.' } }
  const parsed = metricRequestSchema.safeParse(body)
  if (!parsed.success) {
    // A misspelt field first: it explains the "missing" one it was meant to be.
    const unknown = parsed.error.issues.find((i) => i.code === 'unrecognized_keys')
    if (unknown) {
      return { ok: false, error: { code: 'unknown_field', field: null, message: `Unknown field: ${unknown.keys.join(', ')}. Fields: ${metricRequestFields.join(', ')}.` } }
    }
    const issue = parsed.error.issues[0]!
    const field = fieldOf(issue.path)
    const missing = field !== null && issue.path.length === 1 && (body as Record<string, unknown>)[field] === undefined
    return {
      ok: false,
      error: missing
        ? { code: 'required', field, message: `${field} is required.` }
        : { code: 'invalid', field, message: `${field}: ${issue.message}` },
    }
  }
  const request = parsed.data
  if ((request.goalId === undefined) === (request.metric === undefined)) {
    return { ok: false, error: { code: 'goal_or_metric', field: 'goalId', message: 'Give either goalId or metric (not both).' } }
  }
  return { ok: true, request }
}

/** The words a goal answers to: its metric's key and its names in every language, or its custom name. */
function namesOf(goal: Pick<LiveGoal, 'metric' | 'customMetric'>): string[] {
  if (goal.metric === 'custom') return goal.customMetric ? [goal.customMetric] : []
  return [goal.metric, ...supportedLocales.map((locale) => messagesFor(locale).names.metric[goal.metric])]
}
const normal = (text: string) => text.trim().toLocaleLowerCase().replace(/[\s_-]+/gu, '')

export type GoalChoice = { ok: true; goal: LiveGoal } | { ok: false; status: 400; error: FieldError<400> } | { ok: false; status: 404; error: FieldError<404> }

/** The goal the request names: by id, or by the one goal whose metric carries that name. */
export function findGoal(goals: readonly LiveGoal[], request: Pick<MetricRequest, 'goalId' | 'metric'>): GoalChoice {
  if (request.goalId !== undefined) {
    const goal = goals.find((g) => g.id === request.goalId)
    return goal ? { ok: true, goal } : { ok: false, status: 404, error: { code: 'goal_not_found', field: 'goalId', message: `The campaign has no goal ${request.goalId}.` } }
  }
  const wanted = normal(request.metric ?? '')
  const matches = goals.filter((goal) => namesOf(goal).some((name) => normal(name) === wanted))
  if (matches.length === 1) return { ok: true, goal: matches[0]! }
  if (matches.length > 1) {
    return { ok: false, status: 400, error: { code: 'ambiguous_metric', field: 'metric', message: `${matches.length} goals measure "${request.metric}": give goalId (${matches.map((g) => g.id).join(', ')}).` } }
  }
  const known = goals.map((g) => (g.metric === 'custom' ? g.customMetric : g.metric)).filter(Boolean).join(', ')
  return { ok: false, status: 404, error: { code: 'goal_not_found', field: 'metric', message: `The campaign has no goal measuring "${request.metric}" (its goals: ${known || 'none'}).` } }
}

const entryProblem: Record<MetricFieldError['code'], string> = {
  required: 'is required', not_a_number: 'is not a number', negative: 'cannot be negative', too_many_decimals: 'has too many decimals for this goal',
  too_large: 'is too large', invalid_date: 'must be a date as YYYY-MM-DD', before_start: 'is before the campaign started',
  in_future: 'is after today in the campaign\'s time zone', after_end: 'is after the campaign ended', too_long: 'is too long',
}
const entryField = { value: 'value', note: 'note', onDate: 'date', mode: 'kind' } as const

function entryError(field: keyof typeof entryField, error: MetricFieldError): FieldError<400> {
  const name = entryField[field]
  const max = error.max === undefined ? '' : ` (at most ${error.max} characters)`
  return { code: error.code, field: name, message: `${name} ${entryProblem[error.code]}${max}.` }
}

/** The entry to save for the goal, checked as the modal checks a typed one; or the first field wrong. */
export function checkRequestEntry(request: MetricRequest, goal: LiveGoal, figures: Pick<CampaignFigures, 'campaign' | 'currency'>, today: string): { ok: true; entry: MetricEntryInput } | { ok: false; error: FieldError } {
  const checked = checkMetricEntry(
    { value: typeof request.value === 'number' ? String(request.value) : request.value, mode: request.kind, note: request.note ?? null, onDate: request.date },
    { isMoney: goal.isMoney, currencyFractionDigits: currencyFractionDigits(figures.currency), campaignStart: figures.campaign.startDate, campaignEnd: figures.campaign.endDate, today },
  )
  if (checked.ok) return { ok: true, entry: checked.value }
  for (const field of ['onDate', 'value', 'mode', 'note'] as const) {
    const error = checked.errors[field]
    if (error) return { ok: false, error: entryError(field, error) }
  }
  return { ok: false, error: { code: 'invalid', field: null, message: 'The entry is not valid.' } }
}

/** Every metric key a request may name (its names in each language too), for the OpenAPI description. */
export const metricKeys = goalMetrics.filter((metric) => metric !== 'custom')

// A goal's figures while its campaign is live (issue 7, "Metric prompts and entry"): what a data
// owner enters for a day, and the running total that follows from all of a goal's entries. An
// entry is either the day's own figure ('day': it adds to what came before) or the running total
// as of that day ('total': a count read off a dashboard, it sets the figure from then on). Pure:
// "today" comes as an argument. Money is in integer minor units of the plan's currency.
import { z } from 'zod'
import { isIsoDate } from './dates.ts'
import { parseMeasure, parseMoney, type AmountErrorCode } from './money.ts'

export const entryModes = ['day', 'total'] as const
export type EntryMode = (typeof entryModes)[number]

/** Where an entry's figure came from: typed in the modal, imported from a file, or sent to the API. */
export const entrySources = ['typed', 'file', 'api'] as const
export type EntrySource = (typeof entrySources)[number]

export const metricLimits = {
  note: 500,
  /** Counts and measures: as many decimals as a goal's target may have. */
  measureDecimals: 2,
} as const

/** One day's entry of a goal; `value` is in the goal's units (money in minor units). */
export type MetricEntry = {
  id: number
  goalId: number
  onDate: string
  mode: EntryMode
  value: number
  note: string | null
  reportedBy: string
  source: EntrySource
  version: number
}

export type RunningTotal = { date: string; total: number }

// Measures carry at most 2 decimals: adding them as binary floats would drift (0.1 + 0.2).
const roundToHundredths = (value: number): number => Math.round(value * 100) / 100

/**
 * The cumulative figure after each day that has an entry, oldest first. A day's figure adds to
 * the total so far; a running total replaces it, and later day figures add to that.
 */
export function runningTotals(entries: readonly Pick<MetricEntry, 'onDate' | 'mode' | 'value'>[]): RunningTotal[] {
  const byDate = [...entries].sort((a, b) => (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : 0))
  let total = 0
  return byDate.map((entry) => {
    total = roundToHundredths(entry.mode === 'total' ? entry.value : total + entry.value)
    return { date: entry.onDate, total }
  })
}

/** The goal's figure so far and the day it is as of (null and 0 before any entry). */
export function goalActual(entries: readonly Pick<MetricEntry, 'onDate' | 'mode' | 'value'>[]): { actual: number; asOf: string | null } {
  const last = runningTotals(entries).at(-1)
  return last ? { actual: last.total, asOf: last.date } : { actual: 0, asOf: null }
}

// ── Checking what was entered ────────────────────────────────────────────────────────────────

export type MetricFieldErrorCode = AmountErrorCode | 'invalid_date' | 'before_start' | 'in_future' | 'after_end' | 'too_long'
export type MetricFieldError = { code: MetricFieldErrorCode; max?: number }
export type MetricEntryField = 'value' | 'mode' | 'note' | 'onDate'

/** A checked entry: the value in the goal's units, the note trimmed (null when empty). */
export type MetricEntryInput = { onDate: string; mode: EntryMode; value: number; note: string | null }

export type EntryRules = {
  /** A revenue goal: money, read with the currency's decimals into minor units. */
  isMoney: boolean
  currencyFractionDigits: number
  campaignStart: string
  campaignEnd: string
  /** The campaign's local date now: no figure can be entered for a later day. */
  today: string
}

export type MetricEntryCheck = { ok: true; value: MetricEntryInput } | { ok: false; errors: Partial<Record<MetricEntryField, MetricFieldError>> }

const entryShape = z.object({
  value: z.union([z.string(), z.number()]).nullish(),
  mode: z.enum(entryModes).nullish(),
  note: z.string().nullish(),
  onDate: z.string().nullish(),
})

/**
 * Checks one goal's entry as typed. A late entry for an earlier day of the campaign is fine; a day
 * before it started, after it ended or after today, is not. Counts: at most 2 decimals; money: at most the
 * currency's. Zero is a figure (nothing happened today), a negative is not.
 */
export function checkMetricEntry(input: unknown, rules: EntryRules): MetricEntryCheck {
  const shape = entryShape.safeParse(typeof input === 'object' && input !== null ? input : {})
  const form = shape.success ? shape.data : {}
  const errors: Partial<Record<MetricEntryField, MetricFieldError>> = {}

  const text = form.value === null || form.value === undefined ? '' : String(form.value)
  const read = rules.isMoney ? parseMoney(text, rules.currencyFractionDigits) : parseMeasure(text, metricLimits.measureDecimals)
  if (!read.ok) errors.value = { code: read.code }

  const mode = form.mode ?? 'day'

  const note = (form.note ?? '').trim()
  if ([...note].length > metricLimits.note) errors.note = { code: 'too_long', max: metricLimits.note }

  const onDate = form.onDate ?? ''
  if (!onDate) errors.onDate = { code: 'required' }
  else if (!isIsoDate(onDate)) errors.onDate = { code: 'invalid_date' }
  else if (onDate < rules.campaignStart) errors.onDate = { code: 'before_start' }
  else if (onDate > rules.today) errors.onDate = { code: 'in_future' }
  else if (onDate > rules.campaignEnd) errors.onDate = { code: 'after_end' }

  if (!read.ok || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: { onDate, mode, value: 'minor' in read ? read.minor : read.value, note: note || null } }
}

// ── Who may enter ────────────────────────────────────────────────────────────────────────────

export type MetricActor = { userId: string; isWorkspaceAdmin: boolean }

/** A goal's data owner enters its figures; the campaign's owner and workspace admins may enter any. */
export function mayEnterGoal(goal: { dataOwnerId: string | null }, campaign: { ownerId: string }, actor: MetricActor): boolean {
  return actor.isWorkspaceAdmin || actor.userId === campaign.ownerId || goal.dataOwnerId === actor.userId
}

/** Figures are entered while the campaign runs, and in its retrospective (late ones for its last days). */
export function acceptsFigures(stage: string): boolean {
  return stage === 'live' || stage === 'retrospective'
}

// A goal's pace while its campaign is live (issue 7, "Behind pace"): where its figure should be by
// a day if it grows along the goal's curve from nothing on the first day to the target on the
// last, where it will end if it keeps growing as it has, and how far behind it is. Pure.
import { campaignLengthInDays, daysBetween } from './dates.ts'

export const goalCurves = ['linear', 'front_loaded'] as const
export type GoalCurve = (typeof goalCurves)[number]

/** How far (percent) behind its pace a goal may fall before the channel is alerted. */
export const defaultPaceMarginPercent = 15

export type PaceStatus = 'on_track' | 'at_risk' | 'behind' | 'not_started'

export type PaceInput = {
  /** In the goal's units (money in minor units). */
  target: number
  /** The running total so far, as of actualAsOf; 0 when nothing was entered. */
  actual: number
  actualAsOf: string | null
  startDate: string
  endDate: string
  curve: GoalCurve
  /** The campaign's local date now. */
  today: string
}

export type Pace = {
  /** The day the comparison is made for: the last full day, or today once today's figure is in. */
  asOf: string
  /** Where the figure should be by the end of asOf. */
  expected: number
  /** actual / expected; null before the first day is over. */
  ratio: number | null
  /** Where it ends at this rate along the curve; null before the first day is over. */
  projected: number | null
  status: PaceStatus
}

/** Share (0–1) of the target the curve expects once `fraction` of the window is over. */
export function curveShare(curve: GoalCurve, fraction: number): number {
  const x = Math.min(1, Math.max(0, fraction))
  // Front-loaded: most of the effect in the first days (launch buzz), tapering off: 1 − (1 − x)².
  return curve === 'front_loaded' ? 1 - (1 - x) ** 2 : x
}

/** The day before `date`. */
function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10)
}

/**
 * The goal's pace. The comparison is for the last full day (yesterday) — the morning digest cannot
 * count today's figures — or for today once today's figure was entered; never outside the window.
 * Behind: more than `marginPercent` under the expected figure; at risk: under it, within the margin.
 */
export function goalPace(input: PaceInput, marginPercent: number = defaultPaceMarginPercent): Pace {
  const yesterday = dayBefore(input.today)
  let asOf = input.actualAsOf && input.actualAsOf > yesterday ? input.actualAsOf : yesterday
  if (asOf > input.endDate) asOf = input.endDate
  const length = campaignLengthInDays(input.startDate, input.endDate)
  const daysOver = Math.min(length, Math.max(0, daysBetween(input.startDate, asOf) + 1))
  const share = curveShare(input.curve, daysOver / length)
  const expected = input.target * share
  if (daysOver === 0 || expected <= 0) return { asOf, expected: 0, ratio: null, projected: null, status: 'not_started' }
  const ratio = input.actual / expected
  const projected = input.actual / share
  const status: PaceStatus = ratio < 1 - marginPercent / 100 ? 'behind' : ratio < 1 ? 'at_risk' : 'on_track'
  return { asOf, expected, ratio, projected, status }
}

/** The campaign's verdict from its goals' paces and its overdue tasks: the worst of them. */
export function campaignVerdict(paces: readonly Pick<Pace, 'status'>[], overdueTasks: number): Exclude<PaceStatus, 'not_started'> {
  if (paces.some((pace) => pace.status === 'behind')) return 'behind'
  if (overdueTasks > 0 || paces.some((pace) => pace.status === 'at_risk')) return 'at_risk'
  return 'on_track'
}

// The compiled retrospective report (issue 8, point 3): what a campaign achieved against what it
// planned, gathered from its goals, budget, estimates, tasks and everyone's retro answers. Pure:
// the data come in as loaded, time zones as arguments. Money stays in integer minor units.
import { campaignLengthInDays } from './dates.ts'
import { runningTotals, type EntryMode } from './metrics.ts'
import { curveShare, type GoalCurve } from './pace.ts'
import type { GoalMetric } from './plan.ts'
import type { PromotionChannel } from './planPromotion.ts'
import type { BudgetCategory, EffectEstimate, EstimateMetric } from './planBudget.ts'
import type { WouldRunAgain } from './retro.ts'
import { workStages, type TaskStatus, type WorkStage } from './tasks.ts'

export type ReportGoal = {
  id: number
  metric: GoalMetric
  customMetric: string | null
  unit: string | null
  /** A revenue goal: target, actual and final are integer minor units. */
  isMoney: boolean
  target: number
  curve: GoalCurve
  /** The running total kept with the entries, and the day it is as of. */
  actual: number | null
  actualAsOf: string | null
  /** The final figure the owner entered in the retro; null = not entered. */
  final: number | null
  entries: ReadonlyArray<{ onDate: string; mode: EntryMode; value: number }>
}

export type ReportBudgetLine = {
  id: number
  category: BudgetCategory
  channel: PromotionChannel | null
  amountMinor: number
  /** Entered in the owner's retro; null = not yet. */
  actualMinor: number | null
  note: string | null
}

export type ReportTask = { id: number; title: string; stage: WorkStage; dueDate: string; status: TaskStatus; doneAt: Date | null }

export type ReportRetro = {
  respondentId: string
  overallEffect: number
  biggestLesson: string
  wouldRunAgain: WouldRunAgain
  submittedAt: Date
  entries: ReadonlyArray<{ stage: string; worked: string | null; failed: string | null }>
}

/** Everything the report is compiled from, as the store loads it. */
export type RetroReportData = {
  campaign: {
    id: number; teamId: string; name: string; channelId: string; ownerId: string; approverId: string
    startDate: string; endDate: string; stage: string; reportCompiledAt: Date | null
  }
  /** When, why ('all_answered' | 'deadline' | 'owner') and by whom the report was compiled; null = not yet. */
  compiled: { at: Date; reason: string; actorId: string } | null
  currency: string
  /** The campaign's zone: a task done at 23:30 there on its due day is on time. */
  timeZone: string
  goals: readonly ReportGoal[]
  /** The chosen budget scenario; null when none was chosen. */
  scenario: { name: string; lines: readonly ReportBudgetLine[] } | null
  estimates: readonly EffectEstimate[]
  tasks: readonly ReportTask[]
  retros: readonly ReportRetro[]
  /** Who is asked for a retro: owner, approver, task owners, data owners, promoters. */
  participantIds: readonly string[]
}

// ── Goals ────────────────────────────────────────────────────────────────────────────────────

export type GoalOutcome = {
  goal: ReportGoal
  /** The figure the campaign ended with: the owner's final one, else the last running total. */
  achieved: number | null
  source: 'final' | 'running_total' | 'none'
  /** achieved / target in percent, one decimal; null without a figure. */
  percent: number | null
  met: boolean
}

export function goalOutcome(goal: ReportGoal): GoalOutcome {
  const running = goal.actual ?? (goal.entries.length > 0 ? runningTotals(goal.entries).at(-1)!.total : null)
  const achieved = goal.final ?? running
  const source = goal.final !== null ? 'final' : running !== null ? 'running_total' : 'none'
  const percent = achieved === null || goal.target <= 0 ? null : Math.round((achieved * 1000) / goal.target) / 10
  return { goal, achieved, source, percent, met: achieved !== null && achieved >= goal.target }
}

// ── Budget ───────────────────────────────────────────────────────────────────────────────────

export type BudgetOutcome = {
  scenarioName: string
  lines: Array<ReportBudgetLine & { differenceMinor: number | null }>
  plannedMinor: number
  /** The sum of the actuals entered; lines without one count as not entered. */
  actualMinor: number
  linesWithoutActual: number
  /** actual − planned over the lines that have an actual (positive = over budget). */
  differenceMinor: number
}

function sumMinor(amounts: readonly number[]): number {
  const total = amounts.reduce((sum, amount) => sum + BigInt(amount), 0n)
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`budget total out of range: ${total}`)
  return Number(total)
}

export function budgetOutcome(scenario: NonNullable<RetroReportData['scenario']>): BudgetOutcome {
  const lines = scenario.lines.map((line) => ({ ...line, differenceMinor: line.actualMinor === null ? null : line.actualMinor - line.amountMinor }))
  const withActual = scenario.lines.filter((line) => line.actualMinor !== null)
  return {
    scenarioName: scenario.name,
    lines,
    plannedMinor: sumMinor(scenario.lines.map((line) => line.amountMinor)),
    actualMinor: sumMinor(withActual.map((line) => line.actualMinor!)),
    linesWithoutActual: scenario.lines.length - withActual.length,
    differenceMinor: sumMinor(withActual.map((line) => line.actualMinor!)) - sumMinor(withActual.map((line) => line.amountMinor)),
  }
}

// ── Cost per result ──────────────────────────────────────────────────────────────────────────

export type ChannelCost = {
  channel: PromotionChannel
  metric: EstimateMetric
  customMetric: string | null
  expected: number
  plannedSpendMinor: number
  /** Null until every promotion line of the channel has its actual spend. */
  actualSpendMinor: number | null
  /** The estimate's cost: planned spend ÷ the conservative expected result. */
  estimatedCostMinor: number
  /**
   * The channel's share of what the campaign achieved in the metric: results are counted per goal,
   * not per channel, so they are shared among the channels that drive the metric in proportion to
   * their estimates. Null when no goal measured the metric or nothing was achieved.
   */
  results: number | null
  /** Actual spend ÷ results; null when either is missing. */
  actualCostMinor: number | null
  /** Cheaper per result than estimated (better), dearer (worse), or the same. */
  verdict: 'better' | 'worse' | 'same' | null
}

/** Counts with at most 2 decimals as exact integers of hundredths. */
const hundredths = (value: number): bigint => BigInt(Math.round(value * 100))

/** a / b rounded half up, for non-negative a and positive b. */
const divideRounded = (a: bigint, b: bigint): number => Number((2n * a + b) / (2n * b))

const sameMetric = (a: { metric: string; customMetric: string | null }, b: { metric: string; customMetric: string | null }): boolean =>
  a.metric === b.metric && (a.metric !== 'custom' || (a.customMetric ?? '').trim().toLowerCase() === (b.customMetric ?? '').trim().toLowerCase())

export function channelCosts(
  scenario: RetroReportData['scenario'],
  estimates: readonly EffectEstimate[],
  goals: readonly GoalOutcome[],
): ChannelCost[] {
  const lines = scenario?.lines ?? []
  return estimates.flatMap((estimate) => {
    const channelLines = lines.filter((line) => line.category === 'promotion' && line.channel === estimate.channel)
    if (channelLines.length === 0 || estimate.expected <= 0) return []
    const plannedSpendMinor = sumMinor(channelLines.map((line) => line.amountMinor))
    const actualSpendMinor = channelLines.every((line) => line.actualMinor !== null) ? sumMinor(channelLines.map((line) => line.actualMinor!)) : null
    // spend / expected, with expected in hundredths: spend × 100 / E.
    const estimatedCostMinor = divideRounded(BigInt(plannedSpendMinor) * 100n, hundredths(estimate.expected))

    const measured = goals.filter((outcome) => !outcome.goal.isMoney && sameMetric(outcome.goal, estimate) && outcome.achieved !== null)
    const achieved = measured.length > 0 ? measured.reduce((sum, outcome) => sum + hundredths(outcome.achieved!), 0n) : null
    const sharing = estimates.filter((other) => sameMetric(other, estimate) && lines.some((line) => line.category === 'promotion' && line.channel === other.channel))
    const expectedTotal = sharing.reduce((sum, other) => sum + hundredths(other.expected), 0n)
    const expectedOwn = hundredths(estimate.expected)
    const results = achieved === null || achieved === 0n ? null : Number((achieved * expectedOwn * 100n) / expectedTotal) / 10_000
    // spend ÷ (achieved × own / total), all in hundredths: spend × total × 100 / (achieved × own).
    const actualCostMinor = actualSpendMinor === null || achieved === null || achieved === 0n
      ? null
      : divideRounded(BigInt(actualSpendMinor) * expectedTotal * 100n, achieved * expectedOwn)
    const verdict = actualCostMinor === null ? null : actualCostMinor < estimatedCostMinor ? 'better' : actualCostMinor > estimatedCostMinor ? 'worse' : 'same'
    return [{
      channel: estimate.channel, metric: estimate.metric, customMetric: estimate.customMetric, expected: estimate.expected,
      plannedSpendMinor, actualSpendMinor, estimatedCostMinor, results, actualCostMinor, verdict,
    }]
  })
}

// ── Tasks ────────────────────────────────────────────────────────────────────────────────────

export type StageTasks = { stage: WorkStage; total: number; onTime: number; late: number; notDone: number }

/**
 * On time: done on or before its due date, in the campaign's zone. Late: done after it, or never
 * done (`notDone` says how many of the late were never finished). A task marked done before
 * doneAt was kept has no date to judge by and counts as on time.
 */
export function tasksByStage(tasks: readonly ReportTask[], timeZone: string): StageTasks[] {
  // One formatter for the whole list: building one per task (as localDate does) cost ~1 ms each.
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
  } catch {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
  }
  return workStages.flatMap((stage) => {
    const ofStage = tasks.filter((task) => task.stage === stage)
    if (ofStage.length === 0) return []
    let onTime = 0
    let notDone = 0
    for (const task of ofStage) {
      if (task.status !== 'done') notDone++
      else if (task.doneAt === null || format.format(task.doneAt) <= task.dueDate) onTime++
    }
    return [{ stage, total: ofStage.length, onTime, late: ofStage.length - onTime, notDone }]
  })
}

// ── What people said ─────────────────────────────────────────────────────────────────────────

export type Remark = { respondentId: string; text: string }
export type StageRemarks = { stage: string; worked: Remark[]; failed: Remark[] }

/** Successes and failures by stage of work, in the stages' order, each with who said it. */
export function remarksByStage(retros: readonly ReportRetro[]): StageRemarks[] {
  const order = (stage: string) => { const at = (workStages as readonly string[]).indexOf(stage); return at < 0 ? workStages.length : at }
  const stages = [...new Set(retros.flatMap((retro) => retro.entries.map((entry) => entry.stage)))].sort((a, b) => order(a) - order(b) || a.localeCompare(b))
  return stages.flatMap((stage) => {
    const worked: Remark[] = []
    const failed: Remark[] = []
    for (const retro of retros) {
      const entry = retro.entries.find((candidate) => candidate.stage === stage)
      if (entry?.worked?.trim()) worked.push({ respondentId: retro.respondentId, text: entry.worked.trim() })
      if (entry?.failed?.trim()) failed.push({ respondentId: retro.respondentId, text: entry.failed.trim() })
    }
    return worked.length + failed.length > 0 ? [{ stage, worked, failed }] : []
  })
}

// ── The report ───────────────────────────────────────────────────────────────────────────────

export type RetroReport = {
  campaign: RetroReportData['campaign']
  currency: string
  goals: GoalOutcome[]
  budget: BudgetOutcome | null
  costs: ChannelCost[]
  tasks: StageTasks[]
  taskTotals: { total: number; onTime: number; late: number }
  remarks: StageRemarks[]
  lessons: Remark[]
  /** The mean overall effect (1–5), one decimal; null without answers. */
  averageEffect: number | null
  wouldRunAgain: Record<WouldRunAgain, number>
  respondentIds: string[]
  /** Participants who had not answered when it was compiled. */
  missingIds: string[]
}

export function compileRetro(data: RetroReportData): RetroReport {
  const goals = data.goals.map(goalOutcome)
  const tasks = tasksByStage(data.tasks, data.timeZone)
  const retros = [...data.retros].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.respondentId.localeCompare(b.respondentId))
  const effects = retros.map((retro) => retro.overallEffect)
  const wouldRunAgain = { yes: 0, with_changes: 0, no: 0 }
  for (const retro of retros) wouldRunAgain[retro.wouldRunAgain]++
  const respondentIds = retros.map((retro) => retro.respondentId)
  return {
    campaign: data.campaign,
    currency: data.currency,
    goals,
    budget: data.scenario ? budgetOutcome(data.scenario) : null,
    costs: channelCosts(data.scenario, data.estimates, goals),
    tasks,
    taskTotals: {
      total: tasks.reduce((sum, stage) => sum + stage.total, 0),
      onTime: tasks.reduce((sum, stage) => sum + stage.onTime, 0),
      late: tasks.reduce((sum, stage) => sum + stage.late, 0),
    },
    remarks: remarksByStage(retros),
    lessons: retros.filter((retro) => retro.biggestLesson.trim()).map((retro) => ({ respondentId: retro.respondentId, text: retro.biggestLesson.trim() })),
    // Scores are whole numbers 1–5: tenths of their mean, rounded half up, in integers.
    averageEffect: effects.length === 0 ? null : Math.floor((effects.reduce((sum, e) => sum + e, 0) * 20 + effects.length) / (2 * effects.length)) / 10,
    wouldRunAgain,
    respondentIds,
    missingIds: data.participantIds.filter((id) => !respondentIds.includes(id)),
  }
}

// ── The goals chart's series ─────────────────────────────────────────────────────────────────

export type GoalSeriesPoint = { date: string; pace: number; actual: number | null }
/** The figure the report states for the goal (goalOutcome), at the window's last day, and where it comes from. */
export type GoalEnding = { date: string; value: number; source: 'final' | 'running_total' }
export type GoalSeries = { goal: ReportGoal; target: number; points: GoalSeriesPoint[]; ending: GoalEnding | null }

/**
 * Per goal and day of the window: where its pace line expected it (the curve from nothing to the
 * target) and its running total (carried over days without an entry; none before the first entry).
 * The running total can end below the figure the report states (a final figure entered in the
 * retro, or a stored total the entries do not add up to): `ending` is that figure, so the chart
 * shows what the text says.
 */
export function goalSeries(goal: ReportGoal, window: { startDate: string; endDate: string }): GoalSeries {
  const length = campaignLengthInDays(window.startDate, window.endDate)
  const totals = runningTotals(goal.entries)
  const [y, m, d] = window.startDate.split('-').map(Number) as [number, number, number]
  const points: GoalSeriesPoint[] = []
  let next = 0
  let running: number | null = null
  for (let day = 0; day < length; day++) {
    const date = new Date(Date.UTC(y, m - 1, d + day)).toISOString().slice(0, 10)
    while (next < totals.length && totals[next]!.date <= date) running = totals[next++]!.total
    points.push({ date, pace: goal.target * curveShare(goal.curve, (day + 1) / length), actual: running })
  }
  // Entries after the window's last day (late corrections) still set where it ended.
  if (next < totals.length && points.length > 0) points[points.length - 1]!.actual = totals.at(-1)!.total
  const outcome = goalOutcome(goal)
  const ending = outcome.achieved === null || outcome.source === 'none' || points.length === 0
    ? null
    : { date: points.at(-1)!.date, value: outcome.achieved, source: outcome.source }
  return { goal, target: goal.target, points, ending }
}

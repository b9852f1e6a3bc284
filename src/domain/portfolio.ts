// The portfolio (issue 17, part 3): every scheduled and live campaign of a workspace in one view —
// its stage, days left, each goal's pace, overdue tasks, budget against the chosen scenario and its
// owner — the campaigns most behind first; and when the weekly summary of it falls due. Pace is
// the digest's (goalStanding, campaignVerdict): one rule for both. Pure: `now` is an argument.
import { CampaignStage } from './campaign.ts'
import { daysBetween } from './dates.ts'
import { daysLeft, goalStanding, type DigestGoal, type GoalStanding, type Verdict } from './digest.ts'
import { instantOf, isLocalTime, isoWeekday, localDateIn, localTimeIn, type IsoWeekday } from './localTime.ts'
import { campaignVerdict } from './pace.ts'
import { isOverdue } from './tasks.ts'

export type PortfolioStage = typeof CampaignStage.Scheduled | typeof CampaignStage.Live

/** What the store reads for one campaign. */
export type PortfolioSource = {
  id: number
  name: string
  stage: PortfolioStage
  startDate: string
  endDate: string
  ownerId: string
  channelId: string
  /** The plan's currency (money goals and the budget are in it). */
  currency: string | null
  /** The campaign's resolved zone: its dates are in it. */
  timeZone: string
  goals: DigestGoal[]
  /** Open tasks' due dates (done ones are never overdue). */
  openTaskDueDates: string[]
  /** The chosen budget scenario's total and what was recorded as spent; null when no scenario is chosen. */
  budget: { chosenTotalMinor: number; spentMinor: number | null } | null
}

/** ahead / on pace / behind (more than the margin under), or not started (first day not over). */
export type PaceWord = 'ahead' | 'on_pace' | 'behind' | 'not_started'

export type PortfolioGoal = GoalStanding & { word: PaceWord | null; percentOfPace: number | null }

export type PortfolioRow = {
  campaign: Omit<PortfolioSource, 'goals' | 'openTaskDueDates'>
  today: string
  /** Live: days left, today included. Scheduled: null (see daysToStart). */
  daysLeft: number | null
  /** Scheduled: days until its first day. Live: null. */
  daysToStart: number | null
  goals: PortfolioGoal[]
  overdueTasks: number
  verdict: Verdict
  /** The worst goal's figure as a share of its pace to date; null when no goal has a pace yet. */
  worstRatio: number | null
}

/** How a goal's standing reads: "ahead" only once it is more than the margin over its pace. */
export function paceWord(standing: GoalStanding, marginPercent: number): PaceWord | null {
  const pace = standing.pace
  if (!pace) return null
  if (pace.status === 'not_started' || pace.ratio === null) return 'not_started'
  if (pace.status === 'behind') return 'behind'
  return pace.ratio >= 1 + marginPercent / 100 ? 'ahead' : 'on_pace'
}

export function portfolioRow(source: PortfolioSource, now: Date, marginPercent: number): PortfolioRow {
  const { goals, openTaskDueDates, ...campaign } = source
  const today = localDateIn(now, source.timeZone)
  const live = source.stage === CampaignStage.Live
  const standings = goals.map((goal) => goalStanding(goal, source, today, marginPercent))
  const overdueTasks = openTaskDueDates.filter((dueDate) => isOverdue({ status: 'todo', dueDate }, today)).length
  const paces = standings.flatMap(({ pace }) => (pace ? [pace] : []))
  const ratios = paces.flatMap((pace) => (pace.ratio === null ? [] : [pace.ratio]))
  return {
    campaign, today,
    daysLeft: live ? daysLeft(today, source.endDate) : null,
    daysToStart: live ? null : Math.max(0, daysBetween(today, source.startDate)),
    goals: standings.map((standing) => ({
      ...standing,
      word: paceWord(standing, marginPercent),
      percentOfPace: standing.pace?.ratio == null ? null : Math.round(standing.pace.ratio * 100),
    })),
    overdueTasks,
    verdict: campaignVerdict(paces, overdueTasks),
    worstRatio: ratios.length === 0 ? null : Math.min(...ratios),
  }
}

const verdictRank: Record<Verdict, number> = { behind: 0, at_risk: 1, on_track: 2 }

/**
 * Most behind first: by verdict (behind, at risk, on track), then the worst goal's share of its
 * pace (lowest first; no pace yet counts as on pace), then more overdue tasks, then live before
 * scheduled, then the sooner end.
 */
export function byMostBehind(a: PortfolioRow, b: PortfolioRow): number {
  const ratio = (row: PortfolioRow) => row.worstRatio ?? 1
  const stage = (row: PortfolioRow) => (row.campaign.stage === CampaignStage.Live ? 0 : 1)
  return verdictRank[a.verdict] - verdictRank[b.verdict]
    || ratio(a) - ratio(b)
    || b.overdueTasks - a.overdueTasks
    || stage(a) - stage(b)
    || a.campaign.endDate.localeCompare(b.campaign.endDate)
    || a.campaign.id - b.campaign.id
}

export type Portfolio = {
  rows: PortfolioRow[]
  live: number
  scheduled: number
  behind: number
}

/** The workspace's portfolio at `now`, most behind first. */
export function composePortfolio(sources: readonly PortfolioSource[], now: Date, marginPercent: number): Portfolio {
  const rows = sources.map((source) => portfolioRow(source, now, marginPercent)).sort(byMostBehind)
  return {
    rows,
    live: rows.filter((row) => row.campaign.stage === CampaignStage.Live).length,
    scheduled: rows.filter((row) => row.campaign.stage === CampaignStage.Scheduled).length,
    behind: rows.filter((row) => row.verdict === 'behind').length,
  }
}

// ── The weekly summary ─────────────────────────────────────────────────────────────────────────

export const defaultSummaryWeekday: IsoWeekday = 1
export const defaultSummaryTime = '09:30'
/**
 * How long after its time a week's summary may still go out (an instance down at 09:30 posts when
 * it is back that day); past it the week is skipped rather than posted days late.
 */
export const summaryGraceMs = 12 * 3_600_000

export type SummarySchedule = {
  channelId: string | null
  weekday: IsoWeekday | null
  time: string | null
  /** The workspace's zone; null = UTC. */
  timeZone: string | null
  /** The local date of the last week's summary day settled (posted or quiet). */
  lastWeek: string | null
}

const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/**
 * The week whose summary is due at `now` (the local date of its summary day), or null: no channel
 * chosen, not yet time, already settled, or more than the grace late.
 */
export function dueSummaryWeek(schedule: SummarySchedule, now: Date): string | null {
  if (!schedule.channelId) return null
  const zone = schedule.timeZone ?? 'UTC'
  const weekday = schedule.weekday ?? defaultSummaryWeekday
  const time = schedule.time && isLocalTime(schedule.time) ? schedule.time : defaultSummaryTime
  const today = localDateIn(now, zone)
  let day = shiftDays(today, -((isoWeekday(today) - weekday + 7) % 7))
  if (day === today && localTimeIn(now, zone) < time) day = shiftDays(day, -7)
  if (schedule.lastWeek !== null && schedule.lastWeek >= day) return null
  const at = instantOf(day, time, zone).getTime()
  return now.getTime() >= at && now.getTime() - at <= summaryGraceMs ? day : null
}

/** The summary is quiet (not posted) in a week with nothing live. */
export function summaryIsQuiet(portfolio: Pick<Portfolio, 'live'>): boolean {
  return portfolio.live === 0
}

/** The summary's outbox key: one per workspace and week. */
export function summaryKey(week: string): string {
  return `portfolio_summary:${week}`
}

// ── Budget ─────────────────────────────────────────────────────────────────────────────────────

/** spent / chosen total in percent; null when spend is not recorded or there is no total. */
export function budgetUsedPercent(budget: PortfolioSource['budget']): number | null {
  if (!budget || budget.spentMinor === null || budget.chosenTotalMinor <= 0) return null
  return Math.round((budget.spentMinor / budget.chosenTotalMinor) * 100)
}

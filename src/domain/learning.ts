// The learning loop (METHOD.md stage 4 → stage 2): what closed campaigns of the same workspace
// reached sets the next campaign's goals, and their lessons are read before proposing again.
// Pure: the store hands in the closed campaigns it read; nothing here knows Slack or Prisma.
import type { CampaignKind, Platform } from './campaign.ts'
import { goalMetrics, type GoalMetric, type Purpose } from './plan.ts'

/** What makes two campaigns alike: what for, where it runs, on which platform. */
export type Likeness = { purpose: Purpose | null; kind: CampaignKind; platform: Platform | null }

/** A goal of a closed campaign with what it reached: the retro's final figure, else the last running total. */
export type AchievedGoal = {
  metric: GoalMetric
  customMetric: string | null
  unit: string | null
  /** Money (revenue) in minor units of the campaign's currency; any other metric as a count or measure. */
  achieved: number
}

export type PastCampaign = Likeness & {
  id: number
  teamId: string
  name: string
  stage: string
  endDate: string
  currency: string
  goals: readonly AchievedGoal[]
}

export type Lesson = Likeness & {
  campaignId: number
  campaignName: string
  endDate: string
  respondentId: string
  lesson: string
}

/** The campaign a goal or a proposal is being written for (its id, once it has one, is never its own past). */
export type LearningTarget = Likeness & { teamId: string; campaignId: number | null; currency: string }

export type TargetSuggestion = {
  metric: Exclude<GoalMetric, 'custom'>
  /** Money metrics in minor units of the target's currency (only campaigns in that currency count). */
  median: number
  lowerQuartile: number
  /** The campaigns the figures come from, most similar first. */
  campaigns: ReadonlyArray<{ id: number; name: string }>
}

/** Campaigns a suggestion is drawn from, at most: the most similar ones. */
export const suggestionSampleLimit = 10

/** How many of purpose, kind and platform two campaigns share (an unknown purpose or platform matches nothing). */
export function similarity(a: Likeness, b: Likeness): number {
  let score = 0
  if (a.purpose !== null && a.purpose === b.purpose) score += 1
  if (a.kind === b.kind) score += 1
  if (a.platform !== null && a.platform === b.platform) score += 1
  return score
}

/** Most similar first; among equals the one that ended last; then the newest id (a stable order). */
export function bySimilarity<T extends Likeness & { endDate: string; id?: number; campaignId?: number }>(target: Likeness, items: readonly T[]): Array<T & { score: number }> {
  return items
    .map((item) => ({ ...item, score: similarity(target, item) }))
    .sort((a, b) => b.score - a.score || b.endDate.localeCompare(a.endDate) || (b.id ?? b.campaignId ?? 0) - (a.id ?? a.campaignId ?? 0))
}

/** Closed campaigns of the target's workspace other than itself: the only ones anything is learned from. */
function eligible(target: LearningTarget, campaigns: readonly PastCampaign[]): PastCampaign[] {
  return campaigns.filter((c) => c.stage === 'closed' && c.teamId === target.teamId && c.id !== target.campaignId)
}

/** The q-quantile of sorted values by linear interpolation between closest ranks (as spreadsheets' QUARTILE.INC). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('no values')
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  const above = Math.ceil(position)
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below)
}

const round2 = (value: number) => Math.round(value * 100) / 100

/**
 * A target for `metric` from what similar closed campaigns reached: the median, and the lower
 * quartile as the conservative figure. Only campaigns sharing at least one of purpose, kind and
 * platform count, money only in the same currency; null when none has a figure.
 */
export function suggestTarget(target: LearningTarget, campaigns: readonly PastCampaign[], metric: Exclude<GoalMetric, 'custom'>): TargetSuggestion | null {
  const figures: Array<{ id: number; name: string; achieved: number }> = []
  for (const campaign of bySimilarity(target, eligible(target, campaigns))) {
    if (campaign.score === 0) break
    if (metric === 'revenue' && campaign.currency !== target.currency) continue
    // A campaign with two goals of the metric counts once, with its larger figure.
    const achieved = campaign.goals.filter((g) => g.metric === metric).map((g) => g.achieved)
    if (achieved.length === 0) continue
    figures.push({ id: campaign.id, name: campaign.name, achieved: Math.max(...achieved) })
    if (figures.length === suggestionSampleLimit) break
  }
  if (figures.length === 0) return null
  const sorted = figures.map((f) => f.achieved).sort((a, b) => a - b)
  const settle = metric === 'revenue' ? Math.round : round2
  return {
    metric,
    median: settle(quantile(sorted, 0.5)),
    lowerQuartile: settle(quantile(sorted, 0.25)),
    campaigns: figures.map(({ id, name }) => ({ id, name })),
  }
}

/** A suggestion for every metric that similar closed campaigns have figures for, in the catalogue's order. */
export function suggestTargets(target: LearningTarget, campaigns: readonly PastCampaign[]): TargetSuggestion[] {
  return goalMetrics.flatMap((metric) => (metric === 'custom' ? [] : [suggestTarget(target, campaigns, metric)].filter((s) => s !== null)))
}

/**
 * The lessons of the `count` most similar closed campaigns that have any (all of each one's
 * lessons), most similar first. With nothing known of the target, the latest campaigns.
 */
export function lessonsOfMostSimilar(target: LearningTarget | Likeness, lessons: readonly Lesson[], count = 3): Lesson[] {
  const own = 'campaignId' in target ? target.campaignId : null
  const ranked = bySimilarity(target, lessons.filter((l) => l.campaignId !== own && l.lesson.trim() !== ''))
  const chosen: number[] = []
  for (const lesson of ranked) {
    if (!chosen.includes(lesson.campaignId)) chosen.push(lesson.campaignId)
    if (chosen.length === count) break
  }
  return ranked.filter((l) => chosen.includes(l.campaignId))
}

/** What `/campaign lessons` may be narrowed to. */
export type LessonFilter = { purpose: Purpose } | { kind: CampaignKind } | { platform: Platform }

export function lessonMatches(lesson: Lesson, filter: LessonFilter | null): boolean {
  if (filter === null) return true
  if ('purpose' in filter) return lesson.purpose === filter.purpose
  if ('kind' in filter) return lesson.kind === filter.kind
  return lesson.platform === filter.platform
}

/** Lessons newest campaign first (then by who wrote them, for a stable order), filtered. */
export function lessonsNewestFirst(lessons: readonly Lesson[], filter: LessonFilter | null): Lesson[] {
  return lessons
    .filter((l) => l.lesson.trim() !== '' && lessonMatches(l, filter))
    .sort((a, b) => b.endDate.localeCompare(a.endDate) || b.campaignId - a.campaignId || a.respondentId.localeCompare(b.respondentId))
}

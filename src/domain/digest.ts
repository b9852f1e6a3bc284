// What a live campaign's daily digest says (issue 7, "Daily digest"): days left, tasks done by
// stage of work, what is due today and overdue, each goal against its target and its pace, and a
// one-line verdict. Pure: the campaign's local date comes as an argument.
import { daysBetween } from './dates.ts'
import type { GoalMetric } from './plan.ts'
import { campaignVerdict, goalPace, type GoalCurve, type Pace, type PaceStatus } from './pace.ts'
import { workStages, type TaskStatus, type WorkStage } from './tasks.ts'

export type DigestTask = { id: number; title: string; stage: WorkStage; ownerId: string; dueDate: string; status: TaskStatus }

export type DigestGoal = {
  id: number
  metric: GoalMetric
  customMetric: string | null
  unit: string | null
  /** A revenue goal: target and figure are minor units of the plan's currency. */
  money: boolean
  /** null = no target set. */
  target: number | null
  actual: number
  actualAsOf: string | null
  curve: GoalCurve
}

export type StageTally = { stage: WorkStage; done: number; total: number }

export type GoalStanding = { goal: DigestGoal; pace: Pace | null }

export type Verdict = Exclude<PaceStatus, 'not_started'>

export type Digest = {
  daysLeft: number
  done: number
  total: number
  /** Stages of work that have tasks, in the order work usually happens. */
  stages: StageTally[]
  dueToday: DigestTask[]
  /** Oldest first. */
  overdue: DigestTask[]
  goals: GoalStanding[]
  verdict: Verdict
}

/** Days left in the window, today included (1 on the last day, 0 once it is over). */
export function daysLeft(today: string, endDate: string): number {
  return Math.max(0, daysBetween(today, endDate) + 1)
}

export function tallyByStage(tasks: readonly Pick<DigestTask, 'stage' | 'status'>[]): StageTally[] {
  return workStages.flatMap((stage) => {
    const ofStage = tasks.filter((task) => task.stage === stage)
    return ofStage.length === 0 ? [] : [{ stage, done: ofStage.filter((task) => task.status === 'done').length, total: ofStage.length }]
  })
}

const byDueThenId = (a: DigestTask, b: DigestTask) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id

/** Open tasks due today, and open tasks whose due date has passed (oldest first). */
export function dueAndOverdue(tasks: readonly DigestTask[], today: string): { dueToday: DigestTask[]; overdue: DigestTask[] } {
  const open = tasks.filter((task) => task.status !== 'done')
  return {
    dueToday: open.filter((task) => task.dueDate === today).sort(byDueThenId),
    overdue: open.filter((task) => task.dueDate < today).sort(byDueThenId),
  }
}

/** A goal's pace in its campaign's window on `today`; null when it has no target. */
export function goalStanding(goal: DigestGoal, window: { startDate: string; endDate: string }, today: string, marginPercent: number): GoalStanding {
  if (goal.target === null) return { goal, pace: null }
  return {
    goal,
    pace: goalPace({
      target: goal.target, actual: goal.actual, actualAsOf: goal.actualAsOf, startDate: window.startDate, endDate: window.endDate,
      curve: goal.curve, today,
    }, marginPercent),
  }
}

export function composeDigest(input: {
  startDate: string
  endDate: string
  tasks: readonly DigestTask[]
  goals: readonly DigestGoal[]
  today: string
  marginPercent: number
}): Digest {
  const { dueToday, overdue } = dueAndOverdue(input.tasks, input.today)
  const goals = input.goals.map((goal) => goalStanding(goal, input, input.today, input.marginPercent))
  return {
    daysLeft: daysLeft(input.today, input.endDate),
    done: input.tasks.filter((task) => task.status === 'done').length,
    total: input.tasks.length,
    stages: tallyByStage(input.tasks),
    dueToday,
    overdue,
    goals,
    verdict: campaignVerdict(goals.flatMap(({ pace }) => (pace ? [pace] : [])), overdue.length),
  }
}

/** The first `limit` items, and how many more were left out ("and N more"). */
export function firstOf<T>(items: readonly T[], limit: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) }
}

/** Promotion owners to mention, each once, in the order they first appear. */
export function distinctPeople(userIds: readonly string[]): string[] {
  return [...new Set(userIds.filter((id) => id !== ''))]
}

// The task plan of stage 2 (活动计划 and 活动执行时间安排): every piece of work has an owner, a
// start and a deadline, and is tracked through the campaign. Pure: "today" comes as an argument.
import { z } from 'zod'
import type { CampaignKind } from './campaign.ts'
import { checkForm, isoDate, requiredText, slackUserId, withFieldErrors, type FormCheck, type PlanFieldErrors } from './formCheck.ts'
import type { CampaignWindow } from './dates.ts'

/** The kinds of work of a campaign, in the order they usually happen. */
export const workStages = [
  'creative', 'content', 'design', 'build', 'promotion', 'launch', 'data', 'customer_service', 'retrospective',
] as const
export type WorkStage = (typeof workStages)[number]

export const taskStatuses = ['todo', 'in_progress', 'done', 'blocked'] as const
export type TaskStatus = (typeof taskStatuses)[number]

export type Task = {
  id: number
  campaignId: number
  title: string
  stage: WorkStage
  ownerId: string
  startDate: string
  dueDate: string
  status: TaskStatus
  blockedReason: string | null
  version: number
}

export const taskLimits = { title: 150, blockedReason: 500 } as const

// ── The task form ───────────────────────────────────────────────────────────────────────────────

const taskSchema = z.object({
  title: requiredText(taskLimits.title),
  stage: z.enum(workStages, { error: 'required' }),
  ownerId: slackUserId,
  startDate: isoDate,
  dueDate: isoDate,
})
export type TaskValue = z.output<typeof taskSchema>
export type TaskField = keyof TaskValue

/** Checks a task as a person adds or edits it; it is due on or after the day it starts. */
export function checkTask(input: unknown): FormCheck<TaskValue, TaskField> {
  const parsed = checkForm<typeof taskSchema, TaskField>(taskSchema, input)
  if (!parsed.ok) return parsed
  const errors: PlanFieldErrors<TaskField> = {}
  if (parsed.value.dueDate < parsed.value.startDate) errors.dueDate = { code: 'due_before_start' }
  return withFieldErrors(parsed.value, errors)
}

// ── Status ──────────────────────────────────────────────────────────────────────────────────────

export const taskChanges = ['start', 'complete', 'block', 'reopen'] as const
export type TaskChange = (typeof taskChanges)[number]

export type TaskTransitionRefusal =
  | 'already_in_progress'
  | 'already_done'
  | 'already_blocked'
  | 'not_done'
  | 'reason_required'
  | 'reason_too_long'

export type TaskTransition =
  | { ok: true; status: TaskStatus; blockedReason: string | null }
  | { ok: false; refusal: TaskTransitionRefusal }

// From which statuses each change may be made, and where it leads.
const transitions: Record<TaskChange, { from: readonly TaskStatus[]; to: TaskStatus }> = {
  start: { from: ['todo', 'blocked'], to: 'in_progress' },
  complete: { from: ['todo', 'in_progress', 'blocked'], to: 'done' },
  block: { from: ['todo', 'in_progress'], to: 'blocked' },
  reopen: { from: ['done'], to: 'todo' },
}

/** Where a change takes a task, or why it may not. Blocking needs a reason; others clear it. */
export function taskTransition(task: Pick<Task, 'status'>, change: TaskChange, reason?: string | null): TaskTransition {
  const { from, to } = transitions[change]
  if (!from.includes(task.status)) return { ok: false, refusal: refusalFrom(task.status, change) }
  if (change !== 'block') return { ok: true, status: to, blockedReason: null }
  const blockedReason = reason?.trim() ?? ''
  if (blockedReason === '') return { ok: false, refusal: 'reason_required' }
  if (blockedReason.length > taskLimits.blockedReason) return { ok: false, refusal: 'reason_too_long' }
  return { ok: true, status: to, blockedReason }
}

function refusalFrom(status: TaskStatus, change: TaskChange): TaskTransitionRefusal {
  if (change === 'reopen') return 'not_done'
  if (status === 'done') return 'already_done'
  return status === 'blocked' ? 'already_blocked' : 'already_in_progress'
}

// ── Views of the task list ──────────────────────────────────────────────────────────────────────

type Dated = Pick<Task, 'status' | 'dueDate'>

/** Still open and due before today. A task due today is not late yet. */
export function isOverdue(task: Dated, today: string): boolean {
  return task.status !== 'done' && task.dueDate < today
}

/** Open tasks, soonest due first (overdue ones come first by that order), each marked if overdue. */
export function openTasksSoonestFirst<T extends Pick<Task, 'id' | 'status' | 'startDate' | 'dueDate'>>(
  tasks: readonly T[],
  today: string,
): { task: T; overdue: boolean }[] {
  return tasks
    .filter((task) => task.status !== 'done')
    .sort(byDates)
    .map((task) => ({ task, overdue: isOverdue(task, today) }))
}

/** Tasks grouped by work stage in workStages order (stages without tasks left out), by date within. */
export function tasksByStage<T extends Pick<Task, 'id' | 'stage' | 'startDate' | 'dueDate'>>(
  tasks: readonly T[],
): { stage: WorkStage; tasks: T[] }[] {
  return workStages
    .map((stage) => ({ stage, tasks: tasks.filter((task) => task.stage === stage).sort(byDates) }))
    .filter((group) => group.tasks.length > 0)
}

export function progress(tasks: readonly Pick<Task, 'status'>[]): { done: number; total: number } {
  return { done: tasks.filter((task) => task.status === 'done').length, total: tasks.length }
}

function byDates(a: Pick<Task, 'id' | 'startDate' | 'dueDate'>, b: Pick<Task, 'id' | 'startDate' | 'dueDate'>): number {
  return a.dueDate.localeCompare(b.dueDate) || a.startDate.localeCompare(b.startDate) || a.id - b.id
}

// ── Templates ───────────────────────────────────────────────────────────────────────────────────

export const templateTaskKeys = [
  'creative_brief', 'campaign_theme', 'platform_rules_check', 'campaign_copy', 'visual_design', 'platform_content',
  'landing_page_build', 'account_setup', 'tracking_setup', 'qa_test', 'promotion_preheat', 'customer_service_brief',
  'launch', 'daily_data_report', 'promotion_adjustments', 'customer_service', 'retrospective',
] as const
/** Names a template task; the i18n catalogue turns it into a title in the person's language. */
export type TemplateTaskKey = (typeof templateTaskKeys)[number]

export type TemplateTask = { key: TemplateTaskKey; stage: WorkStage; startDate: string; dueDate: string }

// A template date: so many days from the window's first day or from its last.
type WindowDay = { from: 'start' | 'end'; days: number }
type Step = { key: TemplateTaskKey; stage: WorkStage; start: WindowDay; due: WindowDay }

const fromStart = (days: number): WindowDay => ({ from: 'start', days })
const fromEnd = (days: number): WindowDay => ({ from: 'end', days })
const step = (key: TemplateTaskKey, stage: WorkStage, start: WindowDay, due: WindowDay): Step => ({ key, stage, start, due })

const sharedEarlySteps: Step[] = [
  step('creative_brief', 'creative', fromStart(-21), fromStart(-18)),
  step('campaign_theme', 'creative', fromStart(-17), fromStart(-15)),
]

const sharedLateSteps: Step[] = [
  step('promotion_preheat', 'promotion', fromStart(-7), fromStart(-1)),
  step('customer_service_brief', 'customer_service', fromStart(-3), fromStart(-1)),
  step('launch', 'launch', fromStart(0), fromStart(0)),
  step('daily_data_report', 'data', fromStart(0), fromEnd(0)),
  step('promotion_adjustments', 'promotion', fromStart(0), fromEnd(0)),
  step('customer_service', 'customer_service', fromStart(0), fromEnd(0)),
  step('retrospective', 'retrospective', fromEnd(1), fromEnd(3)),
]

/** The work of each kind of campaign (METHOD.md's two kinds). */
const templateSteps: Record<CampaignKind, Step[]> = {
  // On the company's own site or app: the team builds and tests the page itself.
  own_site: [
    ...sharedEarlySteps,
    step('campaign_copy', 'content', fromStart(-14), fromStart(-11)),
    step('visual_design', 'design', fromStart(-14), fromStart(-9)),
    step('landing_page_build', 'build', fromStart(-10), fromStart(-5)),
    step('tracking_setup', 'data', fromStart(-6), fromStart(-3)),
    step('qa_test', 'build', fromStart(-4), fromStart(-2)),
    ...sharedLateSteps,
  ],
  // On someone else's platform: its campaign rules first, then the account and its posts.
  platform: [
    ...sharedEarlySteps,
    step('platform_rules_check', 'build', fromStart(-16), fromStart(-14)),
    step('visual_design', 'design', fromStart(-14), fromStart(-9)),
    step('account_setup', 'build', fromStart(-10), fromStart(-6)),
    step('platform_content', 'content', fromStart(-10), fromStart(-4)),
    step('tracking_setup', 'data', fromStart(-6), fromStart(-3)),
    ...sharedLateSteps,
  ],
}

/**
 * A starting task plan for a campaign of this kind, dated around its window, in the order the
 * work starts. Dates before `today` move to today, so no suggested task is born overdue.
 */
export function taskTemplate(kind: CampaignKind, window: CampaignWindow, today: string): TemplateTask[] {
  const tasks = templateSteps[kind].map(({ key, stage, start, due }) => ({
    key,
    stage,
    startDate: notBefore(today, dateOf(start, window)),
    dueDate: notBefore(today, dateOf(due, window)),
  }))
  return tasks.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.dueDate.localeCompare(b.dueDate))
}

function dateOf(day: WindowDay, window: CampaignWindow): string {
  return addDays(day.from === 'start' ? window.startDate : window.endDate, day.days)
}

function notBefore(earliest: string, date: string): string {
  return date < earliest ? earliest : date
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

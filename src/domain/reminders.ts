// Deadline reminders as their owner meets them (issue 7): whether a reminder written earlier is
// still worth sending when it is delivered, how long "Snooze 1 day" holds the next one back, who
// may answer one, and the date a person sets themselves away until. Pure: "today" is an argument.
import { CampaignStage, type Actor } from './campaign.ts'
import { daysBetween, isIsoDate } from './dates.ts'
import type { TaskStatus } from './tasks.ts'

/** Why a reminder is not sent after all (the dispatcher logs it as outbox_dropped). */
export type ReminderDropReason = 'task_done' | 'rescheduled' | 'reassigned' | 'not_active' | 'stale'

/** Campaigns whose tasks are reminded: preparation happens before go-live too. */
const remindedStages: readonly CampaignStage[] = [CampaignStage.Scheduled, CampaignStage.Live]

export type ReminderFacts = {
  /** The task as it is now; null = deleted. */
  task: { status: TaskStatus; dueDate: string; ownerId: string } | null
  campaign: { stage: CampaignStage; paused: boolean } | null
}

/**
 * Null when the reminder planned for `planned.day` (the owner's local date) is still to be sent
 * at delivery, when it is `today` in the owner's zone; else why not. A reminder whose day has
 * passed is dropped, never sent late: tomorrow brings its own.
 */
export function reminderDropReason(
  facts: ReminderFacts, planned: { day: string; dueDate: string; userId: string }, today: string,
): ReminderDropReason | null {
  const { task, campaign } = facts
  if (!task || task.status === 'done') return 'task_done'
  if (!campaign || !remindedStages.includes(campaign.stage) || campaign.paused) return 'not_active'
  if (task.dueDate !== planned.dueDate) return 'rescheduled'
  if (task.ownerId !== planned.userId) return 'reassigned'
  if (planned.day < today) return 'stale'
  return null
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/**
 * "Snooze 1 day": the first day reminders may come again (Task.snoozedUntil; the planner holds
 * them while it is later than the day). Today's reminder already written, the next day is
 * skipped; clicked on an older one before today's came, today's is.
 */
export function snoozedUntil(today: string, lastReminderOn: string | null): string {
  return addDays(today, lastReminderOn !== null && lastReminderOn >= today ? 2 : 1)
}

/** Done and Snooze on a reminder: the task's owner, the campaign's owner or a workspace admin. */
export function mayAnswerReminder(campaign: { ownerId: string }, task: { ownerId: string }, actor: Actor): boolean {
  return actor.isWorkspaceAdmin || actor.userId === task.ownerId || actor.userId === campaign.ownerId
}

/** How far ahead a person may set themselves away. */
export const awayHorizonDays = 366

export type AwayRequest =
  | { ok: true; until: string | null }
  | { ok: false; problem: 'usage' | 'not_a_date' | 'past' | 'too_far'; latest: string }

/**
 * `/campaign away <YYYY-MM-DD>` or `back`, or a date picked on the Home: away up to and including
 * a real date from today to a year ahead (their own calendar), or back (null).
 */
export function readAwayRequest(text: string, today: string): AwayRequest {
  const latest = addDays(today, awayHorizonDays)
  const word = text.trim().toLowerCase()
  if (word === 'back' || word === '回来' || word === '回来了') return { ok: true, until: null }
  if (!word) return { ok: false, problem: 'usage', latest }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(word)) return { ok: false, problem: /\d/.test(word) ? 'not_a_date' : 'usage', latest }
  if (!isIsoDate(word)) return { ok: false, problem: 'not_a_date', latest }
  if (word < today) return { ok: false, problem: 'past', latest }
  if (daysBetween(today, word) > awayHorizonDays) return { ok: false, problem: 'too_far', latest }
  return { ok: true, until: word }
}

/** Is a stored away date still in force today? A date gone by means they are back. */
export function awayInForce(awayUntil: string | null, today: string): string | null {
  return awayUntil !== null && awayUntil >= today ? awayUntil : null
}

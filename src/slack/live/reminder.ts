// A deadline reminder, rendered by DM to the task's owner when the dispatcher delivers it: in
// their language, which task of which campaign is coming up, due today or overdue (mentioning
// the campaign's owner from the second overdue day), with Done, Snooze 1 day and Open. Read as
// things are at delivery: a task finished, rescheduled or handed over meanwhile, a campaign no
// longer running, or a reminder whose day has passed in the owner's zone is dropped, not sent.
import { localDate } from '../../domain/dates.ts'
import { reminderDropReason } from '../../domain/reminders.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { DueItem } from '../../domain/livePlanner.ts'
import type { ReminderTask } from '../../store/tasks.ts'
import { actions, button, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { openTasksActionId, openTasksValue } from '../tasks/message.ts'
import type { LiveRenderer } from './renderContext.ts'

/** Done and Snooze carry the task's id (read strictly); Open is the tasks modal's own button. */
export const reminderActionIds = {
  blockId: 'reminder_actions',
  done: 'reminder_done',
  snooze: 'reminder_snooze',
} as const

type ReminderItem = Extract<DueItem, { kind: 'reminder' }>

/** The reminder's words and buttons, from the task as it is now. */
export function reminderMessage(item: ReminderItem, facts: ReminderTask, m: Messages): { text: string; blocks: Blocks } {
  const r = m.deadlineReminder
  const title = escapeMrkdwn(facts.task.title)
  const campaign = escapeMrkdwn(facts.campaign.name)
  const lines = [
    item.when === 'before' ? r.before(title, campaign, item.dueDate)
      : item.when === 'due' ? r.due(title, campaign, item.dueDate)
        : r.overdue(title, campaign, item.dueDate, item.overdueDays),
  ]
  if (item.mentionOwnerId) lines.push(r.ownerFyi(mentionUser(item.mentionOwnerId)))
  const text = lines.join('\n')
  const value = String(item.taskId)
  return {
    text,
    blocks: [
      section(trusted(text)),
      actions(reminderActionIds.blockId, [
        button(r.done, reminderActionIds.done, value, 'primary'),
        button(r.snooze, reminderActionIds.snooze, value),
        button(r.open, openTasksActionId, openTasksValue(facts.campaign.id, item.taskId)),
      ]),
    ],
  }
}

export const renderReminder: LiveRenderer<'reminder'> = async (item, context) => {
  const facts = await context.store.tasks.reminderFacts(item.teamId, item.taskId)
  const today = localDate(context.clock.now(), item.timeZone)
  const drop = reminderDropReason(
    { task: facts?.task ?? null, campaign: facts?.campaign ?? null },
    { day: item.day, dueDate: item.dueDate, userId: item.userId },
    today,
  )
  if (drop || !facts) return { drop: drop ?? 'task_done' }
  const recipient = await context.people.person(item.teamId, item.userId)
  return reminderMessage(item, facts, messagesFor(recipient.locale))
}

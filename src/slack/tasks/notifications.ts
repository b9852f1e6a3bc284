// The DM a person gets when a task is given to them (through the outbox, once per assignment),
// with Start / Complete / Open; the same message, redrawn, answers a click on those buttons.
import type { Campaign } from '../../domain/campaign.ts'
import { taskTransition, type Task } from '../../domain/tasks.ts'
import { messagesFor, type Locale, type Messages } from '../../i18n/catalogue.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import { actions, button, context, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { openTasksActionId, openTasksValue, statusIcon } from './message.ts'

export const taskDmActions = {
  blockId: 'task_dm_actions',
  start: 'task_dm_start',
  complete: 'task_dm_complete',
} as const

/** Each assignment is one change of the task, so its version names it: a retry cannot DM twice. */
export const taskAssignedKey = (task: Pick<Task, 'id' | 'version'>) => `dm-task-assigned:${task.id}:v${task.version}`

/** The task as its owner sees it in their DM, with the buttons its status allows. */
export function taskDmMessage(task: Task, campaign: Pick<Campaign, 'id' | 'name'>, lead: string, m: Messages): { text: string; blocks: Blocks } {
  const buttons = [
    ...(taskTransition(task, 'start').ok ? [button(m.tasks.dm.start, taskDmActions.start, String(task.id))] : []),
    ...(taskTransition(task, 'complete').ok ? [button(m.tasks.dm.complete, taskDmActions.complete, String(task.id), 'primary')] : []),
    button(m.tasks.dm.open, openTasksActionId, openTasksValue(campaign.id, task.id)),
  ]
  return {
    text: lead,
    blocks: [
      section(trusted(lead)),
      context(trusted(`${statusIcon[task.status]} ${m.tasks.dm.status(m.taskStatus[task.status])}`)),
      actions(taskDmActions.blockId, buttons),
    ],
  }
}

export function assignedLead(task: Task, campaign: Pick<Campaign, 'name'>, assignerId: string, m: Messages): string {
  return m.tasks.assigned(
    mentionUser(assignerId), escapeMrkdwn(task.title), escapeMrkdwn(campaign.name), m.workStage[task.stage], task.startDate, task.dueDate,
  )
}

/** The new owner of a task is told, in their language, by whom and with what dates. */
export function taskAssignedDm(task: Task, campaign: Pick<Campaign, 'id' | 'name' | 'teamId'>, assignerId: string, locale: Locale): OutboxDraft {
  const m = messagesFor(locale)
  return {
    teamId: campaign.teamId,
    dedupeKey: taskAssignedKey(task),
    kind: 'dm',
    target: task.ownerId,
    campaignId: campaign.id,
    payload: taskDmMessage(task, campaign, assignedLead(task, campaign, assignerId, m), m),
  }
}

// A deadline reminder's buttons: Done finishes the task through the tasks surface's one path (the
// plan message, Homes and pending reminders follow) and replaces the reminder with a short line;
// Snooze 1 day holds the next reminder back a day in the task owner's zone. Open is the tasks
// modal's own button (taskActions.ts). Only the task's owner, the campaign's owner or an admin
// may press Done or Snooze; an unreadable value or a task gone is answered in words.
import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt'
import { localDate } from '../../domain/dates.ts'
import { CampaignStage } from '../../domain/campaign.ts'
import { mayAnswerReminder, snoozedUntil } from '../../domain/reminders.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { ReminderTask } from '../../store/tasks.ts'
import { escapeMrkdwn, mentionUser } from '../../i18n/mrkdwn.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import type { Listeners } from '../listeners.ts'
import { reminderActionIds } from './reminder.ts'
import type { Person } from '../people.ts'
import { readRecordId } from '../shared/recordIds.ts'
import type { Services } from '../services.ts'
import { changeTaskStatus } from '../tasks/changes.ts'
import { troubleMessage } from '../shared/trouble.ts'

type Click = { teamId: string; person: Person; m: Messages; respond: RespondFn; facts: ReminderTask }

/** Stages in which a task is still worked on from a reminder. */
const runningStages: readonly CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live]

export function registerReminderActions(listeners: Listeners, services: Services): void {
  /** Acks, reads who clicked which task, refuses what may not be done, and turns a failure into words. */
  function reminderButton(name: string, handler: (click: Click) => Promise<void>) {
    return async ({ ack, body, action, respond }: { ack: () => Promise<void>; body: BlockAction<ButtonAction>; action: ButtonAction; respond: RespondFn }) => {
      await ack()
      const teamId = body.team?.id ?? body.user.team_id ?? ''
      const person = await services.people.person(teamId, body.user.id)
      const m = messagesFor(person.locale)
      const r = m.deadlineReminder
      const tell = (text: string) => respond(ephemeral(text)).catch(() => {})
      try {
        const taskId = readRecordId(action.value)
        if (taskId === null) return void (await tell(r.outdated))
        const facts = await services.store.tasks.reminderFacts(teamId, taskId)
        if (!facts) return void (await tell(r.taskGone))
        if (!mayAnswerReminder(facts.campaign, facts.task, person)) return void (await tell(r.notAllowed))
        if (facts.task.status === 'done') {
          return void (await respond({ replace_original: true, text: r.alreadyDone(escapeMrkdwn(facts.task.title)) }))
        }
        if (!runningStages.includes(facts.campaign.stage)) return void (await tell(r.notActive))
        services.logger.info({ team: teamId, user: person.userId, task: taskId, action: name }, 'reminder_answered')
        await handler({ teamId, person, m, respond, facts })
      } catch (error) {
        services.logger.error({ err: error, team: teamId, user: body.user.id, action: name }, 'reminder_action_failed')
        await tell(troubleMessage(error, m))
      }
    }
  }

  listeners.action<BlockAction<ButtonAction>>(reminderActionIds.done, reminderButton('reminder_done', async ({ teamId, person, m, respond, facts }) => {
    const r = m.deadlineReminder
    const title = escapeMrkdwn(facts.task.title)
    const result = await changeTaskStatus(services, { teamId, actor: person, taskId: facts.task.id, change: 'complete' })
    switch (result.outcome) {
      case 'changed':
        // The reminder is answered: its buttons go.
        return void (await respond({ replace_original: true, text: r.markedDone(title, mentionUser(person.userId)) }))
      case 'refused':
        if (result.refusal === 'already_done') return void (await respond({ replace_original: true, text: r.alreadyDone(title) }))
        return void (await respond(ephemeral(result.refusal === 'not_task_owner' ? r.notAllowed : r.notActive)))
      case 'not_editable':
        return void (await respond(ephemeral(r.notActive)))
      case 'stale':
        return void (await respond(ephemeral(r.outdated)))
      case 'task_gone':
      case 'item_not_found':
      case 'not_found':
        return void (await respond(ephemeral(r.taskGone)))
    }
  }))

  listeners.action<BlockAction<ButtonAction>>(reminderActionIds.snooze, reminderButton('reminder_snooze', async ({ teamId, m, respond, facts }) => {
    const r = m.deadlineReminder
    // The reminders come at the task owner's morning, so "a day" is on their calendar.
    const owner = await services.people.person(teamId, facts.task.ownerId)
    const until = snoozedUntil(localDate(services.clock.now(), owner.timeZone), facts.lastReminderOn)
    const snoozed = await services.store.tasks.snooze(teamId, facts.task.id, until)
    await respond(ephemeral(snoozed ? r.snoozed(escapeMrkdwn(facts.task.title), until) : r.taskGone))
  }))
}

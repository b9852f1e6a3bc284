// The tasks surface's clicks: the owner's answer to the task template (Use / Review / Skip, in
// their DM), the tasks modal (opened from the plan message, a DM or `/campaign tasks`; Add, each
// task's menu, pages), and Start / Complete on a task's DM (or App Home). Anyone may look; a
// refused click is answered in words: ephemeral under a message, in the modal when inside one.
import type { BlockAction, ButtonAction, OverflowAction, RespondFn } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { localDate } from '../../domain/dates.ts'
import { refusalToChangeTaskStatus, refusalToEditPlan, refusalToEditTasks } from '../../domain/planPermissions.ts'
import { taskTemplate, taskTransition, type TaskChange } from '../../domain/tasks.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import { openTasksActionId, readOpenTasksValue } from './message.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import { planAudience } from '../plan/changes.ts'
import { templateOfferActions } from '../plan/notifications.ts'
import { readRecordId } from '../shared/recordIds.ts'
import type { Services } from '../services.ts'
import { answerTemplate, changeTaskStatus, deleteTask, mayAnswerTemplate, taskRefusalText, type StatusChanged } from './changes.ts'
import { taskDmActions, taskDmMessage } from './notifications.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { openModalOrExplain } from '../shared/openModal.ts'
import { noticeModal } from '../shared/openModal.ts'
import {
  blockReasonModal, pageOfTask, readListMetadata, readMenuValue, taskFormModal, taskListModal, taskModalIds, templateReviewModal,
} from './modals.ts'
import { refreshTaskList, registerTaskSubmissions } from './submission.ts'
import { ephemeral } from '../shared/ephemeral.ts'


const todayOf = (services: Services, person: Person) => localDate(services.clock.now(), person.timeZone)

/**
 * Opens the tasks modal of a campaign for this person (the page holding `focusTaskId`, if given),
 * or tells them why not. The plan message's Open button of the 'tasks' section lands here.
 */
export async function openTasksModal(
  services: Services, client: WebClient, triggerId: string, teamId: string, campaignId: number, actor: Person, respond: RespondFn,
  focusTaskId: number | null = null,
): Promise<void> {
  const m = messagesFor(actor.locale)
  const record = await services.store.plans.load(teamId, campaignId)
  if (!record) return void (await respond(ephemeral(m.refusal.campaignNotFound(escapeMrkdwn(String(campaignId))))).catch(() => {}))
  const view = taskListModal({ record, m, today: todayOf(services, actor), actor, page: pageOfTask(record.snapshot.tasks, focusTaskId) })
  await openModalOrExplain(client, triggerId, view, respond, m, services.logger)
}

type Click = { teamId: string; person: Person; m: Messages }

export function registerTaskSurfaces(listeners: Listeners, services: Services): void {
  registerTaskSubmissions(listeners, services)

  async function whoClicked(body: BlockAction): Promise<Click> {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    return { teamId, person, m: messagesFor(person.locale) }
  }

  /** Tells the person: ephemeral under a message, a small modal where there is none (App Home). */
  async function explain(client: WebClient, body: BlockAction, respond: RespondFn, m: Messages, text: string): Promise<void> {
    if (body.response_url) return void (await respond(ephemeral(text)).catch(() => {}))
    const view = noticeModal(m.plan.outdatedTitle, trusted(text), m)
    const inModal = body.container?.type === 'view' && body.view?.type === 'modal'
    await (inModal ? client.views.push({ trigger_id: body.trigger_id, view }) : client.views.open({ trigger_id: body.trigger_id, view })).catch(() => {})
  }

  type Handler<A extends ButtonAction | OverflowAction> = (args: { body: BlockAction<A>; action: A; client: WebClient; respond: RespondFn; click: Click }) => Promise<void>

  /** Acks, reads who clicked, and turns a failure into words. */
  function guarded<A extends ButtonAction | OverflowAction>(name: string, handler: Handler<A>) {
    return async ({ ack, body, action, client, respond }: { ack: () => Promise<void>; body: BlockAction<A>; action: A; client: WebClient; respond: RespondFn }) => {
      await ack()
      const click = await whoClicked(body)
      try {
        await handler({ body, action, client, respond, click })
      } catch (error) {
        services.logger.error({ err: error, team: click.teamId, user: click.person.userId, action: name }, 'task_action_failed')
        await explain(client, body, respond, click.m, troubleMessage(error, click.m))
      }
    }
  }

  // ── The task template offered on approval ───────────────────────────────────────────────────

  const templateAnswer = (decision: 'accepted' | 'skipped'): Handler<ButtonAction> => async ({ action, respond, click }) => {
    const { m, person, teamId } = click
    const campaignId = readRecordId(action.value)
    if (campaignId === null) return void (await respond(ephemeral(m.plan.formOutdated)))
    const result = await answerTemplate(services, { teamId, campaignId, actor: person, decision })
    services.logger.info({ team: teamId, user: person.userId, campaign: action.value, decision, outcome: result.outcome }, 'task_template_answered')
    switch (result.outcome) {
      case 'changed': {
        const name = escapeMrkdwn(result.record.campaign.name)
        const text = decision === 'accepted' ? m.template.accepted(mentionUser(person.userId), name, result.created) : m.template.skipped(mentionUser(person.userId), name)
        // The offer is answered: its buttons go.
        return void (await respond({ replace_original: true, text }))
      }
      case 'already_decided':
        return void (await respond(ephemeral(m.template.alreadyAnswered(m.template.decision[result.record.templateDecision ?? decision]))))
      case 'refused':
        return void (await respond(ephemeral(m.template.onlyOwner)))
      case 'not_editable':
        return void (await respond(ephemeral(m.plan.planClosed(m.stage[result.record.campaign.stage]))))
      case 'not_found':
        return void (await respond(ephemeral(m.refusal.campaignNotFound(escapeMrkdwn(action.value ?? '')))))
    }
  }
  listeners.action<BlockAction<ButtonAction>>(templateOfferActions.accept, guarded('template_accept', templateAnswer('accepted')))
  listeners.action<BlockAction<ButtonAction>>(templateOfferActions.skip, guarded('template_skip', templateAnswer('skipped')))

  listeners.action<BlockAction<ButtonAction>>(templateOfferActions.review, guarded('template_review', async ({ body, action, client, respond, click }) => {
    const { m, person, teamId } = click
    const campaignId = readRecordId(action.value)
    if (campaignId === null) return void (await respond(ephemeral(m.plan.formOutdated)))
    const record = await services.store.plans.load(teamId, campaignId)
    if (!record) return void (await respond(ephemeral(m.refusal.campaignNotFound(escapeMrkdwn(action.value ?? '')))))
    if (!mayAnswerTemplate(record, person)) return void (await respond(ephemeral(m.template.onlyOwner)))
    if (record.templateDecision) return void (await respond(ephemeral(m.template.alreadyAnswered(m.template.decision[record.templateDecision]))))
    if (refusalToEditPlan(record.campaign, person) === 'plan_closed') return void (await respond(ephemeral(m.plan.planClosed(m.stage[record.campaign.stage]))))
    const audience = await planAudience(services, record)
    const template = taskTemplate(record.campaign.kind, record.snapshot.window, audience.ownerToday)
    const titles = messagesFor(audience.ownerLocale).template.title
    await openModalOrExplain(client, body.trigger_id, templateReviewModal(record.campaign, template, titles, m), respond, m, services.logger)
  }))

  // ── The tasks modal ─────────────────────────────────────────────────────────────────────────

  listeners.action<BlockAction<ButtonAction>>(openTasksActionId, guarded('open_tasks', async ({ body, action, client, respond, click }) => {
    const request = readOpenTasksValue(action.value)
    if (!request) return explain(client, body, respond, click.m, click.m.plan.formOutdated)
    await openTasksModal(services, client, body.trigger_id, click.teamId, request.campaignId, click.person, respond, request.taskId)
  }))

  /** The list a click inside the tasks modal came from, and the plan as it stands now. */
  async function listClicked(body: BlockAction, client: WebClient, respond: RespondFn, click: Click): Promise<{ viewId: string; page: number; record: PlanRecord } | null> {
    const metadata = readListMetadata(body.view?.private_metadata)
    if (!metadata || !body.view?.id) {
      await explain(client, body, respond, click.m, click.m.plan.formOutdated)
      return null
    }
    const record = await services.store.plans.load(click.teamId, metadata.c)
    if (!record) {
      await explain(client, body, respond, click.m, click.m.plan.campaignGone)
      return null
    }
    return { viewId: body.view.id, page: metadata.pg, record }
  }

  listeners.action<BlockAction<ButtonAction>>(taskModalIds.add, guarded('task_add', async ({ body, client, respond, click }) => {
    const list = await listClicked(body, client, respond, click)
    if (!list) return
    const refusal = refusalToEditTasks(list.record.campaign, click.person)
    if (refusal) return refreshTaskList(services, client, list.viewId, list.record, click.person, list.page, services.logger, trusted(click.m.plan.refusal[refusal]))
    await client.views.push({
      trigger_id: body.trigger_id,
      view: taskFormModal({
        campaign: list.record.campaign, m: click.m, today: todayOf(services, click.person), task: null, defaultOwnerId: click.person.userId,
        parentViewId: list.viewId, page: list.page,
      }),
    })
  }))

  const turnPage: Handler<ButtonAction> = async ({ body, action, client, respond, click }) => {
    const list = await listClicked(body, client, respond, click)
    if (!list) return
    await refreshTaskList(services, client, list.viewId, list.record, click.person, Number(action.value) || 0, services.logger)
  }
  listeners.action<BlockAction<ButtonAction>>(taskModalIds.previousPage, guarded('task_page', turnPage))
  listeners.action<BlockAction<ButtonAction>>(taskModalIds.nextPage, guarded('task_page', turnPage))

  listeners.action<BlockAction<OverflowAction>>(taskModalIds.menu, guarded('task_menu', async ({ body, action, client, respond, click }) => {
    const list = await listClicked(body, client, respond, click)
    if (!list) return
    const { m, person } = click
    const { record, viewId, page } = list
    const redraw = (after: PlanRecord, notice: Mrkdwn) => refreshTaskList(services, client, viewId, after, person, page, services.logger, notice)
    const request = readMenuValue(action.selected_option?.value)
    if (!request) return redraw(record, trusted(m.plan.formOutdated))
    const task = record.snapshot.tasks.find((t) => t.id === request.t)
    if (!task) return redraw(record, trusted(m.tasks.gone))

    switch (request.o) {
      case 'edit':
      case 'delete': {
        const refusal = refusalToEditTasks(record.campaign, person)
        if (refusal) return redraw(record, trusted(m.plan.refusal[refusal]))
        if (request.o === 'edit') {
          // The form shows the task as it is now, whatever the list showed: that is what gets edited.
          return void (await client.views.push({
            trigger_id: body.trigger_id,
            view: taskFormModal({ campaign: record.campaign, m, today: todayOf(services, person), task, defaultOwnerId: person.userId, parentViewId: viewId, page }),
          }))
        }
        const result = await deleteTask(services, { record, actor: person, taskId: task.id, expectedVersion: request.v })
        switch (result.outcome) {
          case 'changed': return redraw(result.record, trusted(m.tasks.done.delete(escapeMrkdwn(task.title))))
          case 'stale': return redraw(result.record, trusted(m.plan.staleCopy(result.changedById ? mentionUser(result.changedById) : escapeMrkdwn('?'))))
          case 'item_not_found': return redraw(result.record, trusted(m.tasks.gone))
          case 'not_editable': return redraw(result.record, trusted(m.plan.refusal.tasks_closed))
          case 'not_found': return explain(client, body, respond, m, m.plan.campaignGone)
        }
        return
      }
      case 'block': {
        // Asked before the reason is typed, so nobody explains a block that cannot be made.
        const move = taskTransition(task, 'block', 'a reason')
        const refusal = refusalToChangeTaskStatus(record.campaign, task, person) ?? (move.ok ? null : move.refusal)
        if (refusal) return redraw(record, trusted(taskRefusalText(refusal, m)))
        return void (await client.views.push({ trigger_id: body.trigger_id, view: blockReasonModal(task, m, viewId, page) }))
      }
      default: {
        const result = await changeTaskStatus(services, { teamId: click.teamId, actor: person, taskId: task.id, change: request.o })
        return redraw(recordAfter(result) ?? record, trusted(statusAnswer(result, request.o, task.title, m)))
      }
    }
  }))

  // ── Start / Complete on a task's DM (or App Home) ────────────────────────────────────────────

  const moveFromButton = (change: TaskChange): Handler<ButtonAction> => async ({ body, action, client, respond, click }) => {
    const { m, person, teamId } = click
    const taskId = readRecordId(action.value)
    if (taskId === null) return explain(client, body, respond, m, m.plan.formOutdated)
    const result = await changeTaskStatus(services, { teamId, actor: person, taskId, change })
    if (result.outcome === 'changed' && result.task && body.response_url) {
      // The DM is redrawn with the new status and the buttons it now allows.
      const lead = statusAnswer(result, change, result.task.title, m)
      return void (await respond({ replace_original: true, ...taskDmMessage(result.task, result.record.campaign, lead, m) }))
    }
    if (result.outcome === 'changed') return
    await explain(client, body, respond, m, statusAnswer(result, change, '', m))
  }
  listeners.action<BlockAction<ButtonAction>>(taskDmActions.start, guarded('task_start', moveFromButton('start')))
  listeners.action<BlockAction<ButtonAction>>(taskDmActions.complete, guarded('task_complete', moveFromButton('complete')))
}

function recordAfter(result: StatusChanged): PlanRecord | null {
  return 'record' in result ? result.record : null
}

/** What a status change came to, in words. */
function statusAnswer(result: StatusChanged, change: TaskChange, title: string, m: Messages): string {
  switch (result.outcome) {
    case 'changed': return m.tasks.done[change](escapeMrkdwn(result.task?.title ?? title))
    case 'refused': return result.refusal === 'tasks_closed' || result.refusal === 'plan_closed'
      ? m.plan.refusal.tasks_closed
      : taskRefusalText(result.refusal, m)
    case 'task_gone': case 'item_not_found': case 'stale': return m.tasks.gone
    case 'not_editable': return m.plan.refusal.tasks_closed
    case 'not_found': return m.plan.campaignGone
  }
}

// Submitting the tasks surface's modals: the task form (add or edit; a stale copy is answered
// with who changed it and the newer values), the reason a task is blocked, and the reviewed task
// template. Fields are checked by the domain in the person's language (response_action errors);
// a refusal, a task gone or a closed plan replaces the modal with words, never silence.
import type { Middleware, SlackViewMiddlewareArgs, ViewOutput, ViewResponseAction } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import { localDate } from '../../domain/dates.ts'
import type { PlanFieldError } from '../../domain/formCheck.ts'
import { refusalToEditPlan, refusalToEditTasks } from '../../domain/planPermissions.ts'
import { checkTask, type TaskField } from '../../domain/tasks.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { Logger } from '../../logger.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import type { Listeners } from '../listeners.ts'
import { assignmentProblem, type Person } from '../people.ts'
import { planAudience } from '../plan/changes.ts'
import type { Services } from '../services.ts'
import { answerTemplate, changeTaskStatus, mayAnswerTemplate, saveTask, taskRefusalText, templateDrafts, type TemplateTaskDraft } from './changes.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { choicesNotOffered, fieldErrorsForSlack, readFields } from '../shared/formFields.ts'
import { noticeModal } from '../shared/openModal.ts'
import {
  blockReasonBlockId, leaveOutField, leaveOutValue, readBlockMetadata, readFormMetadata, readReviewMetadata, reviewBlockIds, taskFieldNames,
  taskFormFields, taskFormModal, taskListModal, taskModalIds,
} from './modals.ts'

/** Redraws the tasks modal underneath (after a change made on top of it); a failure only costs freshness. */
export async function refreshTaskList(
  services: Services, client: WebClient, viewId: string, record: PlanRecord, person: Person, page: number, logger: Logger, notice?: Mrkdwn,
): Promise<void> {
  const m = messagesFor(person.locale)
  const view = taskListModal({ record, m, today: localDate(services.clock.now(), person.timeZone), actor: person, page, ...(notice ? { notice } : {}) })
  await client.views.update({ view_id: viewId, view }).catch((error: unknown) => logger.warn({ err: error, view: viewId }, 'task_list_refresh_failed'))
}

/** Why a person cannot be given a task: not someone Slack knows, an app, or someone who left. */
async function ownerProblem(services: Services, teamId: string, userId: string): Promise<PlanFieldError | null> {
  const code = assignmentProblem(await services.people.lookUp(teamId, userId))
  return code ? { code } : null
}


type Submission = { teamId: string; person: Person; m: Messages; answer: (response?: ViewResponseAction) => Promise<void>; log: Logger }

export function registerTaskSubmissions(listeners: Listeners, services: Services): void {
  /** Reads who submitted and runs the handler; a failure keeps the modal open, with words on its first input. */
  function submission(name: string, handler: (s: Submission, view: ViewOutput, client: WebClient) => Promise<void>): Middleware<SlackViewMiddlewareArgs> {
    return async ({ ack, body, view, client }) => {
      const teamId = body.team?.id ?? body.user.team_id ?? ''
      const person = await services.people.person(teamId, body.user.id)
      const m = messagesFor(person.locale)
      const answer = (response?: ViewResponseAction) => ack(response as never)
      const log = services.logger.child({ team: teamId, user: person.userId, view: view.id, form: name })
      try {
        await handler({ teamId, person, m, answer, log }, view, client)
      } catch (error) {
        log.error({ err: error }, 'task_form_failed')
        const firstInput = (view.blocks ?? []).find((block) => block.type === 'input')?.block_id
        await (firstInput ? answer({ response_action: 'errors', errors: { [firstInput]: troubleMessage(error, m) } }) : answer()).catch(() => {})
      }
    }
  }
  const replaceWith = (s: Submission, modal: ModalView) => s.answer({ response_action: 'update', view: modal })
  const notice = (s: Submission, text: string) => replaceWith(s, noticeModal(s.m.plan.outdatedTitle, trusted(text), s.m))

  listeners.view(taskModalIds.formCallback, submission('task', async (s, view, client) => {
    const { m, person, teamId } = s
    const metadata = readFormMetadata(view.private_metadata)
    if (!metadata) return notice(s, m.plan.formOutdated)
    const record = await services.store.plans.load(teamId, metadata.c)
    if (!record) return notice(s, m.plan.campaignGone)
    const refusal = refusalToEditTasks(record.campaign, person)
    if (refusal) return notice(s, m.plan.refusal[refusal])

    const notOffered = choicesNotOffered(view.state.values, taskFormFields(m))
    const checked = checkTask(readFields(view.state.values, taskFieldNames))
    if (!checked.ok || notOffered.length > 0) return s.answer(fieldErrorsForSlack(checked.ok ? {} : checked.errors, (field) => field, m, notOffered))
    const problem = await ownerProblem(services, teamId, checked.value.ownerId)
    if (problem) return s.answer(fieldErrorsForSlack({ ownerId: problem } satisfies Partial<Record<TaskField, PlanFieldError>>, (field) => field, m))

    const result = await saveTask(services, { record, actor: person, taskId: metadata.t, expectedVersion: metadata.v, value: checked.value })
    s.log.info({ campaign: record.campaign.id, task: result.taskId, outcome: result.outcome }, 'task_saved')
    switch (result.outcome) {
      case 'changed':
        await s.answer()
        if (metadata.p) await refreshTaskList(services, client, metadata.p, result.record, person, metadata.pg, s.log, trusted(m.tasks.done.saved(escapeMrkdwn(checked.value.title))))
        return
      case 'stale': {
        const newer = result.record.snapshot.tasks.find((task) => task.id === metadata.t)
        if (!newer) return notice(s, m.tasks.gone)
        const changedBy = result.changedById ? mentionUser(result.changedById) : escapeMrkdwn('?')
        return replaceWith(s, taskFormModal({
          campaign: result.record.campaign, m, today: localDate(services.clock.now(), person.timeZone), task: newer, defaultOwnerId: person.userId,
          parentViewId: metadata.p, page: metadata.pg, notice: trusted(m.plan.staleCopy(changedBy)),
        }))
      }
      case 'item_not_found':
        return notice(s, m.tasks.gone)
      case 'not_editable':
        return notice(s, m.plan.refusal.tasks_closed)
      case 'not_found':
        return notice(s, m.plan.campaignGone)
    }
  }))

  listeners.view(taskModalIds.blockCallback, submission('block', async (s, view, client) => {
    const { m, person, teamId } = s
    const metadata = readBlockMetadata(view.private_metadata)
    if (!metadata) return notice(s, m.plan.formOutdated)
    const reason = readFields(view.state.values, [blockReasonBlockId])[blockReasonBlockId]
    const result = await changeTaskStatus(services, { teamId, actor: person, taskId: metadata.t, change: 'block', reason: typeof reason === 'string' ? reason : null })
    switch (result.outcome) {
      case 'changed':
        await s.answer()
        if (metadata.p) await refreshTaskList(services, client, metadata.p, result.record, person, metadata.pg, s.log, trusted(m.tasks.done.block(escapeMrkdwn(result.task?.title ?? ''))))
        return
      case 'refused':
        if (result.refusal === 'reason_required' || result.refusal === 'reason_too_long') {
          return s.answer({ response_action: 'errors', errors: { [blockReasonBlockId]: taskRefusalText(result.refusal, m) } })
        }
        return notice(s, taskRefusalText(result.refusal, m))
      case 'task_gone':
      case 'item_not_found':
      case 'stale':
        return notice(s, m.tasks.gone)
      case 'not_editable':
        return notice(s, m.plan.refusal.tasks_closed)
      case 'not_found':
        return notice(s, m.plan.campaignGone)
    }
  }))

  listeners.view(taskModalIds.reviewCallback, submission('template_review', async (s, view) => {
    const { m, person, teamId } = s
    const metadata = readReviewMetadata(view.private_metadata)
    if (!metadata) return notice(s, m.plan.formOutdated)
    const record = await services.store.plans.load(teamId, metadata.c)
    if (!record) return notice(s, m.plan.campaignGone)
    // Where the template stands comes before its fields: a review sent after it was answered, or
    // after the campaign moved on, is told so rather than asked to fix its dates.
    if (!mayAnswerTemplate(record, person)) return notice(s, m.template.onlyOwner)
    if (record.templateDecision) return notice(s, m.template.alreadyAnswered(m.template.decision[record.templateDecision]))
    if (refusalToEditPlan(record.campaign, person) === 'plan_closed') return notice(s, m.plan.planClosed(m.stage[record.campaign.stage]))
    const audience = await planAudience(services, record)
    const template = templateDrafts(record, audience.ownerLocale, audience.ownerToday)
    const notOffered = choicesNotOffered(view.state.values, template.map((draft) => leaveOutField(draft.templateKey as never, draft.title, m)))
    const kept: TemplateTaskDraft[] = []
    const errors: Record<string, PlanFieldError> = {}
    const blockOf: Record<string, string> = {}
    for (const draft of template) {
      const ids = reviewBlockIds(draft.templateKey as never)
      const values = readFields(view.state.values, Object.values(ids))
      if (Array.isArray(values[ids.leaveOut]) && values[ids.leaveOut]!.includes(leaveOutValue)) continue
      const checked = checkTask({ title: draft.title, stage: draft.stage, ownerId: values[ids.ownerId], startDate: values[ids.startDate], dueDate: values[ids.dueDate] })
      if (!checked.ok) {
        for (const [field, error] of Object.entries(checked.errors)) {
          const block = (ids as Record<string, string>)[field] ?? ids.leaveOut
          if (error && !errors[block]) errors[block] = error
        }
        continue
      }
      kept.push({ ...checked.value, templateKey: draft.templateKey })
    }
    for (const ownerId of new Set(kept.map((task) => task.ownerId))) {
      const problem = ownerId === record.campaign.ownerId ? null : await ownerProblem(services, teamId, ownerId)
      if (!problem) continue
      for (const task of kept.filter((t) => t.ownerId === ownerId)) errors[reviewBlockIds(task.templateKey as never).ownerId] = problem
    }
    if (Object.keys(errors).length > 0 || notOffered.length > 0) return s.answer(fieldErrorsForSlack(errors, (block) => block, m, notOffered))

    const result = await answerTemplate(services, {
      teamId, campaignId: record.campaign.id, actor: person, decision: kept.length > 0 ? 'accepted' : 'skipped', reviewed: kept,
    })
    s.log.info({ campaign: record.campaign.id, outcome: result.outcome, kept: kept.length }, 'task_template_reviewed')
    switch (result.outcome) {
      case 'changed':
        return notice(s, result.created > 0
          ? m.template.reviewed(escapeMrkdwn(record.campaign.name), result.created)
          : m.template.skipped(mentionUser(person.userId), escapeMrkdwn(record.campaign.name)))
      case 'already_decided':
        return notice(s, m.template.alreadyAnswered(m.template.decision[result.record.templateDecision ?? 'accepted']))
      case 'refused':
        return notice(s, m.template.onlyOwner)
      case 'not_editable':
        return notice(s, m.plan.planClosed(m.stage[result.record.campaign.stage]))
      case 'not_found':
        return notice(s, m.plan.campaignGone)
    }
  }))
}


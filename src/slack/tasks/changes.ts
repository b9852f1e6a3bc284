// What the tasks surface changes, each through the plan's one transaction (applyPlanChange, or
// decideTemplate for the template), so the plan message and App Home follow every change: add or
// edit a task (its new owner DM'd once), move it along (start, complete, block, reopen), delete
// it, and answer the task template. Who may do what is decided by the domain, against the plan as
// it stands inside the transaction, and comes back as a refusal to put into words.
import { campaignStages } from '../../domain/campaign.ts'
import { refusalToChangeTaskStatus, type PlanRefusal } from '../../domain/planPermissions.ts'
import { taskTemplate, taskTransition, type Task, type TaskChange, type TaskTransitionRefusal } from '../../domain/tasks.ts'
import { messagesFor, type Locale, type Messages } from '../../i18n/catalogue.ts'
import type { PlanChanged, TaskDraft } from '../../store/plans.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { taskSectionChanges } from '../../store/tasks.ts'
import { homeRefresh } from '../shared/homeRefresh.ts'
import type { Person } from '../people.ts'
import { applyPlanChange, planAudience } from '../plan/changes.ts'
import { planMessageUpdate } from '../plan/notifications.ts'
import type { Services } from '../services.ts'
import { taskAssignedDm } from './notifications.ts'
import { channelInvitations } from '../shared/channelInvitations.ts'

export type TaskRefusal = PlanRefusal | TaskTransitionRefusal

/** Thrown inside the transaction to refuse a change (it rolls back), caught below. */
class TaskRefused extends Error {
  constructor(readonly refusal: TaskRefusal) {
    super(refusal)
  }
}

export function taskRefusalText(refusal: TaskRefusal, m: Messages): string {
  return refusal in m.tasks.refusal ? m.tasks.refusal[refusal as TaskTransitionRefusal] : m.plan.refusal[refusal as PlanRefusal]
}

/** The person a task is given to, for the DM's language; only when someone else gives it to them. */
async function assigneeLocale(services: Services, teamId: string, ownerId: string, actor: Person): Promise<Locale | null> {
  return ownerId === actor.userId ? null : (await services.people.person(teamId, ownerId)).locale
}

/**
 * Adds a task (taskId null) or edits one from the version the person saw. Its owner is DM'd
 * when the task is new to them, unless they gave it to themselves.
 */
export async function saveTask(services: Services, input: {
  record: PlanRecord; actor: Person; taskId: number | null; expectedVersion: number | null; value: TaskDraft
}): Promise<PlanChanged & { taskId?: number }> {
  const { record, actor, value } = input
  const teamId = record.campaign.teamId
  const locale = await assigneeLocale(services, teamId, value.ownerId, actor)
  const created: { id?: number } = {}
  let previousOwner: string | null = null
  const result = await applyPlanChange(services, {
    record, actor, section: 'tasks',
    change: input.taskId === null
      ? taskSectionChanges.add(teamId, value, services.clock.now(), created)
      : async (tx, campaignId, before) => {
        previousOwner = before.snapshot.tasks.find((task) => task.id === input.taskId)?.ownerId ?? null
        return taskSectionChanges.edit(input.taskId!, input.expectedVersion ?? -1, value)(tx, campaignId, before)
      },
    alsoPost: (after) => {
      const task = after.snapshot.tasks.find((t) => t.id === (input.taskId ?? created.id))
      if (!task || !locale || task.ownerId === previousOwner) return []
      return [taskAssignedDm(task, after.campaign, actor.userId, locale)]
    },
  })
  const taskId = input.taskId ?? created.id
  return taskId === undefined ? result : { ...result, taskId }
}

export type StatusChanged =
  | (PlanChanged & { task?: Task })
  | { outcome: 'refused'; refusal: TaskRefusal; record: PlanRecord }
  | { outcome: 'task_gone' }

/**
 * Starts, completes, blocks (with a reason) or reopens a task named by its id alone (a DM's or
 * App Home's button): judged on the task as it stands, by its owner or whoever may edit the plan.
 */
export async function changeTaskStatus(services: Services, input: {
  teamId: string; actor: Person; taskId: number; change: TaskChange; reason?: string | null
}): Promise<StatusChanged> {
  const { teamId, actor, taskId, change } = input
  const found = await services.store.tasks.byId(teamId, taskId)
  const record = found ? await services.store.plans.load(teamId, found.campaignId) : null
  if (!record) return { outcome: 'task_gone' }
  try {
    const result = await applyPlanChange(services, {
      record, actor, section: 'tasks',
      // The domain rule (checked inside) says in which stages; the store's gate lets every stage through to it.
      stages: campaignStages,
      change: taskSectionChanges.setStatus(taskId, (task, before) => {
        const refusal = refusalToChangeTaskStatus(before.campaign, task, actor)
        if (refusal) throw new TaskRefused(refusal)
        const next = taskTransition(task, change, input.reason)
        if (!next.ok) throw new TaskRefused(next.refusal)
        return next
      }, services.clock.now()),
    })
    if (result.outcome === 'item_not_found') return { outcome: 'task_gone' }
    const task = 'record' in result ? result.record.snapshot.tasks.find((t) => t.id === taskId) : undefined
    return task ? { ...result, task } : result
  } catch (error) {
    if (error instanceof TaskRefused) return { outcome: 'refused', refusal: error.refusal, record }
    throw error
  }
}

/** Deletes a task as the person saw it (a newer copy is 'stale'). */
export function deleteTask(services: Services, input: { record: PlanRecord; actor: Person; taskId: number; expectedVersion: number }): Promise<PlanChanged> {
  return applyPlanChange(services, {
    record: input.record, actor: input.actor, section: 'tasks', change: taskSectionChanges.remove(input.taskId, input.expectedVersion),
  })
}

export type TemplateTaskDraft = TaskDraft & { templateKey: string }

export type TemplateAnswered =
  | { outcome: 'changed'; record: PlanRecord; created: number }
  | { outcome: 'already_decided'; record: PlanRecord }
  | { outcome: 'refused' | 'not_editable'; record: PlanRecord }
  | { outcome: 'not_found' }

/** Only the campaign's owner (or an admin) answers the task template offered to them. */
export function mayAnswerTemplate(record: PlanRecord, actor: Person): boolean {
  return actor.isWorkspaceAdmin || actor.userId === record.campaign.ownerId
}

/** The template as it would be created today: titles in the owner's language, all theirs. */
export function templateDrafts(record: PlanRecord, ownerLocale: Locale, ownerToday: string): TemplateTaskDraft[] {
  const m = messagesFor(ownerLocale)
  const campaign = record.campaign
  return taskTemplate(campaign.kind, record.snapshot.window, ownerToday).map((task) => ({
    title: m.template.title[task.key], stage: task.stage, ownerId: campaign.ownerId,
    startDate: task.startDate, dueDate: task.dueDate, templateKey: task.key,
  }))
}

/**
 * Records the owner's answer to the task template, once (a second click, or one on another
 * instance, finds it answered): accepted with the template's tasks (or the reviewed ones), or
 * skipped. People other than the owner given a reviewed task are DM'd.
 */
export async function answerTemplate(services: Services, input: {
  teamId: string; campaignId: number; actor: Person; decision: 'accepted' | 'skipped'; reviewed?: TemplateTaskDraft[]
}): Promise<TemplateAnswered> {
  const { teamId, actor } = input
  const record = await services.store.plans.load(teamId, input.campaignId)
  if (!record) return { outcome: 'not_found' }
  if (!mayAnswerTemplate(record, actor)) return { outcome: 'refused', record }
  if (record.templateDecision) return { outcome: 'already_decided', record }
  const audience = await planAudience(services, record)
  const tasks = input.decision === 'skipped' ? [] : input.reviewed ?? templateDrafts(record, audience.ownerLocale, audience.ownerToday)
  // The owner was offered the template and knows; anyone else given a task is told.
  const told = [...new Set(tasks.map((task) => task.ownerId))].filter((id) => id !== actor.userId && id !== record.campaign.ownerId)
  const locales = new Map(await Promise.all(told.map(async (id) => [id, (await services.people.person(teamId, id)).locale] as const)))
  const earlier = new Set(record.snapshot.tasks.map((task) => task.id))
  const at = services.clock.now()
  const result = await services.store.plans.decideTemplate({
    teamId, campaignId: record.campaign.id, decision: input.decision, actorId: actor.userId, at, tasks,
    outbox: (after) => [
      planMessageUpdate(after, audience.ownerLocale, audience.ownerToday),
      ...after.snapshot.tasks.filter((task) => !earlier.has(task.id) && locales.has(task.ownerId))
        .map((task) => taskAssignedDm(task, after.campaign, actor.userId, locales.get(task.ownerId)!)),
      ...homeRefresh(record, after),
      ...channelInvitations(after),
    ],
  })
  switch (result.outcome) {
    case 'changed':
      void services.dispatcher.deliverNow(result.outboxIds)
      return { outcome: 'changed', record: result.record, created: tasks.length }
    case 'already_decided':
    case 'not_editable':
      return { outcome: result.outcome, record: result.record }
    case 'stale':
    case 'item_not_found':
      return { outcome: 'already_decided', record: result.record }
    case 'not_found':
      return { outcome: 'not_found' }
  }
}

// The tasks surface's modals: the tasks of a campaign by stage of work (a page at a time, each
// task with a menu of what this person may do), the task form (add or edit, pushed on top of the
// list), the reason asked when a task is blocked, and the review of the task template.
// Metadata is JSON in private_metadata, read back through its schema (shared/viewMetadata.ts): a malformed one reads as null.
import type { KnownBlock, ModalView, Overflow } from '@slack/types'
import { z } from 'zod'
import type { Actor, Campaign } from '../../domain/campaign.ts'
import { refusalToChangeTaskStatus, refusalToEditTasks } from '../../domain/planPermissions.ts'
import {
  progress, taskLimits, tasksByStage, taskTransition, workStages,
  type Task, type TaskChange, type TaskValue, type TemplateTask, type TemplateTaskKey,
} from '../../domain/tasks.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { actions, button, context, input, option, plainText, section } from '../shared/elements.ts'
import { escapeMrkdwn, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import { taskRowText } from './message.ts'
import { recordId } from '../shared/recordIds.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { fieldActionId, fieldBlock, type FieldSpec } from '../shared/formFields.ts'

export const taskModalIds = {
  listCallback: 'task_list',
  formCallback: 'task_form',
  blockCallback: 'task_block',
  reviewCallback: 'task_template_review',
  add: 'task_add',
  menu: 'task_menu',
  previousPage: 'task_page_previous',
  nextPage: 'task_page_next',
} as const

/** 25 tasks with their stage headings, the add button and the page buttons stay far below 100 blocks. */
export const tasksPerPage = 25

const id = recordId
const viewId = z.string().max(40).nullable()

// ── The list ────────────────────────────────────────────────────────────────────────────────────

const listMetadataSchema = z.object({ c: id, pg: z.number().int().nonnegative() })
export type ListMetadata = z.infer<typeof listMetadataSchema>
export const readListMetadata = (text: string | undefined) => readViewMetadata(listMetadataSchema, text)

export const taskMenuOperations = ['edit', 'start', 'complete', 'block', 'reopen', 'delete'] as const
export type TaskMenuOperation = (typeof taskMenuOperations)[number]

/** A menu option's value: which task, as which version the person saw it, and what to do. */
const menuValueSchema = z.object({ t: id, v: z.number().int().nonnegative(), o: z.enum(taskMenuOperations) })
export type MenuValue = z.infer<typeof menuValueSchema>
export const readMenuValue = (value: string | undefined) => readViewMetadata(menuValueSchema, value)

/** The tasks in the order the list shows them: by stage of work, by dates within. */
function listed(tasks: readonly Task[]): Task[] {
  return tasksByStage(tasks).flatMap((group) => group.tasks)
}

export function pageCount(tasks: readonly Task[]): number {
  return Math.max(1, Math.ceil(tasks.length / tasksPerPage))
}

/** The page a task is on, to open the list where a DM's Open button points. */
export function pageOfTask(tasks: readonly Task[], taskId: number | null): number {
  const index = taskId === null ? -1 : listed(tasks).findIndex((task) => task.id === taskId)
  return index < 0 ? 0 : Math.floor(index / tasksPerPage)
}

function menuFor(task: Task, campaign: Campaign, actor: Actor, m: Messages): Overflow | null {
  const canEdit = refusalToEditTasks(campaign, actor) === null
  const canMove = refusalToChangeTaskStatus(campaign, task, actor) === null
  const moves: TaskChange[] = ['start', 'complete', 'block', 'reopen']
  const operations: TaskMenuOperation[] = [
    ...(canEdit ? ['edit' as const] : []),
    ...(canMove ? moves.filter((change) => taskTransition(task, change, 'a reason').ok) : []),
    ...(canEdit ? ['delete' as const] : []),
  ]
  if (operations.length === 0) return null
  return {
    type: 'overflow',
    action_id: taskModalIds.menu,
    // At most five: a task allows at most three of the four moves, and only one when done.
    options: operations.slice(0, 5).map((o) => option(m.tasks.menu[o], JSON.stringify({ t: task.id, v: task.version, o } satisfies MenuValue))),
  }
}

export function taskListModal(args: {
  record: PlanRecord; m: Messages; today: string; actor: Actor; page: number; notice?: Mrkdwn
}): ModalView {
  const { record, m, today, actor, notice } = args
  const campaign = record.campaign
  const tasks = listed(record.snapshot.tasks)
  const pages = pageCount(tasks)
  const page = Math.min(Math.max(0, args.page), pages - 1)
  const shown = tasks.slice(page * tasksPerPage, (page + 1) * tasksPerPage)
  const { done, total } = progress(tasks)
  const overdue = tasks.filter((task) => task.status !== 'done' && task.dueDate < today).length
  const blocks: KnownBlock[] = [context(trusted(`*${escapeMrkdwn(campaign.name)}* · ${m.plan.summary.tasks(done, total, overdue)}`))]
  if (notice) blocks.push(section(notice))
  const refusal = refusalToEditTasks(campaign, actor)
  if (refusal === null) {
    blocks.push(actions('task_list_add', [button(m.tasks.add, taskModalIds.add, String(campaign.id), 'primary')]))
  }
  if (tasks.length === 0) blocks.push(context(trusted(m.tasks.empty)))
  let stage: Task['stage'] | null = null
  for (const task of shown) {
    if (task.stage !== stage) {
      stage = task.stage
      blocks.push(section(trusted(`*${m.workStage[stage]}*`)))
    }
    const menu = menuFor(task, campaign, actor, m)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: taskRowText(task, today, m) }, ...(menu ? { accessory: menu } : {}) })
  }
  if (pages > 1) {
    blocks.push(context(trusted(m.forms.page(page + 1, pages))))
    blocks.push(actions('task_list_pages', [
      ...(page > 0 ? [button(m.forms.previousPage, taskModalIds.previousPage, String(page - 1))] : []),
      ...(page < pages - 1 ? [button(m.forms.nextPage, taskModalIds.nextPage, String(page + 1))] : []),
    ]))
  }
  // Why this person cannot add or edit: not theirs to change, or no longer (the campaign has ended).
  if (refusal !== null) blocks.push(context(trusted(refusal === 'tasks_closed' ? m.plan.refusal.tasks_closed : m.forms.viewOnly)))
  return {
    type: 'modal',
    callback_id: taskModalIds.listCallback,
    private_metadata: JSON.stringify({ c: campaign.id, pg: page } satisfies ListMetadata),
    title: plainText(m.tasks.modalTitle, 24),
    close: plainText(m.forms.done, 24),
    blocks,
  }
}

// ── The task form ───────────────────────────────────────────────────────────────────────────────

const formMetadataSchema = z.object({
  c: id,
  /** The task edited and the version the form showed; null for a new task. */
  t: id.nullable(),
  v: z.number().int().nonnegative().nullable(),
  /** The list underneath, refreshed after saving, and its page. */
  p: viewId,
  pg: z.number().int().nonnegative(),
})
export type FormMetadata = z.infer<typeof formMetadataSchema>
export const readFormMetadata = (text: string | undefined) => readViewMetadata(formMetadataSchema, text)

export const taskFieldNames = ['title', 'stage', 'ownerId', 'startDate', 'dueDate'] as const satisfies readonly (keyof TaskValue)[]

/** The task form's fields, prefilled when `prefill` is given (the submission needs only their options). */
export function taskFormFields(m: Messages, prefill?: { task: Task | null; today: string; defaultOwnerId: string }): FieldSpec[] {
  const f = m.tasks.form
  const task = prefill?.task
  return [
    { kind: 'text', name: 'title', label: f.title, maxLength: taskLimits.title, initial: task?.title ?? null },
    { kind: 'select', name: 'stage', label: f.stage, options: workStages.map((stage) => ({ value: stage, label: m.workStage[stage] })), initial: task?.stage ?? null },
    { kind: 'user', name: 'ownerId', label: f.owner, initial: task?.ownerId ?? prefill?.defaultOwnerId ?? null },
    { kind: 'date', name: 'startDate', label: f.start, initial: task?.startDate ?? prefill?.today ?? null },
    { kind: 'date', name: 'dueDate', label: f.due, initial: task?.dueDate ?? null },
  ]
}

export function taskFormModal(args: {
  campaign: Campaign; m: Messages; today: string; task: Task | null; defaultOwnerId: string; parentViewId: string | null; page: number; notice?: Mrkdwn
}): ModalView {
  const { campaign, m, task, notice } = args
  const f = m.tasks.form
  const fields = taskFormFields(m, { task, today: args.today, defaultOwnerId: args.defaultOwnerId })
  const metadata: FormMetadata = { c: campaign.id, t: task?.id ?? null, v: task?.version ?? null, p: args.parentViewId, pg: args.page }
  return {
    type: 'modal',
    callback_id: taskModalIds.formCallback,
    private_metadata: JSON.stringify(metadata),
    title: plainText(task ? f.editTitle : f.newTitle, 24),
    submit: plainText(m.forms.save, 24),
    close: plainText(m.forms.cancel, 24),
    blocks: [
      context(trusted(`*${escapeMrkdwn(campaign.name)}* · ${m.plan.section.tasks}`)),
      ...(notice ? [section(notice)] : []),
      ...fields.map(fieldBlock),
    ],
  }
}

// ── Blocking a task: the reason ────────────────────────────────────────────────────────────────

export const blockReasonBlockId = 'reason'

const blockMetadataSchema = z.object({ c: id, t: id, p: viewId, pg: z.number().int().nonnegative() })
export type BlockMetadata = z.infer<typeof blockMetadataSchema>
export const readBlockMetadata = (text: string | undefined) => readViewMetadata(blockMetadataSchema, text)

export function blockReasonModal(task: Task, m: Messages, parentViewId: string | null, page: number): ModalView {
  const t = m.tasks.blockModal
  return {
    type: 'modal',
    callback_id: taskModalIds.blockCallback,
    private_metadata: JSON.stringify({ c: task.campaignId, t: task.id, p: parentViewId, pg: page } satisfies BlockMetadata),
    title: plainText(t.title, 24),
    submit: plainText(t.submit, 24),
    close: plainText(m.forms.cancel, 24),
    blocks: [
      section(trusted(t.intro(escapeMrkdwn(task.title)))),
      input(blockReasonBlockId, t.reason, {
        type: 'plain_text_input', action_id: fieldActionId, multiline: true, max_length: taskLimits.blockedReason,
        placeholder: plainText(t.placeholder, 150),
      }),
    ],
  }
}

// ── Reviewing the task template ────────────────────────────────────────────────────────────────

const reviewMetadataSchema = z.object({ c: id })
export const readReviewMetadata = (text: string | undefined) => readViewMetadata(reviewMetadataSchema, text)

/** Block ids of one template task's inputs in the review modal. */
export const reviewBlockIds = (key: TemplateTaskKey) => ({
  leaveOut: `out:${key}`, ownerId: `owner:${key}`, startDate: `start:${key}`, dueDate: `due:${key}`,
}) as const

export const leaveOutValue = 'leave_out'

/** A template task's "leave out" box in the review, labelled with the task. */
export function leaveOutField(key: TemplateTaskKey, label: string, m: Messages): FieldSpec {
  return { kind: 'checkboxes', name: reviewBlockIds(key).leaveOut, label, optional: true, options: [{ value: leaveOutValue, label: m.template.leaveOut }] }
}

/**
 * Each template task as four inputs (leave out, owner, start, due): a template of 14 tasks is 57
 * blocks. Titles read in the owner's language (they are what gets created); the rest in `m`.
 */
export function templateReviewModal(campaign: Campaign, template: readonly TemplateTask[], titles: Record<TemplateTaskKey, string>, m: Messages): ModalView {
  const t = m.template
  const f = m.tasks.form
  const blocks: KnownBlock[] = [context(trusted(t.reviewIntro(escapeMrkdwn(campaign.name), m.kind[campaign.kind])))]
  template.forEach((task, index) => {
    const ids = reviewBlockIds(task.key)
    blocks.push(
      fieldBlock(leaveOutField(task.key, t.reviewTask(index + 1, titles[task.key], m.workStage[task.stage]), m)),
      fieldBlock({ kind: 'user', name: ids.ownerId, label: f.owner, initial: campaign.ownerId }),
      fieldBlock({ kind: 'date', name: ids.startDate, label: f.start, initial: task.startDate }),
      fieldBlock({ kind: 'date', name: ids.dueDate, label: f.due, initial: task.dueDate }),
    )
  })
  return {
    type: 'modal',
    callback_id: taskModalIds.reviewCallback,
    private_metadata: JSON.stringify({ c: campaign.id }),
    title: plainText(t.reviewTitle, 24),
    submit: plainText(t.create, 24),
    close: plainText(m.forms.cancel, 24),
    blocks,
  }
}

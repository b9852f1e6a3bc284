// Tasks as text: a row of the tasks modal, and the ephemeral answers of `/campaign tasks` (one
// campaign, by stage of work) and `/campaign mine` (a person's open tasks, soonest due first).
// A message holds at most 50 blocks and Slack has refused messages of about 13k characters in
// all, so lines are packed into a few sections and the list stops at a character budget.
import { isOverdue, openTasksSoonestFirst, progress, tasksByStage, type Task, type TaskStatus } from '../../domain/tasks.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import type { TaskInCampaign } from '../../store/tasks.ts'
import { actions, button, context, header, section, type Blocks } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'

/** Opens the tasks modal of a campaign: value `${campaignId}` or `${campaignId}:${taskId}` (its page). */
export const openTasksActionId = 'tasks_open'

export function openTasksValue(campaignId: number, taskId?: number): string {
  return taskId === undefined ? String(campaignId) : `${campaignId}:${taskId}`
}

export function readOpenTasksValue(value: string | undefined): { campaignId: number; taskId: number | null } | null {
  const match = /^(\d{1,9})(?::(\d{1,9}))?$/.exec(value ?? '')
  return match ? { campaignId: Number(match[1]), taskId: match[2] ? Number(match[2]) : null } : null
}

export const statusIcon: Record<TaskStatus, string> = {
  todo: ':white_circle:', in_progress: ':large_blue_circle:', done: ':white_check_mark:', blocked: ':no_entry:',
}

/** Titles are cut in lists (the full title is in the modal): 80 tasks must fit one message. */
const listTitleLength = 60
const sectionTextLength = 3000
const messageTextBudget = 11_000

function cut(text: string, length: number): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()]
  return characters.length <= length ? characters.join('') : `${characters.slice(0, length - 1).join('')}…`
}

/** A task's row in the tasks modal: status, title, owner, dates, overdue and why it is blocked. */
export function taskRowText(task: Task, today: string, m: Messages): Mrkdwn {
  const overdue = isOverdue(task, today) ? ` · ${m.tasks.overdue}` : ''
  const lines = [
    `${statusIcon[task.status]} *${escapeMrkdwn(task.title)}*`,
    `${m.taskStatus[task.status]} · ${mentionUser(task.ownerId)} · ${m.tasks.dates(task.startDate, task.dueDate)}${overdue}`,
  ]
  if (task.status === 'blocked' && task.blockedReason) lines.push(`_${m.tasks.blockedBecause(escapeMrkdwn(task.blockedReason))}_`)
  return trusted(lines.join('\n'))
}

/** One line of a list message. */
function taskLine(task: Task, today: string, m: Messages, campaignName?: string): string {
  const overdue = isOverdue(task, today) ? ` · *${m.tasks.overdue}*` : ''
  const where = campaignName === undefined ? '' : ` · _${escapeMrkdwn(cut(campaignName, 30))}_`
  const owner = campaignName === undefined ? ` · ${mentionUser(task.ownerId)}` : ''
  return `${statusIcon[task.status]} ${escapeMrkdwn(cut(task.title, listTitleLength))}${where}${owner} · ${m.tasks.dates(task.startDate, task.dueDate)}${overdue}`
}

/** A line of a list message: a task (counted when cut off) or a stage heading. */
export type ListLine = { text: string; task: boolean }

/**
 * Packs lines into section texts of at most 3000 characters, up to the message's budget; the
 * tasks that do not fit (and `notFetched` more) are counted in a last line.
 */
export function packLines(lines: readonly ListLine[], m: Messages, notFetched = 0, budget = messageTextBudget): string[] {
  const texts: string[] = []
  let current = ''
  let used = 0
  const add = (line: string) => {
    if (current && current.length + line.length + 1 > sectionTextLength) {
      texts.push(current)
      current = ''
    }
    current = current ? `${current}\n${line}` : line
    used += line.length + 1
  }
  let left = notFetched
  for (const [index, line] of lines.entries()) {
    if (used + line.text.length > budget) {
      left += lines.slice(index).filter((rest) => rest.task).length
      break
    }
    add(line.text)
  }
  if (left > 0) add(m.tasks.more(left))
  if (current) texts.push(current)
  return texts
}

function openButton(campaignId: number, m: Messages) {
  return actions('tasks_list_actions', [button(m.tasks.command.open, openTasksActionId, openTasksValue(campaignId))])
}

/** `/campaign tasks <campaign>`: its tasks by stage of work, overdue marked. */
export function campaignTasksMessage(record: PlanRecord, today: string, m: Messages): { text: string; blocks: Blocks } {
  const campaign = record.campaign
  const tasks = record.snapshot.tasks
  if (tasks.length === 0) {
    const text = m.tasks.command.none(escapeMrkdwn(campaign.name))
    return { text, blocks: [section(trusted(text)), openButton(campaign.id, m)] }
  }
  const { done, total } = progress(tasks)
  const overdue = tasks.filter((task) => isOverdue(task, today)).length
  const lines = tasksByStage(tasks).flatMap((group): ListLine[] => [
    { text: `*${m.workStage[group.stage]}* (${group.tasks.length})`, task: false },
    ...group.tasks.map((task) => ({ text: taskLine(task, today, m), task: true })),
  ])
  const blocks: Blocks = [
    header(m.tasks.command.header(campaign.name)),
    context(trusted(m.plan.summary.tasks(done, total, overdue))),
    ...packLines(lines, m).map((text) => section(trusted(text))),
    openButton(campaign.id, m),
  ]
  return { text: `${m.tasks.command.header(escapeMrkdwn(campaign.name))}: ${m.plan.summary.tasks(done, total, overdue)}`, blocks }
}

/** `/campaign mine`: the person's open tasks across campaigns, soonest due first, overdue marked. */
export function myTasksMessage(found: { tasks: readonly TaskInCampaign[]; total: number }, today: string, m: Messages): { text: string; blocks: Blocks } {
  if (found.total === 0) return { text: m.tasks.command.mineEmpty, blocks: [section(trusted(m.tasks.command.mineEmpty))] }
  const campaignOf = new Map(found.tasks.map(({ task, campaign }) => [task.id, campaign.name]))
  const open = openTasksSoonestFirst(found.tasks.map(({ task }) => task), today)
  const overdue = open.filter((entry) => entry.overdue).length
  const lines = open.map(({ task }) => ({ text: taskLine(task, today, m, campaignOf.get(task.id) ?? ''), task: true }))
  const count = m.tasks.command.mineCount(found.total, overdue)
  return {
    text: `${m.tasks.command.mineHeader}: ${count}`,
    blocks: [header(m.tasks.command.mineHeader), context(trusted(count)), ...packLines(lines, m, found.total - found.tasks.length).map((text) => section(trusted(text)))],
  }
}

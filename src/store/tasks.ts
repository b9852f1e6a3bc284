// Tasks read on their own (a DM's button names a task, `/campaign mine` lists a person's tasks
// across campaigns), and the task changes the tasks surface makes inside planStore.changeSection.
// These tell a stale copy ('stale': the task changed since the
// person saw it) from a task that is gone (false), so the person gets the right answer.
import { CampaignStage } from '../domain/campaign.ts'
import type { Task } from '../domain/tasks.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { type TaskDraft } from './plans.ts'
import { type PlanRecord } from './planRecord.ts'
import { type SectionChange } from './planSections.ts'
import { toTask } from './planRecord.ts'

/** A task with the campaign it belongs to, for lists that span campaigns. */
export type TaskInCampaign = { task: Task; campaign: { id: number; name: string; stage: CampaignStage } }

/** A task as its deadline reminder sees it. */
export type ReminderTask = {
  task: Task
  lastReminderOn: string | null
  snoozedUntil: string | null
  campaign: { id: number; name: string; stage: CampaignStage; paused: boolean; ownerId: string }
}

/** Campaigns whose tasks still count as someone's work. */
const workingStages: CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live, CampaignStage.Retrospective]

export function taskStore(prisma: PrismaDb) {
  return {
    /** The task, only if it belongs to this workspace. */
    async byId(teamId: string, taskId: number): Promise<Task | null> {
      const row = await prisma.task.findFirst({ where: { id: taskId, teamId } })
      return row ? toTask(row) : null
    },

    /** What a deadline reminder needs at delivery and its buttons at a click: the task and its campaign as they are now. */
    async reminderFacts(teamId: string, taskId: number): Promise<ReminderTask | null> {
      const row = await prisma.task.findFirst({
        where: { id: taskId, teamId },
        include: { campaign: { select: { id: true, name: true, stage: true, pausedAt: true, ownerId: true } } },
      })
      if (!row) return null
      const { campaign } = row
      return {
        task: toTask(row), lastReminderOn: row.lastReminderOn, snoozedUntil: row.snoozedUntil,
        campaign: { id: campaign.id, name: campaign.name, stage: campaign.stage as CampaignStage, paused: campaign.pausedAt !== null, ownerId: campaign.ownerId },
      }
    },

    /** "Snooze 1 day": no reminder of this open task before `until` (the owner's local date). */
    async snooze(teamId: string, taskId: number, until: string): Promise<boolean> {
      const { count } = await prisma.task.updateMany({ where: { id: taskId, teamId, status: { not: 'done' } }, data: { snoozedUntil: until } })
      return count === 1
    },

    /** A person's open tasks in the workspace's working campaigns, soonest due first (at most `limit`). */
    async openTasksOf(teamId: string, ownerId: string, limit = 500): Promise<{ tasks: TaskInCampaign[]; total: number }> {
      const where = { teamId, ownerId, status: { not: 'done' }, campaign: { stage: { in: workingStages } } }
      const [rows, total] = await Promise.all([
        prisma.task.findMany({
          where,
          include: { campaign: { select: { id: true, name: true, stage: true } } },
          orderBy: [{ dueDate: 'asc' }, { startDate: 'asc' }, { id: 'asc' }],
          take: limit,
        }),
        prisma.task.count({ where }),
      ])
      return {
        tasks: rows.map((row) => ({ task: toTask(row), campaign: { ...row.campaign, stage: row.campaign.stage as CampaignStage } })),
        total,
      }
    },
  }
}

export type TaskStore = ReturnType<typeof taskStore>

const taskIn = (before: PlanRecord, taskId: number) => before.snapshot.tasks.find((task) => task.id === taskId)

/** The outbox key prefix of a task's deadline reminders (the planner's `reminder:<task>:<day>`). */
export const reminderKeyPrefix = (taskId: number) => `reminder:${taskId}:`

/**
 * A task finished or rescheduled: its reminders still waiting in the outbox (Slack down, say) are
 * not sent, in the same transaction as the change. The renderer would drop them too; this says so
 * at once, with the reason, and a reminder being delivered this very moment is the only one left.
 */
async function cancelPendingReminders(tx: PrismaTx, teamId: string, taskId: number, reason: 'task_done' | 'rescheduled'): Promise<void> {
  await tx.outboxMessage.updateMany({
    where: { teamId, status: 'pending', dedupeKey: { startsWith: reminderKeyPrefix(taskId) } },
    data: { status: 'superseded', lastError: reason },
  })
}

export const taskSectionChanges = {
  /** Adds a task; `created.id` says which, for the posts written in the same transaction. */
  add: (teamId: string, value: TaskDraft, at: Date, created: { id?: number }): SectionChange => async (tx, campaignId) => {
    created.id = (await tx.task.create({ data: { ...value, campaignId, teamId, createdAt: at }, select: { id: true } })).id
    return true
  },

  /** Edits a task from the version the person saw. A new due date brings its own reminders. */
  edit: (taskId: number, expectedVersion: number, value: TaskDraft): SectionChange => async (tx, campaignId, before) => {
    const task = taskIn(before, taskId)
    if (!task) return false
    if (task.version !== expectedVersion) return 'stale'
    const rescheduled = value.dueDate !== task.dueDate
    const { count } = await tx.task.updateMany({
      where: { id: taskId, campaignId, version: expectedVersion },
      data: { ...value, version: { increment: 1 }, ...(rescheduled ? { lastReminderOn: null, snoozedUntil: null } : {}) },
    })
    if (count === 1 && rescheduled) await cancelPendingReminders(tx, before.campaign.teamId, taskId, 'rescheduled')
    return count === 1 ? true : 'stale'
  },

  /** Deletes a task as the person saw it. */
  remove: (taskId: number, expectedVersion: number): SectionChange => async (tx, campaignId, before) => {
    const task = taskIn(before, taskId)
    if (!task) return false
    if (task.version !== expectedVersion) return 'stale'
    const { count } = await tx.task.deleteMany({ where: { id: taskId, campaignId, version: expectedVersion } })
    return count === 1 ? true : 'stale'
  },

  /**
   * Moves a task to the status `next` gives from the task as it stands now (a click carries no
   * form to be stale: starting a task someone just renamed still starts it). `next` may throw to refuse.
   */
  setStatus: (taskId: number, next: (task: Task, before: PlanRecord) => Pick<Task, 'status' | 'blockedReason'>, at: Date): SectionChange =>
    async (tx, campaignId, before) => {
      const task = taskIn(before, taskId)
      if (!task) return false
      const { status, blockedReason } = next(task, before)
      const finished = status === 'done' && task.status !== 'done'
      // When it was done counts in the retrospective (on time or late); reopened, it is not done.
      const doneAt = finished ? { doneAt: at } : status !== 'done' ? { doneAt: null } : {}
      const { count } = await tx.task.updateMany({ where: { id: taskId, campaignId, version: task.version }, data: { status, blockedReason, ...doneAt, version: { increment: 1 } } })
      if (count === 1 && finished) await cancelPendingReminders(tx, before.campaign.teamId, taskId, 'task_done')
      return count === 1 ? true : 'stale'
    },
}

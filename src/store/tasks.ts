// Tasks read on their own (a DM's button names a task, `/campaign mine` lists a person's tasks
// across campaigns), and the task changes the tasks surface makes inside planStore.changeSection.
// These tell a stale copy ('stale': the task changed since the
// person saw it) from a task that is gone (false), so the person gets the right answer.
import { CampaignStage } from '../domain/campaign.ts'
import type { Task } from '../domain/tasks.ts'
import type { PrismaDb } from './database.ts'
import { toTask, type PlanRecord, type SectionChange, type TaskDraft } from './plans.ts'

/** A task with the campaign it belongs to, for lists that span campaigns. */
export type TaskInCampaign = { task: Task; campaign: { id: number; name: string; stage: CampaignStage } }

/** Campaigns whose tasks still count as someone's work. */
const workingStages: CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live, CampaignStage.Retrospective]

export function taskStore(prisma: PrismaDb) {
  return {
    /** The task, only if it belongs to this workspace. */
    async byId(teamId: string, taskId: number): Promise<Task | null> {
      const row = await prisma.task.findFirst({ where: { id: taskId, teamId } })
      return row ? toTask(row) : null
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

export const taskSectionChanges = {
  /** Adds a task; `created.id` says which, for the posts written in the same transaction. */
  add: (teamId: string, value: TaskDraft, at: Date, created: { id?: number }): SectionChange => async (tx, campaignId) => {
    created.id = (await tx.task.create({ data: { ...value, campaignId, teamId, createdAt: at }, select: { id: true } })).id
    return true
  },

  /** Edits a task from the version the person saw. */
  edit: (taskId: number, expectedVersion: number, value: TaskDraft): SectionChange => async (tx, campaignId, before) => {
    const task = taskIn(before, taskId)
    if (!task) return false
    if (task.version !== expectedVersion) return 'stale'
    const { count } = await tx.task.updateMany({ where: { id: taskId, campaignId, version: expectedVersion }, data: { ...value, version: { increment: 1 } } })
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
  setStatus: (taskId: number, next: (task: Task, before: PlanRecord) => Pick<Task, 'status' | 'blockedReason'>): SectionChange =>
    async (tx, campaignId, before) => {
      const task = taskIn(before, taskId)
      if (!task) return false
      const { status, blockedReason } = next(task, before)
      const { count } = await tx.task.updateMany({ where: { id: taskId, campaignId, version: task.version }, data: { status, blockedReason, version: { increment: 1 } } })
      return count === 1 ? true : 'stale'
    },
}

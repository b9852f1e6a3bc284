// The reads behind a person's App Home: their open tasks (the first page, soonest due first, and
// how many in all) and the campaigns in flight they own, approve, have tasks in or report figures of, with their
// plans. A few queries whatever the number of campaigns: the plans of every campaign shown are
// read together (plans.loadMany), never one campaign at a time.
import { homeCampaignOrder, homeLimits, homeStages } from '../domain/home.ts'
import type { CampaignStage } from '../domain/campaign.ts'
import type { Task } from '../domain/tasks.ts'
import type { PrismaDb } from './database.ts'
import { type PlanStore } from './plans.ts'
import { type PlanRecord } from './planRecord.ts'
import { toTask } from './planRecord.ts'

export type HomeTask = Task & { campaignName: string }

export type HomeData = {
  /** The first open tasks of the person, soonest due first. */
  openTasks: HomeTask[]
  openTaskCount: number
  /** The first campaigns of the person, in Home order, each with its plan. */
  campaigns: PlanRecord[]
  campaignCount: number
}

export function homeStore(prisma: PrismaDb, plans: PlanStore) {
  return {
    async homeOf(teamId: string, userId: string, limits: { tasks: number; campaigns: number } = homeLimits): Promise<HomeData> {
      const inFlight = { in: [...homeStages] }
      const openTaskWhere = { teamId, ownerId: userId, status: { not: 'done' }, campaign: { stage: inFlight } }
      const [taskRows, openTaskCount, campaignRows] = await Promise.all([
        prisma.task.findMany({
          where: openTaskWhere,
          orderBy: [{ dueDate: 'asc' }, { startDate: 'asc' }, { id: 'asc' }],
          take: limits.tasks,
          include: { campaign: { select: { name: true } } },
        }),
        prisma.task.count({ where: openTaskWhere }),
        prisma.campaign.findMany({
          where: {
            teamId, stage: inFlight,
            OR: [{ ownerId: userId }, { approverId: userId }, { tasks: { some: { ownerId: userId } } }, { goals: { some: { dataOwnerId: userId } } }],
          },
          select: { id: true, stage: true, startDate: true },
        }),
      ])
      const ordered = homeCampaignOrder(campaignRows.map((row) => ({ ...row, stage: row.stage as CampaignStage })))
      const campaigns = await plans.loadMany(teamId, ordered.slice(0, limits.campaigns).map((row) => row.id))
      return {
        openTasks: taskRows.map((row) => ({ ...toTask(row), campaignName: row.campaign.name })),
        openTaskCount,
        campaigns,
        campaignCount: ordered.length,
      }
    },
  }
}

export type HomeStore = ReturnType<typeof homeStore>

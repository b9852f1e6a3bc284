// What the live stage's posts show, read when they are delivered (src/slack/live/): a campaign as
// it is at that moment — its window, stage and pause, its settings, its tasks and goals with the
// latest figures, its promoters — as plain data. One campaign per call, a handful of queries.
import { CampaignStage } from '../domain/campaign.ts'
import type { DigestGoal, DigestTask } from '../domain/digest.ts'
import type { CampaignOverrides, WorkspaceLiveSettings } from '../domain/liveSettings.ts'
import { goalCurves, type GoalCurve } from '../domain/pace.ts'
import { goalMetrics, type GoalMetric } from '../domain/plan.ts'
import { taskStatuses, workStages, type TaskStatus, type WorkStage } from '../domain/tasks.ts'
import type { PrismaDb } from './database.ts'
import { campaignOverridesSelect, toWorkspaceSettings, workspaceSettingsSelect } from './settings.ts'

export type LiveCampaignFacts = {
  id: number
  teamId: string
  name: string
  stage: CampaignStage
  paused: boolean
  startDate: string
  endDate: string
  ownerId: string
  channelId: string
  /** The plan's currency (money goals are in its minor units); null when there is no plan. */
  currency: string | null
  overrides: CampaignOverrides
  workspace: WorkspaceLiveSettings
  /** The owner's Slack zone as last looked up; null = not known yet. */
  ownerZone: string | null
  tasks: DigestTask[]
  goals: DigestGoal[]
  /** Promotion items' owners, one entry per item (repeats kept: the domain picks them once). */
  promoterIds: string[]
}

const oneOf = <T extends string>(values: readonly T[], value: string, fallback: T): T =>
  (values as readonly string[]).includes(value) ? (value as T) : fallback

const asNumber = (minor: bigint | null, value: number | null): number | null => (minor !== null ? Number(minor) : value)

export function liveReadStore(prisma: PrismaDb) {
  return {
    /** The campaign with everything its digest, pace alert or notice shows; null when it is not this team's. */
    async campaignFacts(teamId: string, campaignId: number, options: { tasks?: boolean } = {}): Promise<LiveCampaignFacts | null> {
      const row = await prisma.campaign.findFirst({
        where: { id: campaignId, teamId },
        select: {
          id: true, teamId: true, name: true, stage: true, pausedAt: true, startDate: true, endDate: true, ownerId: true, channelId: true,
          ...campaignOverridesSelect,
          plan: { select: { currency: true } },
          goals: {
            select: {
              id: true, metric: true, customMetric: true, unit: true, targetMinor: true, targetValue: true, actualMinor: true, actualValue: true,
              actualAsOf: true, curve: true,
            },
            orderBy: [{ position: 'asc' }, { id: 'asc' }],
          },
          promotionItems: { select: { promoterId: true }, orderBy: { id: 'asc' } },
        },
      })
      if (!row) return null
      const [workspace, owner, tasks] = await Promise.all([
        prisma.workspaceSettings.findUnique({ where: { teamId }, select: { ...workspaceSettingsSelect, paceMarginPercent: true } }),
        prisma.person.findUnique({ where: { teamId_userId: { teamId, userId: row.ownerId } }, select: { timeZone: true } }),
        options.tasks === false ? Promise.resolve([]) : prisma.task.findMany({
          where: { campaignId },
          select: { id: true, title: true, stage: true, ownerId: true, dueDate: true, status: true },
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
        }),
      ])
      return {
        id: row.id, teamId: row.teamId, name: row.name, stage: row.stage as CampaignStage, paused: row.pausedAt !== null,
        startDate: row.startDate, endDate: row.endDate, ownerId: row.ownerId, channelId: row.channelId,
        currency: row.plan?.currency ?? null,
        overrides: { timeZone: row.timeZone, digestTime: row.digestTime, promptTime: row.promptTime, quietDigests: row.quietDigests },
        workspace: toWorkspaceSettings(workspace),
        ownerZone: owner?.timeZone ?? null,
        tasks: tasks.map((task) => ({
          id: task.id, title: task.title, ownerId: task.ownerId, dueDate: task.dueDate,
          stage: oneOf<WorkStage>(workStages, task.stage, 'content'),
          status: oneOf<TaskStatus>(taskStatuses, task.status, 'todo'),
        })),
        goals: row.goals.map((goal) => {
          const metric = oneOf<GoalMetric>(goalMetrics, goal.metric, 'custom')
          return {
            id: goal.id, metric, customMetric: goal.customMetric, unit: goal.unit,
            money: goal.targetMinor !== null || goal.actualMinor !== null || metric === 'revenue',
            target: asNumber(goal.targetMinor, goal.targetValue),
            actual: asNumber(goal.actualMinor, goal.actualValue) ?? 0,
            actualAsOf: goal.actualAsOf,
            curve: oneOf<GoalCurve>(goalCurves, goal.curve, 'linear'),
          }
        }),
        promoterIds: row.promotionItems.map((item) => item.promoterId),
      }
    },
  }
}

export type LiveReadStore = ReturnType<typeof liveReadStore>

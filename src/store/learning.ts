// What the learning loop reads: a workspace's closed campaigns with what their goals reached, and
// the lessons their retros wrote. Two queries, both scoped by team and limited, so a goal modal or
// a proposal modal costs the same however many campaigns a workspace has closed.
import type { CampaignKind, Platform } from '../domain/campaign.ts'
import type { AchievedGoal, Lesson, PastCampaign } from '../domain/learning.ts'
import type { GoalMetric, Purpose } from '../domain/plan.ts'
import type { PrismaDb } from './database.ts'
import { exportDataStore } from './exportData.ts'

/** The closed campaigns looked at, latest ended first: enough for any suggestion, bounded for a big workspace. */
export const pastCampaignWindow = 300
/** The lessons read, latest campaigns first. */
export const lessonWindow = 500

const figure = (minor: bigint | null, value: number | null): number | null => (minor !== null ? Number(minor) : value)

export function learningStore(prisma: PrismaDb) {
  return {
    /** A whole campaign for `/campaign export`. */
    exportData: exportDataStore(prisma).load,
    /** The workspace's closed campaigns with their goals' final figures (else the last running total). */
    async closedCampaigns(teamId: string): Promise<PastCampaign[]> {
      const rows = await prisma.campaign.findMany({
        where: { teamId, stage: 'closed' },
        select: {
          id: true, teamId: true, name: true, stage: true, endDate: true, kind: true, platform: true,
          plan: { select: { purpose: true, currency: true } },
          goals: { select: { metric: true, customMetric: true, unit: true, finalMinor: true, finalValue: true, actualMinor: true, actualValue: true } },
        },
        orderBy: [{ endDate: 'desc' }, { id: 'desc' }],
        take: pastCampaignWindow,
      })
      return rows.map((row) => ({
        id: row.id, teamId: row.teamId, name: row.name, stage: row.stage, endDate: row.endDate,
        kind: row.kind as CampaignKind, platform: row.platform as Platform | null,
        purpose: (row.plan?.purpose ?? null) as Purpose | null, currency: row.plan?.currency ?? '',
        goals: row.goals.flatMap((goal): AchievedGoal[] => {
          const achieved = figure(goal.finalMinor, goal.finalValue) ?? figure(goal.actualMinor, goal.actualValue)
          return achieved === null ? [] : [{ metric: goal.metric as GoalMetric, customMetric: goal.customMetric, unit: goal.unit, achieved }]
        }),
      }))
    },

    /** Every written biggest lesson of the workspace's closed campaigns, with who wrote it and where. */
    async lessons(teamId: string): Promise<Lesson[]> {
      const rows = await prisma.retro.findMany({
        where: { campaign: { teamId, stage: 'closed' }, biggestLesson: { not: '' } },
        select: {
          respondentId: true, biggestLesson: true,
          campaign: { select: { id: true, name: true, endDate: true, kind: true, platform: true, plan: { select: { purpose: true } } } },
        },
        orderBy: [{ campaign: { endDate: 'desc' } }, { campaignId: 'desc' }, { respondentId: 'asc' }],
        take: lessonWindow,
      })
      return rows.map((row) => ({
        campaignId: row.campaign.id, campaignName: row.campaign.name, endDate: row.campaign.endDate,
        respondentId: row.respondentId, lesson: row.biggestLesson,
        kind: row.campaign.kind as CampaignKind, platform: row.campaign.platform as Platform | null,
        purpose: (row.campaign.plan?.purpose ?? null) as Purpose | null,
      }))
    },

    /** Purpose and currency of a campaign's plan (the rest of its likeness is on the campaign). */
    async planTraits(teamId: string, campaignId: number): Promise<{ purpose: Purpose | null; currency: string } | null> {
      const row = await prisma.plan.findFirst({ where: { campaignId, campaign: { teamId } }, select: { purpose: true, currency: true } })
      return row ? { purpose: row.purpose as Purpose | null, currency: row.currency } : null
    },
  }
}

export type LearningStore = ReturnType<typeof learningStore>

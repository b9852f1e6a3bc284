// The reads behind the retrospective report (one query for the campaign and everything it holds,
// one for the workspace's settings and the owner's zone) and its compile: once, as a
// compare-and-set on reportCompiledAt, with the move to Closed and the report's posts in the same
// transaction, so two instances or a double click post it once.
import { CampaignStage } from '../domain/campaign.ts'
import { effectiveSettings } from '../domain/liveSettings.ts'
import type { EntryMode } from '../domain/metrics.ts'
import type { GoalCurve } from '../domain/pace.ts'
import type { GoalMetric } from '../domain/plan.ts'
import type { PromotionChannel } from '../domain/planPromotion.ts'
import type { BudgetCategory, EffectEstimate, EstimateMetric } from '../domain/planBudget.ts'
import { retroParticipants, type WouldRunAgain } from '../domain/retro.ts'
import type { RetroReportData } from '../domain/retroReport.ts'
import type { TaskStatus, WorkStage } from '../domain/tasks.ts'
import type { Prisma } from '../generated/sqlite/client.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { enqueue, type OutboxDraft } from './outbox.ts'
import type { PlanStore } from './plans.ts'
import type { PlanRecord } from './planRecord.ts'
import { campaignOverridesSelect, toWorkspaceSettings, workspaceSettingsSelect } from './settings.ts'

const reportInclude = {
  plan: { select: { currency: true } },
  goals: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { entries: { select: { onDate: true, mode: true, value: true, valueMinor: true } } } },
  budgetScenarios: { where: { chosen: true }, take: 1, include: { lines: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } } },
  effectEstimates: { orderBy: { id: 'asc' } },
  tasks: { orderBy: [{ dueDate: 'asc' }, { id: 'asc' }], select: { id: true, title: true, stage: true, dueDate: true, status: true, doneAt: true, ownerId: true } },
  promotionItems: { select: { promoterId: true } },
  retros: { orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }], include: { entries: { orderBy: { id: 'asc' } } } },
  // The compile's own transition says why and by whom the report was compiled.
  transitions: { where: { toStage: CampaignStage.Closed }, orderBy: { at: 'desc' }, take: 1 },
} satisfies Prisma.CampaignInclude

const toNumber = (value: bigint | null): number | null => (value === null ? null : Number(value))

async function loadData(db: PrismaDb | PrismaTx, teamId: string, campaignId: number): Promise<RetroReportData | null> {
  const row = await db.campaign.findFirst({ where: { id: campaignId, teamId }, include: reportInclude })
  if (!row) return null
  const [workspace, owner] = await Promise.all([
    db.workspaceSettings.findUnique({ where: { teamId }, select: workspaceSettingsSelect }),
    db.person.findUnique({ where: { teamId_userId: { teamId, userId: row.ownerId } }, select: { timeZone: true } }),
  ])
  const overrides = Object.fromEntries(Object.keys(campaignOverridesSelect).map((key) => [key, row[key as keyof typeof campaignOverridesSelect]]))
  const settings = effectiveSettings(toWorkspaceSettings(workspace), overrides as never, owner?.timeZone ?? null)
  const scenario = row.budgetScenarios[0]
  const closing = row.transitions[0]
  return {
    campaign: {
      id: row.id, teamId: row.teamId, name: row.name, channelId: row.channelId, ownerId: row.ownerId, approverId: row.approverId,
      startDate: row.startDate, endDate: row.endDate, stage: row.stage, reportCompiledAt: row.reportCompiledAt,
    },
    compiled: row.reportCompiledAt && closing ? { at: row.reportCompiledAt, reason: closing.reason ?? 'deadline', actorId: closing.actorId } : null,
    currency: row.plan?.currency ?? 'USD',
    timeZone: settings.timeZone,
    goals: row.goals.map((goal) => {
      const isMoney = goal.metric === 'revenue'
      return {
        id: goal.id, metric: goal.metric as GoalMetric, customMetric: goal.customMetric, unit: goal.unit, isMoney,
        target: isMoney ? (toNumber(goal.targetMinor) ?? 0) : (goal.targetValue ?? 0),
        curve: goal.curve as GoalCurve,
        actual: isMoney ? toNumber(goal.actualMinor) : goal.actualValue,
        actualAsOf: goal.actualAsOf,
        final: isMoney ? toNumber(goal.finalMinor) : goal.finalValue,
        entries: goal.entries.map((entry) => ({
          onDate: entry.onDate, mode: entry.mode as EntryMode, value: (isMoney ? toNumber(entry.valueMinor) : entry.value) ?? 0,
        })),
      }
    }),
    scenario: scenario
      ? {
          name: scenario.name,
          lines: scenario.lines.map((line) => ({
            id: line.id, category: line.category as BudgetCategory, channel: line.channel as PromotionChannel | null,
            amountMinor: Number(line.amountMinor), actualMinor: toNumber(line.actualMinor), note: line.note,
          })),
        }
      : null,
    estimates: row.effectEstimates.map((estimate): EffectEstimate => ({
      channel: estimate.channel as PromotionChannel, metric: estimate.metric as EstimateMetric, customMetric: estimate.customMetric, expected: estimate.expected,
    })),
    tasks: row.tasks.map((task) => ({
      id: task.id, title: task.title, stage: task.stage as WorkStage, dueDate: task.dueDate, status: task.status as TaskStatus, doneAt: task.doneAt,
    })),
    retros: row.retros.map((retro) => ({
      respondentId: retro.respondentId, overallEffect: retro.overallEffect, biggestLesson: retro.biggestLesson,
      wouldRunAgain: retro.wouldRunAgain as WouldRunAgain, submittedAt: retro.submittedAt,
      entries: retro.entries.map((entry) => ({ stage: entry.stage, worked: entry.worked, failed: entry.failed })),
    })),
    participantIds: retroParticipants({
      ownerId: row.ownerId, approverId: row.approverId, taskOwnerIds: row.tasks.map((task) => task.ownerId),
      dataOwnerIds: row.goals.map((goal) => goal.dataOwnerId), promoterIds: row.promotionItems.map((item) => item.promoterId),
    }),
  }
}

/** The report's posts, from the data as compiled and the plan as the compile left it. */
export type ReportOutboxFor = (data: RetroReportData, after: PlanRecord, context: { planMessagePosted: boolean }) => OutboxDraft[]

export type ReportCompiled =
  | { outcome: 'compiled'; data: RetroReportData; outboxIds: number[] }
  | { outcome: 'already' }
  | { outcome: 'not_found' }

export function retroReportStore(prisma: PrismaDb, plans: PlanStore) {
  return {
    /** What the report is compiled from, as it stands now; null when the team has no such campaign. */
    load: (teamId: string, campaignId: number) => loadData(prisma, teamId, campaignId),

    /**
     * Compiles the report once: a campaign in its retrospective whose report is not compiled yet is
     * closed (its name freed for a new campaign), and the report's posts are written with it.
     * 'already' when it was compiled before (by another instance, say); 'not_found' when there is
     * no such campaign in its retrospective.
     */
    async compile(input: {
      teamId: string; campaignId: number; at: Date; actorId: string; reason: string
      /** The plan message's outbox key: edited to show the campaign closed, when it was posted. */
      planMessageKey: string
      outbox: ReportOutboxFor
    }): Promise<ReportCompiled> {
      const compiled = await prisma.$transaction(async (tx) => {
        const { count } = await tx.campaign.updateMany({
          where: { id: input.campaignId, teamId: input.teamId, stage: CampaignStage.Retrospective, reportCompiledAt: null },
          data: {
            stage: CampaignStage.Closed, reportCompiledAt: input.at, activeNameKey: null,
            version: { increment: 1 }, planRevision: { increment: 1 },
          },
        })
        if (count === 0) return null
        await tx.stageTransition.create({
          data: { campaignId: input.campaignId, fromStage: CampaignStage.Retrospective, toStage: CampaignStage.Closed, actorId: input.actorId, reason: input.reason, at: input.at },
        })
        // Read after the compare-and-set: no retro saved a moment before is left out.
        const data = (await loadData(tx, input.teamId, input.campaignId))!
        const after = (await plans.loadIn(tx, input.teamId, input.campaignId))!
        const planMessage = await tx.outboxMessage.findUnique({ where: { teamId_dedupeKey: { teamId: input.teamId, dedupeKey: input.planMessageKey } }, select: { id: true } })
        const outboxIds = await enqueue(tx, input.outbox(data, after, { planMessagePosted: planMessage !== null }), input.at)
        return { outcome: 'compiled' as const, data, outboxIds }
      })
      if (compiled) return compiled
      const row = await prisma.campaign.findFirst({ where: { id: input.campaignId, teamId: input.teamId }, select: { reportCompiledAt: true } })
      return row?.reportCompiledAt ? { outcome: 'already' } : { outcome: 'not_found' }
    },
  }
}

export type RetroReportStore = ReturnType<typeof retroReportStore>

// The reads and writes behind a campaign's life once its plan is ready: the campaigns the
// lifecycle planner looks at (one query for the campaigns, one for their workspaces' settings),
// and each change as one compare-and-set with its transition and its posts in the same transaction.
import { CampaignStage } from '../domain/campaign.ts'
import { startedEarlyReason, startOnStartNow } from '../domain/lifecycle.ts'
import type { CampaignOverrides, WorkspaceLiveSettings } from '../domain/liveSettings.ts'
import type { PrismaDb } from './database.ts'
import { enqueue } from './outbox.ts'
import type { PlanOutboxFor, PlanStore } from './plans.ts'
import type { PlanRecord } from './planRecord.ts'
import { campaignOverridesSelect, toWorkspaceSettings, workspaceSettingsSelect } from './settings.ts'

export type LifecycleCandidate = {
  id: number
  teamId: string
  stage: CampaignStage
  startDate: string
  endDate: string
  ownerId: string
  overrides: CampaignOverrides
  workspace: WorkspaceLiveSettings
}

/**
 * go_live / start: Scheduled → Live; end / end_early: Live → Retrospective; pause / resume: a
 * Live campaign's pausedAt set or cleared.
 */
export type LifecycleChange = 'go_live' | 'start' | 'end' | 'end_early' | 'pause' | 'resume'

export type LifecycleChanged =
  | { outcome: 'changed'; record: PlanRecord; outboxIds: number[] }
  | { outcome: 'stale'; record: PlanRecord }
  | { outcome: 'not_found' }

export type LifecycleChangeInput = {
  teamId: string; campaignId: number; actorId: string; at: Date; reason?: string | null; outbox: PlanOutboxFor
} & (
  | { change: Exclude<LifecycleChange, 'start'> }
  /**
   * `today`: the campaign's local date at `at`. Start now before the planned start date moves the
   * start to it (startOnStartNow), and the history says it started early.
   */
  | { change: 'start'; today: string }
)

export function lifecycleStore(prisma: PrismaDb, plans: PlanStore) {
  return {
    /** Every Scheduled or Live campaign, with what resolves its zone. */
    async candidates(): Promise<LifecycleCandidate[]> {
      const rows = await prisma.campaign.findMany({
        where: { stage: { in: [CampaignStage.Scheduled, CampaignStage.Live] } },
        select: { id: true, teamId: true, stage: true, startDate: true, endDate: true, ownerId: true, ...campaignOverridesSelect },
        orderBy: { id: 'asc' },
      })
      const teamIds = [...new Set(rows.map((row) => row.teamId))]
      const settings = await prisma.workspaceSettings.findMany({ where: { teamId: { in: teamIds } }, select: { teamId: true, ...workspaceSettingsSelect } })
      const byTeam = new Map(settings.map((row) => [row.teamId, toWorkspaceSettings(row)]))
      return rows.map((row) => ({
        id: row.id, teamId: row.teamId, stage: row.stage as CampaignStage, startDate: row.startDate, endDate: row.endDate, ownerId: row.ownerId,
        overrides: { timeZone: row.timeZone, digestTime: row.digestTime, promptTime: row.promptTime, quietDigests: row.quietDigests },
        workspace: byTeam.get(row.teamId) ?? toWorkspaceSettings(null),
      }))
    },

    /** The change, once: nothing when the campaign is no longer as `change` expects it. */
    async change(input: LifecycleChangeInput): Promise<LifecycleChanged> {
      const { change } = input
      const goesLive = change === 'go_live' || change === 'start'
      const ends = change === 'end' || change === 'end_early'
      const from = goesLive ? CampaignStage.Scheduled : CampaignStage.Live
      const to = goesLive ? CampaignStage.Live : ends ? CampaignStage.Retrospective : CampaignStage.Live
      const changed = await prisma.$transaction(async (tx) => {
        const { count } = await tx.campaign.updateMany({
          where: {
            id: input.campaignId, teamId: input.teamId, stage: from,
            ...(change === 'pause' ? { pausedAt: null } : change === 'resume' ? { pausedAt: { not: null } } : {}),
          },
          data: { stage: to, version: { increment: 1 }, planRevision: { increment: 1 }, pausedAt: change === 'pause' ? input.at : null },
        })
        if (count === 0) return null
        let reason = input.reason ?? null
        if (input.change === 'start') {
          // Read after the compare-and-set: the row is this transaction's now, so an edit of the window cannot slip between.
          const { startDate: plannedStart } = await tx.campaign.findUniqueOrThrow({ where: { id: input.campaignId }, select: { startDate: true } })
          const started = startOnStartNow(plannedStart, input.today)
          if (started.early) {
            await tx.campaign.update({ where: { id: input.campaignId }, data: { startDate: started.startDate } })
            reason = startedEarlyReason(plannedStart)
          }
        }
        if (from !== to) {
          await tx.stageTransition.create({
            data: { campaignId: input.campaignId, fromStage: from, toStage: to, actorId: input.actorId, reason, at: input.at },
          })
        }
        const record = (await plans.loadIn(tx, input.teamId, input.campaignId))!
        return { outcome: 'changed' as const, record, outboxIds: await enqueue(tx, input.outbox(record), input.at) }
      })
      if (changed) return changed
      const record = await plans.load(input.teamId, input.campaignId)
      return record ? { outcome: 'stale', record } : { outcome: 'not_found' }
    },
  }
}

export type LifecycleStore = ReturnType<typeof lifecycleStore>

// The execution plan of a campaign (stage 2) and its tasks, read as one PlanRecord and changed one
// section at a time. Every change is one transaction that:
//   1. bumps the campaign's planRevision, only while the plan may change (planning or scheduled),
//   2. reads the plan as it now stands and lets the change compare what it is about to overwrite
//      with what the person's modal showed (a version stamp, or a task's version): an edit made on
//      a stale copy is refused with who changed the section last, instead of overwriting them,
//   3. applies the change, records who changed the section, then writes the outbox rows the
//      caller derives from the new record (the plan message edit, DMs, Home refreshes).
// Money columns are BigInt (integer minor units); the domain sees numbers within the safe range.
import { CampaignStage, type Campaign } from '../domain/campaign.ts'
import type { PlanSection } from '../domain/planCompleteness.ts'
import type { Task } from '../domain/tasks.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { enqueue, type OutboxDraft } from './outbox.ts'
import { loadRow, planInclude, type PlanRecord, toRecord } from './planRecord.ts'
import type { SectionChange } from './planSections.ts'

/** Stages in which the plan may be written. */
export const planEditableStages: readonly CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled]

export type PlanOutboxFor = (record: PlanRecord) => OutboxDraft[]

export type PlanChanged =
  | { outcome: 'changed'; record: PlanRecord; outboxIds: number[] }
  /** The section changed since the person opened it: `record` is the newer copy. */
  | { outcome: 'stale'; record: PlanRecord; changedById: string | null }
  /** The campaign is past planning (or not yet there): nothing changed. */
  | { outcome: 'not_editable'; record: PlanRecord }
  | { outcome: 'item_not_found'; record: PlanRecord }
  | { outcome: 'not_found' }

/**
 * A change of one section, applied inside the transaction with the plan as it stands (`before`):
 * true = applied, false = the item it names is gone, 'stale' = it changed since the person saw it.
 */
export function planStore(prisma: PrismaDb, defaultCurrency = 'CNY') {
  async function load(teamId: string, campaignId: number): Promise<PlanRecord | null> {
    const row = await loadRow(prisma, teamId, campaignId)
    return row ? toRecord(row, defaultCurrency) : null
  }

  /** Changes one section in one transaction (see the top of this file). */
  async function changeSection(input: {
    teamId: string
    campaignId: number
    section: PlanSection
    actorId: string
    at: Date
    change: SectionChange
    outbox: PlanOutboxFor
    /** Stages in which this change is allowed; the plan's editable stages by default. */
    stages?: readonly CampaignStage[]
  }): Promise<PlanChanged> {
    const stages = input.stages ?? planEditableStages
    type Abort = { abort: 'not_editable' | 'stale' | 'item_not_found' }
    try {
      return await prisma.$transaction(async (tx) => {
        // Taking the campaign row first orders concurrent changes: each sees the one before it.
        const { count } = await tx.campaign.updateMany({
          where: { id: input.campaignId, teamId: input.teamId, stage: { in: [...stages] } },
          data: { planRevision: { increment: 1 } },
        })
        if (count === 0) throw { abort: 'not_editable' } satisfies Abort
        const before = toRecord((await loadRow(tx, input.teamId, input.campaignId))!, defaultCurrency)
        const applied = await input.change(tx, input.campaignId, before)
        if (applied === 'stale') throw { abort: 'stale' } satisfies Abort
        if (!applied) throw { abort: 'item_not_found' } satisfies Abort
        await recordSectionChange(tx, input.campaignId, input.section, input.actorId, input.at)
        const row = await loadRow(tx, input.teamId, input.campaignId)
        const record = toRecord(row!, defaultCurrency)
        const outboxIds = await enqueue(tx, input.outbox(record), input.at)
        return { outcome: 'changed' as const, record, outboxIds }
      })
    } catch (error) {
      const abort = (error as Partial<Abort>)?.abort
      if (!abort) throw error
      const record = await load(input.teamId, input.campaignId)
      if (!record) return { outcome: 'not_found' }
      if (abort === 'stale') return { outcome: 'stale', record, changedById: record.revisions[input.section].updatedById }
      return { outcome: abort, record }
    }
  }

  return {
    load,
    changeSection,

    /**
     * Moves the campaign between planning and scheduled, once: a compare-and-set on the stage it
     * is expected to be in, with the transition recorded and the plan's posts in the same transaction.
     */
    async moveStage(input: {
      teamId: string; campaignId: number; from: CampaignStage; to: CampaignStage; actorId: string; at: Date; outbox: PlanOutboxFor
    }): Promise<{ outcome: 'changed'; record: PlanRecord; outboxIds: number[] } | { outcome: 'stale'; record: PlanRecord } | { outcome: 'not_found' }> {
      const changed = await prisma.$transaction(async (tx) => {
        const { count } = await tx.campaign.updateMany({
          where: { id: input.campaignId, teamId: input.teamId, stage: input.from },
          data: { stage: input.to, version: { increment: 1 }, planRevision: { increment: 1 } },
        })
        if (count === 0) return null
        await tx.stageTransition.create({ data: { campaignId: input.campaignId, fromStage: input.from, toStage: input.to, actorId: input.actorId, at: input.at } })
        const record = toRecord((await loadRow(tx, input.teamId, input.campaignId))!, defaultCurrency)
        return { outcome: 'changed' as const, record, outboxIds: await enqueue(tx, input.outbox(record), input.at) }
      })
      if (changed) return changed
      const record = await load(input.teamId, input.campaignId)
      return record ? { outcome: 'stale', record } : { outcome: 'not_found' }
    },

    /** The workspace's currency for new plans, if an admin set one. */
    async workspaceCurrency(teamId: string): Promise<string | null> {
      const settings = await prisma.workspaceSettings.findUnique({ where: { teamId }, select: { currency: true } })
      return settings?.currency ?? null
    },

    /** Campaigns of the workspace a goal's basis may name: those already run or running, newest first. */
    async pastCampaigns(teamId: string): Promise<Array<{ id: number; name: string }>> {
      return prisma.campaign.findMany({
        where: { teamId, stage: { in: [CampaignStage.Live, CampaignStage.Retrospective, CampaignStage.Closed] } },
        select: { id: true, name: true }, orderBy: { id: 'desc' }, take: 100,
      })
    },

    /** The plan's row, created on approval with the currency every amount of the campaign is in. */
    async createPlan(tx: PrismaTx, campaignId: number, currency: string): Promise<void> {
      await tx.plan.upsert({ where: { campaignId }, create: { campaignId, currency }, update: {} })
    },

    /** Records the owner's answer to the task template, once: false when it was already answered. */
    async decideTemplate(input: {
      teamId: string; campaignId: number; decision: 'accepted' | 'skipped'; actorId: string; at: Date
      tasks: Array<Omit<Task, 'id' | 'campaignId' | 'status' | 'blockedReason' | 'version'> & { templateKey: string }>
      outbox: PlanOutboxFor
    }): Promise<PlanChanged | { outcome: 'already_decided'; record: PlanRecord }> {
      const record = await load(input.teamId, input.campaignId)
      if (!record) return { outcome: 'not_found' }
      if (record.templateDecision) return { outcome: 'already_decided', record }
      const result = await changeSection({
        teamId: input.teamId, campaignId: input.campaignId, section: 'tasks', actorId: input.actorId,
        at: input.at, outbox: input.outbox,
        change: async (tx, campaignId) => {
          await tx.plan.upsert({ where: { campaignId }, create: { campaignId, currency: record.currency }, update: {} })
          const { count } = await tx.plan.updateMany({ where: { campaignId, templateDecision: null }, data: { templateDecision: input.decision } })
          if (count === 0) return false
          for (const task of input.tasks) {
            await tx.task.create({ data: { ...task, campaignId, teamId: input.teamId, createdAt: input.at } })
          }
          return true
        },
      })
      if (result.outcome === 'item_not_found') return { outcome: 'already_decided', record: result.record }
      return result
    },

    /** Several plans at once, in `campaignIds` order: one query per relation, not per campaign (App Home). */
    async loadMany(teamId: string, campaignIds: readonly number[]): Promise<PlanRecord[]> {
      if (campaignIds.length === 0) return []
      const rows = await prisma.campaign.findMany({ where: { teamId, id: { in: [...campaignIds] } }, include: planInclude })
      const records = new Map(rows.map((row) => [row.id, toRecord(row, defaultCurrency)]))
      return campaignIds.flatMap((id) => records.get(id) ?? [])
    },

    /** The plan as it stands inside a transaction, for a change made there (src/store/lifecycle.ts). */
    async loadIn(tx: PrismaTx, teamId: string, campaignId: number): Promise<PlanRecord | null> {
      const row = await loadRow(tx, teamId, campaignId)
      return row ? toRecord(row, defaultCurrency) : null
    },
  }
}

/** Who changed a section last, and how often it changed (the count is for the record). */
async function recordSectionChange(tx: PrismaTx, campaignId: number, section: PlanSection, actorId: string, at: Date): Promise<void> {
  await tx.planSectionRevision.upsert({
    where: { campaignId_section: { campaignId, section } },
    create: { campaignId, section, version: 1, updatedById: actorId, updatedAt: at },
    update: { version: { increment: 1 }, updatedById: actorId, updatedAt: at },
  })
}

/** What a person sets on a task; its status and version are the task's own (see store/tasks.ts). */
export type TaskDraft = Pick<Task, 'title' | 'stage' | 'ownerId' | 'startDate' | 'dueDate'>

export type PlanStore = ReturnType<typeof planStore>

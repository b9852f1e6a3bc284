// Metric entries: one per goal and day, an edit keeping what it replaced (MetricEntryRevision),
// and the goal's figure so far (actual*) recomputed from all its entries in the same transaction,
// so the scheduler reads goals without their entries. Every query is scoped by the team.
import type { Campaign } from '../domain/campaign.ts'
import { goalActual, type EntryMode, type EntrySource, type MetricEntry, type MetricEntryInput } from '../domain/metrics.ts'
import { defaultPaceMarginPercent, type GoalCurve } from '../domain/pace.ts'
import type { Goal } from '../domain/plan.ts'
import { toCampaign, withProposal } from './campaigns.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { enqueue, type OutboxDraft } from './outbox.ts'

/** A goal as the live stage shows it: its plan fields, curve, figure so far and entries (oldest first). */
export type LiveGoal = Goal & {
  curve: GoalCurve
  isMoney: boolean
  actual: number
  actualAsOf: string | null
  entries: MetricEntry[]
}

export type CampaignFigures = {
  campaign: Campaign
  currency: string
  goals: LiveGoal[]
  /** How far behind its pace a goal may fall before it counts as behind (the workspace's setting). */
  paceMarginPercent: number
}

export type EntryToSave = { goalId: number; entry: MetricEntryInput }

export type EntriesSaved =
  | { outcome: 'saved'; figures: CampaignFigures; outboxIds: number[]; edited: number }
  | { outcome: 'goal_not_found'; goalId: number }
  | { outcome: 'not_found' }

const toNumber = (value: bigint): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount out of range: ${value}`)
  return Number(value)
}
const csvIds = (text: string | null): number[] => (text ? text.split(',').filter(Boolean).map(Number) : [])

type EntryRow = Awaited<ReturnType<PrismaDb['metricEntry']['findFirstOrThrow']>>

function toEntry(row: EntryRow): MetricEntry {
  return {
    id: row.id, goalId: row.goalId, onDate: row.onDate, mode: row.mode as EntryMode,
    value: row.valueMinor !== null ? toNumber(row.valueMinor) : (row.value ?? 0),
    note: row.note, reportedBy: row.reportedBy, source: row.source as EntrySource, version: row.version,
  }
}

function loadFigures(db: PrismaDb | PrismaTx, teamId: string, campaignId: number) {
  return db.campaign.findFirst({
    where: { id: campaignId, teamId },
    include: {
      ...withProposal,
      plan: { select: { currency: true } },
      goals: { orderBy: [{ position: 'asc' }, { id: 'asc' }], include: { entries: { orderBy: { onDate: 'asc' } } } },
    },
  })
}

function toFigures(row: NonNullable<Awaited<ReturnType<typeof loadFigures>>>, defaultCurrency: string, paceMarginPercent: number | null | undefined): CampaignFigures {
  return {
    paceMarginPercent: paceMarginPercent ?? defaultPaceMarginPercent,
    campaign: toCampaign(row),
    currency: row.plan?.currency ?? defaultCurrency,
    goals: row.goals.map((g) => {
      const isMoney = g.metric === 'revenue'
      return {
        id: g.id, metric: g.metric as Goal['metric'], customMetric: g.customMetric, unit: g.unit,
        target: g.targetMinor !== null ? toNumber(g.targetMinor) : (g.targetValue ?? 0),
        basisKind: g.basisKind as Goal['basisKind'], basis: g.basis, pastCampaignIds: csvIds(g.pastCampaignIds), dataOwnerId: g.dataOwnerId,
        curve: (g.curve === 'front_loaded' ? 'front_loaded' : 'linear') as GoalCurve,
        isMoney,
        actual: isMoney ? (g.actualMinor !== null ? toNumber(g.actualMinor) : 0) : (g.actualValue ?? 0),
        actualAsOf: g.actualAsOf,
        entries: g.entries.map(toEntry),
      }
    }),
  }
}

export function metricStore(prisma: PrismaDb, defaultCurrency = 'CNY') {
  async function figures(teamId: string, campaignId: number): Promise<CampaignFigures | null> {
    const [row, settings] = await Promise.all([
      loadFigures(prisma, teamId, campaignId),
      prisma.workspaceSettings.findUnique({ where: { teamId }, select: { paceMarginPercent: true } }),
    ])
    return row ? toFigures(row, defaultCurrency, settings?.paceMarginPercent) : null
  }

  return {
    /** The campaign with its goals and their entries, for display; null when not in this workspace. */
    figures,

    /**
     * Saves one entry per goal for its day: a new day is created, an existing day is replaced
     * with what it held kept as a revision (and its version bumped). Each goal's figure so far is
     * then recomputed from all its entries. All or nothing, with the posts `outbox` asks for.
     */
    async saveEntries(input: {
      teamId: string; campaignId: number; reportedBy: string; at: Date; entries: readonly EntryToSave[]
      /** Typed unless said. */
      source?: EntrySource
      outbox?: (figures: CampaignFigures) => OutboxDraft[]
      /** More writes that must stand or fall with this save (the API's idempotency record). */
      alsoWrite?: (tx: PrismaTx, saved: { figures: CampaignFigures; edited: number }) => Promise<void>
    }): Promise<EntriesSaved> {
      type Abort = { abort: 'not_found' } | { abort: 'goal_not_found'; goalId: number }
      try {
        return await prisma.$transaction(async (tx) => {
          const campaign = await tx.campaign.findFirst({ where: { id: input.campaignId, teamId: input.teamId }, select: { id: true } })
          if (!campaign) throw { abort: 'not_found' } satisfies Abort
          const goalIds = [...new Set(input.entries.map((e) => e.goalId))]
          // Taking the goals' rows first orders two saves of one goal: the second recomputes
          // from every entry the first wrote (PostgreSQL would otherwise let each miss the other's).
          await tx.goal.updateMany({ where: { id: { in: goalIds }, campaignId: input.campaignId }, data: { position: { increment: 0 } } })
          const goals = await tx.goal.findMany({ where: { id: { in: goalIds }, campaignId: input.campaignId }, select: { id: true, metric: true } })
          const moneyGoals = new Set(goals.filter((g) => g.metric === 'revenue').map((g) => g.id))
          const missing = goalIds.find((id) => !goals.some((g) => g.id === id))
          if (missing !== undefined) throw { abort: 'goal_not_found', goalId: missing } satisfies Abort

          let edited = 0
          for (const { goalId, entry } of input.entries) {
            const isMoney = moneyGoals.has(goalId)
            const figure = isMoney ? { valueMinor: BigInt(entry.value), value: null } : { valueMinor: null, value: entry.value }
            const existing = await tx.metricEntry.findUnique({ where: { goalId_onDate: { goalId, onDate: entry.onDate } } })
            if (existing) {
              await tx.metricEntryRevision.create({
                data: {
                  entryId: existing.id, mode: existing.mode, valueMinor: existing.valueMinor, value: existing.value, note: existing.note,
                  reportedBy: existing.reportedBy, source: existing.source, replacedAt: input.at, replacedBy: input.reportedBy,
                },
              })
              await tx.metricEntry.update({
                where: { id: existing.id },
                data: { ...figure, mode: entry.mode, note: entry.note, reportedBy: input.reportedBy, source: input.source ?? 'typed', version: { increment: 1 }, updatedAt: input.at },
              })
              edited++
            } else {
              await tx.metricEntry.create({
                data: {
                  campaignId: input.campaignId, goalId, onDate: entry.onDate, mode: entry.mode, ...figure, note: entry.note,
                  reportedBy: input.reportedBy, source: input.source ?? 'typed', createdAt: input.at, updatedAt: input.at,
                },
              })
            }
          }

          for (const goalId of goalIds) {
            const entries = (await tx.metricEntry.findMany({ where: { goalId } })).map(toEntry)
            const { actual, asOf } = goalActual(entries)
            const isMoney = moneyGoals.has(goalId)
            await tx.goal.update({
              where: { id: goalId },
              data: { actualMinor: isMoney ? BigInt(actual) : null, actualValue: isMoney ? null : actual, actualAsOf: asOf },
            })
          }

          const settings = await tx.workspaceSettings.findUnique({ where: { teamId: input.teamId }, select: { paceMarginPercent: true } })
          const after = toFigures((await loadFigures(tx, input.teamId, input.campaignId))!, defaultCurrency, settings?.paceMarginPercent)
          const outboxIds = await enqueue(tx, input.outbox?.(after) ?? [], input.at)
          await input.alsoWrite?.(tx, { figures: after, edited })
          return { outcome: 'saved' as const, figures: after, outboxIds, edited }
        })
      } catch (error) {
        const abort = error as Partial<Abort> | null
        if (abort?.abort === 'not_found') return { outcome: 'not_found' }
        if (abort?.abort === 'goal_not_found') return { outcome: 'goal_not_found', goalId: (abort as { goalId: number }).goalId }
        throw error
      }
    },

    /** The earlier versions of an entry, newest first (for tests and a future history view). */
    async revisionsOf(teamId: string, entryId: number): Promise<Array<{ mode: EntryMode; value: number; note: string | null; reportedBy: string; source: EntrySource; replacedBy: string }>> {
      const rows = await prisma.metricEntryRevision.findMany({
        where: { entryId, entry: { campaign: { teamId } } }, orderBy: { id: 'desc' },
      })
      return rows.map((r) => ({
        mode: r.mode as EntryMode, value: r.valueMinor !== null ? toNumber(r.valueMinor) : (r.value ?? 0),
        note: r.note, reportedBy: r.reportedBy, source: r.source as EntrySource, replacedBy: r.replacedBy,
      }))
    },
  }
}

export type MetricStore = ReturnType<typeof metricStore>

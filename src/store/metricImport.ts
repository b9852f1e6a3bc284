// Figures imported from a file, stored in bulk (issue 17): thousands of goal-days in one
// transaction. Like saveEntries (store/metrics.ts), a new day is created and a changed day is
// replaced with what it held kept as a revision; a day whose figure is the same is left alone, so
// importing a file again writes nothing. Each touched goal's figure so far is recomputed once.
// SQLite: direct statements on Prisma's connection, prepared once and run synchronously inside
// BEGIN IMMEDIATE (through Prisma, each row cost several statements' worth of round trips).
// PostgreSQL: one Prisma transaction with the inserts batched (createMany).
import type { EntryMode, EntrySource } from '../domain/metrics.ts'
import { goalActual } from '../domain/metrics.ts'
import type { Database, PrismaTx } from './database.ts'
import { sqliteStamp, type SqliteStatements } from './directSql.ts'
import { enqueue, enqueueSqlite, type OutboxDraft } from './outbox.ts'

/** One goal-day as the import writes it; `value` in the goal's units (money in minor units). */
export type ImportedDay = { goalId: number; onDate: string; mode: EntryMode; value: number }

export type ImportInput = {
  teamId: string; campaignId: number; reportedBy: string; at: Date; days: readonly ImportedDay[]
  source: EntrySource
  /**
   * The posts the import asks for, given a number that grows with every save of the campaign's
   * figures (entries plus their versions, as saveEntries' App Home refresh counts them).
   */
  outbox?: (change: number) => OutboxDraft[]
}

export type ImportStored =
  | { outcome: 'saved'; added: number; corrected: number; unchanged: number; outboxIds: number[] }
  | { outcome: 'goal_not_found'; goalId: number }
  | { outcome: 'not_found' }

type Abort = { abort: 'not_found' } | { abort: 'goal_not_found'; goalId: number }

type StoredEntry = { id: number; goalId: number; onDate: string; mode: string; valueMinor: number | bigint | null; value: number | null }

const figureOf = (row: Pick<StoredEntry, 'valueMinor' | 'value'>): number => (row.valueMinor !== null ? Number(row.valueMinor) : (row.value ?? 0))

/** Which days are new, which replace a different stored figure, and how many are the same already. */
function sortDays(days: readonly ImportedDay[], existing: readonly StoredEntry[]) {
  const byKey = new Map(existing.map((row) => [`${row.goalId}|${row.onDate}`, row]))
  const added: ImportedDay[] = []
  const corrected: Array<{ day: ImportedDay; entryId: number }> = []
  let unchanged = 0
  for (const day of days) {
    const before = byKey.get(`${day.goalId}|${day.onDate}`)
    if (!before) added.push(day)
    else if (before.mode === day.mode && figureOf(before) === day.value) unchanged++
    else corrected.push({ day, entryId: before.id })
  }
  return { added, corrected, unchanged }
}

function abortWith(abort: Abort): never {
  throw abort
}

function importSqlite(sql: SqliteStatements, input: ImportInput): ImportStored {
  const at = sqliteStamp(input.at)
  const campaign = sql.get<{ id: number }>(`SELECT "id" FROM "Campaign" WHERE "id" = ? AND "teamId" = ?`, input.campaignId, input.teamId)
  if (!campaign) abortWith({ abort: 'not_found' })
  const goals = sql.all<{ id: number; metric: string }>(`SELECT "id", "metric" FROM "Goal" WHERE "campaignId" = ?`, input.campaignId)
  const moneyGoals = new Set(goals.filter((g) => g.metric === 'revenue').map((g) => g.id))
  const goalIds = [...new Set(input.days.map((day) => day.goalId))]
  const missing = goalIds.find((id) => !goals.some((g) => g.id === id))
  if (missing !== undefined) abortWith({ abort: 'goal_not_found', goalId: missing })

  const existing = sql.all<StoredEntry>(
    `SELECT "id", "goalId", "onDate", "mode", "valueMinor", "value" FROM "MetricEntry" WHERE "campaignId" = ?`, input.campaignId)
  const { added, corrected, unchanged } = sortDays(input.days, existing)
  const figure = (day: ImportedDay) => (moneyGoals.has(day.goalId) ? [day.value, null] : [null, day.value])

  for (const { day, entryId } of corrected) {
    sql.run(`INSERT INTO "MetricEntryRevision" ("entryId", "mode", "valueMinor", "value", "note", "reportedBy", "source", "replacedAt", "replacedBy")
             SELECT "id", "mode", "valueMinor", "value", "note", "reportedBy", "source", ?, ? FROM "MetricEntry" WHERE "id" = ?`, at, input.reportedBy, entryId)
    sql.run(`UPDATE "MetricEntry" SET "mode" = ?, "valueMinor" = ?, "value" = ?, "note" = NULL, "reportedBy" = ?, "source" = ?, "version" = "version" + 1, "updatedAt" = ?
             WHERE "id" = ?`, day.mode, ...figure(day), input.reportedBy, input.source, at, entryId)
  }
  for (const day of added) {
    sql.run(`INSERT INTO "MetricEntry" ("campaignId", "goalId", "onDate", "mode", "valueMinor", "value", "note", "reportedBy", "source", "version", "createdAt", "updatedAt")
             VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 0, ?, ?)`, input.campaignId, day.goalId, day.onDate, day.mode, ...figure(day), input.reportedBy, input.source, at, at)
  }

  const touched = [...new Set([...added, ...corrected.map((c) => c.day)].map((day) => day.goalId))]
  for (const goalId of touched) {
    const entries = sql.all<StoredEntry>(`SELECT "id", "goalId", "onDate", "mode", "valueMinor", "value" FROM "MetricEntry" WHERE "goalId" = ?`, goalId)
    const { actual, asOf } = goalActual(entries.map((row) => ({ onDate: row.onDate, mode: row.mode as EntryMode, value: figureOf(row) })))
    const isMoney = moneyGoals.has(goalId)
    sql.run(`UPDATE "Goal" SET "actualMinor" = ?, "actualValue" = ?, "actualAsOf" = ? WHERE "id" = ?`, isMoney ? actual : null, isMoney ? null : actual, asOf, goalId)
  }

  let outboxIds: number[] = []
  if (touched.length > 0 && input.outbox) {
    const change = sql.get<{ change: number }>(`SELECT COUNT(*) + COALESCE(SUM("version"), 0) AS "change" FROM "MetricEntry" WHERE "campaignId" = ?`, input.campaignId)!.change
    outboxIds = enqueueSqlite(sql, input.outbox(change), input.at)
  }
  return { outcome: 'saved', added: added.length, corrected: corrected.length, unchanged, outboxIds }
}

async function importPrisma(tx: PrismaTx, input: ImportInput): Promise<ImportStored> {
  const campaign = await tx.campaign.findFirst({ where: { id: input.campaignId, teamId: input.teamId }, select: { id: true } })
  if (!campaign) abortWith({ abort: 'not_found' })
  // Taking the goals' rows first orders this import after (or before) any other save of them.
  await tx.goal.updateMany({ where: { campaignId: input.campaignId }, data: { position: { increment: 0 } } })
  const goals = await tx.goal.findMany({ where: { campaignId: input.campaignId }, select: { id: true, metric: true } })
  const moneyGoals = new Set(goals.filter((g) => g.metric === 'revenue').map((g) => g.id))
  const goalIds = [...new Set(input.days.map((day) => day.goalId))]
  const missing = goalIds.find((id) => !goals.some((g) => g.id === id))
  if (missing !== undefined) abortWith({ abort: 'goal_not_found', goalId: missing })

  const existing = await tx.metricEntry.findMany({
    where: { campaignId: input.campaignId }, select: { id: true, goalId: true, onDate: true, mode: true, valueMinor: true, value: true, note: true, reportedBy: true, source: true },
  })
  const { added, corrected, unchanged } = sortDays(input.days, existing)
  const figure = (day: ImportedDay) => (moneyGoals.has(day.goalId) ? { valueMinor: BigInt(day.value), value: null } : { valueMinor: null, value: day.value })

  if (corrected.length > 0) {
    const before = new Map(existing.map((row) => [row.id, row]))
    await tx.metricEntryRevision.createMany({
      data: corrected.map(({ entryId }) => {
        const row = before.get(entryId)!
        return {
          entryId, mode: row.mode, valueMinor: row.valueMinor, value: row.value, note: row.note, reportedBy: row.reportedBy, source: row.source,
          replacedAt: input.at, replacedBy: input.reportedBy,
        }
      }),
    })
    for (const { day, entryId } of corrected) {
      await tx.metricEntry.update({
        where: { id: entryId },
        data: { ...figure(day), mode: day.mode, note: null, reportedBy: input.reportedBy, source: input.source, version: { increment: 1 }, updatedAt: input.at },
      })
    }
  }
  if (added.length > 0) {
    await tx.metricEntry.createMany({
      data: added.map((day) => ({
        campaignId: input.campaignId, goalId: day.goalId, onDate: day.onDate, mode: day.mode, ...figure(day), note: null,
        reportedBy: input.reportedBy, source: input.source, createdAt: input.at, updatedAt: input.at,
      })),
    })
  }

  const touched = [...new Set([...added, ...corrected.map((c) => c.day)].map((day) => day.goalId))]
  if (touched.length > 0) {
    const entries = await tx.metricEntry.findMany({ where: { goalId: { in: touched } }, select: { goalId: true, onDate: true, mode: true, valueMinor: true, value: true } })
    for (const goalId of touched) {
      const { actual, asOf } = goalActual(entries.filter((row) => row.goalId === goalId).map((row) => ({ onDate: row.onDate, mode: row.mode as EntryMode, value: figureOf(row) })))
      const isMoney = moneyGoals.has(goalId)
      await tx.goal.update({ where: { id: goalId }, data: { actualMinor: isMoney ? BigInt(actual) : null, actualValue: isMoney ? null : actual, actualAsOf: asOf } })
    }
  }

  let outboxIds: number[] = []
  if (touched.length > 0 && input.outbox) {
    const counts = await tx.metricEntry.aggregate({ where: { campaignId: input.campaignId }, _count: { _all: true }, _sum: { version: true } })
    outboxIds = await enqueue(tx, input.outbox(counts._count._all + (counts._sum.version ?? 0)), input.at)
  }
  return { outcome: 'saved', added: added.length, corrected: corrected.length, unchanged, outboxIds }
}

export function metricImportStore(database: Pick<Database, 'prisma' | 'direct'>) {
  const { prisma, direct } = database
  return {
    /** Writes the days all or nothing, with the posts `outbox` asks for (none when nothing changed). */
    async importEntries(input: ImportInput): Promise<ImportStored> {
      try {
        if (direct.provider === 'sqlite') return await direct.transaction((sql) => importSqlite(sql, input))
        return await prisma.$transaction((tx) => importPrisma(tx, input), { timeout: 60_000, maxWait: 10_000 })
      } catch (error) {
        const abort = error as Partial<Abort> | null
        if (abort?.abort === 'not_found') return { outcome: 'not_found' }
        if (abort?.abort === 'goal_not_found') return { outcome: 'goal_not_found', goalId: (abort as { goalId: number }).goalId }
        throw error
      }
    },
  }
}

export type MetricImportStore = ReturnType<typeof metricImportStore>

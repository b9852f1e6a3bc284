// The outbox: every post the app makes on its own behalf is a row here, written in the same
// transaction as the change that caused it. The dispatcher (src/jobs/dispatcher.ts) claims due
// rows, delivers them and records where Slack put them.
import type { DueItem } from '../domain/livePlanner.ts'
import type { Database, PrismaDb, PrismaTx } from './database.ts'
import { sqliteStamp, type DirectSql, type SqliteStatements } from './directSql.ts'

/** post / update / dm: a message; home: a refresh of a person's App Home, rendered at delivery. */
export type OutboxKind = 'post' | 'update' | 'dm' | 'home'

export type OutboxPayload = {
  text: string
  blocks?: unknown[]
  /** When the post cannot be delivered for good, tell this person why (rendered at failure time). */
  notifyOnFailure?: { userId: string; locale: string; campaignName: string }
  /**
   * Something the live stage's planner found due: text and blocks are rendered when it is
   * delivered (src/slack/live/), from things as they are then; `text` is empty until then.
   */
  live?: DueItem
  /** A reply in the thread of the post with this dedupeKey (same team): sent once that post is out. */
  threadOfKey?: string
  /** With threadOfKey: not before the reply with this dedupeKey is out, so replies keep their order. */
  afterKey?: string
  /** Set at delivery from threadOfKey (never stored): the thread's ts. */
  threadTs?: string
  /** A file drawn and uploaded at delivery (DispatcherOptions.upload) instead of a message. */
  upload?: { chart: 'retro_goals'; campaignId: number }
  /**
   * A campaign's own channel (issue 17), done at delivery (DispatcherOptions.campaignChannel):
   * created (the row's target is the channel the campaign had), or one person invited into it.
   */
  campaignChannel?: { step: 'create' } | { step: 'invite'; userId: string }
  /**
   * Posted into the channel the row with this dedupeKey created, once that row is out; into
   * `target` if it was not created (the campaign's own channel, created on approval).
   */
  inChannelOfKey?: string
}

export type OutboxDraft = {
  teamId: string
  /** What this post is, for whom and when: unique per team, so it can exist only once. */
  dedupeKey: string
  kind: OutboxKind
  /** Channel id for post/update, user id for dm and home. */
  target: string
  /** For kind=update: the dedupeKey of the post whose message this edits; for kind=home: home:<user id>. */
  updatesKey?: string
  campaignId?: number
  payload: OutboxPayload
  /** Not before this many ms after the change: lets bursts of low-priority rows coalesce. */
  delayMs?: number
  /**
   * Written by `enqueue` only if no row of its key exists yet, instead of failing the change: a
   * row wanted once whichever change causes it first (a person's invitation to a campaign's channel).
   */
  unlessWritten?: boolean
}

export type OutboxMessage = OutboxDraft & {
  id: number
  attempts: number
  /** uninstalled: its workspace removed the app before it went out (installations.ts). */
  status: 'pending' | 'sent' | 'failed' | 'superseded' | 'uninstalled'
  slackChannel: string | null
  slackTs: string | null
}

export async function enqueue(tx: PrismaTx, drafts: OutboxDraft[], now: Date): Promise<number[]> {
  const ids: number[] = []
  for (const draft of await withoutWritten(tx, drafts)) {
    const row = await tx.outboxMessage.create({
      data: {
        teamId: draft.teamId,
        dedupeKey: draft.dedupeKey,
        kind: draft.kind,
        target: draft.target,
        updatesKey: draft.updatesKey ?? null,
        campaignId: draft.campaignId ?? null,
        payload: JSON.stringify(draft.payload),
        nextAttemptAt: draft.delayMs ? new Date(now.getTime() + draft.delayMs) : now,
        createdAt: now,
      },
      select: { id: true },
    })
    ids.push(row.id)
  }
  return ids
}

/** The drafts less those marked `unlessWritten` whose key has a row already (or comes earlier in the list). */
async function withoutWritten(tx: PrismaTx, drafts: OutboxDraft[]): Promise<OutboxDraft[]> {
  const once = drafts.filter((draft) => draft.unlessWritten)
  if (once.length === 0) return drafts
  const rows = await tx.outboxMessage.findMany({
    where: { OR: [...new Set(once.map((d) => d.teamId))].map((teamId) => ({ teamId, dedupeKey: { in: once.filter((d) => d.teamId === teamId).map((d) => d.dedupeKey) } })) },
    select: { teamId: true, dedupeKey: true },
  })
  const seen = new Set(rows.map((row) => `${row.teamId}\n${row.dedupeKey}`))
  return drafts.filter((draft) => {
    if (!draft.unlessWritten) return true
    const key = `${draft.teamId}\n${draft.dedupeKey}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
/**
 * The first row claimed as it is written, by the dispatcher that will deliver it at once (a card a
 * person waits for): one statement fewer before it reaches Slack. Should that process end before
 * delivering it, the row waits out the claim like any claimed row, then another sweep takes it.
 */
export type FirstRowClaim = { claimer: string; until: Date }

/** The rows as one JSON array, for the one-statement inserts below. */
function draftsJson(drafts: readonly OutboxDraft[], now: Date, stamp: (at: Date) => string, claimFirst?: FirstRowClaim): string {
  return JSON.stringify(drafts.map((draft, index) => ({
    teamId: draft.teamId, dedupeKey: draft.dedupeKey, kind: draft.kind, target: draft.target,
    updatesKey: draft.updatesKey ?? null, campaignId: draft.campaignId ?? null, payload: JSON.stringify(draft.payload),
    nextAttemptAt: stamp(draft.delayMs ? new Date(now.getTime() + draft.delayMs) : now),
    ...(index === 0 && claimFirst ? { claimedBy: claimFirst.claimer, claimedUntil: stamp(claimFirst.until) } : {}),
  })))
}

/** The first of `drafts` as the row just written with id `id` reads (a claimed card handed to the dispatcher without reading it back). */
export function writtenMessage(draft: OutboxDraft, id: number): OutboxMessage {
  const { delayMs: _notStored, ...stored } = draft
  return { ...stored, id, attempts: 0, status: 'pending', slackChannel: null, slackTs: null }
}

/** Ids in the drafts' order: ids grow in insertion order, and the rows go in in the array's order. */
const ascending = (rows: Array<{ id: number | string }>) => rows.map((row) => Number(row.id)).sort((a, b) => a - b)

/** The drafts as outbox rows in one statement, inside the caller's SQLite transaction; their ids in order. */
export function enqueueSqlite(sql: SqliteStatements, drafts: readonly OutboxDraft[], now: Date, claimFirst?: FirstRowClaim): number[] {
  if (drafts.length === 0) return []
  return ascending(sql.all<{ id: number }>(
    `INSERT INTO "OutboxMessage" ("teamId", "dedupeKey", "kind", "target", "updatesKey", "campaignId", "payload", "nextAttemptAt", "createdAt", "claimedBy", "claimedUntil")
     SELECT json_extract(value, '$.teamId'), json_extract(value, '$.dedupeKey'), json_extract(value, '$.kind'), json_extract(value, '$.target'),
            json_extract(value, '$.updatesKey'), json_extract(value, '$.campaignId'), json_extract(value, '$.payload'),
            json_extract(value, '$.nextAttemptAt'), ?, json_extract(value, '$.claimedBy'), json_extract(value, '$.claimedUntil')
     FROM json_each(?) ORDER BY key RETURNING "id"`,
    sqliteStamp(now), draftsJson(drafts, now, sqliteStamp, claimFirst),
  ))
}

/**
 * The PostgreSQL form of the same insert, to end a data-modifying WITH: `$1` the time of the
 * change (text), `$2` draftsJson. Its result is the rows' ids.
 */
export const postgresOutboxInsert = `INSERT INTO "OutboxMessage" ("teamId", "dedupeKey", "kind", "target", "updatesKey", "campaignId", "payload", "nextAttemptAt", "createdAt", "claimedBy", "claimedUntil")
  SELECT e.row->>'teamId', e.row->>'dedupeKey', e.row->>'kind', e.row->>'target', e.row->>'updatesKey', (e.row->>'campaignId')::int,
         e.row->>'payload', (e.row->>'nextAttemptAt')::timestamp(3), $1::timestamp(3), e.row->>'claimedBy', (e.row->>'claimedUntil')::timestamp(3)
  FROM json_array_elements($2::json) WITH ORDINALITY AS e(row, n)
  ORDER BY e.n
  RETURNING "id"`

export function postgresOutboxValues(drafts: readonly OutboxDraft[], now: Date, claimFirst?: FirstRowClaim): [string, string] {
  const stamp = (at: Date) => at.toISOString()
  return [stamp(now), draftsJson(drafts, now, stamp, claimFirst)]
}

export { ascending as idsInOrder }

type Row = Awaited<ReturnType<PrismaDb['outboxMessage']['findFirstOrThrow']>>

/** A row as the direct statements read it (SQLite: integers as numbers; both: no dates needed here). */
type DirectRow = {
  id: number; teamId: string; dedupeKey: string; kind: string; target: string; updatesKey: string | null
  campaignId: number | null; payload: string; attempts: number; status: string; slackChannel: string | null; slackTs: string | null
}

const messageColumns = `"id", "teamId", "dedupeKey", "kind", "target", "updatesKey", "campaignId", "payload", "attempts", "status", "slackChannel", "slackTs"`

function toMessage(row: Row | DirectRow): OutboxMessage {
  return {
    id: Number(row.id),
    teamId: row.teamId,
    dedupeKey: row.dedupeKey,
    kind: row.kind as OutboxKind,
    target: row.target,
    ...(row.updatesKey ? { updatesKey: row.updatesKey } : {}),
    ...(row.campaignId !== null ? { campaignId: Number(row.campaignId) } : {}),
    payload: JSON.parse(row.payload) as OutboxPayload,
    attempts: Number(row.attempts),
    status: row.status as OutboxMessage['status'],
    slackChannel: row.slackChannel,
    slackTs: row.slackTs,
  }
}

/**
 * Claims up to `limit` due rows (or exactly `ids`, when given) for `claimer` until `until`, in one
 * statement: the rows are picked in id order and taken by a compare-and-set on the same conditions,
 * so a row another dispatcher claimed in between no longer matches (PostgreSQL re-checks the
 * condition on a row it waited for, and skips rows another claim has locked), and each row is held
 * by one dispatcher. Two statements per batch were once two per row: 75 rows due at once took
 * seconds to claim on a loaded database before the first went out.
 */
async function claimDirect(direct: DirectSql, claimer: string, now: Date, until: Date, limit: number, ids?: number[]): Promise<DirectRow[]> {
  const onlyIds = ids ? JSON.stringify(ids) : null
  if (direct.provider === 'sqlite') {
    const at = sqliteStamp(now)
    return direct.statement((sql) => sql.all<DirectRow>(
      `UPDATE "OutboxMessage" SET "claimedBy" = ?, "claimedUntil" = ?
       WHERE "id" IN (
         SELECT "id" FROM "OutboxMessage"
         WHERE "status" = 'pending' AND "nextAttemptAt" <= ? AND ("claimedUntil" IS NULL OR "claimedUntil" < ?)
           AND (? IS NULL OR "id" IN (SELECT value FROM json_each(?)))
         ORDER BY "id" LIMIT ?)
       AND "status" = 'pending' AND ("claimedUntil" IS NULL OR "claimedUntil" < ?)
       RETURNING ${messageColumns}`,
      claimer, sqliteStamp(until), at, at, onlyIds, onlyIds, limit, at,
    ))
  }
  // The picking is a WITH of its own: PostgreSQL runs it once (an IN (subquery) may be planned to
  // run again per row, and return more rows than the limit).
  return direct.query<DirectRow>('outbox-claim',
    `WITH "picked" AS (
       SELECT "id" FROM "OutboxMessage"
       WHERE "status" = 'pending' AND "nextAttemptAt" <= $3::timestamp(3) AND ("claimedUntil" IS NULL OR "claimedUntil" < $3::timestamp(3))
         AND ($4::jsonb IS NULL OR "id" IN (SELECT value::int FROM jsonb_array_elements_text($4::jsonb)))
       ORDER BY "id" LIMIT $5
       FOR UPDATE SKIP LOCKED)
     UPDATE "OutboxMessage" AS o SET "claimedBy" = $1, "claimedUntil" = $2::timestamp(3)
     FROM "picked" WHERE o."id" = "picked"."id"
       AND o."status" = 'pending' AND (o."claimedUntil" IS NULL OR o."claimedUntil" < $3::timestamp(3))
     RETURNING ${messageColumns.replace(/"(\w+)"/g, 'o."$1"')}`,
    [claimer, until.toISOString(), now.toISOString(), onlyIds, limit],
  )
}

export function outboxStore(database: Pick<Database, 'prisma' | 'direct'>) {
  const { prisma, direct } = database
  return {
    /**
     * Claims up to `limit` due rows (or exactly `ids`, when given) for `claimer` until `now + leaseMs`.
     * Each row is claimed by a compare-and-set, so two dispatchers never hold the same row; a claim
     * left by a crashed instance expires and is taken over.
     */
    async claimDue(claimer: string, now: Date, leaseMs: number, limit: number, ids?: number[]): Promise<OutboxMessage[]> {
      if (ids?.length === 0) return []
      const claimed = await claimDirect(direct, claimer, now, new Date(now.getTime() + leaseMs), limit, ids)
      return claimed.map(toMessage).sort((a, b) => a.id - b.id)
    },

    /**
     * Extends `claimer`'s claim on rows it still holds until `now + leaseMs`; a row finished or put
     * back meanwhile is not pending or no longer claimed, and is left alone. Returns how many it kept.
     */
    async renewClaims(claimer: string, ids: number[], now: Date, leaseMs: number): Promise<number> {
      if (ids.length === 0) return 0
      const renewed = await prisma.outboxMessage.updateMany({
        where: { id: { in: ids }, status: 'pending', claimedBy: claimer },
        data: { claimedUntil: new Date(now.getTime() + leaseMs) },
      })
      return renewed.count
    },

    async markSent(id: number, slackChannel: string, slackTs: string | null, now: Date): Promise<void> {
      const changed = direct.provider === 'sqlite'
        ? await direct.statement((sql) => sql.run(
          `UPDATE "OutboxMessage" SET "status" = 'sent', "slackChannel" = ?, "slackTs" = ?, "sentAt" = ?, "attempts" = "attempts" + 1,
             "claimedBy" = NULL, "claimedUntil" = NULL, "lastError" = NULL WHERE "id" = ?`,
          slackChannel, slackTs, sqliteStamp(now), id,
        ))
        : (await direct.query<{ id: number }>('outbox-mark-sent',
          `UPDATE "OutboxMessage" SET "status" = 'sent', "slackChannel" = $1, "slackTs" = $2, "sentAt" = $3::timestamp(3), "attempts" = "attempts" + 1,
             "claimedBy" = NULL, "claimedUntil" = NULL, "lastError" = NULL WHERE "id" = $4 RETURNING "id"`,
          [slackChannel, slackTs, now.toISOString(), id],
        )).length
      // As Prisma's update did: a row that is gone is an error, not a silent success.
      if (changed === 0) throw new Error(`outbox row ${id} not found`)
    },

    /** Puts a row back for a later attempt; `countsAsAttempt` is false when it only waited for another row. */
    async reschedule(id: number, error: string, nextAttemptAt: Date, countsAsAttempt = true): Promise<void> {
      await prisma.outboxMessage.update({
        where: { id },
        data: {
          lastError: error, nextAttemptAt, claimedBy: null, claimedUntil: null,
          ...(countsAsAttempt ? { attempts: { increment: 1 } } : {}),
        },
      })
    },

    /** Gives up on a row for good, and queues the notice about it (if any) in the same transaction. */
    async markFailed(id: number, error: string, now: Date, notice?: OutboxDraft): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.outboxMessage.update({
          where: { id },
          data: { status: 'failed', lastError: error, attempts: { increment: 1 }, claimedBy: null, claimedUntil: null },
        })
        if (notice) await enqueue(tx, [notice], now)
      })
    },

    /** Its workspace has no installation (it left, or never installed the app): it will not go out. */
    async markUninstalled(id: number): Promise<void> {
      await prisma.outboxMessage.update({ where: { id }, data: { status: 'uninstalled', lastError: 'no_installation', claimedBy: null, claimedUntil: null } })
    },

    async markSuperseded(id: number, reason: string | null = null): Promise<void> {
      await prisma.outboxMessage.update({ where: { id }, data: { status: 'superseded', lastError: reason, claimedBy: null, claimedUntil: null } })
    },

    async findByKey(teamId: string, dedupeKey: string): Promise<OutboxMessage | null> {
      const row = await prisma.outboxMessage.findUnique({ where: { teamId_dedupeKey: { teamId, dedupeKey } } })
      return row ? toMessage(row) : null
    },

    /**
     * Is there a later edit of the same message? Then this one is stale and must not overwrite it.
     * `pendingOnly`: only a later one still to be delivered counts (a Home refresh renders at
     * delivery, so only one delivered after this can be trusted to show this change too).
     */
    async hasLaterUpdate(message: OutboxMessage, options: { pendingOnly?: boolean } = {}): Promise<boolean> {
      if (!message.updatesKey) return false
      const later = await prisma.outboxMessage.count({
        where: {
          teamId: message.teamId, updatesKey: message.updatesKey, id: { gt: message.id },
          ...(options.pendingOnly ? { status: 'pending' } : {}),
        },
      })
      return later > 0
    },

    async statusOf(id: number): Promise<OutboxMessage['status'] | null> {
      const row = await prisma.outboxMessage.findUnique({ where: { id }, select: { status: true } })
      return (row?.status as OutboxMessage['status'] | undefined) ?? null
    },

    /** The due time of the oldest row still waiting to be sent (for /healthz), or null. */
    async oldestDueAt(now: Date): Promise<Date | null> {
      const row = await prisma.outboxMessage.findFirst({
        where: { status: 'pending', nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: 'asc' }, select: { nextAttemptAt: true },
      })
      return row?.nextAttemptAt ?? null
    },

    /** How many rows there are of each status (for /metrics). */
    async countByStatus(): Promise<Record<string, number>> {
      const groups = await prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } })
      return Object.fromEntries(groups.map((group) => [group.status, group._count._all]))
    },

    /** Rows still waiting, for shutdown reports and tests. */
    async pendingCount(): Promise<number> {
      return prisma.outboxMessage.count({ where: { status: 'pending' } })
    },

    /**
     * When a sweep could next claim something, so the dispatcher can sleep until then: the earliest
     * of the next unclaimed row's due time and the next lease to run out (a row is takeable at
     * max(nextAttemptAt, claimedUntil)). A row another instance holds is not due before its lease
     * ends, or the dispatcher would wake at once and spin for the length of the lease.
     */
    async nextDueAt(now: Date): Promise<Date | null> {
      // Walks the (status, nextAttemptAt) index in order and stops at the first row nobody holds.
      const unclaimed = await prisma.outboxMessage.findFirst({
        where: { status: 'pending', OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      })
      // A claim is only taken on a due row, so held rows lie in the index range already due.
      const held = await prisma.outboxMessage.aggregate({
        where: { status: 'pending', nextAttemptAt: { lte: now }, claimedUntil: { gte: now } },
        _min: { claimedUntil: true },
      })
      // claimDue takes a row over once claimedUntil < now: one millisecond after the lease ends.
      const takeover = held._min.claimedUntil ? held._min.claimedUntil.getTime() + 1 : Infinity
      const earliest = Math.min(unclaimed ? unclaimed.nextAttemptAt.getTime() : Infinity, takeover)
      return Number.isFinite(earliest) ? new Date(earliest) : null
    },
  }
}

export type OutboxStore = ReturnType<typeof outboxStore>

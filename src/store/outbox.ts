// The outbox: every post the app makes on its own behalf is a row here, written in the same
// transaction as the change that caused it. The dispatcher (src/jobs/dispatcher.ts) claims due
// rows, delivers them and records where Slack put them.
import type { DueItem } from '../domain/livePlanner.ts'
import type { PrismaDb, PrismaTx } from './database.ts'

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
  for (const draft of drafts) {
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

type Row = Awaited<ReturnType<PrismaDb['outboxMessage']['findFirstOrThrow']>>

function toMessage(row: Row): OutboxMessage {
  return {
    id: row.id,
    teamId: row.teamId,
    dedupeKey: row.dedupeKey,
    kind: row.kind as OutboxKind,
    target: row.target,
    ...(row.updatesKey ? { updatesKey: row.updatesKey } : {}),
    ...(row.campaignId !== null ? { campaignId: row.campaignId } : {}),
    payload: JSON.parse(row.payload) as OutboxPayload,
    attempts: row.attempts,
    status: row.status as OutboxMessage['status'],
    slackChannel: row.slackChannel,
    slackTs: row.slackTs,
  }
}

export function outboxStore(prisma: PrismaDb) {
  return {
    /**
     * Claims up to `limit` due rows (or exactly `ids`, when given) for `claimer` until `now + leaseMs`.
     * Each row is claimed by a compare-and-set, so two dispatchers never hold the same row; a claim
     * left by a crashed instance expires and is taken over.
     */
    async claimDue(claimer: string, now: Date, leaseMs: number, limit: number, ids?: number[]): Promise<OutboxMessage[]> {
      const candidates = await prisma.outboxMessage.findMany({
        where: {
          status: 'pending',
          nextAttemptAt: { lte: now },
          OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
          ...(ids ? { id: { in: ids } } : {}),
        },
        orderBy: { id: 'asc' },
        take: limit,
        select: { id: true },
      })
      if (candidates.length === 0) return []
      // One compare-and-set for the batch, returning the rows it took: a row another dispatcher
      // claimed in between no longer matches (PostgreSQL re-checks the condition on the row it
      // waited for), so each row is held by one dispatcher. Two statements per batch instead of two
      // per row: 75 rows due at once took seconds to claim on a loaded database before the first went out.
      const claimed = await prisma.outboxMessage.updateManyAndReturn({
        where: { id: { in: candidates.map(({ id }) => id) }, status: 'pending', OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        data: { claimedBy: claimer, claimedUntil: new Date(now.getTime() + leaseMs) },
      })
      return claimed.sort((a, b) => a.id - b.id).map(toMessage)
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
      await prisma.outboxMessage.update({
        where: { id },
        data: { status: 'sent', slackChannel, slackTs, sentAt: now, attempts: { increment: 1 }, claimedBy: null, claimedUntil: null, lastError: null },
      })
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

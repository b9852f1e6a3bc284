// The brainstorm: ideas, votes, rounds and the boards posted in channels. Every change is one
// transaction that, after changing the idea (or round), bumps the revision of every board still
// showing it and writes one outbox edit per board from the board as the transaction sees it:
// each revision is one edit, keyed by it, and the dispatcher lets the newest win.
//
// Concurrency: a change takes its idea's (or round's) row first, then the boards in id order, so
// two changes of one idea run one after the other, and a board's edits are made in the order of
// its revisions, each seeing the ones before it.
import {
  boardSize, pressKey, roundTopCount, votePress,
  type BrainstormRound, type Idea, type IdeaChange, type IdeaRefusal, type IdeaStatus, type TimingTag,
  refusalToChangeIdea,
} from '../domain/brainstorm.ts'
import type { Prisma } from '../generated/sqlite/client.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { enqueue, type OutboxDraft } from './outbox.ts'

/** A posted board as it stands in a transaction: what its message shows. */
export type BoardView = {
  board: { id: number; teamId: string; channelId: string; roundId: number | null; locale: string; revision: number }
  /**
   * posted: just created (its first post); live: edited after a change; replaced: a newer board
   * took its place in the channel; closed: its round closed. The last two are its final edits.
   */
  state: 'posted' | 'live' | 'replaced' | 'closed'
  /** The round whose call for ideas this board is, if any. */
  round: BrainstormRound | null
  /** The open ideas it shows, in board order (at most `boardSize`). */
  ideas: Idea[]
  /** How many open ideas it has in all. */
  total: number
}

/** The outbox row for a board as it now stands (its post, or an edit keyed by its revision). */
export type BoardOutboxFor = (view: BoardView) => OutboxDraft

/** A closed round: its top ideas, for the results post. */
export type RoundResults = { round: BrainstormRound; top: Idea[]; total: number; contributors: number }

export type IdeaAdded =
  | { outcome: 'added'; idea: Idea; round: BrainstormRound | null; roundClosed: boolean; outboxIds: number[] }
  | { outcome: 'duplicate_submission'; idea: Idea }

export type IdeaChanged =
  | { outcome: 'changed'; idea: Idea; outboxIds: number[] }
  | { outcome: 'refused'; refusal: IdeaRefusal; idea: Idea }
  /** Changed since the person opened it: `idea` is the newer copy. */
  | { outcome: 'stale'; idea: Idea }
  | { outcome: 'not_found' }

export type VoteOutcome =
  | { outcome: 'voted' | 'unvoted'; idea: Idea; outboxIds: number[] }
  /** The same press again (a double click, or both instances): nothing changed. */
  | { outcome: 'repeat' }
  | { outcome: 'not_open'; idea: Idea }
  | { outcome: 'not_found' }

export type RoundStarted =
  | { outcome: 'started'; round: BrainstormRound; boardId: number; outboxIds: number[] }
  | { outcome: 'already_open'; round: BrainstormRound }

export type BoardPosted = { outcome: 'posted'; boardId: number; outboxIds: number[] }

const ideaInclude = { campaign: { select: { id: true, name: true } } } satisfies Prisma.IdeaInclude
type IdeaRow = Prisma.IdeaGetPayload<{ include: typeof ideaInclude }>
type RoundRow = Awaited<ReturnType<PrismaDb['brainstormRound']['findFirstOrThrow']>>

const boardIdeaOrder = [{ voteCount: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.IdeaOrderByWithRelationInput[]

function toIdea(row: IdeaRow): Idea {
  return {
    id: row.id,
    teamId: row.teamId,
    authorId: row.authorId,
    text: row.text,
    tag: row.timingNodeLabel ? { key: row.timingNodeKey ?? row.timingNodeLabel, label: row.timingNodeLabel } : null,
    source: row.sourceChannelId && row.sourceMessageTs
      ? { channelId: row.sourceChannelId, messageTs: row.sourceMessageTs, permalink: row.sourcePermalink }
      : null,
    roundId: row.roundId,
    status: row.status as IdeaStatus,
    campaign: row.campaign,
    voteCount: row.voteCount,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function toRound(row: RoundRow): BrainstormRound {
  return {
    id: row.id, teamId: row.teamId, channelId: row.channelId, topic: row.topic, startedById: row.startedById,
    deadline: row.deadline, closedAt: row.closedAt, locale: row.locale,
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002'
}

const tagColumns = (tag: TimingTag | null) => ({ timingNodeKey: tag?.key ?? null, timingNodeLabel: tag?.label ?? null })

async function loadBoardView(tx: PrismaTx, boardId: number, state: BoardView['state']): Promise<BoardView> {
  const board = await tx.ideaBoard.findUniqueOrThrow({ where: { id: boardId }, include: { round: true } })
  const where = { teamId: board.teamId, status: 'open', ...(board.roundId !== null ? { roundId: board.roundId } : {}) }
  const [rows, total] = await Promise.all([
    tx.idea.findMany({ where, include: ideaInclude, orderBy: boardIdeaOrder, take: boardSize }),
    tx.idea.count({ where }),
  ])
  return {
    board: { id: board.id, teamId: board.teamId, channelId: board.channelId, roundId: board.roundId, locale: board.locale, revision: board.revision },
    state,
    round: board.round ? toRound(board.round) : null,
    ideas: rows.map(toIdea),
    total,
  }
}

/**
 * Bumps every live board that shows ideas of this scope (the workspace's boards, and the round's
 * call when `roundId` is given), in id order, and returns each one's edit as it now stands.
 */
async function refreshBoards(tx: PrismaTx, teamId: string, roundId: number | null, boards: BoardOutboxFor): Promise<OutboxDraft[]> {
  const live = await tx.ideaBoard.findMany({
    where: { teamId, retiredAt: null, OR: [{ roundId: null }, ...(roundId !== null ? [{ roundId }] : [])] },
    orderBy: { id: 'asc' },
    select: { id: true },
  })
  const drafts: OutboxDraft[] = []
  for (const { id } of live) {
    const { count } = await tx.ideaBoard.updateMany({ where: { id, retiredAt: null }, data: { revision: { increment: 1 } } })
    if (count === 1) drafts.push(boards(await loadBoardView(tx, id, 'live')))
  }
  return drafts
}

/** Retires boards (a newer one replaced them, or their round closed): one last edit each. */
async function retireBoards(tx: PrismaTx, ids: number[], state: 'replaced' | 'closed', at: Date, boards: BoardOutboxFor): Promise<OutboxDraft[]> {
  const drafts: OutboxDraft[] = []
  for (const id of [...ids].sort((a, b) => a - b)) {
    const { count } = await tx.ideaBoard.updateMany({ where: { id, retiredAt: null }, data: { revision: { increment: 1 }, retiredAt: at } })
    if (count === 1) drafts.push(boards(await loadBoardView(tx, id, state)))
  }
  return drafts
}

/**
 * Links an idea to the campaign proposed from it, inside the campaign's creation, and edits the
 * boards that show it. Nothing happens when the idea is gone or already has its campaign.
 */
export async function linkIdeaToCampaign(
  tx: PrismaTx, input: { teamId: string; ideaId: number; campaignId: number; at: Date; boards: BoardOutboxFor },
): Promise<OutboxDraft[]> {
  const { count } = await tx.idea.updateMany({
    where: { id: input.ideaId, teamId: input.teamId, campaignId: null, status: 'open' },
    data: { campaignId: input.campaignId, updatedAt: input.at },
  })
  if (count === 0) return []
  const idea = await tx.idea.findUniqueOrThrow({ where: { id: input.ideaId }, select: { roundId: true } })
  return refreshBoards(tx, input.teamId, idea.roundId, input.boards)
}

export function ideaStore(prisma: PrismaDb) {
  async function byId(teamId: string, id: number): Promise<Idea | null> {
    const row = await prisma.idea.findFirst({ where: { id, teamId }, include: ideaInclude })
    return row ? toIdea(row) : null
  }

  async function roundById(teamId: string, id: number): Promise<BrainstormRound | null> {
    const row = await prisma.brainstormRound.findFirst({ where: { id, teamId } })
    return row ? toRound(row) : null
  }

  /** The round open in a channel, if any. */
  async function openRoundIn(teamId: string, channelId: string): Promise<BrainstormRound | null> {
    const row = await prisma.brainstormRound.findFirst({ where: { teamId, openChannelId: channelId } })
    return row ? toRound(row) : null
  }

  return {
    byId,
    roundById,
    openRoundIn,

    /** The language of posts in channels, if an admin set one (else the poster's). */
    async workspaceLocale(teamId: string): Promise<string | null> {
      const settings = await prisma.workspaceSettings.findUnique({ where: { teamId }, select: { locale: true } })
      return settings?.locale ?? null
    },

    /**
     * Adds an idea to the workspace's board, and to a round: the one named (the call's button),
     * else the one open in `channelId`. A second submission of the same view finds the first idea.
     */
    async add(input: {
      teamId: string; authorId: string; text: string; tag: TimingTag | null; at: Date; boards: BoardOutboxFor
      source?: { channelId: string; messageTs: string; permalink: string | null }
      sourceViewId?: string
      /** Where it was added (a command's channel, the shortcut's message): its open round collects it. */
      channelId?: string
      /** The round whose call's button was used. */
      roundId?: number
    }): Promise<IdeaAdded> {
      const findDuplicate = async () => {
        if (!input.sourceViewId) return null
        const row = await prisma.idea.findFirst({ where: { teamId: input.teamId, sourceViewId: input.sourceViewId }, include: ideaInclude })
        return row ? toIdea(row) : null
      }
      const earlier = await findDuplicate()
      if (earlier) return { outcome: 'duplicate_submission', idea: earlier }
      try {
        return await prisma.$transaction(async (tx) => {
          const named = input.roundId !== undefined ? await tx.brainstormRound.findFirst({ where: { id: input.roundId, teamId: input.teamId } }) : null
          const inChannel = !named && input.channelId ? await tx.brainstormRound.findFirst({ where: { teamId: input.teamId, openChannelId: input.channelId } }) : null
          const round = named?.closedAt === null ? named : inChannel
          const row = await tx.idea.create({
            data: {
              teamId: input.teamId, authorId: input.authorId, text: input.text, ...tagColumns(input.tag),
              sourceChannelId: input.source?.channelId ?? null, sourceMessageTs: input.source?.messageTs ?? null,
              sourcePermalink: input.source?.permalink ?? null, sourceViewId: input.sourceViewId ?? null,
              roundId: round?.id ?? null, createdAt: input.at, updatedAt: input.at,
            },
            include: ideaInclude,
          })
          const outboxIds = await enqueue(tx, await refreshBoards(tx, input.teamId, row.roundId, input.boards), input.at)
          return {
            outcome: 'added' as const, idea: toIdea(row), round: round ? toRound(round) : null,
            roundClosed: named !== null && named.closedAt !== null, outboxIds,
          }
        })
      } catch (error) {
        const twin = isUniqueViolation(error) ? await findDuplicate() : null
        if (twin) return { outcome: 'duplicate_submission', idea: twin }
        throw error
      }
    },

    /**
     * Edits, withdraws or removes an idea: only if the actor may (the domain's rule, checked on the
     * idea as the transaction reads it) and, for an edit, only from the version the person opened.
     */
    async change(input: {
      teamId: string; ideaId: number; actor: { userId: string; isWorkspaceAdmin: boolean }; at: Date; boards: BoardOutboxFor
      change: { kind: 'edit'; text: string; tag: TimingTag | null; expectedVersion: number } | { kind: Exclude<IdeaChange, 'edit'> }
    }): Promise<IdeaChanged> {
      type Abort = { abort: 'refused'; refusal: IdeaRefusal } | { abort: 'stale' | 'not_found' }
      const change = input.change
      try {
        return await prisma.$transaction(async (tx) => {
          // Taking the idea's row first: a vote or another change of it waits for this one.
          const { count } = await tx.idea.updateMany({ where: { id: input.ideaId, teamId: input.teamId }, data: { version: { increment: 1 }, updatedAt: input.at } })
          if (count === 0) throw { abort: 'not_found' } satisfies Abort
          const before = toIdea(await tx.idea.findUniqueOrThrow({ where: { id: input.ideaId }, include: ideaInclude }))
          const refusal = refusalToChangeIdea(before, input.actor, change.kind)
          if (refusal) throw { abort: 'refused', refusal } satisfies Abort
          // `before.version` is already bumped by this transaction.
          if (change.kind === 'edit' && before.version !== change.expectedVersion + 1) throw { abort: 'stale' } satisfies Abort
          const row = await tx.idea.update({
            where: { id: input.ideaId },
            data: change.kind === 'edit'
              ? { text: change.text, ...tagColumns(change.tag) }
              : { status: change.kind === 'withdraw' ? 'withdrawn' : 'removed', ...(change.kind === 'remove' ? { removedById: input.actor.userId } : {}) },
            include: ideaInclude,
          })
          const outboxIds = await enqueue(tx, await refreshBoards(tx, input.teamId, row.roundId, input.boards), input.at)
          return { outcome: 'changed' as const, idea: toIdea(row), outboxIds }
        })
      } catch (error) {
        const abort = error as Partial<Abort> | null
        if (!abort?.abort) throw error
        if (abort.abort === 'not_found') return { outcome: 'not_found' }
        const idea = await byId(input.teamId, input.ideaId)
        if (!idea) return { outcome: 'not_found' }
        return abort.abort === 'refused' ? { outcome: 'refused', refusal: abort.refusal!, idea } : { outcome: 'stale', idea }
      }
    },

    /**
     * A press of Upvote from one state of one board (`press`): votes, takes the vote back, or, when
     * it repeats the press that made the person's current state, does nothing. The row per person
     * and idea is unique, and the idea's row is taken first, so the same press on two instances counts once.
     */
    async vote(input: {
      teamId: string; ideaId: number; userId: string; press: { boardId: number; revision: number }; at: Date; boards: BoardOutboxFor
    }): Promise<VoteOutcome> {
      type Abort = { abort: 'repeat' | 'not_open' | 'not_found' }
      const press = pressKey(input.press.boardId, input.press.revision)
      try {
        return await prisma.$transaction(async (tx) => {
          // A write that changes nothing takes the idea's row: presses on it run one after the other,
          // each reading the vote as the one before left it.
          const { count } = await tx.idea.updateMany({ where: { id: input.ideaId, teamId: input.teamId, status: 'open' }, data: { voteCount: { increment: 0 } } })
          if (count === 0) throw { abort: (await tx.idea.count({ where: { id: input.ideaId, teamId: input.teamId } })) ? 'not_open' : 'not_found' } satisfies Abort
          const current = await tx.ideaVote.findUnique({ where: { ideaId_userId: { ideaId: input.ideaId, userId: input.userId } } })
          const decision = votePress(current, press)
          if (decision === 'repeat') throw { abort: 'repeat' } satisfies Abort
          const active = decision === 'vote'
          if (current) await tx.ideaVote.update({ where: { id: current.id }, data: { active, lastPress: press, updatedAt: input.at } })
          else await tx.ideaVote.create({ data: { ideaId: input.ideaId, userId: input.userId, active, lastPress: press, updatedAt: input.at } })
          const row = await tx.idea.update({ where: { id: input.ideaId }, data: { voteCount: { increment: active ? 1 : -1 } }, include: ideaInclude })
          const outboxIds = await enqueue(tx, await refreshBoards(tx, input.teamId, row.roundId, input.boards), input.at)
          return { outcome: active ? 'voted' as const : 'unvoted' as const, idea: toIdea(row), outboxIds }
        })
      } catch (error) {
        const abort = (error as Partial<Abort> | null)?.abort
        if (!abort) throw error
        if (abort === 'repeat' || abort === 'not_found') return { outcome: abort }
        const idea = await byId(input.teamId, input.ideaId)
        return idea ? { outcome: 'not_open', idea } : { outcome: 'not_found' }
      }
    },

    /**
     * Posts the workspace's board in a channel. A live board of the workspace already there is
     * retired with one last edit (pointing to the new one), so each channel has one board to keep current.
     */
    async postBoard(input: { teamId: string; channelId: string; postedById: string; locale: string; at: Date; boards: BoardOutboxFor }): Promise<BoardPosted> {
      return prisma.$transaction(async (tx) => {
        const older = await tx.ideaBoard.findMany({
          where: { teamId: input.teamId, channelId: input.channelId, roundId: null, retiredAt: null }, select: { id: true },
        })
        const retired = await retireBoards(tx, older.map((b) => b.id), 'replaced', input.at, input.boards)
        const board = await tx.ideaBoard.create({
          data: { teamId: input.teamId, channelId: input.channelId, locale: input.locale, postedById: input.postedById, createdAt: input.at },
        })
        // The new board first: an edit of an older message can wait, the board the person asked for should not.
        const outboxIds = await enqueue(tx, [input.boards(await loadBoardView(tx, board.id, 'posted')), ...retired], input.at)
        return { outcome: 'posted' as const, boardId: board.id, outboxIds }
      })
    },

    /** Starts a round in a channel and posts its call for ideas (a board of the round), once per channel at a time. */
    async startRound(input: {
      teamId: string; channelId: string; topic: string; startedById: string; deadline: Date; locale: string; at: Date; boards: BoardOutboxFor
    }): Promise<RoundStarted> {
      try {
        return await prisma.$transaction(async (tx) => {
          const row = await tx.brainstormRound.create({
            data: {
              teamId: input.teamId, channelId: input.channelId, openChannelId: input.channelId, topic: input.topic,
              startedById: input.startedById, deadline: input.deadline, locale: input.locale, createdAt: input.at,
            },
          })
          const board = await tx.ideaBoard.create({
            data: { teamId: input.teamId, channelId: input.channelId, roundId: row.id, locale: input.locale, postedById: input.startedById, createdAt: input.at },
          })
          const outboxIds = await enqueue(tx, [input.boards(await loadBoardView(tx, board.id, 'posted'))], input.at)
          return { outcome: 'started' as const, round: toRound(row), boardId: board.id, outboxIds }
        })
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        const open = await openRoundIn(input.teamId, input.channelId)
        if (open) return { outcome: 'already_open', round: open }
        throw error
      }
    },

    /** A board whose post Slack refused for good (a channel the app cannot post in): no more edits are queued for it. */
    async retireUnposted(teamId: string, boardId: number, at: Date): Promise<void> {
      await prisma.ideaBoard.updateMany({ where: { id: boardId, teamId, retiredAt: null }, data: { retiredAt: at } })
    },

    /** Every round still open, in every workspace: what the scheduler asks the planner about. */
    async openRounds(): Promise<BrainstormRound[]> {
      const rows = await prisma.brainstormRound.findMany({ where: { closedAt: null }, orderBy: { deadline: 'asc' } })
      return rows.map(toRound)
    },

    /**
     * Closes a round once (a compare-and-set on closedAt): its call's last edit and its results post
     * are written in the same transaction, the results under a key of their own, so a second tick,
     * a restart or a second instance changes nothing.
     */
    async closeRound(input: {
      roundId: number; at: Date; boards: BoardOutboxFor; results: (results: RoundResults) => OutboxDraft
    }): Promise<{ outcome: 'closed'; results: RoundResults; outboxIds: number[] } | { outcome: 'already_closed' }> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.brainstormRound.updateMany({ where: { id: input.roundId, closedAt: null }, data: { closedAt: input.at, openChannelId: null } })
        if (count === 0) return { outcome: 'already_closed' as const }
        const round = toRound(await tx.brainstormRound.findUniqueOrThrow({ where: { id: input.roundId } }))
        const where = { teamId: round.teamId, roundId: round.id, status: 'open' }
        const [top, total, authors] = await Promise.all([
          tx.idea.findMany({ where, include: ideaInclude, orderBy: boardIdeaOrder, take: roundTopCount }),
          tx.idea.count({ where }),
          tx.idea.groupBy({ by: ['authorId'], where }),
        ])
        const results: RoundResults = { round, top: top.map(toIdea), total, contributors: authors.length }
        const calls = await tx.ideaBoard.findMany({ where: { roundId: round.id, retiredAt: null }, select: { id: true } })
        const closedCalls = await retireBoards(tx, calls.map((b) => b.id), 'closed', input.at, input.boards)
        const outboxIds = await enqueue(tx, [input.results(results), ...closedCalls], input.at)
        return { outcome: 'closed' as const, results, outboxIds }
      })
    },
  }
}

export type IdeaStore = ReturnType<typeof ideaStore>

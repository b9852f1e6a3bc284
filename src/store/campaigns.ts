// Campaigns and their proposals. Every query is scoped by the Slack team id, every change is one
// transaction together with the outbox rows it causes, and every stage change is a
// compare-and-set on the campaign's version, so a double click or two people at once make one change.
import {
  CampaignStage, nameKey, stageAfterDecision,
  type Campaign, type CampaignKind, type Platform, type ProposalDecision, type TimingNode,
} from '../domain/campaign.ts'
import type { Proposal } from '../domain/proposal.ts'
import type { Database, PrismaDb } from './database.ts'
import { sqliteStamp, type DirectSql } from './directSql.ts'
import { linkIdeaToCampaign, type BoardOutboxFor } from './ideas.ts'
import { saveChannelRequest } from './campaignChannels.ts'
import type { ChannelRequest } from '../domain/campaignChannel.ts'
import {
  enqueue, enqueueSqlite, idsInOrder, postgresOutboxInsert, postgresOutboxValues, writtenMessage, type FirstRowClaim, type OutboxDraft, type OutboxMessage,
} from './outbox.ts'

export const withProposal = { proposal: true } as const
type Row = Awaited<ReturnType<PrismaDb['campaign']['findFirstOrThrow']>> & {
  proposal: Awaited<ReturnType<PrismaDb['proposal']['findFirstOrThrow']>> | null
}

export function toCampaign(row: Row): Campaign {
  const proposal = row.proposal
  if (!proposal) throw new Error(`campaign ${row.id} has no proposal`)
  return {
    id: row.id,
    teamId: row.teamId,
    name: row.name,
    stage: row.stage as CampaignStage,
    kind: row.kind as CampaignKind,
    platform: row.platform as Platform | null,
    platformOther: row.platformOther,
    timingNode: row.timingNode as TimingNode,
    timingNote: row.timingNote,
    startDate: row.startDate,
    endDate: row.endDate,
    channelId: row.channelId,
    ownerId: row.ownerId,
    approverId: row.approverId,
    createdById: row.createdById,
    version: row.version,
    createdAt: row.createdAt,
    pausedAt: row.pausedAt,
    proposal: {
      theme: proposal.theme,
      basicContent: proposal.basicContent,
      revision: proposal.revision,
      decision: proposal.decision as Campaign['proposal']['decision'],
      decidedById: proposal.decidedById,
      decidedAt: proposal.decidedAt,
      sendBackReason: proposal.sendBackReason,
    },
  }
}

function campaignFields(proposal: Proposal) {
  return {
    name: proposal.name,
    activeNameKey: nameKey(proposal.name),
    kind: proposal.kind,
    platform: proposal.platform,
    platformOther: proposal.platformOther,
    timingNode: proposal.timingNode,
    timingNote: proposal.timingNote,
    startDate: proposal.startDate,
    endDate: proposal.endDate,
    channelId: proposal.channelId,
    ownerId: proposal.ownerId,
    approverId: proposal.approverId,
  }
}

/** Outbox rows that depend on the campaign as it is after the change (its id, version, revision). */
export type OutboxFor = (campaign: Campaign) => OutboxDraft[]

export type Created = {
    outcome: 'created'; campaign: Campaign; outboxIds: number[]
    /** Its first post, written claimed for the dispatcher that asked (`claimFirst`); absent when it was written unclaimed. */
    claimedFirst?: OutboxMessage
  }
  | { outcome: 'duplicate_submission'; campaign: Campaign }
  | { outcome: 'name_taken' }

export type Changed = { outcome: 'changed'; campaign: Campaign; outboxIds: number[] }
  | { outcome: 'stale'; campaign: Campaign }
  | { outcome: 'not_found' }

/** A unique index refused the row: through Prisma (P2002), better-sqlite3 or pg (23505). */
function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return code === 'P2002' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505'
}

type NewProposal = { teamId: string; proposal: Proposal; createdById: string; sourceViewId: string; at: Date }

/** The campaign a new proposal makes, as toCampaign would read it back. */
function proposedCampaign(id: number, input: NewProposal): Campaign {
  const fields = campaignFields(input.proposal)
  return {
    id, teamId: input.teamId, name: fields.name, stage: CampaignStage.Proposed, kind: fields.kind, platform: fields.platform,
    platformOther: fields.platformOther, timingNode: fields.timingNode, timingNote: fields.timingNote,
    startDate: fields.startDate, endDate: fields.endDate, channelId: fields.channelId, ownerId: fields.ownerId,
    approverId: fields.approverId, createdById: input.createdById, version: 0, createdAt: input.at, pausedAt: null,
    proposal: {
      theme: input.proposal.theme, basicContent: input.proposal.basicContent, revision: 1,
      decision: null, decidedById: null, decidedAt: null, sendBackReason: null,
    },
  }
}

/** The campaign's columns in the order of the inserts below. */
function campaignValues(input: NewProposal): unknown[] {
  const f = campaignFields(input.proposal)
  return [input.teamId, f.name, f.activeNameKey, CampaignStage.Proposed, f.kind, f.platform, f.platformOther, f.timingNode,
    f.timingNote, f.startDate, f.endDate, f.channelId, f.ownerId, f.approverId, input.createdById, input.sourceViewId]
}

const campaignColumns = `"teamId", "name", "activeNameKey", "stage", "kind", "platform", "platformOther", "timingNode",
  "timingNote", "startDate", "endDate", "channelId", "ownerId", "approverId", "createdById", "sourceViewId", "createdAt", "updatedAt"`

/**
 * A new proposal: the campaign, its proposal, its first stage transition and its outbox rows, all
 * or nothing. SQLite: one transaction of four inserts (the outbox rows in one). PostgreSQL: the
 * campaign's id first, then everything in one statement.
 */
/** Thrown inside a rehearsal's transaction (rehearseProposal), so it rolls back. */
const rehearsalOver = new Error('rehearsal over: rolled back')

async function insertProposal(
  direct: DirectSql, input: NewProposal, outbox: OutboxFor, claimFirst: FirstRowClaim | undefined, rehearsal = false,
): Promise<{ campaign: Campaign; outboxIds: number[]; claimedFirst?: OutboxMessage }> {
  const claimed = (drafts: OutboxDraft[], outboxIds: number[]) =>
    claimFirst && drafts[0] && outboxIds[0] !== undefined ? { claimedFirst: writtenMessage(drafts[0], outboxIds[0]) } : {}
  if (direct.provider === 'sqlite') {
    const at = sqliteStamp(input.at)
    return direct.transaction((sql) => {
      const [row] = sql.all<{ id: number }>(`INSERT INTO "Campaign" (${campaignColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
        ...campaignValues(input), at, at)
      const campaign = proposedCampaign(row!.id, input)
      const drafts = outbox(campaign)
      sql.run(`INSERT INTO "Proposal" ("campaignId", "theme", "basicContent", "revision", "submittedAt") VALUES (?, ?, ?, 1, ?)`,
        campaign.id, input.proposal.theme, input.proposal.basicContent, at)
      sql.run(`INSERT INTO "StageTransition" ("campaignId", "fromStage", "toStage", "actorId", "at") VALUES (?, NULL, ?, ?, ?)`,
        campaign.id, CampaignStage.Proposed, input.createdById, at)
      const outboxIds = enqueueSqlite(sql, drafts, input.at, claimFirst)
      if (rehearsal) throw rehearsalOver
      return { campaign, outboxIds, ...claimed(drafts, outboxIds) }
    })
  }
  const [next] = await direct.query<{ id: number }>('campaign-next-id', `SELECT nextval(pg_get_serial_sequence('"Campaign"', 'id'))::int AS "id"`, [])
  const campaign = proposedCampaign(next!.id, input)
  const drafts = outbox(campaign)
  const [at, rows] = postgresOutboxValues(drafts, input.at, claimFirst)
  // $1 and $2 are the outbox insert's (the time, the rows); the campaign's columns follow.
  const inserted = await direct.query<{ id: number }>('campaign-create-proposal',
    `WITH "campaign" AS (
       INSERT INTO "Campaign" ("id", ${campaignColumns})
       VALUES ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $1::timestamp(3), $1::timestamp(3))
     ), "proposal" AS (
       INSERT INTO "Proposal" ("campaignId", "theme", "basicContent", "revision", "submittedAt") VALUES ($3, $20, $21, 1, $1::timestamp(3))
     ), "transition" AS (
       INSERT INTO "StageTransition" ("campaignId", "fromStage", "toStage", "actorId", "at") VALUES ($3, NULL, $7, $18, $1::timestamp(3))
     )
     ${postgresOutboxInsert}`,
    [at, rows, campaign.id, ...campaignValues(input), input.proposal.theme, input.proposal.basicContent],
  )
  const outboxIds = idsInOrder(inserted)
  return { campaign, outboxIds, ...claimed(drafts, outboxIds) }
}

/** Is the name taken by another campaign of the team that is planned or live? (Its key is kept only while it is.) */
async function nameTaken(direct: DirectSql, teamId: string, name: string, exceptCampaignId?: number): Promise<boolean> {
  const except = exceptCampaignId ?? 0
  const rows = direct.provider === 'sqlite'
    ? await direct.statement((sql) => sql.all(`SELECT "id" FROM "Campaign" WHERE "teamId" = ? AND "activeNameKey" = ? AND "id" <> ? LIMIT 1`, teamId, nameKey(name), except))
    : await direct.query('campaign-name-taken', `SELECT "id" FROM "Campaign" WHERE "teamId" = $1 AND "activeNameKey" = $2 AND "id" <> $3 LIMIT 1`, [teamId, nameKey(name), except])
  return rows.length > 0
}

export function campaignStore(database: Pick<Database, 'prisma' | 'direct'>) {
  const { prisma, direct } = database

  async function byId(teamId: string, id: number): Promise<Campaign | null> {
    const row = await prisma.campaign.findFirst({ where: { teamId, id }, include: withProposal })
    return row ? toCampaign(row) : null
  }

  /** The campaign a Slack view created. Without a view id there is nothing to look for: refused, not guessed. */
  async function bySourceView(teamId: string, sourceViewId: string): Promise<Campaign | null> {
    // An empty id would pass as "no campaign yet", and the new campaign would then be stored under
    // it and found by the next view that lacks an id: a swallowed submission.
    if (!sourceViewId) throw new Error('bySourceView needs the id of the Slack view')
    const row = await prisma.campaign.findFirst({ where: { teamId, sourceViewId }, include: withProposal })
    return row ? toCampaign(row) : null
  }

  /** Is the name taken by another campaign of the team that is planned or live? */
  function isNameTaken(teamId: string, name: string, exceptCampaignId?: number): Promise<boolean> {
    return nameTaken(direct, teamId, name, exceptCampaignId)
  }

  return {
    byId,
    bySourceView,

    isNameTaken,

    async list(teamId: string): Promise<Campaign[]> {
      const rows = await prisma.campaign.findMany({ where: { teamId }, include: withProposal, orderBy: [{ startDate: 'asc' }, { id: 'asc' }] })
      return rows.map(toCampaign)
    },

    /** `#12`, `12` or a name (exact first, then a case-insensitive part of it). */
    async find(teamId: string, query: string): Promise<Campaign[]> {
      const trimmed = query.trim()
      const idMatch = /^#?(\d{1,9})$/.exec(trimmed)
      if (idMatch) {
        const found = await byId(teamId, Number(idMatch[1]))
        if (found) return [found]
      }
      const key = nameKey(trimmed)
      const all = await prisma.campaign.findMany({ where: { teamId }, include: withProposal, orderBy: { id: 'desc' } })
      const campaigns = all.map(toCampaign)
      const exact = campaigns.filter((c) => nameKey(c.name) === key)
      if (exact.length > 0) return exact
      return campaigns.filter((c) => nameKey(c.name).includes(key))
    },

    /**
     * Stores a new proposal and its posts; a second submission of the same Slack view finds the
     * first (its view id is unique, so the insert itself tells).
     */
    async createProposal(input: NewProposal & {
      outbox: OutboxFor
      /** The idea it was made from ("Make it a proposal"): linked to the campaign, its boards edited. */
      fromIdea?: { ideaId: number; boards: BoardOutboxFor }
      /** "Create a channel for this campaign": saved with the proposal, acted on at approval. */
      channel?: ChannelRequest | null
      /** Write its first post (the card) claimed for this dispatcher, which delivers it at once (not from an idea). */
      claimFirst?: FirstRowClaim
    }): Promise<Created> {
      // Without a view id the duplicate check cannot work: refused, not guessed (see bySourceView).
      if (!input.sourceViewId) throw new Error('createProposal needs the id of the Slack view')
      try {
        if (!input.fromIdea && !input.channel) return { outcome: 'created', ...(await insertProposal(direct, input, input.outbox, input.claimFirst)) }
        const fromIdea = input.fromIdea
        // Rarer, and its board edits are read from the ideas (or it asks for a channel): through Prisma, in one transaction.
        return await prisma.$transaction(async (tx) => {
          const row = await tx.campaign.create({
            data: {
              teamId: input.teamId,
              ...campaignFields(input.proposal),
              stage: CampaignStage.Proposed,
              createdById: input.createdById,
              sourceViewId: input.sourceViewId,
              createdAt: input.at,
              proposal: { create: { theme: input.proposal.theme, basicContent: input.proposal.basicContent, submittedAt: input.at } },
              transitions: { create: { fromStage: null, toStage: CampaignStage.Proposed, actorId: input.createdById, at: input.at } },
            },
            include: withProposal,
          })
          const campaign = toCampaign(row)
          if (input.channel) await saveChannelRequest(tx, input.teamId, campaign.id, input.channel, input.at)
          const ideaEdits = fromIdea ? await linkIdeaToCampaign(tx, { teamId: input.teamId, ideaId: fromIdea.ideaId, campaignId: campaign.id, at: input.at, boards: fromIdea.boards }) : []
          const outboxIds = await enqueue(tx, [...input.outbox(campaign), ...ideaEdits], input.at)
          return { outcome: 'created' as const, campaign, outboxIds }
        })
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        // The same view arrived before (or twice at once), or another campaign holds the name;
        // any other clash (an outbox key, say) is a bug and must not pass for a taken name.
        const twin = await bySourceView(input.teamId, input.sourceViewId)
        if (twin) return { outcome: 'duplicate_submission', campaign: twin }
        if (await isNameTaken(input.teamId, input.proposal.name)) return { outcome: 'name_taken' }
        throw error
      }
    },

    /**
     * A new proposal's write, run and rolled back: for the start-up warm-up (slack/warmUp.ts), so
     * the first real submission finds its statements prepared and its code compiled. Stores
     * nothing (the campaign ids it took are given back with the rest). SQLite only: PostgreSQL
     * prepares a statement per connection, and a sequence never gives back the id it handed out.
     */
    async rehearseProposal(input: NewProposal & { outbox: OutboxFor; claimFirst?: FirstRowClaim }): Promise<void> {
      if (direct.provider !== 'sqlite') return
      await insertProposal(direct, input, input.outbox, input.claimFirst, true).catch((error: unknown) => {
        if (error !== rehearsalOver) throw error
      })
    },

    /** Approves or sends back a proposal, once: only from the version the person saw. */
    async decide(input: {
      teamId: string
      campaignId: number
      expectedVersion: number
      decision: ProposalDecision
      actorId: string
      reason: string | null
      at: Date
      outbox: OutboxFor
      /** On approval the plan is opened, with the currency all its amounts will be in. */
      planCurrency: string
    }): Promise<Changed> {
      const toStage = stageAfterDecision[input.decision]
      const result = await prisma.$transaction(async (tx) => {
        const { count } = await tx.campaign.updateMany({
          where: { id: input.campaignId, teamId: input.teamId, version: input.expectedVersion, stage: CampaignStage.Proposed },
          data: { stage: toStage, version: { increment: 1 } },
        })
        if (count === 0) return null
        await tx.proposal.update({
          where: { campaignId: input.campaignId },
          data: {
            decision: input.decision === 'approve' ? 'approved' : 'sent_back',
            decidedById: input.actorId,
            decidedAt: input.at,
            sendBackReason: input.reason,
          },
        })
        await tx.stageTransition.create({
          data: { campaignId: input.campaignId, fromStage: CampaignStage.Proposed, toStage, actorId: input.actorId, reason: input.reason, at: input.at },
        })
        if (input.decision === 'approve') {
          await tx.plan.upsert({ where: { campaignId: input.campaignId }, create: { campaignId: input.campaignId, currency: input.planCurrency }, update: {} })
        }
        const campaign = toCampaign(await tx.campaign.findUniqueOrThrow({ where: { id: input.campaignId }, include: withProposal }))
        const outboxIds = await enqueue(tx, input.outbox(campaign), input.at)
        return { outcome: 'changed' as const, campaign, outboxIds }
      })
      if (result) return result
      const current = await byId(input.teamId, input.campaignId)
      return current ? { outcome: 'stale', campaign: current } : { outcome: 'not_found' }
    },

    /** Replaces a sent-back proposal with its revision and puts it before the approver again. */
    async revise(input: {
      teamId: string
      campaignId: number
      expectedVersion: number
      proposal: Proposal
      actorId: string
      at: Date
      outbox: OutboxFor
      /** The channel request as the revised form has it (null: none); undefined leaves it as it was. */
      channel?: ChannelRequest | null
    }): Promise<Changed | { outcome: 'name_taken' }> {
      try {
        const result = await prisma.$transaction(async (tx) => {
          const { count } = await tx.campaign.updateMany({
            where: { id: input.campaignId, teamId: input.teamId, version: input.expectedVersion, stage: CampaignStage.SentBack },
            data: { ...campaignFields(input.proposal), stage: CampaignStage.Proposed, version: { increment: 1 } },
          })
          if (count === 0) return null
          await tx.proposal.update({
            where: { campaignId: input.campaignId },
            data: {
              theme: input.proposal.theme,
              basicContent: input.proposal.basicContent,
              revision: { increment: 1 },
              submittedAt: input.at,
              decision: null,
              decidedById: null,
              decidedAt: null,
            },
          })
          await tx.stageTransition.create({
            data: { campaignId: input.campaignId, fromStage: CampaignStage.SentBack, toStage: CampaignStage.Proposed, actorId: input.actorId, at: input.at },
          })
          if (input.channel !== undefined) await saveChannelRequest(tx, input.teamId, input.campaignId, input.channel, input.at)
          const campaign = toCampaign(await tx.campaign.findUniqueOrThrow({ where: { id: input.campaignId }, include: withProposal }))
          const outboxIds = await enqueue(tx, input.outbox(campaign), input.at)
          return { outcome: 'changed' as const, campaign, outboxIds }
        })
        if (result) return result
      } catch (error) {
        if (isUniqueViolation(error) && (await isNameTaken(input.teamId, input.proposal.name, input.campaignId))) return { outcome: 'name_taken' }
        throw error
      }
      const current = await byId(input.teamId, input.campaignId)
      return current ? { outcome: 'stale', campaign: current } : { outcome: 'not_found' }
    },
  }
}

export type CampaignStore = ReturnType<typeof campaignStore>

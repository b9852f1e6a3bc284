// A campaign's own channel (issue 17): the owner's request from the proposal form, the channel
// Slack created on approval (recorded with the campaign, whose posts go there from then on), the
// people named on the campaign who belong in it, and its archiving once the campaign is closed.
import { CampaignStage } from '../domain/campaign.ts'
import { channelMembers, type ChannelRequest } from '../domain/campaignChannel.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { enqueue, type OutboxDraft, type OutboxPayload } from './outbox.ts'

export type CampaignChannelRecord = {
  campaignId: number
  teamId: string
  request: ChannelRequest
  /** Once Slack created it. */
  created: { channelId: string; name: string; originChannelId: string } | null
  archivedAt: Date | null
}

type Row = Awaited<ReturnType<PrismaDb['campaignChannel']['findFirstOrThrow']>>

function toRecord(row: Row): CampaignChannelRecord {
  return {
    campaignId: row.campaignId,
    teamId: row.teamId,
    request: { name: row.requestedName, isPrivate: row.isPrivate },
    created: row.slackChannelId ? { channelId: row.slackChannelId, name: row.slackName ?? '', originChannelId: row.originChannelId ?? '' } : null,
    archivedAt: row.archivedAt,
  }
}

/**
 * Writes (or, with null, withdraws) a proposal's channel request inside the transaction that
 * stores the proposal, so the campaign and the owner's choice are saved together.
 */
export async function saveChannelRequest(tx: PrismaTx, teamId: string, campaignId: number, request: ChannelRequest | null, at: Date): Promise<void> {
  if (!request) {
    await tx.campaignChannel.deleteMany({ where: { campaignId, teamId, slackChannelId: null } })
    return
  }
  await tx.campaignChannel.upsert({
    where: { campaignId },
    create: { campaignId, teamId, requestedName: request.name, isPrivate: request.isPrivate, createdAt: at },
    update: { requestedName: request.name, isPrivate: request.isPrivate },
  })
}

/** What the scheduler's pass looks at for one campaign with a channel: who is named on it now. */
export type ChannelCampaign = {
  teamId: string; campaignId: number; name: string; stage: CampaignStage; ownerId: string
  channelId: string; members: string[]
}

/** Stages whose people are still being named (and invited as they are). */
const namingStages: readonly CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live, CampaignStage.Retrospective]

/** Inserts rows one by one; a key that exists already (another instance wrote it) is skipped. */
async function enqueueEach(prisma: PrismaDb, drafts: readonly OutboxDraft[], at: Date): Promise<number[]> {
  const ids: number[] = []
  for (const draft of drafts) {
    try {
      ids.push(...(await prisma.$transaction((tx) => enqueue(tx, [draft], at))))
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code !== 'P2002' && code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== '23505') throw error
    }
  }
  return ids
}

/** What recordCreated hands to the rows it writes (see there). */
export type CreatedChannel<Plan> = {
  campaign: { id: number; teamId: string; ownerId: string; createdById: string; originChannelId: string }
  members: string[]
  plan: Plan | null
  previousPlanMessageKey: string | null
  card: OutboxPayload | null
}

/** A channel can be asked for from the plan while the plan is still in use. */
const laterRequestStages: readonly CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live]

const namedSelect = {
  ownerId: true, approverId: true, createdById: true,
  goals: { select: { dataOwnerId: true }, orderBy: { id: 'asc' } },
  promotionItems: { select: { promoterId: true }, orderBy: { id: 'asc' } },
  tasks: { select: { ownerId: true }, orderBy: { id: 'asc' } },
} as const

function membersOf(campaign: { ownerId: string; approverId: string; goals: Array<{ dataOwnerId: string | null }>; promotionItems: Array<{ promoterId: string }>; tasks: Array<{ ownerId: string }> }): string[] {
  return channelMembers({
    ownerId: campaign.ownerId, approverId: campaign.approverId,
    others: [...campaign.goals.map((g) => g.dataOwnerId ?? ''), ...campaign.promotionItems.map((p) => p.promoterId), ...campaign.tasks.map((t) => t.ownerId)],
  })
}

/** `plans` reads the plan inside a transaction (planStore's loadIn; handed in, as planRecord.ts imports campaigns.ts, which imports this). */
export function campaignChannelStore<Plan>(prisma: PrismaDb, plans: { loadIn(tx: PrismaTx, teamId: string, campaignId: number): Promise<Plan | null> }) {
  async function of(teamId: string, campaignId: number): Promise<CampaignChannelRecord | null> {
    const row = await prisma.campaignChannel.findFirst({ where: { teamId, campaignId } })
    return row ? toRecord(row) : null
  }

  return {
    of,

    /**
     * Records the channel Slack created and makes it the campaign's channel, with the rows that
     * follow, all or nothing. A second record of the same campaign (a repeated delivery) changes
     * nothing and returns the first channel. Read here, after the campaign's row is taken (so a
     * plan change at the same moment is either seen or sees the channel): everyone named on the
     * campaign, and — when the channel is asked for after approval — the plan message already out
     * elsewhere (it is posted again here, from the plan as it stands; its old key is kept as
     * `previousPlanMessageKey`, and edits still waiting for it are dropped: the new post has them),
     * and the proposal card as last rendered (to link to the channel).
     */
    async recordCreated(input: {
      teamId: string; campaignId: number; channelId: string; name: string; at: Date
      planMessageKey: string; cardKey: string
      outbox: (created: CreatedChannel<Plan>) => OutboxDraft[]
    }): Promise<{ channelId: string; outboxIds: number[] }> {
      return prisma.$transaction(async (tx) => {
        const row = await tx.campaignChannel.findFirst({ where: { teamId: input.teamId, campaignId: input.campaignId } })
        if (row?.slackChannelId) return { channelId: row.slackChannelId, outboxIds: [] }
        const before = await tx.campaign.findFirstOrThrow({ where: { id: input.campaignId, teamId: input.teamId }, select: { channelId: true } })
        // From now on every post of the campaign (plan message, digests, prompts, report) goes there.
        await tx.campaign.update({ where: { id: input.campaignId }, data: { channelId: input.channelId } })
        await tx.campaignChannel.update({
          where: { campaignId: input.campaignId },
          data: { slackChannelId: input.channelId, slackName: input.name, originChannelId: before.channelId, channelCreatedAt: input.at },
        })
        const campaign = await tx.campaign.findFirstOrThrow({ where: { id: input.campaignId }, select: namedSelect })
        const members = membersOf(campaign)
        let plan: Plan | null = null
        let previousPlanMessageKey: string | null = null
        const planMessage = await tx.outboxMessage.findUnique({ where: { teamId_dedupeKey: { teamId: input.teamId, dedupeKey: input.planMessageKey } } })
        if (planMessage?.status === 'pending') {
          // Not out yet: it goes straight into the new channel.
          await tx.outboxMessage.update({ where: { id: planMessage.id }, data: { target: input.channelId } })
        } else if (planMessage?.status === 'sent' && planMessage.slackChannel && planMessage.slackChannel !== input.channelId) {
          previousPlanMessageKey = `${input.planMessageKey}@${planMessage.slackChannel}`
          await tx.outboxMessage.update({ where: { id: planMessage.id }, data: { dedupeKey: previousPlanMessageKey } })
          await tx.outboxMessage.updateMany({ where: { teamId: input.teamId, updatesKey: input.planMessageKey, status: 'pending' }, data: { status: 'superseded', lastError: 'plan_message_moved' } })
          plan = await plans.loadIn(tx, input.teamId, input.campaignId)
        }
        const card = await tx.outboxMessage.findFirst({
          where: { teamId: input.teamId, OR: [{ dedupeKey: input.cardKey }, { updatesKey: input.cardKey }] }, orderBy: { id: 'desc' }, select: { payload: true },
        })
        const outboxIds = await enqueue(tx, input.outbox({
          campaign: { id: input.campaignId, teamId: input.teamId, ownerId: campaign.ownerId, createdById: campaign.createdById, originChannelId: before.channelId },
          members, plan, previousPlanMessageKey, card: card ? JSON.parse(card.payload) as OutboxPayload : null,
        }), input.at)
        return { channelId: input.channelId, outboxIds }
      })
    },

    /**
     * The owner (or an admin) asks for a channel after approval, from the plan: saved with the row
     * that creates it, in one transaction. Refused when the campaign has a channel or one is asked
     * for already, or its plan is over.
     */
    async requestLater(input: {
      teamId: string; campaignId: number; request: ChannelRequest; at: Date
      outbox: (campaign: { id: number; teamId: string; channelId: string }) => OutboxDraft[]
    }): Promise<{ outcome: 'asked'; outboxIds: number[] } | { outcome: 'already_asked' | 'not_found' | 'closed' }> {
      try {
        return await prisma.$transaction(async (tx) => {
          const campaign = await tx.campaign.findFirst({ where: { id: input.campaignId, teamId: input.teamId }, select: { id: true, teamId: true, channelId: true, stage: true } })
          if (!campaign) return { outcome: 'not_found' as const }
          if (!laterRequestStages.includes(campaign.stage as CampaignStage)) return { outcome: 'closed' as const }
          if (await tx.campaignChannel.findUnique({ where: { campaignId: campaign.id }, select: { id: true } })) return { outcome: 'already_asked' as const }
          await tx.campaignChannel.create({ data: { campaignId: campaign.id, teamId: campaign.teamId, requestedName: input.request.name, isPrivate: input.request.isPrivate, createdAt: input.at } })
          return { outcome: 'asked' as const, outboxIds: await enqueue(tx, input.outbox(campaign), input.at) }
        })
      } catch (error) {
        // Two presses at once: the second finds the request (unique campaign id) written.
        const code = (error as { code?: unknown }).code
        if (code === 'P2002' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') return { outcome: 'already_asked' }
        throw error
      }
    },

    /** Everyone named on the campaign now: owner, approver, data owners, promoters, task owners. */
    async namedPeople(teamId: string, campaignId: number): Promise<string[]> {
      const campaign = await prisma.campaign.findFirst({ where: { id: campaignId, teamId }, select: namedSelect })
      return campaign ? membersOf(campaign) : []
    },

    /**
     * Campaigns whose own channel exists and is not archived, in a stage where people are still
     * named or closed (the owner is offered the archive): for the scheduler's pass.
     */
    async withOpenChannels(): Promise<ChannelCampaign[]> {
      const rows = await prisma.campaignChannel.findMany({
        where: { slackChannelId: { not: null }, archivedAt: null, campaign: { stage: { in: [...namingStages, CampaignStage.Closed] } } },
        select: {
          teamId: true, campaignId: true, slackChannelId: true,
          campaign: {
            select: {
              name: true, stage: true, ownerId: true, approverId: true,
              goals: { select: { dataOwnerId: true }, orderBy: { id: 'asc' } },
              promotionItems: { select: { promoterId: true }, orderBy: { id: 'asc' } },
              tasks: { select: { ownerId: true }, orderBy: { id: 'asc' } },
            },
          },
        },
        orderBy: { campaignId: 'asc' },
      })
      return rows.map((row) => ({
        teamId: row.teamId, campaignId: row.campaignId, name: row.campaign.name, stage: row.campaign.stage as CampaignStage,
        ownerId: row.campaign.ownerId, channelId: row.slackChannelId!,
        members: channelMembers({
          ownerId: row.campaign.ownerId, approverId: row.campaign.approverId,
          others: [...row.campaign.goals.map((g) => g.dataOwnerId ?? ''), ...row.campaign.promotionItems.map((p) => p.promoterId), ...row.campaign.tasks.map((t) => t.ownerId)],
        }),
      }))
    },

    /** Which of these outbox keys of the team exist already. */
    async existingKeys(teamId: string, keys: readonly string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set()
      const rows = await prisma.outboxMessage.findMany({ where: { teamId, dedupeKey: { in: [...keys] } }, select: { dedupeKey: true } })
      return new Set(rows.map((row) => row.dedupeKey))
    },

    /** Rows that each exist once per key, written outside any change (the scheduler's, a refused invitation's notice). */
    enqueueOnce: (drafts: readonly OutboxDraft[], at: Date) => enqueueEach(prisma, drafts, at),

    /** The owner pressed Archive and Slack archived it: recorded once. */
    async markArchived(teamId: string, campaignId: number, at: Date): Promise<boolean> {
      const { count } = await prisma.campaignChannel.updateMany({ where: { teamId, campaignId, archivedAt: null, slackChannelId: { not: null } }, data: { archivedAt: at } })
      return count > 0
    },
  }
}

export type CampaignChannelStore<Plan> = ReturnType<typeof campaignChannelStore<Plan>>

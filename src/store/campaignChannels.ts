// A campaign's own channel (issue 17): the owner's request from the proposal form, the channel
// Slack created on approval (recorded with the campaign, whose posts go there from then on), the
// people named on the campaign who belong in it, and its archiving once the campaign is closed.
import { CampaignStage } from '../domain/campaign.ts'
import { channelMembers, type ChannelRequest } from '../domain/campaignChannel.ts'
import type { PrismaDb, PrismaTx } from './database.ts'
import { enqueue, type OutboxDraft } from './outbox.ts'

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

export function campaignChannelStore(prisma: PrismaDb) {
  async function of(teamId: string, campaignId: number): Promise<CampaignChannelRecord | null> {
    const row = await prisma.campaignChannel.findFirst({ where: { teamId, campaignId } })
    return row ? toRecord(row) : null
  }

  return {
    of,

    /**
     * Records the channel Slack created and makes it the campaign's channel, with the rows that
     * follow (invitations, the link under the proposal card), all or nothing. A second record of
     * the same campaign (a repeated delivery) changes nothing and returns the first channel.
     */
    async recordCreated(input: {
      teamId: string; campaignId: number; channelId: string; name: string; at: Date
      outbox: (campaign: { id: number; teamId: string; ownerId: string; originChannelId: string }) => OutboxDraft[]
    }): Promise<{ channelId: string; outboxIds: number[] }> {
      return prisma.$transaction(async (tx) => {
        const row = await tx.campaignChannel.findFirst({ where: { teamId: input.teamId, campaignId: input.campaignId } })
        if (row?.slackChannelId) return { channelId: row.slackChannelId, outboxIds: [] }
        const campaign = await tx.campaign.findFirstOrThrow({ where: { id: input.campaignId, teamId: input.teamId }, select: { id: true, teamId: true, ownerId: true, channelId: true } })
        await tx.campaignChannel.update({
          where: { campaignId: input.campaignId },
          data: { slackChannelId: input.channelId, slackName: input.name, originChannelId: campaign.channelId, channelCreatedAt: input.at },
        })
        // From now on every post of the campaign (plan message, digests, prompts, report) goes there.
        await tx.campaign.update({ where: { id: campaign.id }, data: { channelId: input.channelId } })
        const outboxIds = await enqueue(tx, input.outbox({ id: campaign.id, teamId: campaign.teamId, ownerId: campaign.ownerId, originChannelId: campaign.channelId }), input.at)
        return { channelId: input.channelId, outboxIds }
      })
    },

    /** Everyone named on the campaign now: owner, approver, data owners, promoters, task owners. */
    async namedPeople(teamId: string, campaignId: number): Promise<string[]> {
      const campaign = await prisma.campaign.findFirst({
        where: { id: campaignId, teamId },
        select: {
          ownerId: true, approverId: true,
          goals: { select: { dataOwnerId: true }, orderBy: { id: 'asc' } },
          promotionItems: { select: { promoterId: true }, orderBy: { id: 'asc' } },
          tasks: { select: { ownerId: true }, orderBy: { id: 'asc' } },
        },
      })
      if (!campaign) return []
      return channelMembers({
        ownerId: campaign.ownerId, approverId: campaign.approverId,
        others: [...campaign.goals.map((g) => g.dataOwnerId ?? ''), ...campaign.promotionItems.map((p) => p.promoterId), ...campaign.tasks.map((t) => t.ownerId)],
      })
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

export type CampaignChannelStore = ReturnType<typeof campaignChannelStore>

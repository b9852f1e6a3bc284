// Invitations to a campaign's own channel, as outbox rows (delivered by campaignChannel/delivery.ts).
// Shared because every change that names someone writes them in its own transaction: the plan's
// and the tasks' changes as well as the channel's creation, so a person is invited as they are named.
import { CampaignStage } from '../../domain/campaign.ts'
import { channelMembers } from '../../domain/campaignChannel.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { PlanRecord } from '../../store/planRecord.ts'

export const channelInviteKey = (campaignId: number, userId: string) => `campaign-channel-invite:${campaignId}:${userId}`

/** One person's invitation, once: written with whichever change names them first (or the channel's creation). */
export function invitation(teamId: string, campaignId: number, channelId: string, userId: string): OutboxDraft {
  return {
    teamId, dedupeKey: channelInviteKey(campaignId, userId), kind: 'post', target: channelId, campaignId,
    payload: { text: '', campaignChannel: { step: 'invite', userId } }, unlessWritten: true,
  }
}

/** Stages whose people are still being named, and invited as they are. */
const namingStages: readonly CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live, CampaignStage.Retrospective]

/**
 * Written with every change of the plan (in its transaction): an invitation for each person named
 * on the campaign whose invitation is not written yet (the store skips those), so a data owner,
 * promoter or task owner is invited as they are named. Nothing while the channel is not created.
 */
export function channelInvitations(record: PlanRecord): OutboxDraft[] {
  const channelId = record.ownChannel?.channelId
  if (!channelId || record.ownChannel?.archived || !namingStages.includes(record.campaign.stage)) return []
  const { campaign, snapshot } = record
  const members = channelMembers({
    ownerId: campaign.ownerId, approverId: campaign.approverId,
    others: [...snapshot.goals.map((g) => g.dataOwnerId ?? ''), ...snapshot.promotion.map((p) => p.promoterId), ...snapshot.tasks.map((t) => t.ownerId)],
  })
  return members.map((userId) => invitation(campaign.teamId, campaign.id, channelId, userId))
}

// The scheduler's part of a campaign's own channel, each pass: a person named on the campaign
// since the last pass (a data owner, a promoter, a task owner) is invited, and a closed campaign's
// owner is offered the archive. The outbox keys make each happen once, whichever instance writes it.
import { CampaignStage } from '../../domain/campaign.ts'
import type { ChannelCampaign } from '../../store/campaignChannels.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { Store } from '../../store/store.ts'
import type { PeopleDirectory } from '../people.ts'
import { invitation } from '../shared/channelInvitations.ts'
import { archiveOfferDm, campaignChannelKeys } from './notifications.ts'

/** The keys of the rows a campaign's channel wants now: the archive offer once closed, else an invitation each. */
function wantedKeys(c: ChannelCampaign): string[] {
  return c.stage === CampaignStage.Closed
    ? [campaignChannelKeys.archiveOffer(c.campaignId)]
    : c.members.map((userId) => campaignChannelKeys.invite(c.campaignId, userId))
}

export function campaignChannelPass(deps: { store: Store; people: PeopleDirectory }) {
  const { store, people } = deps
  return async (now: Date, departed: ReadonlySet<string>): Promise<number[]> => {
    const campaigns = (await store.campaignChannels.withOpenChannels()).filter((c) => !departed.has(c.teamId))
    const byTeam = new Map<string, ChannelCampaign[]>()
    for (const c of campaigns) byTeam.set(c.teamId, [...(byTeam.get(c.teamId) ?? []), c])
    const drafts: OutboxDraft[] = []
    for (const [teamId, teamCampaigns] of byTeam) {
      // One look-up per workspace for every key its campaigns want.
      const existing = await store.campaignChannels.existingKeys(teamId, teamCampaigns.flatMap(wantedKeys))
      for (const c of teamCampaigns) {
        if (c.stage === CampaignStage.Closed) {
          if (existing.has(campaignChannelKeys.archiveOffer(c.campaignId))) continue
          const locale = (await people.person(teamId, c.ownerId)).locale
          drafts.push(archiveOfferDm({ teamId, campaignId: c.campaignId, name: c.name, ownerId: c.ownerId, locale }, c.channelId))
          continue
        }
        for (const userId of c.members) {
          if (!existing.has(campaignChannelKeys.invite(c.campaignId, userId))) drafts.push(invitation(teamId, c.campaignId, c.channelId, userId))
        }
      }
    }
    return store.campaignChannels.enqueueOnce(drafts, now)
  }
}

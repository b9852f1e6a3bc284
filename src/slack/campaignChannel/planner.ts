// The scheduler's part of a campaign's own channel, each pass: a person named on the campaign
// since the last pass (a data owner, a promoter, a task owner) is invited, and a closed campaign's
// owner is offered the archive. The outbox keys make each happen once, whichever instance writes it.
import { CampaignStage } from '../../domain/campaign.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { Store } from '../../store/store.ts'
import type { PeopleDirectory } from '../people.ts'
import { archiveOfferDm, campaignChannelKeys, invitation } from './notifications.ts'

export function campaignChannelPass(deps: { store: Store; people: PeopleDirectory }) {
  const { store, people } = deps
  return async (now: Date, departed: ReadonlySet<string>): Promise<number[]> => {
    const campaigns = (await store.campaignChannels.withOpenChannels()).filter((c) => !departed.has(c.teamId))
    const drafts: OutboxDraft[] = []
    for (const c of campaigns) {
      if (c.stage === CampaignStage.Closed) {
        const key = campaignChannelKeys.archiveOffer(c.campaignId)
        if ((await store.campaignChannels.existingKeys(c.teamId, [key])).size > 0) continue
        const locale = (await people.person(c.teamId, c.ownerId)).locale
        drafts.push(archiveOfferDm({ teamId: c.teamId, campaignId: c.campaignId, name: c.name, ownerId: c.ownerId, locale }, c.channelId))
        continue
      }
      const existing = await store.campaignChannels.existingKeys(c.teamId, c.members.map((userId) => campaignChannelKeys.invite(c.campaignId, userId)))
      for (const userId of c.members) {
        if (!existing.has(campaignChannelKeys.invite(c.campaignId, userId))) drafts.push(invitation(c.teamId, c.campaignId, c.channelId, userId))
      }
    }
    return store.campaignChannels.enqueueOnce(drafts, now)
  }
}

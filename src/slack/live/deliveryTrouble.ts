// What the dispatcher needs when a live-stage post cannot go out for good (issue 7, Outages): who
// the campaign's owner is, the words that tell them their channel refuses its posts (in their
// language), and marking a person who left. The dispatcher decides when to tell whom, once per
// campaign and reason; the words live here, with the catalogue.
import type { Clock } from '../../clock.ts'
import { messagesFor } from '../../i18n/catalogue.ts'
import type { LiveTrouble } from '../../jobs/failureNotices.ts'
import type { Store } from '../../store/store.ts'
import { section } from '../shared/elements.ts'
import { escapeMrkdwn, mentionChannel, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import type { PeopleDirectory } from '../people.ts'

export function liveDeliveryTrouble(context: { store: Store; people: PeopleDirectory; clock: Clock }): LiveTrouble {
  const { store, people } = context
  return {
    async ownerOf(teamId, campaignId) {
      const campaign = await store.campaigns.byId(teamId, campaignId)
      if (!campaign) return null
      const owner = await store.people.find(teamId, campaign.ownerId)
      return owner?.deactivated ? null : campaign.ownerId
    },

    async channelNotice({ teamId, campaignId, ownerId, channelId, code }) {
      const campaign = await store.campaigns.byId(teamId, campaignId)
      const m = messagesFor((await people.person(teamId, ownerId)).locale)
      const text = m.liveChannelTrouble(escapeMrkdwn(campaign?.name ?? `#${campaignId}`), mentionChannel(channelId), m.deliveryReason(code))
      return { text, blocks: [section(text as Mrkdwn)] }
    },

    markGone: (teamId, userId, at) => store.people.markDeactivated(teamId, userId, at),
  }
}

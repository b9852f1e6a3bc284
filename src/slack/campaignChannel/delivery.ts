// Creating a campaign's channel and inviting its people, as the dispatcher delivers their rows.
// A name taken since the form gets a suffix (-2, -3…); a channel Slack will not create, or a person
// it will not let in (a guest, someone who left), is said to the owner once and not retried.
// Anything else (Slack down, a 429) is thrown, so the dispatcher tries again later.
import type { WebClient } from '@slack/web-api'
import type { Logger } from 'pino'
import type { Clock } from '../../clock.ts'
import {
  alreadyInvitedCodes, channelNameAttempts, proposeChannelName, refusedInviteCodes, suffixedChannelName,
} from '../../domain/campaignChannel.ts'
import { classifySlackFailure } from '../../jobs/slackFailure.ts'
import type { OutboxMessage } from '../../store/outbox.ts'
import type { Store } from '../../store/store.ts'
import type { PeopleDirectory } from '../people.ts'
import { localDate } from '../../domain/dates.ts'
import { planMessageKey, planMessagePost } from '../plan/notifications.ts'
import { proposalCardKey } from '../shared/proposalCardKey.ts'
import { invitation } from '../shared/channelInvitations.ts'
import { cardLinked, inviteRefusedDm, movedToReply, notCreatedDm, planMovedUpdate } from './notifications.ts'

const slackError = (error: unknown): string | undefined =>
  (error as { code?: string }).code === 'slack_webapi_platform_error' ? (error as { data?: { error?: string } }).data?.error : undefined

/** Slack's answers to conversations.create that mean this name will never do. */
const refusedNames = (code: string) => code.startsWith('invalid_name') || code === 'restricted_action' || code === 'missing_scope' || code === 'no_channel'

export function campaignChannelDelivery(deps: { store: Store; people: PeopleDirectory; clock: Clock; logger: Logger }) {
  const { store, people, clock, logger } = deps

  async function ownerOf(teamId: string, campaignId: number) {
    const campaign = await store.campaigns.byId(teamId, campaignId)
    if (!campaign) return null
    const locale = (await people.person(teamId, campaign.ownerId)).locale
    return { campaign, owner: { teamId, campaignId, name: campaign.name, ownerId: campaign.ownerId, locale } }
  }

  async function create(message: OutboxMessage, client: WebClient): Promise<{ channel: string } | { drop: string }> {
    const campaignId = message.campaignId!
    const record = await store.campaignChannels.of(message.teamId, campaignId)
    if (!record) return { drop: 'no_channel_asked' }
    if (record.created) return { channel: record.created.channelId }
    const found = await ownerOf(message.teamId, campaignId)
    if (!found) return { drop: 'campaign_not_found' }
    const { campaign, owner } = found
    const base = record.request.name ?? proposeChannelName(campaign)
    for (let attempt = 1; attempt <= channelNameAttempts; attempt++) {
      const name = attempt === 1 ? base : suffixedChannelName(base, attempt)
      let channelId: string | undefined
      try {
        channelId = (await client.conversations.create({ name, is_private: record.request.isPrivate })).channel?.id
      } catch (error) {
        const code = slackError(error)
        if (code === 'name_taken') continue
        if (code && (refusedNames(code) || classifySlackFailure(error).kind === 'permanent')) {
          await store.campaignChannels.enqueueOnce([notCreatedDm(owner, campaign.channelId, code)], clock.now())
          return { drop: `channel_refused:${code}` }
        }
        throw error
      }
      if (!channelId) throw Object.assign(new Error('conversations.create returned no channel'), { code: 'no_channel_id' })
      const [cardLocale, ownerToday] = await Promise.all([
        people.person(message.teamId, campaign.createdById).then((p) => p.locale),
        people.person(message.teamId, campaign.ownerId).then((p) => localDate(clock.now(), p.timeZone)),
      ])
      const recorded = await store.campaignChannels.recordCreated({
        teamId: message.teamId, campaignId, channelId, name, at: clock.now(),
        planMessageKey: planMessageKey(campaignId), cardKey: proposalCardKey(campaignId),
        outbox: ({ campaign: c, members, plan, previousPlanMessageKey, card }) => {
          const origin = { id: c.id, teamId: c.teamId, name: campaign.name, originChannelId: c.originChannelId }
          return [
            ...members.map((userId) => invitation(c.teamId, c.id, channelId!, userId)),
            movedToReply(origin, channelId!, owner.locale),
            ...(card ? [cardLinked(origin, card, channelId!, cardLocale)] : []),
            // Asked for after approval: the plan message is posted here as it stands, and the old one says where it went.
            ...(plan ? [planMessagePost(plan, owner.locale, ownerToday)] : []),
            ...(plan && previousPlanMessageKey ? [planMovedUpdate(origin, previousPlanMessageKey, channelId!, owner.locale)] : []),
          ]
        },
      })
      logger.info({ team: message.teamId, campaign: campaignId, channel: recorded.channelId, name, attempt }, 'campaign_channel_created')
      return { channel: recorded.channelId }
    }
    await store.campaignChannels.enqueueOnce([notCreatedDm(owner, campaign.channelId, 'name_taken')], clock.now())
    return { drop: 'channel_refused:name_taken' }
  }

  async function invite(message: OutboxMessage, userId: string, client: WebClient): Promise<{ channel: string } | { drop: string }> {
    const campaignId = message.campaignId!
    const record = await store.campaignChannels.of(message.teamId, campaignId)
    if (!record?.created) return { drop: 'no_channel' }
    if (record.archivedAt) return { drop: 'channel_archived' }
    const channel = record.created.channelId
    try {
      await client.conversations.invite({ channel, users: userId })
      return { channel }
    } catch (error) {
      const code = slackError(error)
      if (code && alreadyInvitedCodes.has(code)) return { channel }
      if (code && refusedInviteCodes.has(code)) {
        const found = await ownerOf(message.teamId, campaignId)
        if (found) await store.campaignChannels.enqueueOnce([inviteRefusedDm(found.owner, channel, userId, code)], clock.now())
        return { drop: `invite_refused:${code}` }
      }
      throw error
    }
  }

  return async (message: OutboxMessage, client: WebClient): Promise<{ channel: string } | { drop: string }> => {
    const step = message.payload.campaignChannel
    if (!step || message.campaignId === undefined) return { drop: 'not_a_channel_step' }
    return step.step === 'create' ? create(message, client) : invite(message, step.userId, client)
  }
}

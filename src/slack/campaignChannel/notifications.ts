// The outbox rows of a campaign's own channel: its creation on approval (the plan message waits
// for it and goes into it), each person's invitation, the link under the proposal card, what the
// owner is told when Slack refuses, and the offer to archive it once the campaign is closed. Each
// key says what the row is for whom, so each happens once.
import type { Campaign } from '../../domain/campaign.ts'
import { messagesFor, type Locale } from '../../i18n/catalogue.ts'
import { escapeMrkdwn, mentionChannel, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import { actions, button, section } from '../shared/elements.ts'
import { proposalCardKey } from '../shared/proposalCardKey.ts'

export const campaignChannelKeys = {
  creation: (campaignId: number) => `campaign-channel:${campaignId}`,
  invite: (campaignId: number, userId: string) => `campaign-channel-invite:${campaignId}:${userId}`,
  inviteRefused: (campaignId: number, userId: string) => `campaign-channel-invite-refused:${campaignId}:${userId}`,
  notCreated: (campaignId: number) => `campaign-channel-not-created:${campaignId}`,
  movedTo: (campaignId: number) => `campaign-channel-moved:${campaignId}`,
  archiveOffer: (campaignId: number) => `campaign-channel-archive-offer:${campaignId}`,
}

export const campaignChannelActions = { archive: 'campaign_channel_archive' } as const

/** Creates the campaign's channel; its target is the channel the campaign had (for pacing and notices). */
export function channelCreation(campaign: Pick<Campaign, 'id' | 'teamId' | 'channelId'>): OutboxDraft {
  return {
    teamId: campaign.teamId, dedupeKey: campaignChannelKeys.creation(campaign.id), kind: 'post', target: campaign.channelId,
    campaignId: campaign.id, payload: { text: '', campaignChannel: { step: 'create' } },
  }
}

/** The post goes into the campaign's own channel once it is created (as asked), else where it was aimed. */
export function intoOwnChannel(draft: OutboxDraft, campaignId: number, channelAsked: boolean): OutboxDraft {
  return channelAsked ? { ...draft, payload: { ...draft.payload, inChannelOfKey: campaignChannelKeys.creation(campaignId) } } : draft
}

export function invitation(teamId: string, campaignId: number, channelId: string, userId: string): OutboxDraft {
  return {
    teamId, dedupeKey: campaignChannelKeys.invite(campaignId, userId), kind: 'post', target: channelId, campaignId,
    payload: { text: '', campaignChannel: { step: 'invite', userId } },
  }
}

/** In the thread of the proposal card, in the channel the campaign came from: where it went. */
export function movedToReply(campaign: { id: number; teamId: string; name: string; originChannelId: string }, channelId: string, locale: Locale): OutboxDraft {
  return {
    teamId: campaign.teamId, dedupeKey: campaignChannelKeys.movedTo(campaign.id), kind: 'post', target: campaign.originChannelId, campaignId: campaign.id,
    payload: { text: messagesFor(locale).campaignChannel.movedTo(escapeMrkdwn(campaign.name), mentionChannel(channelId)), threadOfKey: proposalCardKey(campaign.id) },
  }
}

function ownerDm(teamId: string, campaignId: number, ownerId: string, dedupeKey: string, text: string, blocks?: unknown[]): OutboxDraft {
  return { teamId, dedupeKey, kind: 'dm', target: ownerId, campaignId, payload: blocks ? { text, blocks } : { text } }
}

type Owner = { teamId: string; campaignId: number; name: string; ownerId: string; locale: Locale }

export function inviteRefusedDm(owner: Owner, channelId: string, userId: string, code: string): OutboxDraft {
  const c = messagesFor(owner.locale).campaignChannel
  return ownerDm(owner.teamId, owner.campaignId, owner.ownerId, campaignChannelKeys.inviteRefused(owner.campaignId, userId),
    c.inviteRefused(mentionUser(userId), mentionChannel(channelId), escapeMrkdwn(owner.name), c.inviteReason(code)))
}

export function notCreatedDm(owner: Owner, originChannelId: string, code: string): OutboxDraft {
  const m = messagesFor(owner.locale)
  return ownerDm(owner.teamId, owner.campaignId, owner.ownerId, campaignChannelKeys.notCreated(owner.campaignId),
    m.campaignChannel.notCreated(escapeMrkdwn(owner.name), mentionChannel(originChannelId), m.deliveryReason(code)))
}

export function archiveOfferDm(owner: Owner, channelId: string): OutboxDraft {
  const c = messagesFor(owner.locale).campaignChannel
  const text = c.archiveOffer(escapeMrkdwn(owner.name), mentionChannel(channelId))
  return ownerDm(owner.teamId, owner.campaignId, owner.ownerId, campaignChannelKeys.archiveOffer(owner.campaignId), text, [
    section(trusted(text)),
    actions('campaign_channel_archive', [button(c.archiveButton, campaignChannelActions.archive, String(owner.campaignId), 'danger')]),
  ])
}

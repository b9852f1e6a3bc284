// The outbox rows of a campaign's own channel: its creation on approval (the plan message waits
// for it and goes into it), each person's invitation, the link under the proposal card, what the
// owner is told when Slack refuses, and the offer to archive it once the campaign is closed. Each
// key says what the row is for whom, so each happens once.
import type { Campaign } from '../../domain/campaign.ts'
import type { ChannelRequest } from '../../domain/campaignChannel.ts'
import { messagesFor, type Locale } from '../../i18n/catalogue.ts'
import { escapeMrkdwn, mentionChannel, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import type { OutboxDraft, OutboxPayload } from '../../store/outbox.ts'
import { actions, button, context, section } from '../shared/elements.ts'
import { proposalCardKey } from '../shared/proposalCardKey.ts'
import { channelInviteKey } from '../shared/channelInvitations.ts'

export const campaignChannelKeys = {
  creation: (campaignId: number) => `campaign-channel:${campaignId}`,
  invite: channelInviteKey,
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

const cardLineBlockId = 'campaign_channel_line'
/** The proposal card's Approve / Send back block (proposal/message.ts; not imported: proposal/ imports this stage). */
const proposalDecisionBlockId = 'proposal_decision'

/** The card with its channel line (replacing an earlier one), above Approve / Send back when they are there. */
function cardWithLine(payload: OutboxPayload, line: Mrkdwn): OutboxPayload {
  const blocks = ((payload.blocks ?? []) as Array<{ block_id?: string }>).filter((b) => b.block_id !== cardLineBlockId)
  const decision = blocks.findIndex((b) => b.block_id === proposalDecisionBlockId)
  const at = decision === -1 ? blocks.length : decision
  return { ...payload, blocks: [...blocks.slice(0, at), context(line, cardLineBlockId), ...blocks.slice(at)] }
}

/** The proposal card's posts and edits among `drafts` say which channel was asked for. */
export function withChannelAsked(drafts: OutboxDraft[], campaignId: number, request: ChannelRequest | null, locale: Locale): OutboxDraft[] {
  if (!request) return drafts
  const key = proposalCardKey(campaignId)
  const line = trusted(messagesFor(locale).campaignChannel.cardAsked(request.name ? escapeMrkdwn(request.name) : null, request.isPrivate))
  return drafts.map((draft) => (draft.dedupeKey === key || draft.updatesKey === key ? { ...draft, payload: cardWithLine(draft.payload, line) } : draft))
}

/** The proposal card, as last rendered, edited to link to the channel created. */
export function cardLinked(campaign: { id: number; teamId: string; originChannelId: string }, card: OutboxPayload, channelId: string, locale: Locale): OutboxDraft {
  const { text, blocks } = cardWithLine(card, trusted(messagesFor(locale).campaignChannel.cardCreated(mentionChannel(channelId))))
  return {
    teamId: campaign.teamId, dedupeKey: `${proposalCardKey(campaign.id)}:channel`, kind: 'update', target: campaign.originChannelId,
    updatesKey: proposalCardKey(campaign.id), campaignId: campaign.id, payload: blocks ? { text, blocks } : { text },
  }
}

/** The plan message left where the campaign came from: edited to say where the plan went. */
export function planMovedUpdate(campaign: { id: number; teamId: string; name: string; originChannelId: string }, previousKey: string, channelId: string, locale: Locale): OutboxDraft {
  const text = messagesFor(locale).campaignChannel.planMoved(escapeMrkdwn(campaign.name), mentionChannel(channelId))
  return {
    teamId: campaign.teamId, dedupeKey: `${previousKey}:moved`, kind: 'update', target: campaign.originChannelId,
    updatesKey: previousKey, campaignId: campaign.id, payload: { text, blocks: [section(trusted(text))] },
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

// The posts a proposal's life causes, as outbox drafts: the card in the campaign channel and the
// DMs to the people who must act. Each key says what the post is for whom and when, so a change
// can cause its posts only once.
import type { Campaign } from '../../domain/campaign.ts'
import { localeFromSlack, messagesFor, type Locale } from '../../i18n/catalogue.ts'
import type { FailureNotify } from '../../jobs/failureNotices.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import { actions, button, section } from '../shared/elements.ts'
import { escapeMrkdwn, mentionChannel, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { campaignButtonValue, proposalActions, proposalCard } from './message.ts'
import { proposalCardKey } from '../shared/proposalCardKey.ts'

const cardKey = (campaign: Campaign) => proposalCardKey(campaign.id)

function cardPost(campaign: Campaign, locale: Locale, notify: { userId: string; locale: Locale }): OutboxDraft {
  return {
    teamId: campaign.teamId,
    dedupeKey: cardKey(campaign),
    kind: 'post',
    target: campaign.channelId,
    campaignId: campaign.id,
    payload: { ...proposalCard(campaign, messagesFor(locale)), notifyOnFailure: { ...notify, campaignName: campaign.name } },
  }
}

/** The DM to the proposal's submitter when its card could not be posted in its channel, and why. */
export function cardFailedNotice(notify: FailureNotify, channelId: string, code: string): { text: string } {
  const m = messagesFor(localeFromSlack(notify.locale))
  return { text: m.dm.deliveryFailed(escapeMrkdwn(notify.campaignName), mentionChannel(channelId), m.deliveryReason(code)) }
}

/** Edits the card in place; the version in the key makes each state of the card one edit. */
function cardUpdate(campaign: Campaign, locale: Locale): OutboxDraft {
  return {
    teamId: campaign.teamId,
    dedupeKey: `${cardKey(campaign)}:v${campaign.version}`,
    kind: 'update',
    target: campaign.channelId,
    updatesKey: cardKey(campaign),
    campaignId: campaign.id,
    payload: proposalCard(campaign, messagesFor(locale)),
  }
}

function directMessage(campaign: Campaign, userId: string, dedupeKey: string, text: string, blocks?: unknown[]): OutboxDraft {
  return {
    teamId: campaign.teamId,
    dedupeKey,
    kind: 'dm',
    target: userId,
    campaignId: campaign.id,
    payload: blocks ? { text, blocks } : { text },
  }
}

export type Locales = { card: Locale; recipient: Locale; submitter: Locale }

export function proposalSubmitted(campaign: Campaign, locales: Locales): OutboxDraft[] {
  const m = messagesFor(locales.recipient)
  const review = m.dm.reviewRequest(mentionUser(campaign.ownerId), escapeMrkdwn(campaign.name), mentionChannel(campaign.channelId))
  return [
    cardPost(campaign, locales.card, { userId: campaign.createdById, locale: locales.submitter }),
    directMessage(campaign, campaign.approverId, `dm-review:${campaign.id}:r${campaign.proposal.revision}`, review),
  ]
}

export function proposalRevised(campaign: Campaign, locales: Locales): OutboxDraft[] {
  const m = messagesFor(locales.recipient)
  const again = m.dm.reviewAgain(
    mentionUser(campaign.ownerId), escapeMrkdwn(campaign.name), mentionChannel(campaign.channelId), campaign.proposal.revision,
  )
  return [
    cardUpdate(campaign, locales.card),
    directMessage(campaign, campaign.approverId, `dm-review:${campaign.id}:r${campaign.proposal.revision}`, again),
  ]
}

export function proposalDecided(campaign: Campaign, locales: Locales): OutboxDraft[] {
  const m = messagesFor(locales.recipient)
  const decidedBy = mentionUser(campaign.proposal.decidedById ?? '')
  const name = escapeMrkdwn(campaign.name)
  const key = `dm-decision:${campaign.id}:v${campaign.version}`
  if (campaign.stage === 'sent_back') {
    const text = m.dm.sentBack(decidedBy, name, escapeMrkdwn(campaign.proposal.sendBackReason ?? ''))
    const blocks = [
      section(trusted(text)),
      actions(proposalActions.blockId, [button(m.dm.revise, proposalActions.revise, campaignButtonValue(campaign), 'primary')]),
    ]
    return [cardUpdate(campaign, locales.card), directMessage(campaign, campaign.ownerId, key, text, blocks)]
  }
  return [cardUpdate(campaign, locales.card), directMessage(campaign, campaign.ownerId, key, m.dm.approved(decidedBy, name))]
}

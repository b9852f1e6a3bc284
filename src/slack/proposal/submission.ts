// Submitting the proposal modal: checked field by field (answered in the modal), stored with its
// posts in one transaction, then the posts are delivered at once. If Slack does not take the
// post within the few seconds Slack allows us, the modal says the proposal is saved and will be
// posted — the dispatcher keeps trying on its own.
import type { ViewResponseAction } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { refusalToRevise } from '../../domain/campaign.ts'
import { localDate } from '../../domain/dates.ts'
import { checkProposal, type FieldErrors, type Proposal } from '../../domain/proposal.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { Created, Changed } from '../../store/campaigns.ts'
import { plainText, section } from '../shared/elements.ts'
import { escapeMrkdwn, mentionChannel, trusted } from '../../i18n/mrkdwn.ts'
import { homeRefreshForCampaign } from '../shared/homeRefresh.ts'
import type { BoardView } from '../../store/ideas.ts'
import type { FirstRowClaim, OutboxDraft, OutboxMessage } from '../../store/outbox.ts'
import { proposalRevised, proposalSubmitted } from './notifications.ts'
import { assignmentProblem, type Person } from '../people.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { createChannelReach, type ChannelReach } from './channelReach.ts'
import { requestMessagesFor } from '../../i18n/requests.ts'
import type { ChannelRequest } from '../../domain/campaignChannel.ts'
import { readCampaignChannel } from '../campaignChannel/form.ts'
import { withChannelAsked } from '../campaignChannel/notifications.ts'
import {
  proposalBlockIds, proposalErrorsForSlack, proposalModalCallbackId, proposalModalMetadata, readProposalInput,
  type ProposalModalMetadata,
} from './modal.ts'

/** Slack closes the request after 3 s; keep a margin for the network. */
const answerWithinMs = 2_500

/**
 * `ideaBoardDraft` redraws the ideas board a proposal came from (slack/ideas/): given by the app,
 * since the ideas stage opens this form and so sits above it.
 */
export function registerProposalSubmission(listeners: Listeners, services: Services, ideaBoardDraft: (view: BoardView) => OutboxDraft): void {
  // The app's own (shared with the start-up's prefetch, slack/prefetch.ts), else one of this listener's.
  const channels = services.channelReach ?? createChannelReach()
  listeners.view(proposalModalCallbackId, async ({ ack, body, view, client }) => {
    const startedAt = performance.now()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const userId = body.user.id
    const log = services.logger.child({ team: teamId, user: userId, view: view.id })
    const submitter = await services.people.person(teamId, userId)
    const m = messagesFor(submitter.locale)
    const answer = (response?: ViewResponseAction) => ack(response as never)
    try {
      const metadata = readViewMetadata(proposalModalMetadata, view.private_metadata)
      // Not the metadata this form was opened with (new, or revising which campaign?): told on the
      // name, the modal keeps what was typed.
      if (!metadata) return await answer(fieldErrors({ name: { code: 'required' } }, m, requestMessagesFor(submitter.locale).olderModal.text))
      const check = checkProposal(readProposalInput(view.state.values), localDate(services.clock.now(), submitter.timeZone))
      if (!check.ok) return await answer(fieldErrors(check.errors, m))

      const outside = await checkOutsideFacts(services, channels, client, teamId, check.proposal, metadata.campaignId)
      if (outside.errors) return await answer(fieldErrors(outside.errors, m))
      const ownChannel = await readCampaignChannel(client, view.state.values, m)
      if (ownChannel.errors) return await answer({ response_action: 'errors', errors: ownChannel.errors })

      // A new proposal's card is written claimed for this process, which posts it at once.
      const claim = services.dispatcher.claimForNewRow()
      const saved = await save(services, teamId, submitter, metadata, check.proposal, view.id, outside.approver, ideaBoardDraft, ownChannel.request, claim)
      if (saved.outcome === 'name_taken') return await answer(fieldErrors({ name: { code: 'name_taken' } }, m))
      if (saved.outcome === 'refused') return await answer(fieldErrors({ name: { code: 'required' } }, m, saved.text))
      if (saved.outcome !== 'created' && saved.outcome !== 'changed') return await answer() // a repeat of a handled submission
      log.info({ campaign: saved.campaign.id, outcome: saved.outcome }, 'proposal_saved')

      const remainingMs = answerWithinMs - (performance.now() - startedAt)
      const written = saved.outcome === 'created' && saved.claimedFirst ? { message: saved.claimedFirst, claim } : null
      const cardOut = await deliveredWithin(services, saved.outboxIds, remainingMs, written)
      if (cardOut) return await answer()
      // Not posted (yet): whether the app can still post there is asked again next time.
      channels.forget(teamId, saved.campaign.channelId)
      return await answer({
        response_action: 'update',
        view: savedButNotPostedView(m, escapeMrkdwn(saved.campaign.name), mentionChannel(saved.campaign.channelId)),
      })
    } catch (error) {
      log.error({ err: error }, 'proposal_submission_failed')
      // Keep the modal open with everything typed in it: nothing is lost, the person can submit again.
      await answer(fieldErrors({ name: { code: 'required' } }, m, troubleMessage(error, m))).catch(() => {})
    }
  })
}

function fieldErrors(errors: FieldErrors, m: Messages, overrideNameMessage?: string): ViewResponseAction {
  const slackErrors = proposalErrorsForSlack(errors, m)
  if (overrideNameMessage) slackErrors[proposalBlockIds.name] = overrideNameMessage
  return { response_action: 'errors', errors: slackErrors }
}

type OutsideFacts = { errors: FieldErrors | null; approver: Person | null }

/**
 * What the form alone cannot tell: whether the name is free, whether owner and approver are real,
 * active people, and whether the app can post in the channel. When Slack cannot be asked, the
 * submission goes on (the dispatcher will report an unreachable channel later).
 */
async function checkOutsideFacts(
  services: Services, channels: ChannelReach, client: WebClient, teamId: string, proposal: Proposal, campaignId: number | undefined,
): Promise<OutsideFacts> {
  const [nameTaken, owner, approver, channelProblem] = await Promise.all([
    services.store.campaigns.isNameTaken(teamId, proposal.name, campaignId),
    services.people.lookUp(teamId, proposal.ownerId),
    services.people.lookUp(teamId, proposal.approverId),
    channels.unreachable(client, teamId, proposal.channelId),
  ])
  const errors: FieldErrors = {}
  if (nameTaken) errors.name = { code: 'name_taken' }
  const ownerProblem = assignmentProblem(owner)
  if (ownerProblem) errors.ownerId = { code: ownerProblem }
  const approverProblem = assignmentProblem(approver)
  if (approverProblem) errors.approverId = { code: approverProblem }
  if (channelProblem) errors.channelId = { code: 'channel_unreachable' }
  return { errors: Object.keys(errors).length > 0 ? errors : null, approver: approver.found ? approver.person : null }
}


type Saved = Created | Changed | { outcome: 'name_taken' } | { outcome: 'refused'; text: string }

async function save(
  services: Services, teamId: string, submitter: Person, metadata: ProposalModalMetadata, proposal: Proposal,
  viewId: string, approver: Person | null, ideaBoardDraft: (view: BoardView) => OutboxDraft, ownChannel: ChannelRequest | null, claim: FirstRowClaim,
): Promise<Saved> {
  const at = services.clock.now()
  const approverLocale = approver?.locale ?? 'en'
  if (metadata.mode === 'new' || metadata.campaignId === undefined || metadata.version === undefined) {
    return services.store.campaigns.createProposal({
      teamId, proposal, createdById: submitter.userId, sourceViewId: viewId, at, channel: ownChannel, claimFirst: claim,
      ...(metadata.sourceIdeaId ? { fromIdea: { ideaId: metadata.sourceIdeaId, boards: ideaBoardDraft } } : {}),
      outbox: (campaign) => [
        ...withChannelAsked(proposalSubmitted(campaign, { card: submitter.locale, recipient: approverLocale, submitter: submitter.locale }), campaign.id, ownChannel, submitter.locale),
        // The new proposal shows on the owner's and approver's Home.
        ...homeRefreshForCampaign(campaign),
      ],
    })
  }
  const campaign = await services.store.campaigns.byId(teamId, metadata.campaignId)
  const m = messagesFor(submitter.locale)
  if (!campaign) return { outcome: 'refused', text: m.refusal.campaignNotFound(escapeMrkdwn(String(metadata.campaignId))) }
  const refusal = refusalToRevise(campaign, submitter)
  if (refusal === 'not_the_owner') return { outcome: 'refused', text: m.refusal.notTheOwner }
  const cardLocale = (await services.people.person(teamId, campaign.createdById)).locale
  const revised = await services.store.campaigns.revise({
    teamId, campaignId: campaign.id, expectedVersion: metadata.version, proposal, actorId: submitter.userId, at, channel: ownChannel,
    outbox: (c) => [...withChannelAsked(proposalRevised(c, { card: cardLocale, recipient: approverLocale, submitter: submitter.locale }), c.id, ownChannel, cardLocale), ...homeRefreshForCampaign(c)],
  })
  // A second submission of the same revision finds the campaign already moved on: nothing to do.
  if (revised.outcome === 'stale' && revised.campaign.proposal.revision > 1 && revised.campaign.stage === 'proposed') {
    return { outcome: 'duplicate_submission', campaign: revised.campaign }
  }
  if (revised.outcome === 'stale') return { outcome: 'refused', text: m.refusal.notSentBack }
  return revised
}

/**
 * Did the first of these outbox rows (the card) reach Slack within the time left? The person waits
 * for the card only; the DMs that follow it go out after the modal has been answered.
 */
async function deliveredWithin(
  services: Services, outboxIds: number[], remainingMs: number,
  /** The card, when it was written claimed for this process: delivered without claiming it again. */
  written: { message: OutboxMessage; claim: FirstRowClaim } | null,
): Promise<boolean> {
  const [cardId, ...followUps] = outboxIds
  if (cardId === undefined) return false
  // Out of time: a card written claimed is still this process's to post (no sweep may take it yet).
  if (remainingMs <= 0) {
    if (written) void services.dispatcher.deliverWritten(written.message, written.claim).then(() => services.dispatcher.deliverNow(followUps))
    return false
  }
  const deadline = performance.now() + remainingMs
  let timer: NodeJS.Timeout | undefined
  const timeUp = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), remainingMs) })
  const card = written?.message.id === cardId ? services.dispatcher.deliverWritten(written.message, written.claim) : services.dispatcher.deliverNow([cardId])
  void card.then(() => services.dispatcher.deliverNow(followUps))
  try {
    const outcome = (await Promise.race([card, timeUp]))?.get(cardId)
    // The background sweep may have picked the row up first: then wait for it, not for us.
    if (outcome === 'not_claimed') return await services.dispatcher.waitUntilSent(cardId, deadline)
    return outcome === 'sent'
  } finally {
    clearTimeout(timer)
  }
}

function savedButNotPostedView(m: Messages, name: ReturnType<typeof escapeMrkdwn>, channel: ReturnType<typeof mentionChannel>) {
  return {
    type: 'modal' as const,
    title: plainText(m.savedModal.title, 24),
    close: plainText(m.savedModal.close, 24),
    blocks: [section(trusted(m.savedModal.postPending(name, channel)))],
  }
}

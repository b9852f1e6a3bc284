// The buttons on a proposal: Approve, Send back (asks for a reason in a modal) and, in the
// owner's DM, Revise (opens the proposal modal filled in). Only the approver (or an admin)
// decides; a stale or repeated click changes nothing and says why.
import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import { z } from 'zod'
import { localDate } from '../../domain/dates.ts'
import { defaultCurrencyFor } from '../../domain/money.ts'
import { taskTemplate } from '../../domain/tasks.ts'
import { CampaignStage, refusalToDecide, refusalToRevise, type Campaign, type ProposalDecision, type Refusal } from '../../domain/campaign.ts'
import { sendBackReasonSchema, proposalLimits } from '../../domain/proposal.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { context, input, plainText } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { proposalActions, readCampaignButtonValue } from './message.ts'
import { homeRefreshForCampaign } from '../shared/homeRefresh.ts'
import { proposalDecided } from './notifications.ts'
import { emptyPlanRecord, planMessagePost, templateOfferDm } from '../plan/notifications.ts'
import type { Person } from '../people.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { openModalOrExplain } from '../shared/openModal.ts'
import { prefillFromCampaign, proposalModal } from './modal.ts'
import { largestRecordId, recordId } from '../shared/recordIds.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { requestMessagesFor } from '../../i18n/requests.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { proposalLessons } from '../learning/blocks.ts'
import { channelCreation, intoOwnChannel, withChannelAsked } from '../campaignChannel/notifications.ts'

export const sendBackModalCallbackId = 'proposal_send_back'
export const sendBackReasonBlockId = 'send_back_reason'
const reasonActionId = 'value'

// Ids read strictly: one past a PostgreSQL integer would fail the query instead of finding nothing.
const sendBackMetadata = z.object({ campaignId: recordId, version: z.number().int().nonnegative().max(largestRecordId) })


function refusalText(refusal: Refusal, campaign: Campaign, m: Messages): string {
  switch (refusal) {
    case 'not_the_approver': return m.refusal.notTheApprover(mentionUser(campaign.approverId))
    case 'not_the_owner': return m.refusal.notTheOwner
    case 'already_decided': return m.refusal.alreadyDecided(m.stage[campaign.stage])
    case 'not_sent_back': return m.refusal.notSentBack
  }
}

export function sendBackModal(m: Messages, campaign: Campaign): ModalView {
  return {
    type: 'modal',
    callback_id: sendBackModalCallbackId,
    private_metadata: JSON.stringify({ campaignId: campaign.id, version: campaign.version }),
    title: plainText(m.sendBackModal.title, 24),
    submit: plainText(m.sendBackModal.submit, 24),
    close: plainText(m.sendBackModal.close, 24),
    blocks: [
      context(trusted(m.sendBackModal.intro(escapeMrkdwn(campaign.name)))),
      input(sendBackReasonBlockId, m.sendBackModal.label, {
        type: 'plain_text_input', action_id: reasonActionId, multiline: true,
        max_length: proposalLimits.sendBackReason, placeholder: plainText(m.sendBackModal.placeholder, 150),
      }),
    ],
  }
}

type ClickContext = { teamId: string; actor: Person; m: Messages; campaign: Campaign; version: number }

export function registerProposalDecisions(listeners: Listeners, services: Services): void {
  /**
   * Finds who clicked on which campaign and whether they may: when not, answers the person itself
   * (ephemeral) and returns null.
   */
  async function readClick(
    body: BlockAction, action: ButtonAction, respond: RespondFn,
    refusalFor: (campaign: Campaign, actor: Person) => Refusal | null,
  ): Promise<ClickContext | null> {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const actor = await services.people.person(teamId, body.user.id)
    const m = messagesFor(actor.locale)
    const value = readCampaignButtonValue(action.value)
    try {
      const campaign = value ? await services.store.campaigns.byId(teamId, value.campaignId) : null
      if (!campaign || !value) {
        await respond(ephemeral(m.refusal.campaignNotFound(escapeMrkdwn(action.value ?? ''))))
        return null
      }
      const refusal = refusalFor(campaign, actor)
      if (refusal) {
        await respond(ephemeral(refusalText(refusal, campaign, m)))
        return null
      }
      return { teamId, actor, m, campaign, version: value.version }
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'proposal_click_failed')
      await respond(ephemeral(troubleMessage(error, m))).catch(() => {})
      return null
    }
  }

  async function decide(click: ClickContext, decision: ProposalDecision, reason: string | null): Promise<string | null> {
    const { teamId, actor, m, campaign } = click
    const [owner, cardLocale, workspaceCurrency, ownChannel] = await Promise.all([
      services.people.person(teamId, campaign.ownerId),
      services.people.person(teamId, campaign.createdById).then((p) => p.locale),
      services.store.plans.workspaceCurrency(teamId),
      services.store.campaignChannels.of(teamId, campaign.id),
    ])
    const at = services.clock.now()
    const planCurrency = workspaceCurrency ?? defaultCurrencyFor(owner.locale)
    const ownerToday = localDate(at, owner.timeZone)
    const result = await services.store.campaigns.decide({
      teamId, campaignId: campaign.id, expectedVersion: click.version, decision, actorId: actor.userId, reason, at, planCurrency,
      outbox: (c) => [
        ...withChannelAsked(proposalDecided(c, { card: cardLocale, recipient: owner.locale, submitter: actor.locale }), c.id, ownChannel?.request ?? null, cardLocale),
        // Approved: the plan message opens in the channel (its own, created first, when the owner
        // asked for one), and the owner is offered the task template.
        ...(c.stage === CampaignStage.Planning ? [
          ...(ownChannel ? [channelCreation(c)] : []),
          intoOwnChannel(planMessagePost({ ...emptyPlanRecord(c, planCurrency), ownChannel: ownChannel ? { channelId: null, archived: false } : null }, owner.locale, ownerToday), c.id, ownChannel !== null),
          templateOfferDm(c, owner.locale, taskTemplate(c.kind, { startDate: c.startDate, endDate: c.endDate }, ownerToday).length),
        ] : []),
        // The campaign changed stage on its owner's and approver's Home.
        ...homeRefreshForCampaign(c),
      ],
    })
    if (result.outcome === 'not_found') return m.refusal.campaignNotFound(escapeMrkdwn(String(campaign.id)))
    if (result.outcome === 'stale') return m.refusal.alreadyDecided(m.stage[result.campaign.stage])
    services.logger.info({ team: teamId, user: actor.userId, campaign: campaign.id, decision }, 'proposal_decided')
    void services.dispatcher.deliverNow(result.outboxIds)
    return null
  }

  listeners.action<BlockAction<ButtonAction>>(proposalActions.approve, async ({ ack, body, action, respond }) => {
    await ack()
    const click = await readClick(body, action, respond, refusalToDecide)
    if (!click) return
    try {
      const refused = await decide(click, 'approve', null)
      if (refused) await respond(ephemeral(refused))
    } catch (error) {
      services.logger.error({ err: error, team: click.teamId, user: click.actor.userId }, 'approve_failed')
      await respond(ephemeral(troubleMessage(error, click.m))).catch(() => {})
    }
  })

  listeners.action<BlockAction<ButtonAction>>(proposalActions.sendBack, async ({ ack, body, action, respond, client }) => {
    await ack()
    const click = await readClick(body, action, respond, refusalToDecide)
    if (!click) return
    await openModalOrExplain(client, body.trigger_id, sendBackModal(click.m, { ...click.campaign, version: click.version }), respond, click.m, services.logger)
  })

  listeners.view(sendBackModalCallbackId, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const actor = await services.people.person(teamId, body.user.id)
    const m = messagesFor(actor.locale)
    const reasonError = (text: string) => ack({ response_action: 'errors', errors: { [sendBackReasonBlockId]: text } })
    const reason = sendBackReasonSchema.safeParse(
      (view.state.values[sendBackReasonBlockId]?.[reasonActionId] as { value?: unknown } | undefined)?.value ?? '',
    )
    if (!reason.success) {
      const tooLong = reason.error.issues.some((issue) => issue.message === 'too_long')
      return void (await reasonError(m.fieldError(tooLong ? 'too_long' : 'required', proposalLimits.sendBackReason)))
    }
    const metadata = readViewMetadata(sendBackMetadata, view.private_metadata)
    // A form whose metadata names no campaign we could have written: it is out of date (or forged).
    if (!metadata) return void (await reasonError(requestMessagesFor(actor.locale).olderModal.text))
    try {
      const campaign = await services.store.campaigns.byId(teamId, metadata.campaignId)
      if (!campaign) return void (await reasonError(m.refusal.campaignNotFound(escapeMrkdwn(String(metadata.campaignId)))))
      const refusal = refusalToDecide(campaign, actor)
      if (refusal === 'not_the_approver') return void (await reasonError(refusalText(refusal, campaign, m)))
      const refused = await decide({ teamId, actor, m, campaign, version: metadata.version }, 'send_back', reason.data)
      // Already decided (a second submit, or someone else was quicker): close, the card shows the outcome.
      if (refused && campaign.stage === 'proposed') return void (await reasonError(refused))
      await ack()
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'send_back_failed')
      await reasonError(troubleMessage(error, m)).catch(() => {})
    }
  })

  listeners.action<BlockAction<ButtonAction>>(proposalActions.revise, async ({ ack, body, action, respond, client }) => {
    await ack()
    const click = await readClick(body, action, respond, refusalToRevise)
    if (!click) return
    const metadata = { mode: 'revise' as const, campaignId: click.campaign.id, version: click.campaign.version }
    const ownChannel = (await services.store.campaignChannels.of(click.campaign.teamId, click.campaign.id))?.request ?? null
    await openModalOrExplain(client, body.trigger_id, proposalModal(click.m, metadata, prefillFromCampaign(click.campaign), await proposalLessons(services, click.campaign.teamId, { kind: click.campaign.kind, platform: click.campaign.platform, campaignId: click.campaign.id }, click.m), ownChannel), respond, click.m, services.logger)
  })
}

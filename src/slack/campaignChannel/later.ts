// Asking for a campaign's own channel after approval, from its plan message ("Create a channel"):
// only its owner or a workspace admin, while the plan is in use (planning, scheduled, live), with
// the proposal form's name check and privacy choice. The request and the row that creates the
// channel are written in one transaction; the creation then goes as on approval (delivery.ts),
// and the plan message, digests, prompts and report move to the new channel.
import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import { z } from 'zod'
import { CampaignStage } from '../../domain/campaign.ts'
import { proposeChannelName } from '../../domain/campaignChannel.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import { planActions } from '../plan/message.ts'
import type { Services } from '../services.ts'
import { context, plainText } from '../shared/elements.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { openModalOrExplain } from '../shared/openModal.ts'
import { readRecordId, recordId } from '../shared/recordIds.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { campaignChannelBlockIds, campaignChannelBlocks, readChannelChoice } from './form.ts'
import { channelCreation } from './notifications.ts'

export const laterChannelCallbackId = 'campaign_channel_later'
const metadataSchema = z.object({ campaignId: recordId })
const openStages: readonly CampaignStage[] = [CampaignStage.Planning, CampaignStage.Scheduled, CampaignStage.Live]

type Refusal = keyof Messages['campaignChannel']['later']['refused']

/** Why this person may not ask for a channel for this campaign now, or null. */
function refusal(record: PlanRecord | null, person: Person): Refusal | null {
  if (!record) return 'notFound'
  if (!person.isWorkspaceAdmin && person.userId !== record.campaign.ownerId) return 'notOwner'
  if (!openStages.includes(record.campaign.stage)) return 'closed'
  if (record.ownChannel) return 'alreadyAsked'
  return null
}

function laterModal(m: Messages, record: PlanRecord): ModalView {
  const l = m.campaignChannel.later
  // The proposal form's name and privacy fields (not its checkbox: pressing the button is the ask),
  // the name proposed from the campaign's name.
  const [, ...fields] = campaignChannelBlocks(m, { name: proposeChannelName(record.campaign), isPrivate: false })
  return {
    type: 'modal',
    callback_id: laterChannelCallbackId,
    private_metadata: JSON.stringify({ campaignId: record.campaign.id }),
    title: plainText(l.title, 24),
    submit: plainText(l.submit, 24),
    close: plainText(m.forms.cancel, 24),
    blocks: [context(trusted(l.intro)), ...fields],
  }
}

export function registerLaterChannel(listeners: Listeners, services: Services): void {
  listeners.action<BlockAction<ButtonAction>>(planActions.createChannel, async ({ ack, body, action, respond, client }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const say = (text: string) => (respond as RespondFn)(ephemeral(text)).catch(() => {})
    try {
      const campaignId = readRecordId(action.value)
      const record = campaignId === null ? null : await services.store.plans.load(teamId, campaignId)
      const refused = refusal(record, person)
      if (refused || !record) return void (await say(m.campaignChannel.later.refused[refused ?? 'notFound']))
      await openModalOrExplain(client, body.trigger_id, laterModal(m, record), respond, m, services.logger)
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'campaign_channel_later_failed')
      await say(troubleMessage(error, m))
    }
  })

  listeners.view(laterChannelCallbackId, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const l = m.campaignChannel.later
    const nameError = (text: string) => ack({ response_action: 'errors', errors: { [campaignChannelBlockIds.name]: text } })
    try {
      const metadata = readViewMetadata(metadataSchema, view.private_metadata)
      const record = metadata ? await services.store.plans.load(teamId, metadata.campaignId) : null
      const refused = refusal(record, person)
      if (refused || !record) return void (await nameError(l.refused[refused ?? 'notFound']))
      const choice = await readChannelChoice(client, view.state.values, m)
      if (choice.errors || !choice.request) return void (await ack({ response_action: 'errors', errors: choice.errors ?? {} }))
      const asked = await services.store.campaignChannels.requestLater({
        teamId, campaignId: record.campaign.id, request: choice.request, at: services.clock.now(),
        outbox: (campaign) => [channelCreation(campaign)],
      })
      if (asked.outcome !== 'asked') return void (await nameError(l.refused[asked.outcome === 'already_asked' ? 'alreadyAsked' : asked.outcome === 'closed' ? 'closed' : 'notFound']))
      services.logger.info({ team: teamId, user: person.userId, campaign: record.campaign.id }, 'campaign_channel_asked_later')
      void services.dispatcher.deliverNow(asked.outboxIds)
      await ack({ response_action: 'update', view: { type: 'modal', title: plainText(l.title, 24), close: plainText(m.forms.done, 24), blocks: [context(trusted(l.asked(escapeMrkdwn(record.campaign.name))))] } })
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'campaign_channel_later_failed')
      await nameError(troubleMessage(error, m)).catch(() => {})
    }
  })
}

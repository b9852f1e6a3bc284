// The plan message's live-stage buttons: Start now (a Scheduled campaign), Pause / Resume and End
// early (a Live one; the reason asked in a small modal), and Settings (the campaign's own). Only
// the owner or a workspace admin; anyone else is told why, in their language. Each change is the
// store's compare-and-set: a double click or a race with the scheduler changes it once.
import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import { z } from 'zod'
import type { Campaign } from '../../domain/campaign.ts'
import { endReasonMaxLength, refusalToRunLifecycle, type LifecycleAction } from '../../domain/lifecycle.ts'
import { effectiveSettings } from '../../domain/liveSettings.ts'
import { localDateIn } from '../../domain/localTime.ts'
import { messagesFor, supportedLocales, type Messages } from '../../i18n/catalogue.ts'
import type { LifecycleChange } from '../../store/lifecycle.ts'
import { context, input, plainText } from '../shared/elements.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import { planActions } from '../plan/message.ts'
import { lifecycleOutbox, type LifecycleAudience } from './notifications.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import { readRecordId, recordId } from '../shared/recordIds.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { noticeModal, openModalOrExplain } from '../shared/openModal.ts'
import { readViewMetadata } from '../shared/viewMetadata.ts'
import { campaignSettingsModal, inheritedSettings, mayChangeCampaignSettings } from '../settings/modals.ts'
import { ephemeral } from '../shared/ephemeral.ts'

export const endEarlyModalIds = { callbackId: 'campaign_end_early', reasonBlock: 'end_reason', reasonAction: 'value' } as const
const endMetadata = z.object({ campaignId: recordId })


export function endEarlyModal(m: Messages, campaign: Campaign): ModalView {
  const e = m.lifecycle.endModal
  return {
    type: 'modal', callback_id: endEarlyModalIds.callbackId, private_metadata: JSON.stringify({ campaignId: campaign.id }),
    title: plainText(e.title, 24), submit: plainText(e.submit, 24), close: plainText(e.close, 24),
    blocks: [
      context(trusted(e.intro(escapeMrkdwn(campaign.name)))),
      input(endEarlyModalIds.reasonBlock, e.label, {
        type: 'plain_text_input', action_id: endEarlyModalIds.reasonAction, multiline: true, max_length: endReasonMaxLength, placeholder: plainText(e.placeholder, 150),
      }),
    ],
  }
}

export function registerLifecycleActions(listeners: Listeners, services: Services): void {
  /** Who clicked which campaign, and whether they may: when not, the person is told and null returned. */
  async function readClick(body: BlockAction, value: string | undefined, respond: RespondFn, action: LifecycleAction | 'settings') {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const campaignId = readRecordId(value)
    const campaign = campaignId === null ? null : await services.store.campaigns.byId(teamId, campaignId)
    if (!campaign) {
      await respond(ephemeral(m.refusal.campaignNotFound(escapeMrkdwn(value ?? ''))))
      return null
    }
    if (action === 'settings') {
      if (mayChangeCampaignSettings(campaign, person)) return { teamId, person, m, campaign }
      await respond(ephemeral(m.liveSettings.notOwner))
      return null
    }
    const refusal = refusalToRunLifecycle(campaign, person, action)
    if (refusal) {
      await respond(ephemeral(m.lifecycle.refusal[refusal]))
      return null
    }
    return { teamId, person, m, campaign }
  }

  /** Makes the change; null when done, else the words for why not. */
  async function change(teamId: string, person: Person, m: Messages, campaign: Campaign, what: LifecycleChange, reason: string | null): Promise<string | null> {
    const [workspace, overrides, owner] = await Promise.all([
      services.store.settings.workspace(teamId),
      services.store.settings.campaignOverrides(teamId, campaign.id),
      services.people.person(teamId, campaign.ownerId),
    ])
    const settings = effectiveSettings(workspace, overrides, owner.timeZone)
    const at = services.clock.now()
    const audience: LifecycleAudience = {
      locale: supportedLocales.find((locale) => locale === settings.locale) ?? owner.locale,
      timeZone: settings.timeZone, at, actorId: person.userId, reason, plannedStart: campaign.startDate,
    }
    const common = { teamId, campaignId: campaign.id, actorId: person.userId, at, reason, outbox: lifecycleOutbox(what, audience) }
    const result = await services.store.lifecycle.change(what === 'start' ? { ...common, change: what, today: localDateIn(at, settings.timeZone) } : { ...common, change: what })
    if (result.outcome === 'not_found') return m.refusal.campaignNotFound(escapeMrkdwn(String(campaign.id)))
    if (result.outcome === 'stale') {
      // Someone (or the scheduler) was quicker: say where it stands now.
      const refusal = refusalToRunLifecycle(result.record.campaign, person, what === 'end_early' ? 'end' : what as LifecycleAction)
      return refusal ? m.lifecycle.refusal[refusal] : m.refusal.alreadyDecided(m.stage[result.record.campaign.stage])
    }
    services.logger.info({ team: teamId, user: person.userId, campaign: campaign.id, change: what }, 'campaign_lifecycle_changed')
    void services.dispatcher.deliverNow(result.outboxIds)
    return null
  }

  const buttons: Array<[actionId: string, action: 'start' | 'pause' | 'resume']> = [
    [planActions.startNow, 'start'], [planActions.pause, 'pause'], [planActions.resume, 'resume'],
  ]
  for (const [actionId, action] of buttons) {
    listeners.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action: button, respond }) => {
      await ack()
      try {
        const click = await readClick(body, button.value, respond, action)
        if (!click) return
        const refused = await change(click.teamId, click.person, click.m, click.campaign, action, null)
        if (refused) await respond(ephemeral(refused))
      } catch (error) {
        services.logger.error({ err: error, user: body.user.id, action }, 'lifecycle_action_failed')
        await respond(ephemeral(troubleMessage(error, messagesFor('en')))).catch(() => {})
      }
    })
  }

  listeners.action<BlockAction<ButtonAction>>(planActions.endEarly, async ({ ack, body, action, respond, client }) => {
    await ack()
    const click = await readClick(body, action.value, respond, 'end')
    if (!click) return
    await openModalOrExplain(client, body.trigger_id, endEarlyModal(click.m, click.campaign), respond, click.m, services.logger)
  })

  listeners.action<BlockAction<ButtonAction>>(planActions.settings, async ({ ack, body, action, respond, client }) => {
    await ack()
    const click = await readClick(body, action.value, respond, 'settings')
    if (!click) return
    const [overrides, inherited] = await Promise.all([
      services.store.settings.campaignOverrides(click.teamId, click.campaign.id),
      inheritedSettings(services, click.campaign),
    ])
    if (!overrides) return
    await openModalOrExplain(client, body.trigger_id, campaignSettingsModal(click.m, click.campaign, overrides, inherited), respond, click.m, services.logger)
  })

  listeners.view(endEarlyModalIds.callbackId, async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const fail = (text: string) => ack({ response_action: 'errors', errors: { [endEarlyModalIds.reasonBlock]: text } })
    try {
      const typed = (view.state.values[endEarlyModalIds.reasonBlock]?.[endEarlyModalIds.reasonAction] as { value?: unknown } | undefined)?.value
      const reason = typeof typed === 'string' ? typed.trim() : ''
      if (reason === '') return void (await fail(m.lifecycle.endModal.required))
      if ([...reason].length > endReasonMaxLength) return void (await fail(m.lifecycle.endModal.tooLong(endReasonMaxLength)))
      const metadata = readViewMetadata(endMetadata, view.private_metadata)
      if (!metadata) {
        services.logger.warn({ team: teamId, user: body.user.id, view: view.callback_id }, 'view_metadata_unreadable')
        return void (await ack({ response_action: 'update', view: noticeModal(m.plan.outdatedTitle, trusted(m.formOutdated), m) }))
      }
      const campaign = await services.store.campaigns.byId(teamId, metadata.campaignId)
      if (!campaign) return void (await fail(m.refusal.campaignNotFound(escapeMrkdwn(String(metadata.campaignId)))))
      const refusal = refusalToRunLifecycle(campaign, person, 'end')
      if (refusal) return void (await fail(m.lifecycle.refusal[refusal]))
      const refused = await change(teamId, person, m, campaign, 'end_early', reason)
      if (refused) return void (await fail(refused))
      await ack()
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'end_early_failed')
      await fail(troubleMessage(error, m)).catch(() => {})
    }
  })
}

// The retrospective's clicks: Fill in the retro (on the channel's prompt and each participant's DM)
// opens that person's retro form, prefilled with their earlier answer; `/campaign retro` opens the
// same form. A refusal (not ended, report compiled, not a participant) is answered in words.
import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { localDate } from '../../domain/dates.ts'
import { messagesFor } from '../../i18n/catalogue.ts'
import { escapeMrkdwn } from '../../i18n/mrkdwn.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import { readRecordId } from '../shared/recordIds.ts'
import { retroOpenActionId } from './notifications.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { openModalOrExplain } from '../shared/openModal.ts'
import { retroFormModal } from './modals.ts'
import { registerRetroSubmissions, retroRefusal } from './submission.ts'

/** Opens this person's retro form of a campaign, or tells them why not. */
export async function openRetroForm(
  services: Services, client: WebClient, triggerId: string, teamId: string, campaignId: number, person: Person, respond: RespondFn,
): Promise<void> {
  const m = messagesFor(person.locale)
  const form = await services.store.retro.form(teamId, campaignId, person.userId)
  if (!form) return void (await respond(ephemeral(m.refusal.campaignNotFound(escapeMrkdwn(String(campaignId))))).catch(() => {}))
  const refusal = retroRefusal(form, person.userId, m)
  if (refusal) return void (await respond(ephemeral(refusal.text)).catch(() => {}))
  const answeredOn = form.mine ? localDate(form.mine.updatedAt, person.timeZone) : null
  await openModalOrExplain(client, triggerId, retroFormModal({ form, respondentId: person.userId, m, answeredOn }), respond, m, services.logger)
}

export function registerRetroSurfaces(listeners: Listeners, services: Services): void {
  registerRetroSubmissions(listeners, services)

  listeners.action<BlockAction<ButtonAction>>(retroOpenActionId, async ({ ack, body, action, client, respond }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    try {
      const campaignId = readRecordId(action.value)
      if (campaignId === null) return void (await respond(ephemeral(m.plan.formOutdated)).catch(() => {}))
      await openRetroForm(services, client, body.trigger_id, teamId, campaignId, person, respond)
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: person.userId }, 'retro_open_failed')
      await respond(ephemeral(troubleMessage(error, m))).catch(() => {})
    }
  })
}

// "Away until …" on the App Home: Set away / Change date opens a small modal with a date picker,
// I am back clears it; each then publishes the Home again. The same rules as `/campaign away`
// (src/slack/away/changes.ts): a bad date is answered on the picker, in the person's language.
import type { BlockAction, ButtonAction, SlackViewAction, ViewResponseAction } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import { localDate } from '../../domain/dates.ts'
import { awayInForce } from '../../domain/reminders.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { context, input, plainText } from '../shared/elements.ts'
import { trusted } from '../../i18n/mrkdwn.ts'
import { setAwayFrom } from './changes.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { readFields } from '../shared/formFields.ts'
import { homeActions, homeNoticeModal, renderHome } from '../home/view.ts'

export const awayModalIds = { callback: 'away_until', dateBlock: 'awayUntil', dateAction: 'value' } as const

export function awayModal(m: Messages, current: string | null, today: string): ModalView {
  const a = m.awaySetting
  return {
    type: 'modal',
    callback_id: awayModalIds.callback,
    title: plainText(a.modalTitle, 24),
    submit: plainText(a.modalSave, 24),
    close: plainText(a.modalCancel, 24),
    blocks: [
      context(trusted(a.modalIntro)),
      input(awayModalIds.dateBlock, a.modalLabel, { type: 'datepicker', action_id: awayModalIds.dateAction, initial_date: current ?? today }),
    ],
  }
}

export function registerAwayControls(listeners: Listeners, services: Services): void {
  async function republish(client: WebClient, teamId: string, userId: string): Promise<void> {
    try {
      await client.views.publish({ user_id: userId, view: await renderHome(services, teamId, userId) })
    } catch (error) {
      services.logger.warn({ err: error, team: teamId, user: userId }, 'home_publish_failed')
    }
  }
  type Click = { ack: () => Promise<void>; body: BlockAction<ButtonAction>; client: WebClient }
  function awayButton(name: string, handler: (teamId: string, userId: string, m: Messages, body: BlockAction<ButtonAction>, client: WebClient) => Promise<void>) {
    return async ({ ack, body, client }: Click) => {
      await ack()
      const teamId = body.team?.id ?? body.user.team_id ?? ''
      const person = await services.people.person(teamId, body.user.id)
      const m = messagesFor(person.locale)
      try {
        await handler(teamId, person.userId, m, body, client)
      } catch (error) {
        services.logger.error({ err: error, team: teamId, user: body.user.id, action: name }, 'home_action_failed')
        await client.views.open({ trigger_id: body.trigger_id, view: homeNoticeModal(trusted(troubleMessage(error, m)), m) }).catch(() => {})
      }
    }
  }

  listeners.action<BlockAction<ButtonAction>>(homeActions.setAway, awayButton('away_set', async (teamId, userId, m, body, client) => {
    const person = await services.people.person(teamId, userId)
    const today = localDate(services.clock.now(), person.timeZone)
    const known = await services.store.people.find(teamId, userId)
    await client.views.open({ trigger_id: body.trigger_id, view: awayModal(m, awayInForce(known?.awayUntil ?? null, today), today) })
  }))

  listeners.action<BlockAction<ButtonAction>>(homeActions.clearAway, awayButton('away_clear', async (teamId, userId, m, _body, client) => {
    const person = await services.people.person(teamId, userId)
    await setAwayFrom(services, teamId, person, 'back', m)
    await republish(client, teamId, userId)
  }))

  listeners.view<SlackViewAction>(awayModalIds.callback, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const picked = readFields(view.state.values, [awayModalIds.dateBlock])[awayModalIds.dateBlock]
    try {
      const answer = await setAwayFrom(services, teamId, person, typeof picked === 'string' ? picked : '', m)
      if (answer.outcome === 'refused') {
        return void (await ack({ response_action: 'errors', errors: { [awayModalIds.dateBlock]: answer.text } } satisfies ViewResponseAction))
      }
      await ack()
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: body.user.id }, 'away_save_failed')
      return void (await ack({ response_action: 'errors', errors: { [awayModalIds.dateBlock]: troubleMessage(error, m) } }))
    }
    await republish(client, teamId, person.userId)
  })
}

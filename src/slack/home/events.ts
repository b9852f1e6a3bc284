// App Home: published when the person opens the Home tab (not the Messages tab), and its own
// buttons — Open plan, Propose a campaign. A click on the Home has no thread to answer in, so a
// failure is told in a small modal. Start / Complete on a task are the task DM's buttons, taken by
// the tasks surface (src/slack/tasks/actions.ts); after any change the Home is refreshed by
// the outbox (src/slack/shared/homeRefresh.ts), like everyone else's Home the change concerns.
import type { BlockAction, ButtonAction } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import { localDate } from '../../domain/dates.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { trusted } from '../../i18n/mrkdwn.ts'
import { homeActions, homeNoticeModal, planOverviewModal, readCampaignIdValue, renderHome } from './view.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { proposalModal } from '../proposal/modal.ts'
import { proposalLessons } from '../learning/blocks.ts'

type HomeClick = { teamId: string; person: Person; m: Messages; body: BlockAction; action: ButtonAction; client: WebClient }

export function registerAppHome(listeners: Listeners, services: Services): void {
  async function publishHome(client: WebClient, teamId: string, userId: string): Promise<void> {
    await client.views.publish({ user_id: userId, view: await renderHome(services, teamId, userId) })
  }

  listeners.event('app_home_opened', async ({ event, body, client }) => {
    // The Messages tab is the app's DM: nothing to publish there.
    if (event.tab !== 'home') return
    const teamId = body.team_id
    try {
      await publishHome(client, teamId, event.user)
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: event.user }, 'home_publish_failed')
    }
  })

  async function openModal(click: HomeClick, view: ModalView): Promise<void> {
    try {
      await click.client.views.open({ trigger_id: click.body.trigger_id, view })
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? (error as { code?: string }).code
      services.logger.warn({ error: code, team: click.teamId, user: click.person.userId }, 'home_modal_not_opened')
    }
  }

  const tell = (click: HomeClick, text: string) => openModal(click, homeNoticeModal(trusted(text), click.m))

  /** A click on the Home: who, in which language; a failure is told in words, never a silent nothing. */
  function homeButton(name: string, handler: (click: HomeClick) => Promise<void>) {
    return async ({ ack, body, action, client }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; client: WebClient }) => {
      await ack()
      const teamId = body.team?.id ?? body.user.team_id ?? ''
      const person = await services.people.person(teamId, body.user.id)
      const click: HomeClick = { teamId, person, m: messagesFor(person.locale), body, action, client }
      try {
        await handler(click)
      } catch (error) {
        services.logger.error({ err: error, team: teamId, user: body.user.id, action: name }, 'home_action_failed')
        await tell(click, troubleMessage(error, click.m))
      }
    }
  }

  listeners.action<BlockAction<ButtonAction>>(homeActions.newCampaign, homeButton('new_campaign', async (click) =>
    openModal(click, proposalModal(click.m, { mode: 'new' }, { ownerId: click.person.userId }, await proposalLessons(services, click.teamId, {}, click.m)))))

  listeners.action<BlockAction<ButtonAction>>(homeActions.openPlan, homeButton('open_plan', async (click) => {
    const campaignId = readCampaignIdValue(click.action.value)
    const record = campaignId === null ? null : await services.store.plans.load(click.teamId, campaignId)
    if (!record) return tell(click, click.m.home.campaignGone)
    await openModal(click, planOverviewModal(record, localDate(services.clock.now(), click.person.timeZone), click.m))
  }))
}

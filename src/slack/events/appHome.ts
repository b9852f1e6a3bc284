// App Home: published when the person opens the Home tab (not the Messages tab), and its buttons —
// Start / Complete a task, Open plan, Propose a campaign. A click on the Home has no thread to
// answer in, so a refusal is told in a small modal. After a task change the Home is refreshed by
// the outbox (src/slack/homeRefresh.ts), like everyone else's Home the change concerns.
import type { BlockAction, ButtonAction } from '@slack/bolt'
import type { ModalView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import { localDate } from '../../domain/dates.ts'
import { refusalToChangeTaskStatus, taskStatusStages } from '../../domain/planPermissions.ts'
import { taskTransition, type Task, type TaskChange } from '../../domain/tasks.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import { taskChanges } from '../../store/plans.ts'
import { trusted } from '../blocks/mrkdwn.ts'
import {
  homeActions, homeNoticeModal, planOverviewModal, readCampaignIdValue, readTaskButtonValue, renderHome,
} from '../home/homeView.ts'
import type { Listeners } from '../listeners.ts'
import type { Person } from '../people.ts'
import { applyPlanChange } from '../planChanges.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../trouble.ts'
import { proposalModal } from '../views/proposalModal.ts'

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

  listeners.action<BlockAction<ButtonAction>>(homeActions.newCampaign, homeButton('new_campaign', (click) =>
    openModal(click, proposalModal(click.m, { mode: 'new' }, { ownerId: click.person.userId }))))

  listeners.action<BlockAction<ButtonAction>>(homeActions.openPlan, homeButton('open_plan', async (click) => {
    const campaignId = readCampaignIdValue(click.action.value)
    const record = campaignId === null ? null : await services.store.plans.load(click.teamId, campaignId)
    if (!record) return tell(click, click.m.home.campaignGone)
    await openModal(click, planOverviewModal(record, localDate(services.clock.now(), click.person.timeZone), click.m))
  }))

  /** Start or Complete from the Home: the task's owner (or who may edit the plan), on the version shown. */
  async function changeTask(click: HomeClick, change: TaskChange): Promise<void> {
    const { m, teamId, person } = click
    // Says why nothing happened, and shows the Home as it now is.
    const refuse = (text: string) => Promise.all([tell(click, text), publishHome(click.client, teamId, person.userId)]).then(() => {})
    const value = readTaskButtonValue(click.action.value)
    const record = value ? await services.store.plans.load(teamId, value.campaignId) : null
    // PlanRecord's tasks are full Tasks (PlanSnapshot alone needs only status and due date).
    const tasks: readonly Task[] = record?.snapshot.tasks ?? []
    const task = tasks.find((t) => t.id === value?.taskId)
    if (!value || !record || !task) return refuse(m.home.taskGone)
    const refusal = refusalToChangeTaskStatus(record.campaign, task, person)
    if (refusal) return refuse(m.plan.refusal[refusal])
    if (task.version !== value.version) return refuse(m.home.taskChanged)
    const transition = taskTransition(task, change)
    if (!transition.ok) return refuse(m.home.transitionRefused[transition.refusal])
    const result = await applyPlanChange(services, {
      record, actor: person, section: 'tasks', stages: taskStatusStages,
      change: taskChanges.setStatus(task.id, value.version, transition.status, transition.blockedReason),
    })
    switch (result.outcome) {
      case 'changed':
        services.logger.info({ team: teamId, user: person.userId, campaign: record.campaign.id, task: task.id, change }, 'home_task_changed')
        return
      case 'stale':
      case 'item_not_found':
        return refuse(m.home.taskChanged)
      case 'not_editable':
        return refuse(m.plan.refusal.tasks_closed)
      case 'not_found':
        return refuse(m.home.campaignGone)
    }
  }

  listeners.action<BlockAction<ButtonAction>>(homeActions.startTask, homeButton('start_task', (click) => changeTask(click, 'start')))
  listeners.action<BlockAction<ButtonAction>>(homeActions.completeTask, homeButton('complete_task', (click) => changeTask(click, 'complete')))
}

// Entering figures: the Enter figures button (metric prompt DM, digest, App Home, `/campaign
// metrics`) opens the metric entry modal for the goals this person reports; its submission is
// checked field by field and saved. A refusal is answered in words: ephemeral under a message, a
// small modal where there is none (App Home), the modal replaced by a notice once inside it.
import type { BlockAction, ButtonAction, Middleware, RespondFn, SlackViewMiddlewareArgs, ViewResponseAction } from '@slack/bolt'
import type { WebClient } from '@slack/web-api'
import { checkMetricEntry, mayEnterGoal, type MetricFieldError } from '../../domain/metrics.ts'
import { currencyFractionDigits } from '../../domain/money.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { EntryToSave } from '../../store/metrics.ts'
import { enterMetricsAction, readEnterFiguresValue } from '../shared/enterFigures.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import type { Listeners } from '../listeners.ts'
import { campaignToday, entryRefusal, goalsFor, saveFigures } from './changes.ts'
import type { Person } from '../people.ts'
import type { Services } from '../services.ts'
import { troubleMessage } from '../shared/trouble.ts'
import { metricEntryModal, metricErrorText, metricModalIds, goalFieldBlock, modeField, readMetricForm, readMetricMetadata } from './modal.ts'
import { choicesNotOffered } from '../shared/formFields.ts'
import { openModalOrExplain } from '../shared/openModal.ts'
import { noticeModal } from '../shared/openModal.ts'

export { enterMetricsAction } from '../shared/enterFigures.ts'

export function registerMetricSurfaces(listeners: Listeners, services: Services): void {
  /** Tells the person: ephemeral under a message, a small modal where there is none (App Home). */
  async function explain(client: WebClient, body: BlockAction, respond: RespondFn, m: Messages, text: string): Promise<void> {
    if (body.response_url) return void (await respond(ephemeral(text)).catch(() => {}))
    const view = noticeModal(m.plan.outdatedTitle, trusted(text), m)
    await client.views.open({ trigger_id: body.trigger_id, view }).catch(() => {})
  }

  listeners.action<BlockAction<ButtonAction>>(enterMetricsAction, async ({ ack, body, action, client, respond }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    try {
      const campaignId = readEnterFiguresValue(action.value)
      if (campaignId === null) return explain(client, body, respond, m, m.plan.formOutdated)
      const figures = await services.store.metrics.figures(teamId, campaignId)
      if (!figures) return explain(client, body, respond, m, m.refusal.campaignNotFound(escapeMrkdwn(String(campaignId))))
      const refusal = entryRefusal(figures, person, m)
      if (refusal) return explain(client, body, respond, m, refusal)
      const goals = goalsFor(figures, person)
      const view = metricEntryModal({ figures, goals, today: await campaignToday(services, figures.campaign), m, allGoals: figures.goals.length })
      services.logger.info({ team: teamId, user: person.userId, campaign: campaignId, goals: goals.length }, 'metric_modal_opened')
      await openModalOrExplain(client, body.trigger_id, view, respond, m, services.logger)
    } catch (error) {
      services.logger.error({ err: error, team: teamId, user: person.userId, action: enterMetricsAction }, 'metric_action_failed')
      await explain(client, body, respond, m, troubleMessage(error, m))
    }
  })

  listeners.view(metricModalIds.callback, submitFigures(services))
}

function submitFigures(services: Services): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person: Person = await services.people.person(teamId, body.user.id)
    const m = messagesFor(person.locale)
    const answer = (response?: ViewResponseAction) => ack(response as never)
    const notice = (text: string) => answer({ response_action: 'update', view: noticeModal(m.plan.outdatedTitle, trusted(text), m) })
    const log = services.logger.child({ team: teamId, user: person.userId, view: view.id, form: 'metrics' })
    try {
      const metadata = readMetricMetadata(view.private_metadata)
      if (!metadata) return notice(m.plan.formOutdated)
      const figures = await services.store.metrics.figures(teamId, metadata.c)
      if (!figures) return notice(m.plan.campaignGone)
      const refusal = entryRefusal(figures, person, m)
      if (refusal) return notice(refusal)
      const goals = metadata.g.map((id) => figures.goals.find((goal) => goal.id === id))
      if (goals.some((goal) => !goal)) return notice(m.metrics.refusal.goalGone)
      // The form names goals; whoever submits it must still report each one it sends.
      if (goals.some((goal) => !mayEnterGoal(goal!, figures.campaign, person))) return notice(m.metrics.refusal.notAllowed(escapeMrkdwn(figures.campaign.name)))

      const today = await campaignToday(services, figures.campaign)
      const { onDate, typed } = readMetricForm(view.state.values, metadata.g)
      const errors: Record<string, string> = {}
      // A figure's mode the form never offered is refused, not read as the day's own figure.
      for (const block of choicesNotOffered(view.state.values, metadata.g.map((id) => modeField(id, m)))) errors[block] = m.planFieldError('not_offered')
      const put = (block: string, error: MetricFieldError) => { errors[block] ??= metricErrorText(error, m) }
      const entries: EntryToSave[] = []
      const rules = {
        currencyFractionDigits: currencyFractionDigits(figures.currency), campaignStart: figures.campaign.startDate,
        campaignEnd: figures.campaign.endDate, today,
      }
      for (const entry of typed) {
        const goal = goals.find((g) => g!.id === entry.goalId)!
        const checked = checkMetricEntry(entry, { ...rules, isMoney: goal.isMoney })
        if (checked.ok) {
          entries.push({ goalId: goal.id, entry: checked.value })
          continue
        }
        if (checked.errors.value) put(goalFieldBlock(goal.id, 'value'), checked.errors.value)
        if (checked.errors.note) put(goalFieldBlock(goal.id, 'note'), checked.errors.note)
        if (checked.errors.onDate) put(metricModalIds.onDate, checked.errors.onDate)
      }
      if (typed.length === 0) {
        errors[goalFieldBlock(metadata.g[0]!, 'value')] = m.metrics.nothingEntered
        const day = checkMetricEntry({ value: '0', onDate }, { ...rules, isMoney: false })
        if (!day.ok && day.errors.onDate) put(metricModalIds.onDate, day.errors.onDate)
      }
      if (Object.keys(errors).length > 0) {
        log.info({ campaign: metadata.c, fields: Object.keys(errors) }, 'metric_form_refused')
        return answer({ response_action: 'errors', errors })
      }

      const saved = await saveFigures(services, { teamId, campaignId: metadata.c, actorId: person.userId, entries })
      log.info({ campaign: metadata.c, outcome: saved.outcome, entries: entries.length, edited: saved.outcome === 'saved' ? saved.edited : 0 }, 'metric_entries_saved')
      switch (saved.outcome) {
        case 'saved': return answer()
        case 'goal_not_found': return notice(m.metrics.refusal.goalGone)
        case 'not_found': return notice(m.plan.campaignGone)
      }
    } catch (error) {
      log.error({ err: error }, 'metric_form_failed')
      await answer({ response_action: 'errors', errors: { [metricModalIds.onDate]: troubleMessage(error, m) } }).catch(() => {})
    }
  }
}

// The retrospective report's goals chart: drawn when its outbox row is delivered (from the data as
// compiled: a closed campaign's goals no longer change) and uploaded into the report's thread.
// The app posts it on its own, so it comes from the outbox like every such post; the row holds
// only what to draw, not a few hundred KB of PNG.
import type { WebClient } from '@slack/web-api'
import type { GoalPanel, GoalsChart } from '../../charts/goals.ts'
import { currencyFractionDigits } from '../../domain/money.ts'
import { goalSeries, type GoalEnding, type ReportGoal, type RetroReportData } from '../../domain/retroReport.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { Logger } from '../../logger.ts'
import type { OutboxMessage } from '../../store/outbox.ts'
import type { Store } from '../../store/store.ts'
import { escapeMrkdwn } from '../../i18n/mrkdwn.ts'
import { uploadJoiningIfNeeded } from '../shared/upload.ts'
import type { PeopleDirectory } from '../people.ts'
import { channelLocale, hasChart } from './compile.ts'

const altTextLimit = 1000

function panelLabel(goal: ReportGoal, currency: string, m: Messages): string {
  const name = goal.metric === 'custom' && goal.customMetric ? goal.customMetric : m.names.metric[goal.metric]
  const unit = goal.isMoney ? currency : goal.unit
  return unit ? `${name} (${unit})` : name
}

/** The figure the report's text states, written as it writes it, in display units at the end date. */
function endingOf(ending: GoalEnding, goal: ReportGoal, scale: number, currency: string, m: Messages): NonNullable<GoalPanel['ending']> {
  const figure = goal.isMoney ? m.money(ending.value, currency) : m.number(ending.value)
  return { date: ending.date, value: ending.value * scale, figure, source: ending.source, label: m.retroReport.chart.ending(figure, ending.source) }
}

/** The chart of a campaign's goals, in the reader's language; money in major units (display only). */
export function goalsChartOf(data: RetroReportData, m: Messages): GoalsChart {
  const toDisplay = (goal: ReportGoal) => (goal.isMoney ? 10 ** -currencyFractionDigits(data.currency) : 1)
  const panels = data.goals.filter((goal) => goal.target > 0).map((goal): GoalPanel => {
    const scale = toDisplay(goal)
    const series = goalSeries(goal, data.campaign)
    return {
      label: panelLabel(goal, data.currency, m),
      target: goal.target * scale,
      points: series.points.map((point) => ({ date: point.date, pace: point.pace * scale, actual: point.actual === null ? null : point.actual * scale })),
      ending: series.ending && endingOf(series.ending, goal, scale, data.currency, m),
    }
  })
  return { title: m.retroReport.chart.title(data.campaign.name), panels, labels: m.retroReport.chart.labels }
}

/** The dispatcher's `upload` for retro charts (wired in campaignDesk.ts; the dispatcher gives the workspace's client). */
export function retroChartUploader(deps: { store: Store; people: PeopleDirectory; logger: Logger }) {
  return async (message: OutboxMessage, threadTs: string | null, client: WebClient): Promise<void | { drop: string }> => {
    const upload = message.payload.upload
    if (upload?.chart !== 'retro_goals') return { drop: 'unknown_upload' }
    const data = await deps.store.retroReport.load(message.teamId, upload.campaignId)
    if (!data) return { drop: 'campaign_gone' }
    if (!hasChart(data)) return { drop: 'no_goals' }
    const m = messagesFor(await channelLocale(deps, message.teamId, data.campaign.ownerId))
    const chart = goalsChartOf(data, m)
    const startedAt = performance.now()
    // Loaded on first use, as the Gantt: the chart libraries cost memory an idle app need not hold.
    const png = await (await import('../../charts/goals.ts')).renderGoalsPng(chart)
    const endings = chart.panels.flatMap((panel) => (panel.ending ? [m.retroReport.chart.altEnding(panel.label, panel.ending.figure, panel.ending.source)] : []))
    const file = {
      channel_id: message.target,
      file: png,
      filename: `retro-goals-${data.campaign.id}.png`,
      title: chart.title,
      initial_comment: m.retroReport.chart.comment(escapeMrkdwn(data.campaign.name)),
      alt_text: [...m.retroReport.chart.altText(data.campaign.name, chart.panels.length, endings)].slice(0, altTextLimit).join(''),
    }
    await uploadJoiningIfNeeded(client, threadTs ? { ...file, thread_ts: threadTs } : file)
    deps.logger.info({ team: message.teamId, campaign: data.campaign.id, goals: chart.panels.length, bytes: png.length, drawMs: Math.round(performance.now() - startedAt) }, 'retro_chart_uploaded')
  }
}

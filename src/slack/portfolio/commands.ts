// `/campaign portfolio` answers the person with every scheduled and live campaign, most behind first
// (ephemeral); `/campaign portfolio chart` uploads the picture into the channel where it was asked.
// The Home's See all opens the whole portfolio in a modal. The weekly summary's words are composed
// here too (the scheduler writes them to the outbox; it composes nothing itself).
import type { BlockAction, ButtonAction } from '@slack/bolt'
import type { HomeView } from '@slack/types'
import type { PortfolioChart } from '../../charts/portfolio.ts'
import { composePortfolio, summaryIsQuiet, summaryKey, type Portfolio } from '../../domain/portfolio.ts'
import { messagesFor, supportedLocales, type Locale, type Messages } from '../../i18n/catalogue.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { Store } from '../../store/store.ts'
import type { CommandContext } from '../commandContext.ts'
import type { Listeners } from '../listeners.ts'
import type { Services } from '../services.ts'
import { ephemeral } from '../shared/ephemeral.ts'
import { slackErrorCode, uploadJoiningIfNeeded } from '../shared/upload.ts'
import { portfolioActions, portfolioHomeBlocks, portfolioHomeOverhead, portfolioMessage, portfolioModal, portfolioSummaryMessage } from './message.ts'

/** The workspace's portfolio as it is at `now`. */
export async function readPortfolio(store: Pick<Store, 'portfolio'>, teamId: string, now: Date): Promise<Portfolio & { locale: string | null }> {
  const read = await store.portfolio.read(teamId)
  return { ...composePortfolio(read.sources, now, read.marginPercent), locale: read.locale }
}

/** The picture's input: one panel per campaign, most behind first, in the reader's language. */
export function portfolioChartOf(portfolio: Portfolio, m: Messages): PortfolioChart {
  const p = m.portfolio
  return {
    title: p.chart.title(portfolio.rows.length),
    labels: { share: p.chart.share, noGoals: p.chart.noGoals, words: p.paceWord },
    panels: portfolio.rows.map((row) => ({
      label: row.campaign.name,
      goals: row.goals.flatMap((standing) => standing.word === null ? [] : [{
        label: standing.goal.metric === 'custom' && standing.goal.customMetric ? standing.goal.customMetric : m.names.metric[standing.goal.metric],
        percent: standing.percentOfPace, word: standing.word,
      }]),
    })),
  }
}

export async function portfolioCommand({ services, client, command, respond, m, rest }: CommandContext): Promise<void> {
  const portfolio = await readPortfolio(services.store, command.team_id, services.clock.now())
  if (rest.trim().toLowerCase() !== 'chart') return void (await respond(ephemeral(portfolioMessage(portfolio, m))))
  const startedAt = performance.now()
  // Drawn on demand only: the renderer (vega, canvas, fonts) loads the first time a picture is asked for.
  const png = await (await import('../../charts/portfolio.ts')).renderPortfolioPng(portfolioChartOf(portfolio, m))
  const drawnMs = Math.round(performance.now() - startedAt)
  try {
    await uploadJoiningIfNeeded(client, {
      channel_id: command.channel_id, file: png, filename: 'portfolio.png', title: m.portfolio.chart.title(portfolio.rows.length),
      alt_text: m.portfolio.chart.altText(portfolio.rows.length),
    } as never)
    services.logger.info({ team: command.team_id, user: command.user_id, campaigns: portfolio.rows.length, drawMs: drawnMs }, 'portfolio_chart_posted')
  } catch (error) {
    services.logger.warn({ err: error, team: command.team_id, slackError: slackErrorCode(error) }, 'portfolio_chart_upload_failed')
    await respond(ephemeral(m.portfolio.chartFailed))
  }
}

/** The Home's portfolio section, for workspace admins and approvers of a campaign in flight; empty for others. */
export async function portfolioHomeSection(
  services: { store: Pick<Store, 'portfolio'>; clock: Services['clock'] }, teamId: string, shows: boolean, m: Messages, room: number,
): Promise<HomeView['blocks']> {
  if (!shows || room < portfolioHomeOverhead + 1) return []
  return portfolioHomeBlocks(await readPortfolio(services.store, teamId, services.clock.now()), m, room - portfolioHomeOverhead)
}

/**
 * The weekly summary's outbox row for a workspace (in the workspace's language, else English), or
 * null in a week with nothing live: the scheduler settles such a week without posting.
 */
export async function portfolioSummaryDraft(store: Pick<Store, 'portfolio'>, teamId: string, channelId: string, week: string, now: Date): Promise<OutboxDraft | null> {
  const portfolio = await readPortfolio(store, teamId, now)
  if (summaryIsQuiet(portfolio)) return null
  const locale: Locale = supportedLocales.find((candidate) => candidate === portfolio.locale) ?? 'en'
  const message = portfolioSummaryMessage(portfolio, messagesFor(locale))
  return { teamId, dedupeKey: summaryKey(week), kind: 'post', target: channelId, payload: { text: message.text, blocks: message.blocks } }
}

export function registerPortfolioActions(listeners: Listeners, services: Services): void {
  listeners.action<BlockAction<ButtonAction>>(portfolioActions.seeAll, async ({ ack, body, client }) => {
    await ack()
    const teamId = body.team?.id ?? body.user.team_id ?? ''
    const person = await services.people.person(teamId, body.user.id)
    try {
      const portfolio = await readPortfolio(services.store, teamId, services.clock.now())
      await client.views.open({ trigger_id: body.trigger_id, view: portfolioModal(portfolio, messagesFor(person.locale)) })
    } catch (error) {
      services.logger.warn({ err: error, team: teamId, user: body.user.id, slackError: slackErrorCode(error) }, 'portfolio_modal_not_opened')
    }
  })
}

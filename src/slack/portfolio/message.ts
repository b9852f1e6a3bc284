// The portfolio as Block Kit (issue 17, part 3): one section per campaign, most behind first, with
// its stage, days left, each goal's pace, overdue tasks, budget and owner. A message holds 50
// blocks and a modal or Home 100: past the limit given, the rest are counted ("and N more").
import type { KnownBlock, ModalView } from '@slack/types'
import { CampaignStage } from '../../domain/campaign.ts'
import { firstOf } from '../../domain/digest.ts'
import { budgetUsedPercent, type Portfolio, type PortfolioGoal, type PortfolioRow } from '../../domain/portfolio.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import { actions, button, context, header, plainText, section } from '../shared/elements.ts'

export const portfolioActions = { seeAll: 'portfolio_see_all' } as const

/** Rows per surface: a message's 50 blocks and a modal's 100, less the header, counts and "more" lines. */
export const portfolioLimits = { message: 40, modal: 90, home: 5 } as const

/** Goals named per row; the rest are counted. */
const goalsPerRow = 4
const nameLimit = 80

function short(text: string, limit: number): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()]
  return characters.length <= limit ? characters.join('') : `${characters.slice(0, limit - 1).join('')}…`
}

function goalName(goal: PortfolioGoal['goal'], m: Messages): Mrkdwn {
  return escapeMrkdwn(short(goal.metric === 'custom' && goal.customMetric ? goal.customMetric : m.names.metric[goal.metric], 40))
}

function money(minor: number, currency: string | null, m: Messages): Mrkdwn {
  return escapeMrkdwn(currency ? m.money(minor, currency) : m.number(minor))
}

/** The row's three lines: who and when; verdict and goals; overdue tasks and budget. */
export function portfolioRowText(row: PortfolioRow, m: Messages): Mrkdwn {
  const p = m.portfolio
  const { campaign } = row
  const when = campaign.stage === CampaignStage.Live ? p.daysLeft(row.daysLeft ?? 0) : p.startsIn(row.daysToStart ?? 0)
  const first = p.campaign(escapeMrkdwn(short(campaign.name, nameLimit)), m.stage[campaign.stage], when, mentionUser(campaign.ownerId))
  const { shown, more } = firstOf(row.goals, goalsPerRow)
  const goals = shown.map((standing) => p.goal(goalName(standing.goal, m), standing.word ? p.paceWord[standing.word] : p.noTarget, standing.percentOfPace))
  if (more > 0) goals.push(p.moreGoals(more))
  const second = [p.verdict[row.verdict], ...(goals.length > 0 ? goals : [p.noGoals])].join(' · ')
  const budget = campaign.budget
  const used = budgetUsedPercent(budget)
  const budgetText = !budget ? p.noBudget
    : used === null || budget.spentMinor === null ? p.budgetNotRecorded(money(budget.chosenTotalMinor, campaign.currency, m))
    : p.budgetSpent(money(budget.spentMinor, campaign.currency, m), money(budget.chosenTotalMinor, campaign.currency, m), used)
  return trusted(`${first}\n${second}\n${p.overdue(row.overdueTasks)} · ${budgetText}`)
}

/** Header, counts, the first `limit` rows and how many more. */
export function portfolioBlocks(portfolio: Portfolio, m: Messages, limit: number, title: string = m.portfolio.title): KnownBlock[] {
  const p = m.portfolio
  const blocks: KnownBlock[] = [header(title)]
  if (portfolio.rows.length === 0) return [...blocks, section(trusted(p.none))]
  blocks.push(context(trusted(p.counts(portfolio.live, portfolio.scheduled, portfolio.behind))))
  const { shown, more } = firstOf(portfolio.rows, limit)
  for (const row of shown) blocks.push(section(portfolioRowText(row, m)))
  if (more > 0) blocks.push(context(trusted(p.more(more))))
  return blocks
}

/** The answer to `/campaign portfolio` (ephemeral: 50 blocks). */
export function portfolioMessage(portfolio: Portfolio, m: Messages): { text: string; blocks: KnownBlock[] } {
  const p = m.portfolio
  return {
    text: p.fallback(portfolio.live, portfolio.scheduled, portfolio.behind),
    blocks: [...portfolioBlocks(portfolio, m, portfolioLimits.message), context(trusted(p.chartHint))],
  }
}

/** The weekly summary posted in the chosen channel. */
export function portfolioSummaryMessage(portfolio: Portfolio, m: Messages): { text: string; blocks: KnownBlock[] } {
  const p = m.portfolio
  return { text: p.fallback(portfolio.live, portfolio.scheduled, portfolio.behind), blocks: portfolioBlocks(portfolio, m, portfolioLimits.message, p.summaryTitle) }
}

/** The whole portfolio in a modal (opened from the Home's See all): up to 100 blocks. */
export function portfolioModal(portfolio: Portfolio, m: Messages): ModalView {
  const p = m.portfolio
  return {
    type: 'modal', title: plainText(p.modalTitle, 24), close: plainText(p.close, 24),
    // The modal has its own title: the blocks start with the counts.
    blocks: portfolioBlocks(portfolio, m, portfolioLimits.modal).slice(1),
  }
}

/** The Home section's blocks besides its rows: divider, header, counts, See all. */
export const portfolioHomeOverhead = 4

/** The App Home's section (admins and approvers): the five most behind (fewer when the Home is full) and See all. */
export function portfolioHomeBlocks(portfolio: Portfolio, m: Messages, maxRows: number = portfolioLimits.home): KnownBlock[] {
  const p = m.portfolio
  if (portfolio.rows.length === 0) return []
  const { shown } = firstOf(portfolio.rows, Math.min(maxRows, portfolioLimits.home))
  return [
    { type: 'divider' },
    header(p.homeHeader),
    context(trusted(p.counts(portfolio.live, portfolio.scheduled, portfolio.behind))),
    ...shown.map((row) => section(portfolioRowText(row, m))),
    actions('home_portfolio', [button(p.seeAll, portfolioActions.seeAll, 'all')]),
  ]
}

// The daily digest and the behind-pace alert (issue 7, points 3 and 5), rendered when the
// dispatcher delivers them: the campaign as it is then (the latest figures, tasks finished since
// the tick), in the channel's language — the workspace's, else the campaign owner's. A digest
// for a campaign paused or ended meanwhile, or for a day already over, is dropped, not posted.
import type { KnownBlock } from '@slack/types'
import { CampaignStage } from '../../domain/campaign.ts'
import {
  composeDigest, distinctPeople, firstOf, goalStanding, type DigestGoal, type DigestTask, type GoalStanding,
} from '../../domain/digest.ts'
import { effectiveSettings } from '../../domain/liveSettings.ts'
import { localDateIn } from '../../domain/localTime.ts'
import { defaultPaceMarginPercent } from '../../domain/pace.ts'
import { messagesFor, supportedLocales, type Locale, type Messages } from '../../i18n/catalogue.ts'
import type { LiveCampaignFacts } from '../../store/liveReads.ts'
import { actions, button, context, header, section } from '../shared/elements.ts'
import { enterFiguresButton } from '../shared/enterFigures.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import { homeActions } from '../home/view.ts'
import type { LiveRenderContext, LiveRenderer } from './renderContext.ts'

/** The digest's Enter figures button: the metric entry modal for the campaign (src/slack/metrics/actions.ts). */
export const digestActions = { blockId: 'digest_actions' } as const

/** Tasks listed under "due today" and "overdue", goals listed: past these, "and N more". */
export const digestListLimit = 10

// Titles keep to a line: a digest lists many.
const lineLimit = 150
function short(text: string): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()]
  return characters.length <= lineLimit ? characters.join('') : `${characters.slice(0, lineLimit - 1).join('')}…`
}

type Resolved = { facts: LiveCampaignFacts; today: string; marginPercent: number; m: Messages }

/**
 * The campaign as it is now, its local date and the channel's language; or why the post is
 * dropped: the campaign is gone, not live or paused, or the day the post was for is over.
 */
async function resolve(item: { teamId: string; campaignId: number; day: string }, ctx: LiveRenderContext, options: { tasks: boolean }): Promise<Resolved | { drop: string }> {
  const facts = await ctx.store.liveReads.campaignFacts(item.teamId, item.campaignId, options)
  if (!facts || facts.stage !== CampaignStage.Live || facts.paused) return { drop: 'not_live' }
  const workspaceLocale = supportedLocales.find((locale) => locale === facts.workspace.locale)
  // Slack is asked about the owner only when the zone or the language depends on them.
  const owner = facts.ownerZone && workspaceLocale ? null : await ctx.people.person(facts.teamId, facts.ownerId)
  const zone = effectiveSettings(facts.workspace, facts.overrides, facts.ownerZone ?? owner?.timeZone ?? null).timeZone
  const today = localDateIn(ctx.clock.now(), zone)
  if (item.day < today) return { drop: 'stale' }
  const locale: Locale = workspaceLocale ?? owner?.locale ?? 'en'
  return { facts, today, marginPercent: facts.workspace.paceMarginPercent ?? defaultPaceMarginPercent, m: messagesFor(locale) }
}

function goalName(goal: DigestGoal, m: Messages): Mrkdwn {
  return escapeMrkdwn(goal.metric === 'custom' && goal.customMetric ? goal.customMetric : m.names.metric[goal.metric])
}

/** A figure in the goal's units: money in the plan's currency, else a number and its unit. */
function amount(goal: DigestGoal, value: number, currency: string | null, m: Messages): Mrkdwn {
  if (goal.money && currency) return escapeMrkdwn(m.money(Math.round(value), currency))
  return escapeMrkdwn(`${m.number(value)}${goal.unit ? ` ${goal.unit}` : ''}`)
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0)

const statusMark = { on_track: ':large_green_circle:', at_risk: ':large_yellow_circle:', behind: ':red_circle:', not_started: ':white_circle:' } as const

function goalLine({ goal, pace }: GoalStanding, currency: string | null, m: Messages): string {
  const d = m.liveDigest
  const actual = amount(goal, goal.actual, currency, m)
  const parts = [goal.target === null ? d.noTarget(actual) : d.figure(actual, amount(goal, goal.target, currency, m), percent(goal.actual, goal.target))]
  if (pace) {
    if (pace.status === 'not_started') parts.push(d.notStarted)
    else {
      parts.push(d.pace(amount(goal, pace.expected, currency, m), pace.asOf))
      if (pace.projected !== null) parts.push(d.projected(amount(goal, pace.projected, currency, m)))
    }
  }
  parts.push(goal.actualAsOf ? d.figuresAsOf(goal.actualAsOf) : d.noFigures)
  const mark = pace ? `${statusMark[pace.status]} ` : ''
  return `${mark}${d.goalName(goalName(goal, m))}: ${parts.join(' · ')}`
}

function taskLines(tasks: readonly DigestTask[], line: (task: DigestTask) => string, m: Messages): string {
  const { shown, more } = firstOf(tasks, digestListLimit)
  return [...shown.map(line), ...(more > 0 ? [m.liveDigest.more(more)] : [])].join('\n')
}

function planButtons(campaignId: number, m: Messages, withFigures: boolean) {
  const value = String(campaignId)
  return actions(digestActions.blockId, [
    ...(withFigures ? [enterFiguresButton(campaignId, m, 'primary')] : []),
    // App Home's Open plan: it opens the plan's overview from any message, for anyone.
    button(m.liveDigest.openPlan, homeActions.openPlan, value),
  ])
}

export const renderDigest: LiveRenderer<'digest'> = async (item, ctx) => {
  const resolved = await resolve(item, ctx, { tasks: true })
  if ('drop' in resolved) return resolved
  const { facts, today, marginPercent, m } = resolved
  const d = m.liveDigest
  const digest = composeDigest({ startDate: facts.startDate, endDate: facts.endDate, tasks: facts.tasks, goals: facts.goals, today, marginPercent })
  const name = escapeMrkdwn(facts.name)

  const blocks: KnownBlock[] = [
    header(d.title(facts.name)),
    section(trusted(`${d.daysLeft(digest.daysLeft, facts.endDate)}\n${d.verdictLine[digest.verdict]}`)),
    section(trusted(digest.total === 0 ? d.noTasks
      : `${d.tasks(digest.done, digest.total)}\n${digest.stages.map((tally) => d.stage(m.workStage[tally.stage], tally.done, tally.total)).join(' · ')}`)),
  ]
  const taskLine = (task: DigestTask) => d.task(escapeMrkdwn(short(task.title)), mentionUser(task.ownerId))
  const overdueLine = (task: DigestTask) => d.overdueTask(escapeMrkdwn(short(task.title)), mentionUser(task.ownerId), task.dueDate)
  if (digest.dueToday.length > 0) blocks.push(section(trusted(`${d.dueToday(digest.dueToday.length)}\n${taskLines(digest.dueToday, taskLine, m)}`)))
  if (digest.overdue.length > 0) blocks.push(section(trusted(`${d.overdue(digest.overdue.length)}\n${taskLines(digest.overdue, overdueLine, m)}`)))
  if (digest.goals.length > 0) {
    const { shown, more } = firstOf(digest.goals, digestListLimit)
    const lines = [d.goals, ...shown.map((standing) => goalLine(standing, facts.currency, m)), ...(more > 0 ? [d.more(more)] : [])]
    blocks.push(section(trusted(lines.join('\n'))))
  }
  blocks.push(planButtons(facts.id, m, digest.goals.length > 0))
  return { text: d.fallback(name, d.verdict[digest.verdict]), blocks }
}

export const renderPaceAlert: LiveRenderer<'pace_alert'> = async (item, ctx) => {
  const resolved = await resolve(item, ctx, { tasks: false })
  if ('drop' in resolved) return resolved
  const { facts, today, marginPercent, m } = resolved
  const goal = facts.goals.find((candidate) => candidate.id === item.goalId)
  if (!goal) return { drop: 'goal_gone' }
  const { pace } = goalStanding(goal, facts, today, marginPercent)
  // The figures entered since the tick may have brought it back within the margin.
  if (!pace || pace.status !== 'behind' || goal.target === null) return { drop: 'caught_up' }
  const a = m.paceAlert
  const name = escapeMrkdwn(facts.name)
  const title = goalName(goal, m)
  const promoters = distinctPeople(facts.promoterIds)
  const lines = [
    a.text(title, name),
    a.figures(amount(goal, goal.actual, facts.currency, m), amount(goal, pace.expected, facts.currency, m), pace.asOf, percent(goal.actual, pace.expected)),
    ...(pace.projected !== null ? [a.projected(amount(goal, pace.projected, facts.currency, m), amount(goal, goal.target, facts.currency, m))] : []),
    promoters.length > 0 ? a.promoters(trusted(promoters.map(mentionUser).join(' '))) : a.noPromoters,
  ]
  return {
    text: a.fallback(title, name),
    blocks: [section(trusted(lines.join('\n'))), context(trusted(goal.actualAsOf ? m.liveDigest.figuresAsOf(goal.actualAsOf) : m.liveDigest.noFigures)), planButtons(facts.id, m, true)],
  }
}

// `/campaign metrics <campaign>`: each goal's figures so far (the latest running total, the last
// days' entries, the target, where the pace says it should be by now, where it is heading and its
// status), answered ephemerally in the person's language, with the Enter figures button for
// those who report on it while it runs.
import { acceptsFigures } from '../../domain/metrics.ts'
import { goalPace } from '../../domain/pace.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { CampaignFigures, LiveGoal } from '../../store/metrics.ts'
import { actions, section, type Blocks } from '../shared/elements.ts'
import { enterFiguresButton } from '../shared/enterFigures.ts'
import { goalFigure, goalNameMrkdwn } from '../shared/goalFigures.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { campaignToday, goalsFor } from './changes.ts'
import type { Person } from '../people.ts'
import { oneCampaign, type CommandContext } from '../commandContext.ts'

/** How many of the latest days a goal's line lists. */
const lastDaysShown = 5

function goalLines(goal: LiveGoal, figures: CampaignFigures, today: string, m: Messages): string {
  const c = m.metrics.command
  const figure = (value: number) => goalFigure(goal, value, figures.currency, m)
  const heading = [`*${goalNameMrkdwn(goal, m)}*`, ...(goal.dataOwnerId ? [c.owner(mentionUser(goal.dataOwnerId))] : [])].join(' · ')
  const pace = goalPace({
    target: goal.target, actual: goal.actual, actualAsOf: goal.actualAsOf, curve: goal.curve,
    startDate: figures.campaign.startDate, endDate: figures.campaign.endDate, today,
  }, figures.paceMarginPercent)
  const standing = [goal.actualAsOf ? c.soFar(figure(goal.actual), goal.actualAsOf) : c.nothingYet, c.target(figure(goal.target))]
  const outlook = [
    ...(pace.status !== 'not_started' ? [c.expected(figure(pace.expected), pace.asOf)] : []),
    ...(pace.projected !== null ? [c.projected(figure(pace.projected))] : []),
    c.status[pace.status],
  ]
  const lines = [heading, standing.join(' · '), outlook.join(' · ')]
  const recent = goal.entries.slice(-lastDaysShown)
  if (recent.length > 0) {
    lines.push(c.lastDays(recent.map((entry) => c.entry(entry.onDate, figure(entry.value), entry.mode) + m.metricImport.historyMark(entry.source, entry.version > 0)).join(', ')))
  }
  return lines.join('\n')
}

/** The answer to `/campaign metrics`, from the figures as they stand. */
export function metricsMessage(figures: CampaignFigures, today: string, person: Person, m: Messages): { text: string; blocks: Blocks } {
  const heading = m.metrics.command.heading(escapeMrkdwn(figures.campaign.name), today)
  const blocks: Blocks = [section(trusted(heading))]
  if (figures.goals.length === 0) blocks.push(section(trusted(m.metrics.command.noGoals)))
  // A message holds 50 blocks: the heading, 45 goals and the button leave room.
  for (const goal of figures.goals.slice(0, 45)) blocks.push(section(trusted(goalLines(goal, figures, today, m))))
  if (acceptsFigures(figures.campaign.stage) && goalsFor(figures, person).length > 0) {
    blocks.push(actions('metrics_actions', [enterFiguresButton(figures.campaign.id, m, 'primary')]))
  }
  return { text: heading, blocks }
}

export async function metricsCommand(context: CommandContext): Promise<void> {
  const { services, command, person, m, rest } = context
  const teamId = command.team_id
  const one = await oneCampaign(services, teamId, rest.trim(), m, m.metrics.command.usage)
  const answer = 'answer' in one ? one.answer : await (async () => {
    const figures = await services.store.metrics.figures(teamId, one.campaign.id)
    if (!figures) return { text: m.refusal.campaignNotFound(escapeMrkdwn(rest.trim())) }
    return metricsMessage(figures, await campaignToday(services, figures.campaign), person, m)
  })()
  await context.respond({ response_type: 'ephemeral', ...answer } as Parameters<CommandContext['respond']>[0])
}

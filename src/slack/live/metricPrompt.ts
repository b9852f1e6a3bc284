// A data owner's daily metric prompt, rendered by DM when the dispatcher delivers it: in their
// language, which of their goals still have no figure for today, with the Enter figures button.
// Read as things are at delivery: a prompt whose goals all got today's figure meanwhile, whose
// campaign stopped running or is paused, or whose day has passed in the owner's zone is dropped.
import { localDate } from '../../domain/dates.ts'
import type { DueItem } from '../../domain/livePlanner.ts'
import { messagesFor, type Messages } from '../../i18n/catalogue.ts'
import type { CampaignFigures, LiveGoal } from '../../store/metrics.ts'
import { actions, section, type Blocks } from '../shared/elements.ts'
import { enterFiguresButton } from '../shared/enterFigures.ts'
import { goalFigure, goalNameMrkdwn } from '../shared/goalFigures.ts'
import { escapeMrkdwn, trusted } from '../../i18n/mrkdwn.ts'
import type { LiveRenderer } from './renderContext.ts'

type PromptItem = Extract<DueItem, { kind: 'metric_prompt' }>

/** Why the prompt is not sent (null: send it), and the goals it asks for. */
export function promptWaiting(item: PromptItem, figures: CampaignFigures | null, today: string): { drop: string } | { goals: LiveGoal[] } {
  if (item.day < today) return { drop: 'stale' }
  if (!figures || figures.campaign.stage !== 'live' || figures.campaign.pausedAt) return { drop: 'not_live' }
  const goals = item.goalIds
    .map((id) => figures.goals.find((goal) => goal.id === id))
    .filter((goal): goal is LiveGoal => !!goal && !goal.entries.some((entry) => entry.onDate === item.day))
  return goals.length === 0 ? { drop: 'already_entered' } : { goals }
}

export function metricPromptMessage(item: PromptItem, figures: CampaignFigures, goals: readonly LiveGoal[], m: Messages): { text: string; blocks: Blocks } {
  const name = escapeMrkdwn(figures.campaign.name)
  const lines = goals.map((goal) => m.metrics.prompt.goalLine(
    goalNameMrkdwn(goal, m), goalFigure(goal, goal.actual, figures.currency, m), goalFigure(goal, goal.target, figures.currency, m),
  ))
  return {
    text: m.metrics.prompt.text(name),
    blocks: [
      section(trusted([m.metrics.prompt.intro(name, item.day), ...lines].join('\n'))),
      actions('metric_prompt_actions', [enterFiguresButton(figures.campaign.id, m, 'primary')]),
    ],
  }
}

export const renderMetricPrompt: LiveRenderer<'metric_prompt'> = async (item, context) => {
  const today = localDate(context.clock.now(), item.timeZone)
  const figures = item.day < today ? null : await context.store.metrics.figures(item.teamId, item.campaignId)
  const waiting = promptWaiting(item, figures, today)
  if ('drop' in waiting) return waiting
  const recipient = await context.people.person(item.teamId, item.userId)
  return metricPromptMessage(item, figures!, waiting.goals, messagesFor(recipient.locale))
}

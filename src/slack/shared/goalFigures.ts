// A goal's name and figures as a person reads them, shared by the metric prompt, the entry modal
// and `/campaign metrics`: money in the plan's currency, any other figure with its unit.
import type { Goal } from '../../domain/plan.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { escapeMrkdwn, type Mrkdwn } from '../../i18n/mrkdwn.ts'

type NamedGoal = Pick<Goal, 'metric' | 'customMetric'>

/** The goal's name as plain text (for input labels). */
export function goalName(goal: NamedGoal, m: Messages): string {
  return goal.metric === 'custom' && goal.customMetric ? goal.customMetric : m.names.metric[goal.metric]
}

/** The goal's name for mrkdwn (a custom metric is user text). */
export function goalNameMrkdwn(goal: NamedGoal, m: Messages): Mrkdwn {
  return escapeMrkdwn(goalName(goal, m))
}

/** A figure of the goal: money (minor units) in the currency, else the number and its unit. */
export function goalFigure(goal: Pick<Goal, 'unit'> & { isMoney: boolean }, value: number, currency: string, m: Messages): Mrkdwn {
  if (goal.isMoney) return escapeMrkdwn(m.money(Math.round(value), currency))
  return escapeMrkdwn(goal.unit ? `${m.number(value)} ${goal.unit}` : m.number(value))
}

// What past campaigns say, shown where the next one is written: target suggestions with a Use as
// basis button in a goal's form, and the lessons of the most similar closed campaigns in the
// proposal modal and the plan's section modals (one compact context block).
import type { Button, ContextBlock, KnownBlock } from '@slack/types'
import type { CampaignKind, Platform } from '../../domain/campaign.ts'
import {
  lessonsOfMostSimilar, suggestTargets, type LearningTarget, type Lesson, type Likeness, type TargetSuggestion,
} from '../../domain/learning.ts'
import type { GoalMetric } from '../../domain/plan.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { button, context } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'
import type { Services } from '../services.ts'

export const learningActionIds = { useAsBasis: 'learning_use_basis' } as const

/** What the plan's forms know of the past: suggestions per metric, and the lessons to show. */
export type PlanLearning = { suggestions: readonly TargetSuggestion[]; lessons: readonly Lesson[] }

/** Campaigns named in a suggestion line; the basis text names them all that fit its limit. */
const namesShown = 5
const lessonChars = 280

export function learningTargetOf(record: PlanRecord): LearningTarget {
  return {
    teamId: record.campaign.teamId, campaignId: record.campaign.id, currency: record.currency,
    purpose: record.snapshot.purpose?.purpose ?? null, kind: record.campaign.kind, platform: record.campaign.platform,
  }
}

/** Two scoped reads for a plan's forms; a failure costs only the suggestions, never the form. */
export async function planLearning(services: Services, record: PlanRecord): Promise<PlanLearning> {
  try {
    const teamId = record.campaign.teamId
    const [campaigns, lessons] = await Promise.all([services.store.learning.closedCampaigns(teamId), services.store.learning.lessons(teamId)])
    const target = learningTargetOf(record)
    return { suggestions: suggestTargets(target, campaigns), lessons: lessonsOfMostSimilar(target, lessons) }
  } catch (error) {
    services.logger.warn({ err: error, team: record.campaign.teamId, campaign: record.campaign.id }, 'learning_read_failed')
    return { suggestions: [], lessons: [] }
  }
}

/** The lessons for a proposal not yet (or already) a campaign: by what its form says it is. */
export async function proposalLessons(services: Services, teamId: string, likeness: { kind?: CampaignKind | null; platform?: Platform | null; campaignId?: number }, m: Messages): Promise<ContextBlock | null> {
  try {
    const target: Likeness & { campaignId: number | null } = { purpose: null, kind: likeness.kind ?? 'own_site', platform: likeness.platform ?? null, campaignId: likeness.campaignId ?? null }
    return lessonsBlock(lessonsOfMostSimilar(target as LearningTarget, await services.store.learning.lessons(teamId)), m)
  } catch (error) {
    services.logger.warn({ err: error, team: teamId }, 'learning_read_failed')
    return null
  }
}

const cut = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`)

/** One context block (Slack: at most 10 elements, 3000 characters each); null when there are no lessons. */
export function lessonsBlock(lessons: readonly Lesson[], m: Messages): ContextBlock | null {
  if (lessons.length === 0) return null
  const lines = lessons.slice(0, 9).map((l) =>
    trusted(m.learning.lessonLine(escapeMrkdwn(cut(l.campaignName, 80)), l.endDate, mentionUser(l.respondentId), escapeMrkdwn(cut(l.lesson.replace(/\s+/g, ' '), lessonChars)))))
  return context(trusted([`*${m.learning.lessonsTitle}*`, ...lines].join('\n')))
}

function figure(value: number, metric: GoalMetric, currency: string, m: Messages): string {
  return metric === 'revenue' ? m.money(value, currency) : m.number(value)
}

function names(suggestion: TargetSuggestion, max: number): string {
  const shown = suggestion.campaigns.slice(0, max).map((c) => c.name)
  return shown.join(', ') + (suggestion.campaigns.length > max ? ', …' : '')
}

/** The suggestions a goal form shows: for the goal's metric when it has one, else every metric with data. */
export function suggestionsFor(learning: PlanLearning | undefined, metric: GoalMetric | null): TargetSuggestion[] {
  if (!learning) return []
  const own = learning.suggestions.filter((s) => s.metric === metric)
  return own.length > 0 ? own : [...learning.suggestions]
}

export function suggestionBlocks(suggestions: readonly TargetSuggestion[], currency: string, m: Messages): KnownBlock[] {
  return suggestions.map((s) => {
    const text: Mrkdwn = trusted(m.learning.suggestion(
      m.names.metric[s.metric], figure(s.median, s.metric, currency, m), figure(s.lowerQuartile, s.metric, currency, m), escapeMrkdwn(names(s, namesShown)),
    ))
    const accessory: Button = button(m.learning.useAsBasis, learningActionIds.useAsBasis, s.metric)
    return { type: 'section', block_id: `learning_${s.metric}`, text: { type: 'mrkdwn', text: text.slice(0, 3000) }, accessory }
  })
}

/** The goal's basis as Use as basis writes it: plain text within the basis field's limit. */
export function basisTextOf(suggestion: TargetSuggestion, currency: string, m: Messages, maxLength: number): string {
  for (let count = suggestion.campaigns.length; count >= 1; count -= 1) {
    const text = m.learning.basisText(names(suggestion, count), figure(suggestion.median, suggestion.metric, currency, m), figure(suggestion.lowerQuartile, suggestion.metric, currency, m))
    if ([...text].length <= maxLength) return text
  }
  return cut(m.learning.basisText(names(suggestion, 1), '', ''), maxLength)
}

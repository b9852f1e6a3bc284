// The posts the plan's life causes, as outbox drafts: the plan message in the campaign channel
// (posted on approval, then edited in place after every change, in order) and the DMs around it.
import type { Campaign } from '../../domain/campaign.ts'
import { planSections, type PlanSection } from '../../domain/planCompleteness.ts'
import { messagesFor, type Locale } from '../../i18n/catalogue.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { PlanRecord, SectionRevision } from '../../store/planRecord.ts'
import { actions, button, section } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { planMessage } from './message.ts'

export const planMessageKey = (campaignId: number) => `plan-message:${campaignId}`

/** The task template offered to the owner on approval: Accept, Review (a modal), Skip. */
export const templateOfferActions = {
  blockId: 'task_template_offer',
  accept: 'task_template_accept',
  review: 'task_template_review',
  skip: 'task_template_skip',
} as const

/** The plan of a campaign just approved: nothing written yet. */
export function emptyPlanRecord(campaign: Campaign, currency: string): PlanRecord {
  const never: SectionRevision = { version: 0, updatedById: null, updatedAt: null }
  return {
    campaign, currency, planRevision: 0, templateDecision: null,
    revisions: Object.fromEntries(planSections.map((s) => [s, never])) as Record<PlanSection, SectionRevision>,
    snapshot: {
      window: { startDate: campaign.startDate, endDate: campaign.endDate },
      purpose: null, goals: [], targetUsers: null, promotion: [], contentRules: null, prizes: [], budgetScenarios: [],
      effectEstimates: [], risks: [], servicePlan: null, tasks: [],
    },
  }
}

/** The plan message, first posted when the proposal is approved. */
export function planMessagePost(record: PlanRecord, locale: Locale, today: string): OutboxDraft {
  return {
    teamId: record.campaign.teamId,
    dedupeKey: planMessageKey(record.campaign.id),
    kind: 'post',
    target: record.campaign.channelId,
    campaignId: record.campaign.id,
    payload: planMessage(record, today, messagesFor(locale)),
  }
}

/** The plan message as it stands after a change: each plan revision is one edit, newest wins. */
export function planMessageUpdate(record: PlanRecord, locale: Locale, today: string): OutboxDraft {
  return {
    teamId: record.campaign.teamId,
    dedupeKey: `${planMessageKey(record.campaign.id)}:r${record.planRevision}`,
    kind: 'update',
    target: record.campaign.channelId,
    updatesKey: planMessageKey(record.campaign.id),
    campaignId: record.campaign.id,
    payload: planMessage(record, today, messagesFor(locale)),
  }
}

/** On approval: the owner is offered the task template of the campaign's kind. */
export function templateOfferDm(campaign: Campaign, locale: Locale, taskCount: number): OutboxDraft {
  const m = messagesFor(locale)
  const text = m.template.offer(escapeMrkdwn(campaign.name), m.kind[campaign.kind], taskCount)
  const value = String(campaign.id)
  return {
    teamId: campaign.teamId,
    dedupeKey: `task-template-offer:${campaign.id}`,
    kind: 'dm',
    target: campaign.ownerId,
    campaignId: campaign.id,
    payload: {
      text,
      blocks: [
        section(trusted(text)),
        actions(templateOfferActions.blockId, [
          button(m.template.accept, templateOfferActions.accept, value, 'primary'),
          button(m.template.review, templateOfferActions.review, value),
          button(m.template.skip, templateOfferActions.skip, value),
        ]),
      ],
    },
  }
}

/** A channel line when the plan is marked ready or taken back to planning. */
export function stageChangePost(record: PlanRecord, locale: Locale, actorId: string, dedupeKey: string): OutboxDraft {
  const m = messagesFor(locale)
  const name = escapeMrkdwn(record.campaign.name)
  const text = record.campaign.stage === 'scheduled'
    ? m.plan.scheduledDm(mentionUser(actorId), name, record.campaign.startDate)
    : m.plan.backToPlanningDone(mentionUser(actorId), name)
  return { teamId: record.campaign.teamId, dedupeKey, kind: 'post', target: record.campaign.channelId, campaignId: record.campaign.id, payload: { text } }
}

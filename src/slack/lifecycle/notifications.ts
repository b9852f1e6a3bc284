// The posts of a campaign's life once its plan is ready: a line in its channel when it goes live
// (by itself or started early), pauses, resumes or ends (by itself or early, with the reason), and
// the plan message's edit. Going live and ending are keyed by campaign alone, so each is posted
// once however many instances tick or how often a click repeats.
import { startsToday, type LifecycleStep } from '../../domain/lifecycle.ts'
import type { EffectiveSettings } from '../../domain/liveSettings.ts'
import { localDateIn } from '../../domain/localTime.ts'
import { messagesFor, supportedLocales, type Locale } from '../../i18n/catalogue.ts'
import type { LifecycleCandidate } from '../../store/lifecycle.ts'
import type { LifecycleChange } from '../../store/lifecycle.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { PlanOutboxFor } from '../../store/plans.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import { escapeMrkdwn, mentionUser, trusted } from '../../i18n/mrkdwn.ts'
import { homeRefreshForCampaign } from '../shared/homeRefresh.ts'
import type { PeopleDirectory } from '../people.ts'
import { planMessageUpdate } from '../plan/notifications.ts'

export const lifecyclePostKey = (change: LifecycleChange, record: PlanRecord): string => {
  const id = record.campaign.id
  if (change === 'go_live' || change === 'start') return `go-live:${id}`
  if (change === 'end' || change === 'end_early') return `ended:${id}`
  return `${change}:${id}:r${record.planRevision}`
}

export type LifecycleAudience = {
  /** Language of the channel line and the plan message. */
  locale: Locale
  /** The campaign's zone: its "today". */
  timeZone: string
  at: Date
  /** Who did it (the app itself for the scheduler's changes). */
  actorId: string | null
  reason?: string | null
  /** Start now: the start date the plan had before (the post says when it was meant to start). */
  plannedStart?: string
}

function lifecycleText(change: LifecycleChange, record: PlanRecord, audience: LifecycleAudience): string {
  const m = messagesFor(audience.locale)
  const name = escapeMrkdwn(record.campaign.name)
  const by = audience.actorId ? mentionUser(audience.actorId) : trusted('')
  const { startDate, endDate } = record.campaign
  switch (change) {
    case 'go_live': return (startsToday(startDate, audience.at, audience.timeZone) ? m.lifecycle.wentLive : m.lifecycle.wentLiveLate)(name, startDate, endDate, audience.timeZone)
    case 'start': return audience.plannedStart && startDate < audience.plannedStart
      ? m.lifecycle.startedEarly(by, name, startDate, audience.plannedStart, endDate)
      : m.lifecycle.startedNow(by, name, endDate)
    case 'end': return m.lifecycle.ended(name, endDate)
    case 'end_early': return m.lifecycle.endedEarly(by, name, escapeMrkdwn(audience.reason ?? ''))
    case 'pause': return m.lifecycle.paused(by, name)
    case 'resume': return m.lifecycle.resumed(by, name)
  }
}

/** The outbox of a lifecycle change, from the plan as it is after it. */
export function lifecycleOutbox(change: LifecycleChange, audience: LifecycleAudience): PlanOutboxFor {
  return (after: PlanRecord): OutboxDraft[] => [
    {
      teamId: after.campaign.teamId,
      dedupeKey: lifecyclePostKey(change, after),
      kind: 'post',
      target: after.campaign.channelId,
      campaignId: after.campaign.id,
      payload: { text: lifecycleText(change, after, audience) },
    },
    planMessageUpdate(after, audience.locale, localDateIn(audience.at, audience.timeZone)),
    ...homeRefreshForCampaign(after.campaign),
  ]
}

/** What the scheduler is handed for campaigns going live and ending by their dates. */
export function scheduledLifecycle(people: PeopleDirectory) {
  return {
    async ownerZone(teamId: string, userId: string): Promise<string | null | undefined> {
      const found = await people.lookUp(teamId, userId)
      if (found.found) return found.person.timeZone
      return found.reason === 'unknown_user' ? null : undefined
    },
    /** In the workspace's channel language if an admin set one, else the owner's. */
    async outbox(step: LifecycleStep, campaign: LifecycleCandidate, settings: EffectiveSettings, at: Date): Promise<PlanOutboxFor> {
      const channelLocale = supportedLocales.find((locale) => locale === settings.locale)
      const locale = channelLocale ?? (await people.person(campaign.teamId, campaign.ownerId)).locale
      return lifecycleOutbox(step.kind, { locale, timeZone: settings.timeZone, at, actorId: null })
    },
  }
}

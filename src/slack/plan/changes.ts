// One way to change a plan from Slack: the change and its posts in one transaction (the plan
// message edited in place, plus whatever the caller adds, e.g. a DM to a new task owner), then
// the posts delivered at once. Every plan surface (section forms, item menus, tasks, Ready) uses it.
import type { CampaignStage } from '../../domain/campaign.ts'
import { localDate } from '../../domain/dates.ts'
import type { PlanSection } from '../../domain/planCompleteness.ts'
import { sectionStages } from '../../domain/planPermissions.ts'
import type { Locale } from '../../i18n/catalogue.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { PlanChanged } from '../../store/plans.ts'
import type { PlanRecord } from '../../store/planRecord.ts'
import type { SectionChange } from '../../store/planSections.ts'
import { homeRefresh } from '../shared/homeRefresh.ts'
import type { Person } from '../people.ts'
import { planMessageUpdate } from './notifications.ts'
import { channelInvitations } from '../shared/channelInvitations.ts'
import type { Services } from '../services.ts'

/** Who the plan's posts speak to: the plan message reads in the owner's language and calendar. */
export type PlanAudience = { ownerLocale: Locale; ownerToday: string }

export async function planAudience(services: Services, record: PlanRecord): Promise<PlanAudience> {
  const owner = await services.people.person(record.campaign.teamId, record.campaign.ownerId)
  return { ownerLocale: owner.locale, ownerToday: localDate(services.clock.now(), owner.timeZone) }
}

export async function applyPlanChange(services: Services, input: {
  record: PlanRecord
  actor: Person
  section: PlanSection
  change: SectionChange
  /** More posts caused by the change, from the plan as it is after it. */
  alsoPost?: (after: PlanRecord, audience: PlanAudience) => OutboxDraft[]
  /** Stages in which the change is allowed; the section's own (sectionStages) unless told. */
  stages?: readonly CampaignStage[]
}): Promise<PlanChanged> {
  const audience = await planAudience(services, input.record)
  const result = await services.store.plans.changeSection({
    teamId: input.record.campaign.teamId,
    campaignId: input.record.campaign.id,
    section: input.section,
    actorId: input.actor.userId,
    at: services.clock.now(),
    change: input.change,
    stages: input.stages ?? sectionStages(input.section),
    outbox: (after) => [
      planMessageUpdate(after, audience.ownerLocale, audience.ownerToday),
      ...(input.alsoPost?.(after, audience) ?? []),
      ...homeRefresh(input.record, after),
      // A person named by this change is invited to the campaign's own channel with it.
      ...channelInvitations(after),
    ],
  })
  if (result.outcome === 'changed') void services.dispatcher.deliverNow(result.outboxIds)
  return result
}

// Entering a campaign's figures, as the Slack surfaces need it: the campaign's "today" (in its
// zone: its own, else the workspace's, else its owner's), the goals this person reports, and the
// save with its App Home refresh. Listeners (the button, the modal, `/campaign metrics`) call these.
import type { Campaign } from '../../domain/campaign.ts'
import { localDate } from '../../domain/dates.ts'
import { effectiveSettings } from '../../domain/liveSettings.ts'
import { acceptsFigures, mayEnterGoal, type MetricActor } from '../../domain/metrics.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import type { CampaignFigures, EntriesSaved, EntryToSave, LiveGoal } from '../../store/metrics.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import { escapeMrkdwn } from '../../i18n/mrkdwn.ts'
import { homeRefreshDelayMs, homeUpdatesKey } from '../shared/homeRefresh.ts'
import type { Services } from '../services.ts'

/** The campaign's time zone, as the scheduler resolves it. */
export async function campaignTimeZone(services: Services, campaign: Pick<Campaign, 'id' | 'teamId' | 'ownerId'>): Promise<string> {
  const [workspace, overrides, owner] = await Promise.all([
    services.store.settings.workspace(campaign.teamId),
    services.store.settings.campaignOverrides(campaign.teamId, campaign.id),
    services.people.person(campaign.teamId, campaign.ownerId),
  ])
  return effectiveSettings(workspace, overrides, owner.timeZone).timeZone
}

export async function campaignToday(services: Services, campaign: Pick<Campaign, 'id' | 'teamId' | 'ownerId'>): Promise<string> {
  return localDate(services.clock.now(), await campaignTimeZone(services, campaign))
}

/** The goals this person may enter: theirs as data owner, or all of them for the owner or an admin. */
export function goalsFor(figures: CampaignFigures, actor: MetricActor): LiveGoal[] {
  return figures.goals.filter((goal) => mayEnterGoal(goal, figures.campaign, actor))
}

/** Why this person cannot enter figures of the campaign now, in words; null when they can. */
export function entryRefusal(figures: CampaignFigures, actor: MetricActor, m: Messages): string | null {
  const name = escapeMrkdwn(figures.campaign.name)
  if (!acceptsFigures(figures.campaign.stage)) return m.metrics.refusal.notLive(name, m.stage[figures.campaign.stage])
  if (figures.goals.length === 0) return m.metrics.refusal.noGoals(name)
  if (goalsFor(figures, actor).length === 0) return m.metrics.refusal.notAllowed(name)
  return null
}

/** The person's App Home after they entered figures, keyed by what the save changed. */
function homeRefreshAfterEntry(userId: string) {
  return (after: CampaignFigures): OutboxDraft[] => {
    // Each save adds an entry or bumps one's version: the sum names this change once.
    const change = after.goals.reduce((sum, goal) => sum + goal.entries.reduce((n, entry) => n + 1 + entry.version, 0), 0)
    return [{
      teamId: after.campaign.teamId, dedupeKey: `${homeUpdatesKey(userId)}:c${after.campaign.id}m${change}`, kind: 'home', target: userId,
      updatesKey: homeUpdatesKey(userId), campaignId: after.campaign.id, payload: { text: '' }, delayMs: homeRefreshDelayMs,
    }]
  }
}

export async function saveFigures(services: Services, input: { teamId: string; campaignId: number; actorId: string; entries: EntryToSave[] }): Promise<EntriesSaved> {
  const saved = await services.store.metrics.saveEntries({
    teamId: input.teamId, campaignId: input.campaignId, reportedBy: input.actorId, at: services.clock.now(), entries: input.entries,
    outbox: homeRefreshAfterEntry(input.actorId),
  })
  if (saved.outcome === 'saved') void services.dispatcher.deliverNow(saved.outboxIds)
  return saved
}

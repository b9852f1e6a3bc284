// App Home refreshes caused by a change: one outbox row per person whose Home shows the campaign
// (its owner and approver, and every task owner before and after the change), written in the
// change's transaction. The row carries no view: the dispatcher renders the person's Home when it
// delivers (the newest state then), and a pending older refresh of the same person is superseded
// by a newer one (same updatesKey), so an older Home never replaces a newer one.
import type { Campaign } from '../../domain/campaign.ts'
import { peopleConcerned } from '../../domain/home.ts'
import type { OutboxDraft } from '../../store/outbox.ts'
import type { PlanRecord } from '../../store/planRecord.ts'

export const homeUpdatesKey = (userId: string) => `home:${userId}`

function homeRefreshDraft(campaign: Pick<Campaign, 'teamId' | 'id'>, userId: string, change: string): OutboxDraft {
  return {
    teamId: campaign.teamId,
    // Unique per person and change: a replayed change cannot queue a second refresh.
    dedupeKey: `${homeUpdatesKey(userId)}:c${campaign.id}${change}`,
    kind: 'home',
    target: userId,
    updatesKey: homeUpdatesKey(userId),
    campaignId: campaign.id,
    payload: { text: '' },
    // A Home is not what anyone is waiting for: a moment later it stays off the path of the click
    // that caused it, and a burst of changes publishes once (an older refresh is superseded).
    delayMs: homeRefreshDelayMs,
  }
}

export const homeRefreshDelayMs = 1_500

/** After a plan change (`before` as the listener read it, `after` as the transaction left it). */
export function homeRefresh(before: PlanRecord | null, after: PlanRecord): OutboxDraft[] {
  const states = [...(before ? [before] : []), after].map((record) => ({ campaign: record.campaign, tasks: record.snapshot.tasks }))
  return peopleConcerned(states).map((userId) => homeRefreshDraft(after.campaign, userId, `r${after.planRevision}`))
}

/** After a stage change of the campaign itself (a proposal decided): its version names the change. */
export function homeRefreshForCampaign(campaign: Campaign): OutboxDraft[] {
  return peopleConcerned([{ campaign, tasks: [] }]).map((userId) => homeRefreshDraft(campaign, userId, `v${campaign.version}`))
}

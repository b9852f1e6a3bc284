// A campaign's life once its plan is ready (issue 7, "Lifecycle"): a Scheduled campaign goes live
// when its start date begins in the campaign's time zone and a Live one ends when its end date is
// over there; its owner (or a workspace admin) may also start it early, pause and resume it, or end
// it early. Pure: the instant is an argument, the zone is already resolved (effectiveSettings).
import { CampaignStage, type Actor } from './campaign.ts'
import { localDateIn } from './localTime.ts'

export type LifecycleCampaign = {
  id: number
  teamId: string
  stage: CampaignStage
  startDate: string
  endDate: string
  /** The campaign's zone, resolved. */
  timeZone: string
}

export type LifecycleStep = {
  campaignId: number
  teamId: string
  kind: 'go_live' | 'end'
  from: CampaignStage
  to: CampaignStage
}

/**
 * What happens at `now`: each Scheduled campaign whose start date has begun in its zone goes live;
 * each Live one whose end date is over there ends (to its retrospective). A campaign still
 * Scheduled after its end date goes live first, and ends at the next pass.
 */
export function dueLifecycle(campaigns: readonly LifecycleCampaign[], now: Date): LifecycleStep[] {
  const steps: LifecycleStep[] = []
  for (const campaign of campaigns) {
    const today = localDateIn(now, campaign.timeZone)
    const base = { campaignId: campaign.id, teamId: campaign.teamId, from: campaign.stage }
    if (campaign.stage === CampaignStage.Scheduled && today >= campaign.startDate) {
      steps.push({ ...base, kind: 'go_live', to: CampaignStage.Live })
    } else if (campaign.stage === CampaignStage.Live && today > campaign.endDate) {
      steps.push({ ...base, kind: 'end', to: CampaignStage.Retrospective })
    }
  }
  return steps
}

/**
 * Is the start date today in the campaign's zone? Not when the app was down on that day and the
 * campaign goes live at the next pass: the channel then hears the date, not "today".
 */
export function startsToday(startDate: string, now: Date, timeZone: string): boolean {
  return localDateIn(now, timeZone) === startDate
}

/**
 * Start now, pressed on `today` (the campaign's local date): a campaign started before its planned
 * start date starts that day, so its window, pace, digests, prompts and the days its figures may be
 * entered for all begin when it really began. Its end date stays: it is the date the content rules,
 * the prizes, the promotion schedule and the channel's "runs until" were set against; the window
 * grows, and past four weeks the plan shows the method's length warning. Pressed on or after the
 * planned date (the scheduler had not run yet), the planned date stands.
 */
export function startOnStartNow(plannedStart: string, today: string): { startDate: string; early: boolean } {
  return today < plannedStart ? { startDate: today, early: true } : { startDate: plannedStart, early: false }
}

/** What the history (a stage transition's reason) keeps of an early start: that, and the date it replaced. */
export const startedEarlyReason = (plannedStart: string): string => `started_early; planned start ${plannedStart}`

export const lifecycleActions = ['start', 'pause', 'resume', 'end'] as const
export type LifecycleAction = (typeof lifecycleActions)[number]

export type LifecycleRefusal = 'not_the_owner' | 'not_scheduled' | 'not_live' | 'already_paused' | 'not_paused'

/** May this person do this to the campaign now? null = yes. */
export function refusalToRunLifecycle(
  campaign: { ownerId: string; stage: CampaignStage; pausedAt?: Date | null },
  actor: Actor,
  action: LifecycleAction,
): LifecycleRefusal | null {
  if (actor.userId !== campaign.ownerId && !actor.isWorkspaceAdmin) return 'not_the_owner'
  if (action === 'start') return campaign.stage === CampaignStage.Scheduled ? null : 'not_scheduled'
  if (campaign.stage !== CampaignStage.Live) return 'not_live'
  if (action === 'pause' && campaign.pausedAt) return 'already_paused'
  if (action === 'resume' && !campaign.pausedAt) return 'not_paused'
  return null
}

/** A reason to end early: required, at most this long. */
export const endReasonMaxLength = 500

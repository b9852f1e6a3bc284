// The scheduler: once a minute (and at start) it asks the domain's planners what is due at this
// instant and turns each due thing into outbox rows, written in the same transaction as the change
// that marks it done under a unique key, so a restart or a second instance changes nothing. The
// dispatcher delivers the rows. It composes no words itself: what to post is handed in.
//
// Due today: brainstorm rounds whose deadline has come (closed once, their results posted);
// Scheduled campaigns whose start date has begun in their zone (live), Live ones whose end date is
// over (to their retrospective), each one compare-and-set with its posts keyed by campaign.
import cron, { type ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'
import type { Clock } from '../clock.ts'
import { dueRoundClosings } from '../domain/brainstorm.ts'
import { dueLifecycle, type LifecycleStep } from '../domain/lifecycle.ts'
import { effectiveSettings, type EffectiveSettings } from '../domain/liveSettings.ts'
import { planLive, type LiveSnapshot } from '../domain/livePlanner.ts'
import { dueRetroSteps, type RetroStep } from '../domain/retro.ts'
import type { LiveTickStore } from '../store/liveTick.ts'
import type { PeopleStore } from '../store/people.ts'
import type { RetroStepCandidate, RetroStore } from '../store/retro.ts'
import type { LifecycleCandidate, LifecycleStore } from '../store/lifecycle.ts'
import type { PlanOutboxFor } from '../store/plans.ts'
import type { BoardOutboxFor, IdeaStore, RoundResults } from '../store/ideas.ts'
import type { OutboxDraft } from '../store/outbox.ts'
import type { PortfolioStore } from '../store/portfolio.ts'
import { dueSummaryWeek } from '../domain/portfolio.ts'
import type { Dispatcher } from './dispatcher.ts'

export type SchedulerOptions = {
  ideas: IdeaStore
  dispatcher: Pick<Dispatcher, 'deliverNow' | 'sweep'>
  clock: Clock
  logger: Logger
  /** The posts of a closing round (from slack/): its call's last edit, and its results. */
  roundClosing: { boards: BoardOutboxFor; results: (results: RoundResults) => OutboxDraft }
  /** Campaigns going live and ending by their dates. */
  lifecycle?: {
    store: LifecycleStore
    /**
     * A campaign owner's Slack zone, for a campaign whose workspace set none (from slack/);
     * undefined when Slack did not answer: that campaign waits for the next tick rather than
     * going live by the wrong midnight.
     */
    ownerZone: (teamId: string, userId: string) => Promise<string | null | undefined>
    /** The posts of a step (from slack/): its channel line and the plan message's edit. */
    outbox: (step: LifecycleStep, campaign: LifecycleCandidate, settings: EffectiveSettings, at: Date) => Promise<PlanOutboxFor>
  }
  /** The live stage: digests, deadline reminders, metric prompts, pace alerts (src/domain/livePlanner.ts). */
  live?: {
    store: LiveTickStore
    people: PeopleStore
    /** What Slack says of a person now (from slack/); slack_unavailable = ask again later. */
    lookUp: (teamId: string, userId: string) => Promise<
      | { found: true; timeZone: string | null; locale: string | null; deactivated: boolean }
      | { found: false; reason: 'unknown_user' | 'slack_unavailable' }
    >
    /** People looked up per pass, and how long what Slack said of them holds. */
    refreshPerTick?: number
    refreshAfterMs?: number
  }
  /** The retrospective: the prompt, the reminder and the compile of ended campaigns (src/domain/retro.ts). */
  retro?: {
    store: RetroStore
    /** The rows of a prompt or a reminder (from slack/): the channel post, the DMs, the owner's notices. */
    outbox: (step: Extract<RetroStep, { kind: 'prompt' | 'reminder' }>, campaign: RetroStepCandidate, at: Date) => Promise<OutboxDraft[]>
    /** Compiles the report (from slack/); once, however often it is asked. */
    compile: (input: { teamId: string; campaignId: number; at: Date; reason: 'all_answered' | 'deadline' }) => Promise<{ outcome: string; outboxIds?: number[] }>
  }
  /** The weekly portfolio summary (issue 17): once a week per workspace that chose a channel. */
  portfolioSummary?: {
    store: Pick<PortfolioStore, 'summarySchedules' | 'settleSummaryWeek'>
    /** The summary's row (from slack/); null in a week with nothing live (settled, not posted). */
    draft: (teamId: string, channelId: string, week: string, now: Date) => Promise<OutboxDraft | null>
  }
  /**
   * Many workspaces: those that removed the app (store/installations.ts). Nothing is planned for
   * them: no lifecycle step, no live post, no retro prompt, no round closing, no look-up.
   */
  departedTeams?: () => Promise<ReadonlySet<string>>
  /**
   * Campaigns' own channels (from slack/): invites the people named since the last pass, offers a
   * closed campaign's owner the archive; the ids of the rows it wrote.
   */
  campaignChannels?: (now: Date, departed: ReadonlySet<string>) => Promise<number[]>
  /** Forgets expired Idempotency-Key answers; with many workspaces, deletes the data of those gone longer than DATA_RETENTION_DAYS (retention.ts). */
  retention?: { purge(now: Date): Promise<void> }
  /** node-cron expression; every minute. */
  every?: string
  /** Told how long each pass took (for /metrics). */
  observer?: SchedulerObserver
}

export type SchedulerObserver = { passed(seconds: number, endedAt: Date): void }

export function createScheduler(options: SchedulerOptions) {
  const { ideas, dispatcher, clock, logger } = options
  let task: ScheduledTask | null = null
  /** When the last pass ended (the clock's time), for /healthz; null before the first. */
  let lastPassAt: Date | null = null
  // Ticks run one after another in this process, each a full pass begun after the one before.
  let queue: Promise<void> = Promise.resolve()

  async function closeDueRounds(now: Date, departed: ReadonlySet<string>): Promise<void> {
    const rounds = (await ideas.openRounds()).filter((round) => !departed.has(round.teamId))
    for (const roundId of dueRoundClosings(rounds, now)) {
      const closed = await ideas.closeRound({ roundId, at: now, ...options.roundClosing })
      if (closed.outcome !== 'closed') continue
      logger.info({ team: closed.results.round.teamId, round: roundId, ideas: closed.results.total }, 'brainstorm_closed')
      void dispatcher.deliverNow(closed.outboxIds)
    }
  }

  async function runLifecycle(now: Date, departed: ReadonlySet<string>): Promise<void> {
    const lifecycle = options.lifecycle
    if (!lifecycle) return
    const candidates = (await lifecycle.store.candidates()).filter((campaign) => !departed.has(campaign.teamId))
    const settings = new Map<number, EffectiveSettings>()
    for (const campaign of candidates) {
      // The owner's zone is asked only where neither the campaign nor its workspace set one.
      const ownerZone = campaign.overrides.timeZone || campaign.workspace.timeZone ? null : await lifecycle.ownerZone(campaign.teamId, campaign.ownerId)
      if (ownerZone === undefined) continue
      settings.set(campaign.id, effectiveSettings(campaign.workspace, campaign.overrides, ownerZone))
    }
    const byId = new Map(candidates.map((campaign) => [campaign.id, campaign]))
    const zoned = candidates.flatMap((campaign) => {
      const resolved = settings.get(campaign.id)
      return resolved ? [{ ...campaign, timeZone: resolved.timeZone }] : []
    })
    const steps = dueLifecycle(zoned, now)
    for (const step of steps) {
      const campaign = byId.get(step.campaignId)!
      const changed = await lifecycle.store.change({
        teamId: step.teamId, campaignId: step.campaignId, change: step.kind, actorId: 'scheduler', at: now,
        outbox: await lifecycle.outbox(step, campaign, settings.get(step.campaignId)!, now),
      })
      // Another instance (or an owner's click) was quicker: it posted.
      if (changed.outcome !== 'changed') continue
      logger.info({ team: step.teamId, campaign: step.campaignId, to: step.to }, step.kind === 'go_live' ? 'campaign_went_live' : 'campaign_ended')
      void dispatcher.deliverNow(changed.outboxIds)
    }
  }

  /** Asks Slack about people the live stage concerns that it does not know yet (or for a day). */
  async function refreshPeople(now: Date, departed: ReadonlySet<string>): Promise<void> {
    const live = options.live
    if (!live) return
    const wanted = (await live.store.peopleToRefresh(now, live.refreshAfterMs ?? 86_400_000, live.refreshPerTick ?? 50)).filter(({ teamId }) => !departed.has(teamId))
    for (const { teamId, userId } of wanted) {
      const found = await live.lookUp(teamId, userId)
      if (found.found) await live.people.recordSlackFacts(teamId, userId, { timeZone: found.timeZone, locale: found.locale, deactivated: found.deactivated }, now)
      // Slack says there is no such person: nobody to message.
      else if (found.reason === 'unknown_user') await live.people.recordSlackFacts(teamId, userId, { timeZone: null, locale: null, deactivated: true }, now)
    }
  }

  async function runLive(now: Date, departed: ReadonlySet<string>): Promise<void> {
    const live = options.live
    if (!live) return
    const snapshot = withoutTeams(await live.store.snapshot(now), departed)
    const plan = planLive(snapshot, now)
    const ids = await live.store.record(plan, now)
    if (ids.length > 0 || snapshot.unknownOwnerZones > 0) {
      logger.info({ written: ids.length, planned: plan.items.length, quiet: plan.quietDigests.length, waitingForZone: snapshot.unknownOwnerZones }, 'live_tick')
    }
    // Delivered by the dispatcher's next sweep, started now: paced there, one channel at a time.
    if (ids.length > 0) void dispatcher.sweep()
  }

  async function runRetro(now: Date, departed: ReadonlySet<string>): Promise<void> {
    const retro = options.retro
    if (!retro) return
    const campaigns = (await retro.store.candidates()).campaigns.filter((campaign) => !departed.has(campaign.teamId))
    const byId = new Map(campaigns.map((campaign) => [campaign.id, campaign]))
    for (const step of dueRetroSteps(campaigns, now)) {
      // One campaign's failure (a report that cannot be drawn, say) does not hold back the others.
      try {
        if (step.kind === 'compile') {
          const compiled = await retro.compile({ teamId: step.teamId, campaignId: step.campaignId, at: now, reason: step.reason })
          // compile hands its rows to the dispatcher itself.
          if (compiled.outcome === 'compiled') logger.info({ team: step.teamId, campaign: step.campaignId, reason: step.reason }, 'retro_compiled')
          continue
        }
        const drafts = await retro.outbox(step, byId.get(step.campaignId)!, now)
        const ids = await retro.store.recordStep({ teamId: step.teamId, campaignId: step.campaignId, kind: step.kind, day: step.day, drafts, at: now })
        // Another instance (or an earlier tick) wrote it.
        if (ids === null) continue
        logger.info({ team: step.teamId, campaign: step.campaignId, rows: ids.length }, step.kind === 'prompt' ? 'retro_prompted' : 'retro_reminded')
        void dispatcher.deliverNow(ids)
      } catch (error) {
        logger.error({ err: error, team: step.teamId, campaign: step.campaignId, step: step.kind }, 'scheduler_retro_step_failed')
      }
    }
  }

  async function runPortfolioSummary(now: Date, departed: ReadonlySet<string>): Promise<void> {
    const summary = options.portfolioSummary
    if (!summary) return
    for (const { teamId, schedule } of await summary.store.summarySchedules()) {
      if (departed.has(teamId)) continue
      const week = dueSummaryWeek(schedule, now)
      if (!week || !schedule.channelId) continue
      try {
        // The week is settled with its row in one compare-and-set: a second instance finds it settled.
        const ids = await summary.store.settleSummaryWeek(teamId, week, await summary.draft(teamId, schedule.channelId, week, now), now)
        if (ids === null) continue
        logger.info({ team: teamId, week, posted: ids.length > 0 }, ids.length > 0 ? 'portfolio_summary_planned' : 'portfolio_summary_quiet')
        if (ids.length > 0) void dispatcher.deliverNow(ids)
      } catch (error) {
        logger.error({ err: error, team: teamId, week }, 'scheduler_portfolio_summary_failed')
      }
    }
  }

  /**
   * Everything due at the clock's now, in a pass that starts after any pass under way. Never
   * rejects: a failure is logged and the next tick tries again.
   */
  function tick(): Promise<void> {
    queue = queue.then(() => pass()).then(() => {
      lastPassAt = clock.now()
    })
    return queue
  }

  async function pass(): Promise<void> {
    const startedAt = performance.now()
    try {
      await passSteps()
    } finally {
      options.observer?.passed((performance.now() - startedAt) / 1000, clock.now())
    }
  }

  async function passSteps(): Promise<void> {
    let departed: ReadonlySet<string> = new Set()
    try {
      departed = (await options.departedTeams?.()) ?? departed
    } catch (error) {
      // Without knowing who left, plan nothing this pass rather than post for a workspace that left.
      logger.error({ err: error }, 'scheduler_departed_failed')
      return
    }
    try {
      await closeDueRounds(clock.now(), departed)
    } catch (error) {
      logger.error({ err: error }, 'scheduler_tick_failed')
    }
    try {
      await runLifecycle(clock.now(), departed)
    } catch (error) {
      logger.error({ err: error }, 'scheduler_lifecycle_failed')
    }
    try {
      await refreshPeople(clock.now(), departed)
    } catch (error) {
      logger.error({ err: error }, 'scheduler_people_failed')
    }
    try {
      await runLive(clock.now(), departed)
    } catch (error) {
      logger.error({ err: error }, 'scheduler_live_failed')
    }
    try {
      await runRetro(clock.now(), departed)
    } catch (error) {
      logger.error({ err: error }, 'scheduler_retro_failed')
    }
    try {
      await runPortfolioSummary(clock.now(), departed)
    } catch (error) {
      logger.error({ err: error }, 'scheduler_portfolio_summary_failed')
    }
    try {
      const written = await options.campaignChannels?.(clock.now(), departed)
      if (written?.length) void dispatcher.deliverNow(written)
    } catch (error) {
      logger.error({ err: error }, 'scheduler_campaign_channels_failed')
    }
    try {
      await options.retention?.purge(clock.now())
    } catch (error) {
      logger.error({ err: error }, 'scheduler_retention_failed')
    }
  }

  return {
    tick,
    /** When the last pass ended; null before the first (for /healthz). */
    lastPassAt: () => lastPassAt,
    start(): void {
      if (task) return
      task = cron.schedule(options.every ?? '* * * * *', () => tick(), { name: 'campaign-desk-scheduler', noOverlap: true })
      void tick()
    },
    /** Stops ticking and waits for a tick under way. */
    async stop(): Promise<void> {
      await task?.destroy()
      task = null
      await queue
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>

/** The live snapshot without the campaigns (and their tasks, goals, tallies) of these workspaces. */
function withoutTeams<S extends LiveSnapshot>(snapshot: S, teams: ReadonlySet<string>): S {
  if (teams.size === 0) return snapshot
  const campaigns = snapshot.campaigns.filter((campaign) => !teams.has(campaign.teamId))
  const kept = new Set(campaigns.map((campaign) => campaign.id))
  return {
    ...snapshot, campaigns,
    openTasks: snapshot.openTasks.filter((task) => kept.has(task.campaignId)),
    goals: snapshot.goals.filter((goal) => kept.has(goal.campaignId)),
    tallies: snapshot.tallies.filter((tally) => kept.has(tally.campaignId)),
  }
}

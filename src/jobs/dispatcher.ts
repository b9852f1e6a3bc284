// Delivers the outbox to Slack: at once when a listener nudges it, otherwise whenever a row falls
// due. The one path by which the app posts on its own behalf.
//
// Guarantees: a row is claimed by one dispatcher at a time (claims.ts, OutboxStore.claimDue), Slack's
// channel and ts are recorded on success, transient failures come back with backoff, a 429 waits
// for Retry-After, and a post that can never go out tells the person who caused it why
// (failureNotices.ts). Rows the sweep finds due go into one lane per channel or person (lanes.ts),
// each call in its slot inside Slack's limits (slackCalls.ts, pacing.ts); rows delivered through
// deliverNow (a person is waiting for them) go at once, held back only by a 429. How each kind of
// row goes out is deliveries.ts. Pacing is per process (see pacing.ts): with several instances,
// what they add up to beyond a limit comes back as a 429, whose Retry-After pauses that method in
// that workspace.
// The one window left: Slack accepted a post and the process died before recording it; the row
// is then posted again when its claim expires (docs/delivery.md says so).
// This file is the loop: when to sweep, what to do with a failure, and the dispatcher's face.
import { randomUUID } from 'node:crypto'
import type { WebClient } from '@slack/web-api'
import type { Logger } from 'pino'
import type { Clock } from '../clock.ts'
import { defaultRetryPolicy, retryDelayMs, shouldGiveUp, type RetryPolicy } from '../domain/delivery.ts'
import type { FirstRowClaim, OutboxMessage, OutboxStore } from '../store/outbox.ts'
import { createClaims } from './claims.ts'
import { createRowDelivery, type Renderers } from './deliveries.ts'
import { createFailureNotices, type FailureNotice, type LiveTrouble } from './failureNotices.ts'
import { createLanes, paceOf, type DeliveryOutcome } from './lanes.ts'
import { createPacer, slackLimits, type PacingLimits } from './pacing.ts'
import { createSlackCalls, interactive, PutBack, sleep, type Pace } from './slackCalls.ts'
import { classifySlackFailure } from './slackFailure.ts'
import { oneClientForAll, type WorkspaceClients } from './workspaceClients.ts'

export type DispatcherOptions = Renderers & {
  /** Each workspace's client (its own token); or `client`, one for every workspace. */
  clients?: WorkspaceClients
  client?: WebClient
  outbox: OutboxStore
  clock: Clock
  logger: Logger
  retry?: RetryPolicy
  /** Longest sleep between sweeps when nothing is due sooner. */
  pollMs?: number
  /** How long a claim holds; past it, another instance may take the row over. */
  leaseMs?: number
  batchSize?: number
  random?: () => number
  /**
   * The DM to the person a row names in payload.notifyOnFailure (a proposal's card that could not
   * be posted), composed where the card is (src/slack/proposal/notifications.ts). Without it, no DM.
   */
  failureNotice?: FailureNotice
  /** What a live-stage row's permanent failure means for people (src/slack/live/deliveryTrouble.ts). */
  liveTrouble?: LiveTrouble
  /** The rate limits to keep (default: Slack's, pacing.ts). */
  pacing?: PacingLimits
  /** How far ahead a lane keeps a row waiting for its slot in memory; further off, it is put back. */
  holdMs?: number
  /** How many live rows render or call Slack at once (rows a person waits for do not wait for this). */
  concurrency?: number
  /** Told of each row's outcome, each 429 and each retry (for /metrics). */
  observer?: DeliveryObserver
}

/** What the dispatcher tells about its work, for operators (src/telemetry/metrics.ts). */
export type DeliveryObserver = {
  delivered(outcome: DeliveryOutcome): void
  rateLimited(): void
  retried(reason: 'rate_limited' | 'transient'): void
}

export function createDispatcher(options: DispatcherOptions) {
  const { outbox, clock, logger } = options
  const given = options.clients ?? (options.client ? oneClientForAll(options.client) : null)
  if (!given) throw new Error('the dispatcher needs a Web API client (clients or client)')
  const clients: WorkspaceClients = given
  const retry = options.retry ?? defaultRetryPolicy
  const pollMs = options.pollMs ?? 5_000
  const leaseMs = options.leaseMs ?? 60_000
  // Claimed rows wait in their lanes, not in the sweep: a large batch gets every channel going at once.
  const batchSize = options.batchSize ?? 100
  const random = options.random ?? Math.random
  // Kept well inside the lease: a row waits in memory only while nobody else may take it over.
  const holdMs = Math.min(options.holdMs ?? 10_000, leaseMs / 4)
  const pacer = createPacer(options.pacing ?? slackLimits, () => clock.now().getTime())

  let timer: NodeJS.Timeout | null = null
  /** When the timer fires (clock ms); and wakes asked for while no timer was set (a sweep under way). */
  let timerAt = Infinity
  let wakeWhileSweeping = Infinity
  let stopping = false
  const isStopping = () => stopping
  const inFlight = new Set<Promise<unknown>>()

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work)
    void work.finally(() => inFlight.delete(work)).catch(() => {})
    return work
  }

  const instanceId = randomUUID()
  const claims = createClaims({ outbox, clock, instanceId, leaseMs })
  const calls = createSlackCalls({ clock, pacer, holdMs, concurrency: options.concurrency ?? 8, isStopping })
  const lanes = createLanes({ outbox, clock, pacer, claims, logger, holdMs, deliver: (message, pace) => deliverOne(message, pace), wakeAt, track, isStopping })
  const deliveries = createRowDelivery({
    outbox, clock, logger, pacer, calls, pollMs, holdMs, wakeAt,
    ...(options.homeView ? { homeView: options.homeView } : {}),
    ...(options.renderLive ? { renderLive: options.renderLive } : {}),
    ...(options.upload ? { upload: options.upload } : {}),
    ...(options.campaignChannel ? { campaignChannel: options.campaignChannel } : {}),
  })
  const notices = createFailureNotices({
    outbox, logger,
    ...(options.failureNotice ? { failureNotice: options.failureNotice } : {}),
    ...(options.liveTrouble ? { liveTrouble: options.liveTrouble } : {}),
  })

  /** Gives up on the row, with its notice unless that notice (once per key) was written already. */
  async function failForGood(message: OutboxMessage, code: string, now: Date, permanent: boolean): Promise<void> {
    let notice = await notices.noticeFor(message, code, now, permanent)
    if (notice && (await outbox.findByKey(notice.teamId, notice.dedupeKey))) notice = undefined
    try {
      await outbox.markFailed(message.id, code, now, notice)
    } catch (error) {
      // The planner or another instance wrote the same notice meanwhile: it is told once already.
      if (!notice || !(await outbox.findByKey(notice.teamId, notice.dedupeKey))) throw error
      await outbox.markFailed(message.id, code, now)
      return
    }
    // The notice is due at once.
    if (notice) wakeAt(now.getTime())
  }

  async function deliverOne(message: OutboxMessage, pace: Pace): Promise<DeliveryOutcome> {
    const outcome = await attemptOne(message, pace)
    options.observer?.delivered(outcome)
    return outcome
  }

  async function attemptOne(message: OutboxMessage, pace: Pace): Promise<DeliveryOutcome> {
    const log = logger.child({ team: message.teamId, outboxId: message.id, key: message.dedupeKey, kind: message.kind })
    try {
      const client = await clients.forTeam(message.teamId)
      if (!client) {
        // The workspace removed the app (or never installed it): nothing goes out for it, ever.
        await outbox.markUninstalled(message.id)
        log.info('outbox_uninstalled')
        return 'uninstalled'
      }
      const outcome = await deliveries.attempt(message, pace, client)
      if (outcome === 'sent') log.info({ attempts: message.attempts + 1 }, 'outbox_delivered')
      return outcome
    } catch (error) {
      if (error instanceof PutBack) return lanes.putBackFor(message, error.at)
      const failure = classifySlackFailure(error)
      const now = clock.now()
      const attempts = message.attempts + 1
      if (failure.kind === 'permanent' || shouldGiveUp(attempts, retry)) {
        log.warn({ error: failure.code, attempts }, 'outbox_failed')
        await failForGood(message, failure.code, now, failure.kind === 'permanent')
        return 'failed'
      }
      // A 429 is Slack pacing us, not a failure: it spends no attempt.
      const limited = failure.kind === 'rate_limited'
      if (limited) options.observer?.rateLimited()
      options.observer?.retried(limited ? 'rate_limited' : 'transient')
      const delay = limited ? failure.retryAfterMs : retryDelayMs(attempts, retry, random())
      log.warn({ error: failure.code, detail: (error as Error).message, attempts, retryInMs: delay }, 'outbox_retry')
      await outbox.reschedule(message.id, failure.code, new Date(now.getTime() + delay), !limited)
      wakeAt(now.getTime() + delay)
      if (limited) lanes.holdBack(message, now.getTime() + delay)
      return 'retrying'
    }
  }

  /** Delivers these rows now, in order, for a person waiting (deliverNow). */
  async function deliverClaimed(ids: number[]): Promise<Map<number, DeliveryOutcome>> {
    const outcomes = new Map<number, DeliveryOutcome>()
    // In order: a card must be out before its edits and DMs that point at it.
    for (const { message, until } of await claims.claim(ids.length, ids)) {
      claims.hold(message.id, until)
      try {
        // A campaign channel's creation and invitations keep within their tiers even when written by a click.
        outcomes.set(message.id, await deliverOne(message, message.payload.campaignChannel ? paceOf(message) : interactive))
      } finally {
        claims.release(message.id)
      }
    }
    for (const id of ids) if (!outcomes.has(id)) outcomes.set(id, 'not_claimed')
    return outcomes
  }

  /** Delivers a row written already claimed by this dispatcher (claimForNewRow), for a person waiting. */
  async function deliverWrittenClaimed(message: OutboxMessage, until: number): Promise<Map<number, DeliveryOutcome>> {
    claims.hold(message.id, until)
    try {
      return new Map([[message.id, await deliverOne(message, interactive)]])
    } finally {
      claims.release(message.id)
    }
  }

  /** Claims everything due into the lanes; returns the outcomes to come. */
  async function claimIntoLanes(): Promise<Array<Promise<DeliveryOutcome>>> {
    lanes.forgetIdle()
    const outcomes: Array<Promise<DeliveryOutcome>> = []
    for (;;) {
      const claimed = await claims.claim(batchSize)
      for (const { message, until } of claimed) if (!claims.isHeld(message.id)) outcomes.push(lanes.toLane(message, until))
      if (claimed.length < batchSize || stopping) break
    }
    return outcomes
  }

  async function sweep(): Promise<void> {
    try {
      await Promise.all(await claimIntoLanes())
    } catch (error) {
      logger.error({ err: error }, 'outbox_sweep_failed')
    }
  }

  /** The background loop's pass: claims what is due and lets the lanes deliver it meanwhile. */
  async function sweepInBackground(): Promise<void> {
    try {
      await claimIntoLanes()
    } catch (error) {
      logger.error({ err: error }, 'outbox_sweep_failed')
    }
  }

  /**
   * A row was put back until `at` (a retry, a slot, an edit waiting): the background loop wakes by
   * then. Lanes deliver after the loop's pass has ended, so its timer may be set for later.
   */
  function wakeAt(at: number): void {
    if (stopping) return
    if (timer === null) {
      wakeWhileSweeping = Math.min(wakeWhileSweeping, at)
      return
    }
    if (at >= timerAt) return
    clearTimeout(timer)
    arm(at - clock.now().getTime())
  }

  function arm(waitMs: number): void {
    const wait = Math.max(0, Math.min(pollMs, waitMs))
    timerAt = clock.now().getTime() + wait
    timer = setTimeout(() => {
      timer = null
      timerAt = Infinity
      void track(sweepInBackground()).then(scheduleNext)
    }, wait)
  }

  async function scheduleNext(): Promise<void> {
    if (stopping) return
    wakeWhileSweeping = Infinity
    let wait = pollMs
    try {
      const now = clock.now()
      const due = await outbox.nextDueAt(now)
      if (due) wait = Math.min(pollMs, Math.max(0, due.getTime() - now.getTime()))
    } catch (error) {
      logger.error({ err: error }, 'outbox_schedule_failed')
    }
    if (stopping) return
    arm(Math.min(wait, wakeWhileSweeping - clock.now().getTime()))
  }

  return {
    /** Delivers these rows now (the listener's nudge); rows another instance holds are left to it. */
    deliverNow(ids: number[]): Promise<Map<number, DeliveryOutcome>> {
      if (stopping || ids.length === 0) return Promise.resolve(new Map())
      // Never rejects: callers fire and forget, and a row that could not be handled now (say, the
      // database went away while recording) is still pending and will be swept again.
      return track(deliverClaimed(ids).catch((error: unknown) => {
        logger.error({ err: error, outboxIds: ids }, 'outbox_deliver_now_failed')
        return new Map<number, DeliveryOutcome>()
      }))
    },
    /**
     * A claim to write a row with (OutboxStore's FirstRowClaim) that this dispatcher then delivers
     * at once with deliverWritten: the row is never claimable by a sweep in between, and the claim
     * is one statement fewer before a card a person waits for reaches Slack.
     */
    claimForNewRow(): FirstRowClaim {
      return { claimer: instanceId, until: new Date(clock.now().getTime() + leaseMs) }
    },
    /** Delivers a row written with claimForNewRow's claim (as deliverNow delivers; never rejects). */
    deliverWritten(message: OutboxMessage, claim: FirstRowClaim): Promise<Map<number, DeliveryOutcome>> {
      if (stopping) return Promise.resolve(new Map())
      return track(deliverWrittenClaimed(message, claim.until.getTime()).catch((error: unknown) => {
        logger.error({ err: error, outboxIds: [message.id] }, 'outbox_deliver_now_failed')
        return new Map<number, DeliveryOutcome>()
      }))
    },
    /**
     * Waits until a row another sweep holds is sent (true) or failed/still pending at `deadline`
     * (false). For the listener that must answer the person within Slack's few seconds.
     */
    async waitUntilSent(id: number, deadline: number): Promise<boolean> {
      while (performance.now() < deadline) {
        const status = await outbox.statusOf(id).catch(() => null)
        if (status === 'sent') return true
        if (status === 'failed' || status === null) return false
        await sleep(25)
      }
      return false
    },
    /** One pass over everything due, until those rows are dealt with (used by tests and the scheduler). */
    sweep: () => track(sweep()),
    /**
     * Resolves once nothing is under way: the deliveries another sweep (the scheduler's own) started
     * are done too. The sandbox moves its clock only then, so a post is drawn at its own hour.
     */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
    start(): void {
      stopping = false
      void track(sweepInBackground()).then(scheduleNext)
    },
    /** Stops sweeping and waits for the deliveries under way (rows still queued are put back). */
    async stop(): Promise<void> {
      stopping = true
      if (timer) clearTimeout(timer)
      timer = null
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>

// Rows the sweep claimed go into one lane per channel (or person): lanes run side by side, each in
// order, and each call waits for its slot inside Slack's limits, so one busy or rate-limited channel
// never holds up the others. A row whose slot is further off than a lane holds is put back for it,
// without spending an attempt, and the rows of its lane follow it, keeping the channel's order.
import type { Logger } from 'pino'
import type { Clock } from '../clock.ts'
import type { OutboxMessage, OutboxStore } from '../store/outbox.ts'
import type { Claims } from './claims.ts'
import type { PacedCall, Pacer } from './pacing.ts'
import { interactive, scheduled, type Pace } from './slackCalls.ts'

/** paced: put back for the slot Slack's rate limits give it (no attempt spent). */
export type DeliveryOutcome = 'sent' | 'retrying' | 'failed' | 'waiting' | 'paced' | 'superseded' | 'not_claimed' | 'uninstalled'

/** A channel's (or a person's) rows in this process, delivered one after another in order. */
type Lane = {
  queue: Array<{ message: OutboxMessage; done: (outcome: DeliveryOutcome) => void }>
  running: boolean
  /** Rows of this lane were put back up to this slot (ms): newer rows go after them. */
  backlogUntil: number
}

/**
 * The live stage's rows wait for their slots, and so do a campaign channel's creation and
 * invitations (background work, within their tiers: 20 and 50 a minute). Any other row may be one a person is waiting for
 * (a proposal card the sweep picked up before the listener's deliverNow): it goes at once, counted
 * so that the live rows make room for it, and held back only by a 429.
 */
export const paceOf = (message: OutboxMessage): Pace => (message.payload.live || message.payload.campaignChannel ? scheduled : interactive)

/** The post a row makes, for an estimate of its slot; none for rows not paced per channel. */
const postCallOf = (message: OutboxMessage): PacedCall | undefined =>
  paceOf(message) === scheduled && !message.payload.campaignChannel && (message.kind === 'post' || message.kind === 'dm')
    ? { teamId: message.teamId, method: 'chat.postMessage', channel: message.target }
    : undefined

const laneKeyOf = (message: OutboxMessage) => `${message.teamId}:${message.kind === 'home' ? 'home:' : ''}${message.target}`

export function createLanes(options: {
  outbox: OutboxStore; clock: Clock; pacer: Pacer; claims: Claims; logger: Logger
  /** How far ahead a lane keeps a row waiting for its slot in memory; further off, it is put back. */
  holdMs: number
  /** Delivers one row (never called for two rows of one lane at once). */
  deliver: (message: OutboxMessage, pace: Pace) => Promise<DeliveryOutcome>
  /** A row was put back until this instant: the background loop should wake by then. */
  wakeAt: (at: number) => void
  /** Work to wait for on stop. */
  track: <T>(work: Promise<T>) => Promise<T>
  isStopping: () => boolean
}) {
  const { outbox, clock, pacer, claims, logger, holdMs } = options
  const lanes = new Map<string, Lane>()
  /** Rows this process put back for a slot: when they come due again they keep their lane's order. */
  const putBack = new Set<number>()

  function laneOf(message: OutboxMessage): Lane {
    const key = laneKeyOf(message)
    let lane = lanes.get(key)
    if (!lane) lanes.set(key, (lane = { queue: [], running: false, backlogUntil: 0 }))
    return lane
  }

  /** Puts the row back until its slot, without spending an attempt; the rows of its lane follow it. */
  async function putBackFor(message: OutboxMessage, at: number): Promise<DeliveryOutcome> {
    const lane = laneOf(message)
    lane.backlogUntil = Math.max(lane.backlogUntil, at)
    await outbox.reschedule(message.id, 'paced', new Date(Math.ceil(at)), false)
    putBack.add(message.id)
    options.wakeAt(Math.ceil(at))
    return 'paced'
  }

  async function runLane(lane: Lane): Promise<void> {
    lane.running = true
    try {
      while (lane.queue.length > 0) {
        const { message, done } = lane.queue.shift()!
        if (options.isStopping()) {
          done(await putBackFor(message, clock.now().getTime()).catch(() => 'retrying' as const))
          continue
        }
        const backlogBefore = lane.backlogUntil
        const outcome = await options.deliver(message, paceOf(message)).catch((error: unknown) => {
          logger.error({ err: error, outboxId: message.id }, 'outbox_delivery_failed')
          return 'retrying' as const
        })
        done(outcome)
        // Put back for its slot (or a 429's Retry-After): the rows queued behind it follow it, in order.
        if (lane.backlogUntil > backlogBefore) {
          for (const queued of lane.queue.splice(0)) {
            queued.done(await putBackFor(queued.message, (lane.backlogUntil += pacer.intervalMs)).catch(() => 'retrying' as const))
          }
        }
      }
    } finally {
      lane.running = false
    }
  }

  return {
    putBackFor,
    /** A 429 held the row's lane back until `until`: the rows after it wait as long. */
    holdBack(message: OutboxMessage, until: number): void {
      const lane = laneOf(message)
      lane.backlogUntil = Math.max(lane.backlogUntil, until)
    },

    /** Queues a claimed row in its lane; resolves with its outcome (never rejects). */
    toLane(message: OutboxMessage, claimedUntil: number): Promise<DeliveryOutcome> {
      claims.hold(message.id, claimedUntil)
      const lane = laneOf(message)
      const now = clock.now().getTime()
      const returning = putBack.delete(message.id)
      let putBackAt: number | undefined
      // A newer row of a lane with rows put back goes after them, keeping the channel's order.
      if (!returning && lane.backlogUntil > now) putBackAt = lane.backlogUntil += pacer.intervalMs
      const call = postCallOf(message)
      if (putBackAt === undefined && call) {
        const at = pacer.freeAt(call, lane.queue.length + (lane.running ? 1 : 0))
        if (at - now > holdMs) putBackAt = at
      }
      const outcome = putBackAt !== undefined
        ? putBackFor(message, putBackAt)
        : new Promise<DeliveryOutcome>((done) => {
            lane.queue.push({ message, done })
            if (!lane.running) void options.track(runLane(lane))
          })
      return options.track(outcome.catch((error: unknown) => {
        // The row stays claimed and pending: it is taken again once its lease runs out.
        logger.error({ err: error, outboxId: message.id }, 'outbox_delivery_failed')
        return 'retrying' as const
      }).finally(() => claims.release(message.id)))
    },

    /** Forgets lanes with nothing in them and pacing that limits nothing any more. */
    forgetIdle(): void {
      pacer.forgetPast()
      const now = clock.now().getTime()
      for (const [key, lane] of lanes) if (!lane.running && lane.queue.length === 0 && lane.backlogUntil <= now) lanes.delete(key)
    },
  }
}

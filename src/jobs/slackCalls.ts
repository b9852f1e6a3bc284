// Each Slack call the dispatcher makes, in its slot inside Slack's rate limits (pacing.ts): a row a
// person waits for goes at once, held back only by a 429; a scheduled row waits for its slot, or is
// put back (PutBack) when the slot is further off than a row may wait in memory.
import type { OutboxMessage } from '../store/outbox.ts'
import type { WebClient } from '@slack/web-api'
import type { Clock } from '../clock.ts'
import type { PacedCall, Pacer, TakenCall } from './pacing.ts'
import { classifySlackFailure, slackMayHaveCounted } from './slackFailure.ts'

/** A person is waiting for the row (deliverNow): it goes at once, held back only by a 429. */
export type Pace = { interactive: boolean }
export const scheduled: Pace = { interactive: false }
export const interactive: Pace = { interactive: true }

/** A row's slot is further off than it may wait for here: put it back until then. */
export class PutBack {
  constructor(readonly at: number) {}
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs at most `limit` pieces of work at once, the rest in turn. */
export function concurrencyLimit(limit: number) {
  let running = 0
  const waiting: Array<() => void> = []
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    else running += 1
    try {
      return await work()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running -= 1
    }
  }
}

export function createSlackCalls(options: {
  clock: Clock; pacer: Pacer
  /** How long a scheduled row may wait in memory for its slot. */
  holdMs: number
  /** How many live rows render or call Slack at once. */
  concurrency: number
  isStopping: () => boolean
}) {
  const { clock, pacer, holdMs } = options
  /** How long a 429's Retry-After may keep a row a person waits for in memory before it is put back. */
  const interactiveHoldMs = 2_000

  /**
   * At most this many live rows render or call Slack at once. Lanes spend most of their time
   * waiting for slots; the work itself, all at once for hundreds of rows, would slow every call
   * past its timeout (and a call that timed out may have been posted: retried, it posts twice).
   */
  const working = concurrencyLimit(options.concurrency)

  /** Waits for the call's slot inside the limits (a person waiting: only for a 429), then counts it. */
  async function slot(call: PacedCall, pace: Pace): Promise<TakenCall> {
    for (;;) {
      const now = clock.now().getTime()
      const at = pace.interactive ? pacer.blockedUntil(call) : pacer.freeAt(call)
      if (at <= now) return pacer.take(call)
      if (options.isStopping()) throw new PutBack(now)
      if (at - now > (pace.interactive ? interactiveHoldMs : holdMs)) throw new PutBack(at)
      // Short naps: a call a person waits for may take the slot meanwhile, and a test's clock may jump.
      await sleep(Math.min(at - now, 250))
    }
  }

  /** One Slack call in its slot; a 429 pauses that method in that workspace for its Retry-After. */
  async function slackCall<T>(call: PacedCall, pace: Pace, work: () => Promise<T>): Promise<T> {
    const taken = await slot(call, pace)
    try {
      const result = pace.interactive ? await work() : await working(work)
      taken.answered('carried_out')
      return result
    } catch (error) {
      const failure = classifySlackFailure(error)
      if (failure.kind === 'rate_limited') {
        taken.answered('rate_limited')
        pacer.block(call.teamId, call.method, clock.now().getTime() + failure.retryAfterMs)
      } else {
        // An answer from Slack (ok: false) counted there, and a call that timed out may have; a 5xx
        // or a refused connection did not (else an outage's retries would use up the budget).
        taken.answered(slackMayHaveCounted(error) ? 'carried_out' : 'not_carried_out')
      }
      throw error
    }
  }

  /** Posts into `channel` with the workspace's client; `pacedAs` is the channel it is paced under (a DM's: the person's id). */
  async function post(client: WebClient, teamId: string, channel: string, payload: OutboxMessage['payload'], pace: Pace, pacedAs = channel): Promise<{ channel: string; ts: string | null }> {
    const answer = await slackCall({ teamId, method: 'chat.postMessage', channel: pacedAs }, pace, () =>
      client.chat.postMessage({
        channel, text: payload.text, ...(payload.blocks ? { blocks: payload.blocks as never } : {}), ...(payload.threadTs ? { thread_ts: payload.threadTs } : {}),
      }))
    return { channel: answer.channel ?? channel, ts: answer.ts ?? null }
  }

  /** A public channel the app is not in yet: join it, then post (a private one refuses the join). */
  async function postJoiningIfNeeded(client: WebClient, message: OutboxMessage, pace: Pace) {
    try {
      return await post(client, message.teamId, message.target, message.payload, pace)
    } catch (error) {
      if (classifySlackFailure(error).code !== 'not_in_channel') throw error
      try {
        await slackCall({ teamId: message.teamId, method: 'conversations.join' }, pace, () => client.conversations.join({ channel: message.target }))
      } catch (joinError) {
        const failure = classifySlackFailure(joinError)
        if (failure.kind === 'permanent') throw error // report the original not_in_channel
        throw joinError
      }
      return await post(client, message.teamId, message.target, message.payload, pace)
    }
  }

  return { working, slackCall, post, postJoiningIfNeeded }
}

export type SlackCalls = ReturnType<typeof createSlackCalls>

// Keeps the dispatcher's Slack calls inside Slack's rate limits (docs/SLACK.md), so that it learns
// them from its own count instead of from 429s:
// - chat.postMessage into one channel: about one a second after a short burst, kept as a token
//   bucket (GCRA: the bucket's "theoretical arrival time");
// - each method per workspace: N calls in any 60 seconds (the tiers below);
// - a 429's Retry-After: no call of that method in that workspace until then.
//
// Counted the way Slack counts, never less: a call counts from the moment it is sent, and its time
// is moved to when its answer came back (Slack saw it somewhere in between), so a request that
// reached Slack late never makes the next one look early. A call Slack did not carry out (5xx, a
// network error) gives its place back.
//
// Per process: with several instances each keeps its own count, and what they add up to beyond a
// limit comes back as a 429, whose Retry-After then pauses that method in that workspace here too.

export type PacingLimits = {
  /** chat.postMessage into one channel. */
  perChannel: { perSecond: number; burst: number }
  /** Calls per minute per method per workspace: the least each tier promises. */
  perMethodPerMinute: Readonly<Record<string, number>>
  /** Kept below the limits by this share, for clocks that tick a little apart. */
  margin: number
}

/**
 * Slack's limits as docs/SLACK.md states them. chat.postMessage's workspace-wide limit is not
 * published, so it is not counted unless given (`perMethodPerMinute['chat.postMessage']`); its 429
 * is obeyed either way.
 */
export const slackLimits: PacingLimits = {
  perChannel: { perSecond: 1, burst: 3 },
  perMethodPerMinute: {
    // Tier 2: at least 20 a minute.
    'conversations.list': 20, 'users.list': 20, 'conversations.create': 20, 'conversations.archive': 20,
    // Tier 3: at least 50 a minute.
    'chat.update': 50, 'chat.scheduleMessage': 50, 'conversations.info': 50, 'conversations.join': 50, 'conversations.open': 50,
    'conversations.invite': 50,
    // Tier 4: at least 100 a minute.
    'chat.postEphemeral': 100, 'views.open': 100, 'views.push': 100, 'views.update': 100, 'views.publish': 100, 'users.info': 100,
    'files.getUploadURLExternal': 100, 'files.completeUploadExternal': 100,
  },
  margin: 0.01,
}

/** One Slack call: its workspace, its method, and for chat.postMessage the channel (a user id for a DM). */
export type PacedCall = { teamId: string; method: string; channel?: string }

/** A call counted as made: say how Slack answered it. */
export type TakenCall = { answered(how: 'carried_out' | 'not_carried_out' | 'rate_limited'): void }

const WINDOW_MS = 60_000

export function createPacer(limits: PacingLimits, now: () => number) {
  const intervalMs = (1_000 / limits.perChannel.perSecond) * (1 + limits.margin)
  const toleranceMs = (Math.max(1, limits.perChannel.burst) - 1) * intervalMs
  const windowMs = WINDOW_MS * (1 + limits.margin)
  /** team:channel → when the channel's bucket would be full again (its theoretical arrival time). */
  const channels = new Map<string, number>()
  /** team:method → the calls of the last window (each call's time, moved to its answer). */
  const methods = new Map<string, Array<{ at: number }>>()
  /** team:method → a 429 said to wait until then. */
  const blocked = new Map<string, number>()

  const methodKey = (teamId: string, method: string) => `${teamId}:${method}`
  const channelKey = (call: PacedCall) => (call.method === 'chat.postMessage' && call.channel !== undefined ? `${call.teamId}:${call.channel}` : undefined)

  // A clock set back (a test's, or a corrected system clock) must not leave slots in a future that
  // never comes: counts from past this are dropped.
  const futureMs = 60_000

  function liveCalls(key: string, at: number): Array<{ at: number }> {
    const calls = (methods.get(key) ?? []).filter((call) => call.at > at - windowMs && call.at <= at + futureMs)
    if (calls.length > 0) methods.set(key, calls)
    else methods.delete(key)
    return calls
  }

  /** Until when a 429 holds this call's method back (≤ now: it does not). */
  function blockedUntil(call: PacedCall): number {
    const until = blocked.get(methodKey(call.teamId, call.method)) ?? 0
    return until > now() + 3_600_000 ? 0 : until
  }

  /**
   * The earliest time at which the call fits every limit (≤ now: at once). `ahead`: calls into the
   * same channel that will go before it (a lane's queue), for an estimate of a later slot.
   */
  function freeAt(call: PacedCall, ahead = 0): number {
    const at = now()
    let free = Math.max(at, blockedUntil(call))
    const channel = channelKey(call)
    if (channel !== undefined) {
      if ((channels.get(channel) ?? at) > at + futureMs) channels.delete(channel)
      const tat = Math.max(channels.get(channel) ?? at, at) + ahead * intervalMs
      free = Math.max(free, tat - toleranceMs)
    }
    const perMinute = limits.perMethodPerMinute[call.method]
    if (perMinute !== undefined) {
      const times = liveCalls(methodKey(call.teamId, call.method), at).map((c) => c.at).sort((a, b) => a - b)
      // Free once fewer than perMinute calls lie in the window: when the (n - perMinute + 1)-th oldest has left it.
      if (times.length >= perMinute) free = Math.max(free, times[times.length - perMinute]! + windowMs)
    }
    return free
  }

  /** Counts the call as made now, whether or not it was free (a person waiting goes at once). */
  function take(call: PacedCall): TakenCall {
    const sentAt = now()
    const channel = channelKey(call)
    const tatBefore = channel === undefined ? 0 : Math.max(channels.get(channel) ?? sentAt, sentAt)
    if (channel !== undefined) channels.set(channel, Math.max(channels.get(channel) ?? sentAt, sentAt) + intervalMs)
    const key = methodKey(call.teamId, call.method)
    const counted = limits.perMethodPerMinute[call.method] !== undefined ? { at: sentAt } : undefined
    if (counted) methods.set(key, [...(methods.get(key) ?? []), counted])
    return {
      answered(how) {
        const answeredAt = now()
        if (how === 'not_carried_out') {
          if (channel !== undefined) channels.set(channel, (channels.get(channel) ?? answeredAt) - intervalMs)
          if (counted) methods.set(key, (methods.get(key) ?? []).filter((c) => c !== counted))
          return
        }
        // Slack saw it at the latest now: count it from here.
        if (channel !== undefined) channels.set(channel, Math.max(channels.get(channel) ?? 0, Math.max(tatBefore, answeredAt) + intervalMs))
        if (counted) counted.at = answeredAt
      },
    }
  }

  /** A 429 with Retry-After: no call of this method in this workspace before `until`. */
  function block(teamId: string, method: string, until: number): void {
    const key = methodKey(teamId, method)
    blocked.set(key, Math.max(blocked.get(key) ?? until, until))
  }

  /** Drops what no longer limits anything (full buckets, calls out of the window, past blocks). */
  function forgetPast(): void {
    const at = now()
    for (const [key, tat] of channels) if (tat <= at) channels.delete(key)
    for (const key of [...methods.keys()]) liveCalls(key, at)
    for (const [key, until] of blocked) if (until <= at) blocked.delete(key)
  }

  return { freeAt, blockedUntil, take, block, forgetPast, intervalMs }
}

export type Pacer = ReturnType<typeof createPacer>

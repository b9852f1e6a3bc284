// When the dispatcher may make its next Slack call, so that it stays inside Slack's rate limits
// (docs/SLACK.md) instead of learning them from 429s. Pure: the caller owns the state and brings `now`.
//
// Two kinds of limit, each kept exactly as Slack (and the fake) count them:
// - chat.postMessage into one channel: about 1 per second with short bursts, a token bucket (kept as
//   its theoretical arrival time, GCRA);
// - each method per workspace: N calls in any 60 seconds, a log of the calls booked in the window.
// A 429's Retry-After blocks that method in that workspace until then.
// Booking a later slot is allowed (a row that must wait keeps its place), and each check counts what
// is already booked, so the times handed out never add up to more than the limits.

export type PacingLimits = {
  /** chat.postMessage into one channel. */
  perChannel: { perSecond: number; burst: number }
  /** Calls per minute per method per workspace: the least each tier promises. */
  perMethodPerMinute: Readonly<Record<string, number>>
  /** Kept below the limits by this share, so a request that reaches Slack a little late still fits. */
  margin: number
}

/**
 * Slack's limits as docs/SLACK.md states them. chat.postMessage's workspace-wide limit is not
 * published, so it is not paced by default (add 'chat.postMessage' to pace it; its 429 is obeyed either way).
 */
export const slackLimits: PacingLimits = {
  perChannel: { perSecond: 1, burst: 3 },
  perMethodPerMinute: {
    // Tier 2: at least 20 a minute.
    'conversations.list': 20, 'users.list': 20,
    // Tier 3: at least 50 a minute.
    'chat.update': 50, 'chat.scheduleMessage': 50, 'conversations.info': 50, 'conversations.join': 50, 'conversations.open': 50,
    // Tier 4: at least 100 a minute.
    'chat.postEphemeral': 100, 'views.open': 100, 'views.push': 100, 'views.update': 100, 'views.publish': 100,
    'users.info': 100, 'files.getUploadURLExternal': 100, 'files.completeUploadExternal': 100,
  },
  margin: 0.02,
}

/** One delivery's calls: the methods it makes in this workspace and, for chat.postMessage, where to. */
export type PacedCall = { teamId: string; methods: readonly string[]; channel?: string }

export type PacingState = {
  /** team:channel → when the channel's bucket would be empty again (GCRA's theoretical arrival time). */
  channels: Map<string, number>
  /** team:method → the times of calls made or booked in the last window, oldest first. */
  methods: Map<string, number[]>
  /** team:method → a 429 said to wait until then. */
  blockedUntil: Map<string, number>
}

export function newPacingState(): PacingState {
  return { channels: new Map(), methods: new Map(), blockedUntil: new Map() }
}

const WINDOW_MS = 60_000
const methodKey = (teamId: string, method: string) => `${teamId}:${method}`

function channelTiming(limits: PacingLimits) {
  const intervalMs = (1_000 / limits.perChannel.perSecond) * (1 + limits.margin)
  return { intervalMs, toleranceMs: (Math.max(1, limits.perChannel.burst) - 1) * intervalMs }
}

const windowMs = (limits: PacingLimits) => WINDOW_MS * (1 + limits.margin)

function channelKeyOf(call: PacedCall): string | undefined {
  return call.channel !== undefined && call.methods.includes('chat.postMessage') ? `${call.teamId}:${call.channel}` : undefined
}

/** The earliest time ≥ now at which a 429 no longer blocks any of the call's methods. */
export function blockedUntil(state: PacingState, call: PacedCall, now: number): number {
  let at = now
  for (const method of call.methods) at = Math.max(at, state.blockedUntil.get(methodKey(call.teamId, method)) ?? now)
  return at
}

/** The earliest time ≥ now at which every limit the call touches lets it through. */
export function nextFreeAt(state: PacingState, limits: PacingLimits, call: PacedCall, now: number): number {
  let at = blockedUntil(state, call, now)
  const channel = channelKeyOf(call)
  if (channel !== undefined) {
    const tat = state.channels.get(channel)
    if (tat !== undefined) at = Math.max(at, tat - channelTiming(limits).toleranceMs)
  }
  const window = windowMs(limits)
  for (const method of call.methods) {
    const perMinute = limits.perMethodPerMinute[method]
    if (perMinute === undefined) continue
    const key = methodKey(call.teamId, method)
    const live = (state.methods.get(key) ?? []).filter((t) => t > now - window)
    state.methods.set(key, live) // calls out of the window count for nothing any more
    // Free once fewer than perMinute booked calls lie after (t - window): the (m-N+1)-th newest has left.
    if (live.length >= perMinute) at = Math.max(at, live[live.length - perMinute]! + window)
  }
  return at
}

/** Counts the call against every limit it touches, as made at `at` (now, or a later slot it waits for). */
export function book(state: PacingState, limits: PacingLimits, call: PacedCall, at: number): void {
  const channel = channelKeyOf(call)
  if (channel !== undefined) {
    const { intervalMs } = channelTiming(limits)
    state.channels.set(channel, Math.max(state.channels.get(channel) ?? at, at) + intervalMs)
  }
  for (const method of call.methods) {
    if (limits.perMethodPerMinute[method] === undefined) continue
    const key = methodKey(call.teamId, method)
    const times = state.methods.get(key) ?? []
    let i = times.length
    while (i > 0 && times[i - 1]! > at) i -= 1
    times.splice(i, 0, at)
    state.methods.set(key, times)
  }
}

/** A 429 with Retry-After: no call of this method in this workspace before `until`. */
export function blockMethod(state: PacingState, teamId: string, method: string, until: number): void {
  const key = methodKey(teamId, method)
  state.blockedUntil.set(key, Math.max(state.blockedUntil.get(key) ?? until, until))
}

/** Drops what no longer limits anything at `now` (full buckets, calls out of the window, past blocks). */
export function forgetPast(state: PacingState, limits: PacingLimits, now: number): void {
  // A bucket whose arrival time has passed is full again: the same as no bucket.
  for (const [key, tat] of state.channels) if (tat <= now) state.channels.delete(key)
  const window = windowMs(limits)
  for (const [key, times] of state.methods) if ((times.at(-1) ?? -Infinity) <= now - window) state.methods.delete(key)
  for (const [key, until] of state.blockedUntil) if (until <= now) state.blockedUntil.delete(key)
}

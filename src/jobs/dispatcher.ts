// Delivers the outbox to Slack: at once when a listener nudges it, otherwise whenever a row falls
// due. The one path by which the app posts on its own behalf.
//
// Guarantees: a row is claimed by one dispatcher at a time (see OutboxStore.claimDue), Slack's
// channel and ts are recorded on success, transient failures come back with backoff, a 429 waits
// for Retry-After, and a post that can never go out tells the person who caused it why.
// Pacing (pacing.ts): rows the sweep finds due go into one lane per channel (or person): lanes run
// side by side, each in order, and each call waits for its slot inside Slack's limits, so one busy
// or rate-limited channel never holds up the others. A row whose slot is further off than a lane
// holds is put back for it without spending an attempt. Rows delivered through deliverNow (a person
// is waiting for them) go at once: they are counted, so the scheduled rows make room for them, and
// only a 429's Retry-After holds them back; so do all rows but the live stage's, since the sweep may
// pick up a card before its listener does (paceOf). Pacing is per process (see pacing.ts): with
// several instances, what they add up to beyond a limit comes back as a 429, whose Retry-After
// pauses that method in that workspace.
// A live-stage post that fails for good tells its campaign's owner once (channel gone, archived, or
// not joinable), and a DM refused because its person left marks them gone (LiveTrouble).
// The one window left: Slack accepted a post and the process died before recording it; the row
// is then posted again when its claim expires (the README says so).
import { randomUUID } from 'node:crypto'
import type { HomeView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import type { Logger } from 'pino'
import type { Clock } from '../clock.ts'
import { defaultRetryPolicy, retryDelayMs, shouldGiveUp, type RetryPolicy } from '../domain/delivery.ts'
import { localeFromSlack, messagesFor } from '../i18n/catalogue.ts'
import { escapeMrkdwn, mentionChannel } from '../slack/blocks/mrkdwn.ts'
import type { OutboxDraft, OutboxMessage, OutboxStore } from '../store/outbox.ts'
import { createPacer, slackLimits, type PacedCall, type PacingLimits, type TakenCall } from './pacing.ts'

/** paced: put back for the slot Slack's rate limits give it (no attempt spent). */
export type DeliveryOutcome = 'sent' | 'retrying' | 'failed' | 'waiting' | 'paced' | 'superseded' | 'not_claimed'

export type DispatcherOptions = {
  client: WebClient
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
   * Renders a person's App Home as things stand when a 'home' row is delivered (wired in
   * campaignDesk.ts, so the dispatcher composes no view itself). Without it, home rows fail.
   */
  homeView?: (teamId: string, userId: string) => Promise<HomeView>
  /**
   * Renders a live-stage row (payload.live) as things stand at delivery, or says why it is no
   * longer to be sent (its task was finished, its day has passed…). Without it, such rows fail.
   */
  renderLive?: (message: OutboxMessage) => Promise<LiveRendering>
  /**
   * Draws and uploads the file a row asks for (payload.upload) into its channel, in `threadTs`'s
   * thread when given, or says why it is no longer to be sent. Without it, such rows fail.
   */
  upload?: (message: OutboxMessage, threadTs: string | null) => Promise<void | { drop: string }>
  /** What a live-stage row's permanent failure means for people (src/slack/live/deliveryTrouble.ts). */
  liveTrouble?: LiveTrouble
  /** The rate limits to keep (default: Slack's, pacing.ts). */
  pacing?: PacingLimits
  /** How far ahead a lane keeps a row waiting for its slot in memory; further off, it is put back. */
  holdMs?: number
  /** How many live rows render or call Slack at once (rows a person waits for do not wait for this). */
  concurrency?: number
}

/**
 * The words and facts the dispatcher needs when a live post cannot go out for good; it decides
 * when to tell whom (once per campaign and reason), this says what.
 */
export type LiveTrouble = {
  /** The campaign's owner, if they can be told (null: the campaign is gone, or its owner left). */
  ownerOf(teamId: string, campaignId: number): Promise<string | null>
  /** The owner's DM: their campaign's posts cannot go into its channel, and why (Slack's code). */
  channelNotice(input: { teamId: string; campaignId: number; ownerId: string; channelId: string; code: string }): Promise<{ text: string; blocks?: unknown[] }>
  /** Slack refused a DM to this person for good: they left, so nothing more is planned for them. */
  markGone(teamId: string, userId: string, at: Date): Promise<void>
}

/** A live-stage post as rendered at delivery, or the reason it is dropped instead. */
export type LiveRendering = { text: string; blocks?: unknown[] } | { drop: string }

type SlackFailure =
  | { kind: 'rate_limited'; code: string; retryAfterMs: number }
  | { kind: 'permanent'; code: string }
  | { kind: 'transient'; code: string }

// Slack errors that no retry will cure.
const permanentErrors = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'invalid_blocks', 'invalid_arguments', 'msg_too_long',
  'no_text', 'cannot_dm_bot', 'user_not_found', 'user_disabled', 'account_inactive', 'restricted_action',
  'method_not_supported_for_channel_type', 'message_not_found', 'cant_update_message', 'edit_window_closed',
  'invalid_auth', 'not_authed', 'token_revoked', 'missing_scope', 'team_access_not_granted', 'too_many_attachments',
])

export function classifySlackFailure(error: unknown): SlackFailure {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string }
  if (e.code === 'slack_webapi_rate_limited_error') {
    return { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 }
  }
  if (e.code === 'slack_webapi_platform_error') {
    const code = e.data?.error ?? 'unknown_error'
    return permanentErrors.has(code) ? { kind: 'permanent', code } : { kind: 'transient', code }
  }
  if (e.code === 'slack_webapi_http_error') return { kind: 'transient', code: `http_${e.statusCode ?? 'error'}` }
  return { kind: 'transient', code: e.code ?? e.message ?? 'request_failed' }
}

// Slack's answers to a live post that mean its campaign's channel will not take it (a join was tried).
const channelTroubleCodes = new Set(['channel_not_found', 'not_in_channel', 'is_archived'])
// Slack's answers to a DM that mean its person has left the workspace.
const goneCodes = new Set(['account_inactive', 'user_disabled', 'user_not_found'])

/** A row's slot is further off than it may wait for here: put it back until then. */
class PutBack {
  constructor(readonly at: number) {}
}

/** A person is waiting for the row (deliverNow): it goes at once, held back only by a 429. */
type Pace = { interactive: boolean }
const scheduled: Pace = { interactive: false }
const interactive: Pace = { interactive: true }

/** A channel's (or a person's) rows in this process, delivered one after another in order. */
type Lane = {
  queue: Array<{ message: OutboxMessage; done: (outcome: DeliveryOutcome) => void }>
  running: boolean
  /** Rows of this lane were put back up to this slot (ms): newer rows go after them. */
  backlogUntil: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Did Slack perhaps carry out a call that failed? An answer or a timeout: perhaps; a 5xx or no connection: no. */
function slackMayHaveCounted(error: unknown): boolean {
  const e = error as { code?: string; original?: { name?: string } }
  return e.code === 'slack_webapi_platform_error' || (e.code === 'slack_webapi_request_error' && e.original?.name === 'TimeoutError')
}

/** Runs at most `limit` pieces of work at once, the rest in turn. */
function concurrencyLimit(limit: number) {
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

export function createDispatcher(options: DispatcherOptions) {
  const { client, outbox, clock, logger } = options
  const retry = options.retry ?? defaultRetryPolicy
  const pollMs = options.pollMs ?? 5_000
  const leaseMs = options.leaseMs ?? 60_000
  // Claimed rows wait in their lanes, not in the sweep: a large batch gets every channel going at once.
  const batchSize = options.batchSize ?? 100
  const random = options.random ?? Math.random
  const instanceId = randomUUID()
  // Kept well inside the lease: a row waits in memory only while nobody else may take it over.
  const holdMs = Math.min(options.holdMs ?? 10_000, leaseMs / 4)
  /** How long a 429's Retry-After may keep a row a person waits for in memory before it is put back. */
  const interactiveHoldMs = 2_000
  const pacer = createPacer(options.pacing ?? slackLimits, () => clock.now().getTime())
  // Home refreshes of one person go out one after another in this process: a refresh rendered
  // earlier can then never be published after one rendered later.
  const homeQueues = new Map<string, Promise<unknown>>()
  const lanes = new Map<string, Lane>()
  /** Rows this process holds in memory now (in a lane or being delivered), and when their claims run out. */
  const held = new Map<number, number>()
  /** Rows this process put back for a slot: when they come due again they keep their lane's order. */
  const putBack = new Set<number>()

  let timer: NodeJS.Timeout | null = null
  /** When the timer fires (clock ms); and wakes asked for while no timer was set (a sweep under way). */
  let timerAt = Infinity
  let wakeWhileSweeping = Infinity
  let stopping = false
  const inFlight = new Set<Promise<unknown>>()

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work)
    void work.finally(() => inFlight.delete(work)).catch(() => {})
    return work
  }

  /**
   * At most this many live rows render or call Slack at once. Lanes spend most of their time
   * waiting for slots; the work itself, all at once for hundreds of rows, would slow every call
   * past its timeout (and a call that timed out may have been posted: retried, it posts twice).
   */
  const working = concurrencyLimit(options.concurrency ?? 8)

  /** Waits for the call's slot inside the limits (a person waiting: only for a 429), then counts it. */
  async function slot(call: PacedCall, pace: Pace): Promise<TakenCall> {
    for (;;) {
      const now = clock.now().getTime()
      const at = pace.interactive ? pacer.blockedUntil(call) : pacer.freeAt(call)
      if (at <= now) return pacer.take(call)
      if (stopping) throw new PutBack(now)
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

  /** Posts into `channel`; `pacedAs` is the channel it is paced under (a DM's: the person's id). */
  async function post(teamId: string, channel: string, payload: OutboxMessage['payload'], pace: Pace, pacedAs = channel): Promise<{ channel: string; ts: string | null }> {
    const answer = await slackCall({ teamId, method: 'chat.postMessage', channel: pacedAs }, pace, () =>
      client.chat.postMessage({
        channel, text: payload.text, ...(payload.blocks ? { blocks: payload.blocks as never } : {}), ...(payload.threadTs ? { thread_ts: payload.threadTs } : {}),
      }))
    return { channel: answer.channel ?? channel, ts: answer.ts ?? null }
  }

  /** A public channel the app is not in yet: join it, then post (a private one refuses the join). */
  async function postJoiningIfNeeded(message: OutboxMessage, pace: Pace) {
    try {
      return await post(message.teamId, message.target, message.payload, pace)
    } catch (error) {
      if (classifySlackFailure(error).code !== 'not_in_channel') throw error
      try {
        await slackCall({ teamId: message.teamId, method: 'conversations.join' }, pace, () => client.conversations.join({ channel: message.target }))
      } catch (joinError) {
        const failure = classifySlackFailure(joinError)
        if (failure.kind === 'permanent') throw error // report the original not_in_channel
        throw joinError
      }
      return await post(message.teamId, message.target, message.payload, pace)
    }
  }

  function oneAtATimePerPerson<T>(key: string, work: () => Promise<T>): Promise<T> {
    const queued = (homeQueues.get(key) ?? Promise.resolve()).catch(() => {}).then(work)
    homeQueues.set(key, queued)
    void queued.catch(() => {}).finally(() => { if (homeQueues.get(key) === queued) homeQueues.delete(key) })
    return queued
  }

  /** Publishes the person's Home as it is now; an older refresh with a newer one still to come is dropped. */
  function publishHome(message: OutboxMessage, pace: Pace): Promise<DeliveryOutcome> {
    return oneAtATimePerPerson(`${message.teamId}:${message.target}`, async () => {
      if (await outbox.hasLaterUpdate(message, { pendingOnly: true })) {
        await outbox.markSuperseded(message.id)
        return 'superseded'
      }
      const homeView = options.homeView
      if (!homeView) {
        await outbox.markFailed(message.id, 'no_home_renderer', clock.now())
        return 'failed'
      }
      // Rendered in its slot, so it shows things as they are when it goes out.
      await slackCall({ teamId: message.teamId, method: 'views.publish' }, pace, async () =>
        client.views.publish({ user_id: message.target, view: await homeView(message.teamId, message.target) }))
      await recordSent(message.id, message.target, null, clock.now())
      return 'sent'
    })
  }

  /**
   * Records what Slack accepted. Slack has posted by now, so a failure here must not read as a
   * failed post (it would be retried, and posted twice): a busy or briefly unreachable database
   * gets a few more tries first. Past them the row is retried — the one window the README names.
   */
  async function recordSent(id: number, channel: string, ts: string | null, at: Date): Promise<void> {
    for (const pauseMs of [50, 250, 1_000]) {
      try {
        return await outbox.markSent(id, channel, ts, at)
      } catch (error) {
        logger.warn({ err: error, outboxId: id, retryInMs: pauseMs }, 'outbox_record_sent_retry')
        await sleep(pauseMs)
      }
    }
    await outbox.markSent(id, channel, ts, at)
  }

  async function attempt(original: OutboxMessage, pace: Pace): Promise<DeliveryOutcome> {
    if (original.kind === 'home') return publishHome(original, pace)
    let message = original
    if (original.payload.live) {
      if (!options.renderLive) {
        await outbox.markFailed(original.id, 'no_live_renderer', clock.now())
        return 'failed'
      }
      const renderLive = options.renderLive
      const rendering = await working(() => renderLive(original))
      if ('drop' in rendering) {
        logger.info({ team: original.teamId, outboxId: original.id, key: original.dedupeKey, reason: rendering.drop }, 'outbox_dropped')
        await outbox.markSuperseded(original.id, rendering.drop)
        return 'superseded'
      }
      message = { ...original, payload: { ...original.payload, text: rendering.text, ...(rendering.blocks ? { blocks: rendering.blocks } : {}) } }
    }
    const now = clock.now()
    if (message.kind === 'update') {
      if (await outbox.hasLaterUpdate(message)) {
        await outbox.markSuperseded(message.id)
        return 'superseded'
      }
      const original = message.updatesKey ? await outbox.findByKey(message.teamId, message.updatesKey) : null
      if (!original || original.status === 'pending') {
        // The message to edit is not out yet: wait for it without spending an attempt.
        await outbox.reschedule(message.id, 'waiting_for_original', new Date(now.getTime() + Math.min(pollMs, 1_000)), false)
        wakeAt(now.getTime() + Math.min(pollMs, 1_000))
        return 'waiting'
      }
      if (original.status !== 'sent' || !original.slackChannel || !original.slackTs) {
        await outbox.markFailed(message.id, 'original_not_posted', now)
        return 'failed'
      }
      await slackCall({ teamId: message.teamId, method: 'chat.update' }, pace, () => client.chat.update({
        channel: original.slackChannel!, ts: original.slackTs!, text: message.payload.text,
        ...(message.payload.blocks ? { blocks: message.payload.blocks as never } : {}),
      }))
      await recordSent(message.id, original.slackChannel, original.slackTs, clock.now())
      return 'sent'
    }
    if (message.kind === 'dm') {
      // Only the post must wait for the person's DM slot: look before opening the conversation.
      if (!pace.interactive) {
        const at = pacer.freeAt({ teamId: message.teamId, method: 'chat.postMessage', channel: message.target })
        if (at - clock.now().getTime() > holdMs) throw new PutBack(at)
      }
      const opened = await slackCall({ teamId: message.teamId, method: 'conversations.open' }, pace, () => client.conversations.open({ users: message.target }))
      const channel = opened.channel?.id
      if (!channel) throw Object.assign(new Error('conversations.open returned no channel'), { code: 'no_dm_channel' })
      // A person's DM is paced under their user id: one channel per person.
      const sent = await post(message.teamId, channel, message.payload, pace, message.target)
      await recordSent(message.id, sent.channel, sent.ts, clock.now())
      return 'sent'
    }
    if (message.payload.threadOfKey) {
      // A reply goes into the thread of the post it belongs to, once that is out.
      const parent = await outbox.findByKey(message.teamId, message.payload.threadOfKey)
      // Replies keep their order even when another instance holds the one before.
      const before = message.payload.afterKey ? await outbox.findByKey(message.teamId, message.payload.afterKey) : null
      if (!parent || parent.status === 'pending' || before?.status === 'pending') {
        await outbox.reschedule(message.id, 'waiting_for_original', new Date(now.getTime() + Math.min(pollMs, 1_000)), false)
        wakeAt(now.getTime() + Math.min(pollMs, 1_000))
        return 'waiting'
      }
      if (parent.status !== 'sent' || !parent.slackTs) {
        await outbox.markFailed(message.id, 'original_not_posted', now)
        return 'failed'
      }
      message = { ...message, payload: { ...message.payload, threadTs: parent.slackTs } }
    }
    if (message.payload.upload) {
      const upload = options.upload
      if (!upload) {
        await outbox.markFailed(message.id, 'no_uploader', now)
        return 'failed'
      }
      const uploaded = await slackCall({ teamId: message.teamId, method: 'files.completeUploadExternal' }, pace, () => upload(message, message.payload.threadTs ?? null))
      if (uploaded) {
        logger.info({ team: message.teamId, outboxId: message.id, key: message.dedupeKey, reason: uploaded.drop }, 'outbox_dropped')
        await outbox.markSuperseded(message.id, uploaded.drop)
        return 'superseded'
      }
      await recordSent(message.id, message.target, null, clock.now())
      return 'sent'
    }
    const sent = await postJoiningIfNeeded(message, pace)
    await recordSent(message.id, sent.channel, sent.ts, clock.now())
    return 'sent'
  }

  function failureNotice(message: OutboxMessage, code: string): OutboxDraft | undefined {
    const notify = message.payload.notifyOnFailure
    if (!notify) return undefined
    const m = messagesFor(localeFromSlack(notify.locale))
    return {
      teamId: message.teamId,
      dedupeKey: `delivery-failed:${message.id}`,
      kind: 'dm',
      target: notify.userId,
      ...(message.campaignId !== undefined ? { campaignId: message.campaignId } : {}),
      payload: { text: m.dm.deliveryFailed(escapeMrkdwn(notify.campaignName), mentionChannel(message.target), m.deliveryReason(code)) },
    }
  }

  /**
   * A live post that failed for good: a channel that will not take it is told to the campaign's
   * owner once per campaign and reason; a person who left is marked gone (the planner then stops
   * messaging them) and the owner is told once — with the planner's own key and kind, so it is
   * once overall.
   */
  async function liveTroubleNotice(message: OutboxMessage, code: string, now: Date): Promise<OutboxDraft | undefined> {
    const trouble = options.liveTrouble
    const item = message.payload.live
    if (!trouble || !item) return undefined
    const { teamId } = message
    if (message.kind === 'dm' && goneCodes.has(code)) {
      const userId = message.target
      await trouble.markGone(teamId, userId, now)
      logger.info({ team: teamId, user: userId, reason: code }, 'person_marked_gone')
      const ownerId = await trouble.ownerOf(teamId, item.campaignId)
      if (!ownerId || ownerId === userId) return undefined
      const key = `gone:${item.campaignId}:${userId}`
      return {
        teamId, dedupeKey: key, kind: 'dm', target: ownerId, campaignId: item.campaignId,
        payload: { text: '', live: { key, kind: 'gone_notice', teamId, campaignId: item.campaignId, day: item.day, userId: ownerId, goneUserId: userId } },
      }
    }
    if (message.kind === 'post' && channelTroubleCodes.has(code)) {
      const key = `channel-trouble:${item.campaignId}:${code}`
      if (await outbox.findByKey(teamId, key)) return undefined
      const ownerId = await trouble.ownerOf(teamId, item.campaignId)
      if (!ownerId) return undefined
      const words = await trouble.channelNotice({ teamId, campaignId: item.campaignId, ownerId, channelId: message.target, code })
      return { teamId, dedupeKey: key, kind: 'dm', target: ownerId, campaignId: item.campaignId, payload: { text: words.text, ...(words.blocks ? { blocks: words.blocks } : {}) } }
    }
    return undefined
  }

  /** Gives up on the row, with its notice unless that notice (once per key) was written already. */
  async function failForGood(message: OutboxMessage, code: string, now: Date, permanent: boolean): Promise<void> {
    let notice = failureNotice(message, code) ?? (permanent ? await liveTroubleNotice(message, code, now) : undefined)
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
    const log = logger.child({ team: message.teamId, outboxId: message.id, key: message.dedupeKey, kind: message.kind })
    try {
      const outcome = await attempt(message, pace)
      if (outcome === 'sent') log.info({ attempts: message.attempts + 1 }, 'outbox_delivered')
      return outcome
    } catch (error) {
      if (error instanceof PutBack) return putBackFor(message, error.at)
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
      const delay = limited ? failure.retryAfterMs : retryDelayMs(attempts, retry, random())
      log.warn({ error: failure.code, detail: (error as Error).message, attempts, retryInMs: delay }, 'outbox_retry')
      await outbox.reschedule(message.id, failure.code, new Date(now.getTime() + delay), !limited)
      wakeAt(now.getTime() + delay)
      if (limited) laneOf(message).backlogUntil = Math.max(laneOf(message).backlogUntil, now.getTime() + delay)
      return 'retrying'
    }
  }

  const laneKeyOf = (message: OutboxMessage) => `${message.teamId}:${message.kind === 'home' ? 'home:' : ''}${message.target}`

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
    wakeAt(Math.ceil(at))
    return 'paced'
  }

  /**
   * The live stage's rows wait for their slots. Any other row may be one a person is waiting for
   * (a proposal card the sweep picked up before the listener's deliverNow): it goes at once, counted
   * so that the live rows make room for it, and held back only by a 429.
   */
  const paceOf = (message: OutboxMessage): Pace => (message.payload.live ? scheduled : interactive)

  /** The post a row makes, for an estimate of its slot; none for rows not paced per channel. */
  const postCallOf = (message: OutboxMessage): PacedCall | undefined =>
    paceOf(message) === scheduled && (message.kind === 'post' || message.kind === 'dm')
      ? { teamId: message.teamId, method: 'chat.postMessage', channel: message.target }
      : undefined

  /** Queues a claimed row in its lane; resolves with its outcome (never rejects). */
  function toLane(message: OutboxMessage, claimedUntil: number): Promise<DeliveryOutcome> {
    held.set(message.id, claimedUntil)
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
          if (!lane.running) void track(runLane(lane))
        })
    return track(outcome.catch((error: unknown) => {
      // The row stays claimed and pending: it is taken again once its lease runs out.
      logger.error({ err: error, outboxId: message.id }, 'outbox_delivery_failed')
      return 'retrying' as const
    }).finally(() => held.delete(message.id)))
  }

  async function runLane(lane: Lane): Promise<void> {
    lane.running = true
    try {
      while (lane.queue.length > 0) {
        const { message, done } = lane.queue.shift()!
        if (stopping) {
          done(await putBackFor(message, clock.now().getTime()).catch(() => 'retrying' as const))
          continue
        }
        const backlogBefore = lane.backlogUntil
        const outcome = await deliverOne(message, paceOf(message)).catch((error: unknown) => {
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

  /** Forgets lanes with nothing in them and pacing that limits nothing any more. */
  function forgetIdle(): void {
    pacer.forgetPast()
    const now = clock.now().getTime()
    for (const [key, lane] of lanes) if (!lane.running && lane.queue.length === 0 && lane.backlogUntil <= now) lanes.delete(key)
  }

  /** Delivers these rows now, in order, for a person waiting (deliverNow). */
  async function deliverClaimed(ids: number[]): Promise<Map<number, DeliveryOutcome>> {
    const outcomes = new Map<number, DeliveryOutcome>()
    await renewAgingClaims()
    const claimedAt = clock.now()
    const claimed = await outbox.claimDue(instanceId, claimedAt, leaseMs, ids.length, ids)
    // In order: a card must be out before its edits and DMs that point at it.
    for (const message of claimed) {
      held.set(message.id, claimedAt.getTime() + leaseMs)
      try {
        outcomes.set(message.id, await deliverOne(message, interactive))
      } finally {
        held.delete(message.id)
      }
    }
    for (const id of ids) if (!outcomes.has(id)) outcomes.set(id, 'not_claimed')
    return outcomes
  }

  /**
   * Before claiming, extends the claims on held rows that are past half their lease (a clock that
   * jumped, a process that stalled). A held row whose lease had run out would be claimed again —
   * by another instance, or by this one while its delivery finishes — and posted twice.
   */
  async function renewAgingClaims(): Promise<void> {
    const now = clock.now()
    const aging = [...held].filter(([, until]) => until - now.getTime() < leaseMs / 2).map(([id]) => id)
    if (aging.length === 0) return
    await outbox.renewClaims(instanceId, aging, now, leaseMs)
    for (const id of aging) if (held.has(id)) held.set(id, now.getTime() + leaseMs)
  }

  /** Claims everything due into the lanes; returns the outcomes to come. */
  async function claimIntoLanes(): Promise<Array<Promise<DeliveryOutcome>>> {
    forgetIdle()
    const outcomes: Array<Promise<DeliveryOutcome>> = []
    await renewAgingClaims()
    for (;;) {
      const claimedAt = clock.now()
      const claimed = await outbox.claimDue(instanceId, claimedAt, leaseMs, batchSize)
      for (const message of claimed) if (!held.has(message.id)) outcomes.push(toLane(message, claimedAt.getTime() + leaseMs))
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

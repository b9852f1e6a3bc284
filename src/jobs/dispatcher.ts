// Delivers the outbox to Slack: at once when a listener nudges it, otherwise whenever a row falls
// due. The one path by which the app posts on its own behalf.
//
// Guarantees: a row is claimed by one dispatcher at a time (see OutboxStore.claimDue), Slack's
// channel and ts are recorded on success, transient failures come back with backoff, a 429 waits
// for Retry-After, and a post that can never go out tells the person who caused it why.
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

export type DeliveryOutcome = 'sent' | 'retrying' | 'failed' | 'waiting' | 'superseded' | 'not_claimed'

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

export function createDispatcher(options: DispatcherOptions) {
  const { client, outbox, clock, logger } = options
  const retry = options.retry ?? defaultRetryPolicy
  const pollMs = options.pollMs ?? 5_000
  const leaseMs = options.leaseMs ?? 60_000
  const batchSize = options.batchSize ?? 20
  const random = options.random ?? Math.random
  const instanceId = randomUUID()
  // Home refreshes of one person go out one after another in this process: a refresh rendered
  // earlier can then never be published after one rendered later.
  const homeQueues = new Map<string, Promise<unknown>>()

  let timer: NodeJS.Timeout | null = null
  let stopping = false
  const inFlight = new Set<Promise<unknown>>()

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work)
    void work.finally(() => inFlight.delete(work)).catch(() => {})
    return work
  }

  async function post(channel: string, payload: OutboxMessage['payload']): Promise<{ channel: string; ts: string | null }> {
    const answer = await client.chat.postMessage({
      channel, text: payload.text, ...(payload.blocks ? { blocks: payload.blocks as never } : {}), ...(payload.threadTs ? { thread_ts: payload.threadTs } : {}),
    })
    return { channel: answer.channel ?? channel, ts: answer.ts ?? null }
  }

  /** A public channel the app is not in yet: join it, then post (a private one refuses the join). */
  async function postJoiningIfNeeded(message: OutboxMessage) {
    try {
      return await post(message.target, message.payload)
    } catch (error) {
      if (classifySlackFailure(error).code !== 'not_in_channel') throw error
      try {
        await client.conversations.join({ channel: message.target })
      } catch (joinError) {
        const failure = classifySlackFailure(joinError)
        if (failure.kind === 'permanent') throw error // report the original not_in_channel
        throw joinError
      }
      return await post(message.target, message.payload)
    }
  }

  function oneAtATimePerPerson<T>(key: string, work: () => Promise<T>): Promise<T> {
    const queued = (homeQueues.get(key) ?? Promise.resolve()).catch(() => {}).then(work)
    homeQueues.set(key, queued)
    void queued.catch(() => {}).finally(() => { if (homeQueues.get(key) === queued) homeQueues.delete(key) })
    return queued
  }

  /** Publishes the person's Home as it is now; an older refresh with a newer one still to come is dropped. */
  function publishHome(message: OutboxMessage): Promise<DeliveryOutcome> {
    return oneAtATimePerPerson(`${message.teamId}:${message.target}`, async () => {
      if (await outbox.hasLaterUpdate(message, { pendingOnly: true })) {
        await outbox.markSuperseded(message.id)
        return 'superseded'
      }
      if (!options.homeView) {
        await outbox.markFailed(message.id, 'no_home_renderer', clock.now())
        return 'failed'
      }
      const view = await options.homeView(message.teamId, message.target)
      await client.views.publish({ user_id: message.target, view })
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
        await new Promise((resolve) => setTimeout(resolve, pauseMs))
      }
    }
    await outbox.markSent(id, channel, ts, at)
  }

  async function attempt(original: OutboxMessage): Promise<DeliveryOutcome> {
    if (original.kind === 'home') return publishHome(original)
    let message = original
    if (original.payload.live) {
      if (!options.renderLive) {
        await outbox.markFailed(original.id, 'no_live_renderer', clock.now())
        return 'failed'
      }
      const rendering = await options.renderLive(original)
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
        return 'waiting'
      }
      if (original.status !== 'sent' || !original.slackChannel || !original.slackTs) {
        await outbox.markFailed(message.id, 'original_not_posted', now)
        return 'failed'
      }
      await client.chat.update({
        channel: original.slackChannel, ts: original.slackTs, text: message.payload.text,
        ...(message.payload.blocks ? { blocks: message.payload.blocks as never } : {}),
      })
      await recordSent(message.id, original.slackChannel, original.slackTs, clock.now())
      return 'sent'
    }
    if (message.kind === 'dm') {
      const opened = await client.conversations.open({ users: message.target })
      const channel = opened.channel?.id
      if (!channel) throw Object.assign(new Error('conversations.open returned no channel'), { code: 'no_dm_channel' })
      const sent = await post(channel, message.payload)
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
      const uploaded = await upload(message, message.payload.threadTs ?? null)
      if (uploaded) {
        logger.info({ team: message.teamId, outboxId: message.id, key: message.dedupeKey, reason: uploaded.drop }, 'outbox_dropped')
        await outbox.markSuperseded(message.id, uploaded.drop)
        return 'superseded'
      }
      await recordSent(message.id, message.target, null, clock.now())
      return 'sent'
    }
    const sent = await postJoiningIfNeeded(message)
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

  async function deliverOne(message: OutboxMessage): Promise<DeliveryOutcome> {
    const log = logger.child({ team: message.teamId, outboxId: message.id, key: message.dedupeKey, kind: message.kind })
    try {
      const outcome = await attempt(message)
      if (outcome === 'sent') log.info({ attempts: message.attempts + 1 }, 'outbox_delivered')
      return outcome
    } catch (error) {
      const failure = classifySlackFailure(error)
      const now = clock.now()
      const attempts = message.attempts + 1
      if (failure.kind === 'permanent' || shouldGiveUp(attempts, retry)) {
        log.warn({ error: failure.code, attempts }, 'outbox_failed')
        await outbox.markFailed(message.id, failure.code, now, failureNotice(message, failure.code))
        return 'failed'
      }
      const delay = failure.kind === 'rate_limited' ? failure.retryAfterMs : retryDelayMs(attempts, retry, random())
      log.warn({ error: failure.code, attempts, retryInMs: delay }, 'outbox_retry')
      await outbox.reschedule(message.id, failure.code, new Date(now.getTime() + delay))
      return 'retrying'
    }
  }

  async function deliverClaimed(ids?: number[]): Promise<Map<number, DeliveryOutcome>> {
    const outcomes = new Map<number, DeliveryOutcome>()
    const claimed = await outbox.claimDue(instanceId, clock.now(), leaseMs, ids?.length ?? batchSize, ids)
    // In order: a card must be out before its edits and DMs that point at it.
    for (const message of claimed) outcomes.set(message.id, await deliverOne(message))
    for (const id of ids ?? []) if (!outcomes.has(id)) outcomes.set(id, 'not_claimed')
    return outcomes
  }

  async function sweep(): Promise<void> {
    try {
      for (;;) {
        const outcomes = await deliverClaimed()
        if (outcomes.size < batchSize || stopping) break
      }
    } catch (error) {
      logger.error({ err: error }, 'outbox_sweep_failed')
    }
  }

  async function scheduleNext(): Promise<void> {
    if (stopping) return
    let wait = pollMs
    try {
      const now = clock.now()
      const due = await outbox.nextDueAt(now)
      if (due) wait = Math.min(pollMs, Math.max(0, due.getTime() - now.getTime()))
    } catch (error) {
      logger.error({ err: error }, 'outbox_schedule_failed')
    }
    timer = setTimeout(() => {
      timer = null
      void track(sweep()).then(scheduleNext)
    }, wait)
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
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      return false
    },
    /** One pass over everything due (used by tests and at start). */
    sweep: () => track(sweep()),
    start(): void {
      stopping = false
      void track(sweep()).then(scheduleNext)
    },
    /** Stops sweeping and waits for the deliveries under way. */
    async stop(): Promise<void> {
      stopping = true
      if (timer) clearTimeout(timer)
      timer = null
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>

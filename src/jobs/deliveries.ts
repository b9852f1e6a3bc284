// How each kind of outbox row goes out: a post (joining a public channel first if need be), a DM,
// an edit once its original is out, a reply in its thread, an upload, an App Home publish, and a
// live-stage post rendered as things stand at delivery. Recording what Slack accepted is here too.
import type { HomeView } from '@slack/types'
import type { WebClient } from '@slack/web-api'
import type { Logger } from 'pino'
import type { Clock } from '../clock.ts'
import type { OutboxMessage, OutboxStore } from '../store/outbox.ts'
import type { DeliveryOutcome } from './lanes.ts'
import type { Pacer } from './pacing.ts'
import { PutBack, sleep, type Pace, type SlackCalls } from './slackCalls.ts'

/** A live-stage post as rendered at delivery, or the reason it is dropped instead. */
export type LiveRendering = { text: string; blocks?: unknown[] } | { drop: string }

export type Renderers = {
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
   * thread when given, with its workspace's client, or says why it is no longer to be sent. Without it, such rows fail.
   */
  upload?: (message: OutboxMessage, threadTs: string | null, client: WebClient) => Promise<void | { drop: string }>
  /**
   * Creates a campaign's own channel or invites one person into it (payload.campaignChannel) with
   * its workspace's client: the channel it concerns, or why it is not to be done (told to the
   * owner there). Without it, such rows fail.
   */
  campaignChannel?: (message: OutboxMessage, client: WebClient) => Promise<{ channel: string } | { drop: string }>
}

export function createRowDelivery(options: Renderers & {
  outbox: OutboxStore; clock: Clock; logger: Logger; pacer: Pacer; calls: SlackCalls
  /** How long a row waiting for its original waits before it looks again (at most). */
  pollMs: number
  /** How far ahead a DM may wait in memory for its person's slot. */
  holdMs: number
  /** A row was put back until this instant: the background loop should wake by then. */
  wakeAt: (at: number) => void
}) {
  const { outbox, clock, logger, pacer, pollMs, holdMs, wakeAt } = options
  const { working, slackCall, post, postJoiningIfNeeded } = options.calls
  // Home refreshes of one person go out one after another in this process: a refresh rendered
  // earlier can then never be published after one rendered later.
  const homeQueues = new Map<string, Promise<unknown>>()

  function oneAtATimePerPerson<T>(key: string, work: () => Promise<T>): Promise<T> {
    const queued = (homeQueues.get(key) ?? Promise.resolve()).catch(() => {}).then(work)
    homeQueues.set(key, queued)
    void queued.catch(() => {}).finally(() => { if (homeQueues.get(key) === queued) homeQueues.delete(key) })
    return queued
  }

  /** Publishes the person's Home as it is now; an older refresh with a newer one still to come is dropped. */
  function publishHome(client: WebClient, message: OutboxMessage, pace: Pace): Promise<DeliveryOutcome> {
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
   * gets a few more tries first. Past them the row is retried — the one window docs/delivery.md names.
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

  /** Delivers the row with its workspace's client. */
  async function attempt(original: OutboxMessage, pace: Pace, client: WebClient): Promise<DeliveryOutcome> {
    if (original.kind === 'home') return publishHome(client, original, pace)
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
      const sent = await post(client, message.teamId, channel, message.payload, pace, message.target)
      await recordSent(message.id, sent.channel, sent.ts, clock.now())
      return 'sent'
    }
    if (message.payload.inChannelOfKey) {
      // Into the campaign's own channel once it exists; where the campaign was if it never will.
      const creation = await outbox.findByKey(message.teamId, message.payload.inChannelOfKey)
      if (creation?.status === 'pending') {
        await outbox.reschedule(message.id, 'waiting_for_channel', new Date(now.getTime() + Math.min(pollMs, 1_000)), false)
        wakeAt(now.getTime() + Math.min(pollMs, 1_000))
        return 'waiting'
      }
      if (creation?.status === 'sent' && creation.slackChannel) message = { ...message, target: creation.slackChannel }
    }
    const channelStep = message.payload.campaignChannel
    if (channelStep) {
      const campaignChannel = options.campaignChannel
      if (!campaignChannel) {
        await outbox.markFailed(message.id, 'no_campaign_channel_handler', now)
        return 'failed'
      }
      const method = channelStep.step === 'create' ? 'conversations.create' : 'conversations.invite'
      const done = await slackCall({ teamId: message.teamId, method }, pace, () => campaignChannel(message, client))
      if ('drop' in done) {
        logger.info({ team: message.teamId, outboxId: message.id, key: message.dedupeKey, reason: done.drop }, 'outbox_dropped')
        await outbox.markSuperseded(message.id, done.drop)
        return 'superseded'
      }
      await recordSent(message.id, done.channel, null, clock.now())
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
      const uploaded = await slackCall({ teamId: message.teamId, method: 'files.completeUploadExternal' }, pace, () => upload(message, message.payload.threadTs ?? null, client))
      if (uploaded) {
        logger.info({ team: message.teamId, outboxId: message.id, key: message.dedupeKey, reason: uploaded.drop }, 'outbox_dropped')
        await outbox.markSuperseded(message.id, uploaded.drop)
        return 'superseded'
      }
      await recordSent(message.id, message.target, null, clock.now())
      return 'sent'
    }
    const sent = await postJoiningIfNeeded(client, message, pace)
    await recordSent(message.id, sent.channel, sent.ts, clock.now())
    return 'sent'
  }

  return { attempt }
}

// Who is told when a row fails for good, and with which words: the person a row names (a proposal
// card that could not be posted), or, for a live-stage post, the campaign's owner once per campaign
// and reason. The words are composed in the Slack layer and handed in; this decides when and whom.
import type { Logger } from 'pino'
import type { OutboxDraft, OutboxMessage, OutboxStore } from '../store/outbox.ts'
import { channelTroubleCodes, goneCodes } from './slackFailure.ts'

/** Who is told when a row fails for good, as the row carries it (payload.notifyOnFailure). */
export type FailureNotify = NonNullable<OutboxMessage['payload']['notifyOnFailure']>

/** The DM to the person a row names in payload.notifyOnFailure (src/slack/proposal/notifications.ts). */
export type FailureNotice = (notify: FailureNotify, channelId: string, code: string) => { text: string; blocks?: unknown[] }

/**
 * The words and facts needed when a live post cannot go out for good
 * (src/slack/live/deliveryTrouble.ts); the notices below decide when to tell whom, this says what.
 */
export type LiveTrouble = {
  /** The campaign's owner, if they can be told (null: the campaign is gone, or its owner left). */
  ownerOf(teamId: string, campaignId: number): Promise<string | null>
  /** The owner's DM: their campaign's posts cannot go into its channel, and why (Slack's code). */
  channelNotice(input: { teamId: string; campaignId: number; ownerId: string; channelId: string; code: string }): Promise<{ text: string; blocks?: unknown[] }>
  /** Slack refused a DM to this person for good: they left, so nothing more is planned for them. */
  markGone(teamId: string, userId: string, at: Date): Promise<void>
}

export function createFailureNotices(options: { outbox: OutboxStore; logger: Logger; failureNotice?: FailureNotice; liveTrouble?: LiveTrouble }) {
  const { outbox, logger } = options

  function namedPersonNotice(message: OutboxMessage, code: string): OutboxDraft | undefined {
    const notify = message.payload.notifyOnFailure
    if (!notify || !options.failureNotice) return undefined
    return {
      teamId: message.teamId,
      dedupeKey: `delivery-failed:${message.id}`,
      kind: 'dm',
      target: notify.userId,
      ...(message.campaignId !== undefined ? { campaignId: message.campaignId } : {}),
      payload: options.failureNotice(notify, message.target, code),
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

  return {
    /** The notice a row's failure for good calls for, if any (`permanent`: no retry would cure it). */
    async noticeFor(message: OutboxMessage, code: string, now: Date, permanent: boolean): Promise<OutboxDraft | undefined> {
      return namedPersonNotice(message, code) ?? (permanent ? await liveTroubleNotice(message, code, now) : undefined)
    },
  }
}

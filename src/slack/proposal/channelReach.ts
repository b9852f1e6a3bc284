// Whether the app can post in a proposal's channel, asked of Slack (conversations.info) and
// remembered for a while once the answer is yes, as the people directory remembers a person. The
// ask was a second Slack round trip on every submission, before anything was stored: on the
// bench's loopback Slack it was the largest part of a submission's wait and of its slowest 1 %
// (through slack.com, a round trip is 50–200 ms more). A channel archived, or a private channel
// the app was removed from, within that while is found when the card is posted: the post fails,
// the person is told (the modal says the proposal is saved but not posted; cardFailedNotice), and
// the channel is asked about again on the next submission. A no is never remembered: the person
// is told to invite the app, and their next try must ask again.
import type { WebClient } from '@slack/web-api'
import { LRUCache } from 'lru-cache'

/** As long as the people directory keeps a person. */
const rememberedMs = 10 * 60_000

export type ChannelReach = {
  /** True when the app cannot post there: a private channel it is not in (Slack hides it: channel_not_found), or an archived one. */
  unreachable(client: WebClient, teamId: string, channelId: string): Promise<boolean>
  /** A post there failed: ask Slack again next time. */
  forget(teamId: string, channelId: string): void
  /** Slack said the app is in it and it is not archived (users.conversations at start, slack/prefetch.ts). */
  remember(teamId: string, channelId: string): void
}

export function createChannelReach(options: { ttlMs?: number; max?: number } = {}): ChannelReach {
  const reachable = new LRUCache<string, true>({ max: options.max ?? 5_000, ttl: options.ttlMs ?? rememberedMs })
  return {
    async unreachable(client, teamId, channelId) {
      const key = `${teamId}:${channelId}`
      if (reachable.get(key)) return false
      try {
        const info = await client.conversations.info({ channel: channelId })
        const unreachable = Boolean(info.channel?.is_archived) || Boolean(info.channel?.is_private && !info.channel?.is_member)
        if (!unreachable) reachable.set(key, true)
        return unreachable
      } catch (error) {
        // Slack not answering is not a no (the dispatcher reports an unreachable channel later), nor a yes to remember.
        return (error as { data?: { error?: string } }).data?.error === 'channel_not_found'
      }
    },
    forget(teamId, channelId) {
      reachable.delete(`${teamId}:${channelId}`)
    },
    remember(teamId, channelId) {
      reachable.set(`${teamId}:${channelId}`, true)
    },
  }
}

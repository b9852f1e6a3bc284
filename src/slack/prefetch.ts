// After the ready line, in the background (single workspace, where the bot token is known at start):
// the workspace's people (users.list) and the channels the app is in (users.conversations) are
// remembered as a first request's look-ups would have remembered them, so the first `/campaign new`
// makes no users.info call and the first submission neither that nor conversations.info (issue 15:
// those look-ups were most of what made the first request slower than the hundredth).
//
// Both methods are Tier 2 (≥ 20 a minute): one call per page, a few pages at most (a large
// workspace's others are looked up as before, on first use), and the first error of any kind — a
// 429 included — stops it: nothing is retried, nothing is forgotten, one warning is logged.
import type { WebClient } from '@slack/web-api'
import type { Logger } from '../logger.ts'
import type { PeopleDirectory, SlackUser } from './people.ts'
import type { ChannelReach } from './proposal/channelReach.ts'

/** Slack's advice for users.list and users.conversations: at most 200 a page. */
const pageSize = 200
const defaultMaxPages = 5

export async function prefetchWorkspace(options: {
  /** A client that does not retry (retries: 0, rejectRateLimitedCalls): a refusal stops the prefetch. */
  client: WebClient
  teamId: string
  people: PeopleDirectory
  channelReach: ChannelReach
  logger: Logger
  maxPages?: number
}): Promise<void> {
  const { client, teamId, people, channelReach, logger } = options
  const maxPages = options.maxPages ?? defaultMaxPages
  const startedAt = performance.now()
  let peopleKnown = 0
  let channelsKnown = 0
  let method = 'users.list'
  try {
    let cursor: string | undefined
    for (let page = 0; page < maxPages; page++) {
      const answer = await client.users.list({ limit: pageSize, include_locale: true, ...(cursor ? { cursor } : {}) })
      peopleKnown += people.rememberFromSlack(teamId, (answer.members ?? []) as SlackUser[])
      cursor = answer.response_metadata?.next_cursor || undefined
      if (!cursor) break
    }
    method = 'users.conversations'
    cursor = undefined
    for (let page = 0; page < maxPages; page++) {
      const answer = await client.users.conversations({
        types: 'public_channel,private_channel', exclude_archived: true, limit: pageSize, ...(cursor ? { cursor } : {}),
      })
      for (const channel of answer.channels ?? []) {
        // Listed means the app is in it; archived ones are excluded, and checked again anyway.
        if (channel.id && !channel.is_archived) {
          channelReach.remember(teamId, channel.id)
          channelsKnown++
        }
      }
      cursor = answer.response_metadata?.next_cursor || undefined
      if (!cursor) break
    }
    logger.info({ people: peopleKnown, channels: channelsKnown, ms: Math.round(performance.now() - startedAt) }, 'prefetched')
  } catch (error) {
    // What was remembered stays; the rest is looked up on first use, as without a prefetch.
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message
    logger.warn({ method, error: code, people: peopleKnown, channels: channelsKnown }, 'prefetch_failed')
  }
}

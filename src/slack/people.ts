// What the app needs to know about a person, from Slack's users.info (with include_locale),
// cached: the name Slack shows, a locale, a time zone, and whether they are an admin, a bot or deactivated.
import type { WebClient } from '@slack/web-api'
import { LRUCache } from 'lru-cache'
import { oneClientForAll, type WorkspaceClients } from '../jobs/workspaceClients.ts'
import { localeFromSlack, type Locale } from '../i18n/catalogue.ts'

export type Person = {
  userId: string
  /** The name Slack shows for them (display name, else real name, else handle); for pictures, where a mention cannot be drawn. */
  displayName: string
  locale: Locale
  /** Slack's own locale ('en-GB', 'zh-TW'), when Slack told it: its region picks the marketing calendar's country. */
  slackLocale: string | null
  timeZone: string | null
  isWorkspaceAdmin: boolean
  isBot: boolean
  deactivated: boolean
}

/** Slack said there is no such user, as opposed to Slack not answering. */
export type Lookup = { found: true; person: Person } | { found: false; reason: 'unknown_user' | 'slack_unavailable' }

const unknownPerson = (userId: string): Person => ({
  userId, displayName: userId, locale: 'en', slackLocale: null, timeZone: null, isWorkspaceAdmin: false, isBot: false, deactivated: false,
})

/** The fields of a user that users.info and users.list (both with include_locale) give alike. */
export type SlackUser = {
  id?: string; name?: string; real_name?: string; tz?: string; locale?: string
  is_admin?: boolean; is_owner?: boolean; is_bot?: boolean; deleted?: boolean
  profile?: { display_name?: string; real_name?: string }
}

function personFromSlack(userId: string, user: SlackUser): Person {
  return {
    userId,
    displayName: user.profile?.display_name || user.real_name || user.profile?.real_name || user.name || userId,
    locale: localeFromSlack(user.locale),
    slackLocale: user.locale ?? null,
    timeZone: user.tz ?? null,
    isWorkspaceAdmin: Boolean(user.is_admin || user.is_owner),
    isBot: Boolean(user.is_bot) || userId === 'USLACKBOT',
    deactivated: Boolean(user.deleted),
  }
}

/** `clients`: each workspace's own (many workspaces), or one client for all. */
export function createPeopleDirectory(clients: WorkspaceClients | WebClient, options: { ttlMs?: number; max?: number; waitMs?: number } = {}) {
  const clientFor = 'forTeam' in clients ? clients : oneClientForAll(clients)
  const cache = new LRUCache<string, Person>({ max: options.max ?? 5000, ttl: options.ttlMs ?? 10 * 60_000 })
  // Slack gives a listener 3 s; a slow users.info must not eat them all. Past this wait the
  // listener goes on without the answer (the call still completes and fills the cache).
  const waitMs = options.waitMs ?? 1_200

  async function lookUp(teamId: string, userId: string): Promise<Lookup> {
    const cached = cache.get(`${teamId}:${userId}`)
    if (cached) return { found: true, person: cached }
    let timer: NodeJS.Timeout | undefined
    const gaveUp = new Promise<Lookup>((resolve) => {
      timer = setTimeout(() => resolve({ found: false, reason: 'slack_unavailable' }), waitMs)
    })
    try {
      return await Promise.race([fetchPerson(teamId, userId), gaveUp])
    } finally {
      clearTimeout(timer)
    }
  }

  async function fetchPerson(teamId: string, userId: string): Promise<Lookup> {
    const key = `${teamId}:${userId}`
    try {
      const client = await clientFor.forTeam(teamId)
      // A workspace without the app: nobody to ask (and never with another workspace's token).
      if (!client) return { found: false, reason: 'slack_unavailable' }
      const answer = await client.users.info({ user: userId, include_locale: true })
      const user = answer.user
      if (!user) return { found: false, reason: 'unknown_user' }
      const person = personFromSlack(userId, user)
      cache.set(key, person)
      return { found: true, person }
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error
      if (code === 'user_not_found' || code === 'user_not_visible') return { found: false, reason: 'unknown_user' }
      return { found: false, reason: 'slack_unavailable' }
    }
  }

  return {
    lookUp,
    /** Someone the app knows without asking Slack (the start-up's warm-up person, slack/warmUp.ts). */
    remember(teamId: string, person: Person): void {
      cache.set(`${teamId}:${person.userId}`, person)
    },
    /** People Slack listed (users.list, with include_locale): remembered as users.info would have told them (slack/prefetch.ts). */
    rememberFromSlack(teamId: string, users: readonly SlackUser[]): number {
      let remembered = 0
      for (const user of users) {
        if (!user.id) continue
        cache.set(`${teamId}:${user.id}`, personFromSlack(user.id, user))
        remembered++
      }
      return remembered
    },
    forget(teamId: string, userId: string): void {
      cache.delete(`${teamId}:${userId}`)
    },
    /** The person, or a stand-in that reads English in UTC when Slack cannot tell us. */
    async person(teamId: string, userId: string): Promise<Person> {
      const found = await lookUp(teamId, userId)
      return found.found ? found.person : unknownPerson(userId)
    },
  }
}

export type PeopleDirectory = ReturnType<typeof createPeopleDirectory>

/** Why this person cannot own, approve or be given work: unknown to Slack, an app, or someone who left. */
export function assignmentProblem(lookup: Lookup): 'user_unknown' | 'user_is_bot' | 'user_deactivated' | null {
  // Slack not answering is no reason to refuse: the person is checked again when the post goes out.
  if (!lookup.found) return lookup.reason === 'unknown_user' ? 'user_unknown' : null
  if (lookup.person.isBot) return 'user_is_bot'
  if (lookup.person.deactivated) return 'user_deactivated'
  return null
}

// Which Web API client speaks for a workspace. With one workspace (SLACK_BOT_TOKEN) it is always the
// same; with many (OAuth install) each workspace's own token is looked up by its team id, so a post,
// an upload or a look-up for one workspace never goes out with another's token.
import { WebClient, type WebClientOptions } from '@slack/web-api'
import { LRUCache } from 'lru-cache'

export type WorkspaceClients = {
  /** The client for this workspace, or null when it has no installation (it left, or never installed the app). */
  forTeam(teamId: string): Promise<WebClient | null>
}

/** One client for every workspace: single-workspace mode, and tests that drive the dispatcher alone. */
export function oneClientForAll(client: WebClient): WorkspaceClients {
  return { forTeam: async () => client }
}

/**
 * A client per token, made on first use with these options: `tokenFor` says which token a workspace
 * has now (it caches and refreshes; null = none), so a reinstall or a rotated token is used at once.
 */
export function clientsByToken(tokenFor: (teamId: string) => Promise<string | null>, options: WebClientOptions): WorkspaceClients {
  const clients = new LRUCache<string, WebClient>({ max: 2_000 })
  return {
    async forTeam(teamId) {
      const token = await tokenFor(teamId)
      if (token === null) return null
      let client = clients.get(token)
      if (!client) {
        client = new WebClient(token, options)
        clients.set(token, client)
      }
      return client
    },
  }
}

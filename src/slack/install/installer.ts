// Installing the app in many workspaces, with Bolt's own OAuth support: @slack/oauth's
// InstallProvider, built exactly as Bolt's HTTPReceiver builds it from the App's OAuth options
// (clientId, clientSecret, stateSecret, scopes, installationStore, installerOptions.stateStore), and
// handed to Bolt's App through our receiver's `installer` (App.initAuthorizeIfNoTokenIsGiven takes
// `receiver.installer.authorize`): Bolt's App options reach only Bolt's built-in receivers, and the
// app keeps its own receiver (receiver.ts). Bolt's default paths serve it: GET /slack/install (the
// "Add to Slack" page, asking for exactly the manifest's bot scopes) and GET /slack/oauth_redirect.
//
// Every request is authorized with its own workspace's token (fetched from the database, cached, and
// refreshed when token rotation is on); the dispatcher and the people directory get theirs through
// tokenForTeam. A workspace with no installation gets `notInstalled` in its context, never a token.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AuthorizeResult } from '@slack/bolt'
import { ErrorCode, InstallProvider, type InstallationQuery, type InstallURLOptions } from '@slack/oauth'
import type { Clock } from '../../clock.ts'
import type { Config, OAuthConfig } from '../../config.ts'
import { slackLogger, type Logger } from '../../logger.ts'
import type { Store } from '../../store/store.ts'
import { databaseInstallationStore, isNotInstalled } from './installationStore.ts'
import { failedPage, installedPage } from './pages.ts'
import { botScopes } from './scopes.ts'
import { singleUseStateStore, stateLifetimeSeconds } from './stateStore.ts'

export const installPath = '/slack/install'
export const redirectPath = '/slack/oauth_redirect'

type Route = (request: IncomingMessage, response: ServerResponse) => void

export type Installer = {
  /** Bolt's authorize for every request: the workspace's own token, or `notInstalled: true`, or `unavailable: true`. */
  authorize(source: InstallationQuery<boolean>): Promise<AuthorizeResult>
  /** GET routes beside /slack/events: the install page and the OAuth redirect. */
  routes: Record<string, Route>
  /** The workspace's bot token now (refreshed if it is about to expire); null when it has none. */
  tokenForTeam(teamId: string): Promise<string | null>
  /** Forgets cached installations (after a workspace left). */
  forget(): void
}

/** Why the callback failed, in the words of the page: a bad state, a cancel, or Slack / the app not completing it. */
function failureOf(error: { code?: string; data?: { error?: string }; message?: string }) {
  if (error.code === ErrorCode.InvalidStateError || error.code === ErrorCode.MissingStateError) return { kind: 'stale_link' } as const
  if (error.code === ErrorCode.AuthorizationError && /cancelled/i.test(error.message ?? '')) return { kind: 'cancelled' } as const
  // Slack's own answer (invalid_code, bad_client_secret…) when it gave one; never the request's details.
  return { kind: 'not_confirmed', reason: error.data?.error ?? error.code ?? 'unknown_error' } as const
}

export function createInstaller(config: Config & { oauth: OAuthConfig }, deps: { store: Store; clock: Clock; logger: Logger }): Installer {
  const { store, clock } = deps
  const logger = deps.logger.child({ source: 'install' })
  const installationStore = databaseInstallationStore(store.installations, clock)
  const installUrlOptions: InstallURLOptions = { scopes: [...botScopes] }
  const provider = new InstallProvider({
    clientId: config.oauth.clientId,
    clientSecret: config.oauth.clientSecret,
    installationStore,
    stateStore: singleUseStateStore({ stateSecret: config.oauth.stateSecret, installations: store.installations, clock }),
    stateCookieExpirationSeconds: stateLifetimeSeconds,
    installUrlOptions,
    logger: slackLogger(deps.logger, 'oauth'),
    // Slack's authorize page beside its Web API (GovSlack, a test server): https://slack.com/oauth/v2/authorize by default.
    ...(config.slack.apiUrl ? { authorizationUrl: new URL('../oauth/v2/authorize', config.slack.apiUrl).toString() } : {}),
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      // The person is waiting on the redirect page: fail fast rather than retry for minutes.
      retryConfig: { retries: 0 },
      timeout: 10_000,
    },
  })

  // Workspaces already recorded as served by their organisation's org-wide install (this process).
  const knownOrgWorkspaces = new Set<string>()

  /** The workspace's authorization, or `notInstalled`; anything else (the database away) throws. */
  async function authorizeOrNotInstalled(source: InstallationQuery<boolean>): Promise<AuthorizeResult> {
    try {
      const result = await provider.authorize(source)
      if (source.isEnterpriseInstall && source.teamId && source.enterpriseId && !knownOrgWorkspaces.has(source.teamId)) {
        await store.installations.recordOrgWorkspace(source.teamId, source.enterpriseId, clock.now())
        knownOrgWorkspaces.add(source.teamId)
      }
      return result
    } catch (error) {
      if (!isNotInstalled(error)) throw error
      logger.info({ team: source.teamId, enterprise: source.enterpriseId }, 'request_not_installed')
      return { ...(source.teamId ? { teamId: source.teamId } : {}), ...(source.enterpriseId ? { enterpriseId: source.enterpriseId } : {}), notInstalled: true }
    }
  }

  /** For Bolt: a request whose token cannot be looked up now (the database away) is told so in words, not dropped. */
  async function authorize(source: InstallationQuery<boolean>): Promise<AuthorizeResult> {
    try {
      return await authorizeOrNotInstalled(source)
    } catch (error) {
      logger.warn({ err: error, team: source.teamId, enterprise: source.enterpriseId }, 'authorize_failed')
      return { ...(source.teamId ? { teamId: source.teamId } : {}), ...(source.enterpriseId ? { enterpriseId: source.enterpriseId } : {}), unavailable: true }
    }
  }

  const installPage: Route = (request, response) => {
    provider.handleInstallPath(request, response, {}, installUrlOptions).catch((error: Error) => {
      logger.error({ err: error }, 'install_page_failed')
      if (!response.headersSent) response.writeHead(500).end()
    })
  }

  const redirect: Route = (request, response) => {
    provider.handleCallback(request, response, {
      success: (installation) => {
        const workspace = installation.team?.name ?? installation.enterprise?.name ?? installation.team?.id ?? installation.enterprise?.id ?? ''
        logger.info({ team: installation.team?.id, enterprise: installation.enterprise?.id, orgWide: Boolean(installation.isEnterpriseInstall) }, 'workspace_installed')
        installedPage(request, response, { workspace, teamId: installation.team?.id ?? null, appId: installation.appId ?? null })
      },
      failure: (error) => {
        const failure = failureOf(error as Parameters<typeof failureOf>[0])
        logger.warn({ code: error.code, ...(failure.kind === 'not_confirmed' ? { reason: failure.reason } : {}) }, 'install_failed')
        failedPage(request, response, failure, installPath)
      },
    }).catch((error: Error) => {
      logger.error({ err: error }, 'install_redirect_failed')
      if (!response.headersSent) response.writeHead(500).end()
    })
  }

  return {
    authorize,
    routes: { [installPath]: installPage, [redirectPath]: redirect },
    async tokenForTeam(teamId) {
      // A failure to look it up throws: the dispatcher retries; only a workspace without the app gets null.
      const result = await authorizeOrNotInstalled({ teamId, enterpriseId: undefined, isEnterpriseInstall: false })
      return result.notInstalled ? null : result.botToken ?? null
    },
    forget: () => installationStore.forget(),
  }
}

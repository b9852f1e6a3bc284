// Starts and stops the whole app: database (migrated) → Slack app → dispatcher → scheduler.
// main.ts calls it for the process; tests and the benchmark call it in-process.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { WebClient } from '@slack/web-api'
import { systemClock, type Clock } from './clock.ts'
import type { Config } from './config.ts'
import type { RetryPolicy } from './domain/delivery.ts'
import { createDispatcher } from './jobs/dispatcher.ts'
import type { PacingLimits } from './jobs/pacing.ts'
import { createScheduler, type Scheduler } from './jobs/scheduler.ts'
import { createTelemetry } from './telemetry/metrics.ts'
import { operationsRoutes, serveOperations } from './telemetry/routes.ts'
import { createLogger, slackLogger, type Logger } from './logger.ts'
import { createSlackApp, interactiveClientOptions, slackEventsPath } from './slack/app.ts'
import { renderHome } from './slack/home/view.ts'
import { portfolioSummaryDraft } from './slack/portfolio/commands.ts'
import { ideaBoardDraft, roundResultsDraft } from './slack/ideas/notifications.ts'
import { scheduledLifecycle } from './slack/lifecycle/notifications.ts'
import { liveDeliveryTrouble } from './slack/live/deliveryTrouble.ts'
import { liveRenderer } from './slack/live/render.ts'
import { createPeopleDirectory } from './slack/people.ts'
import { cardFailedNotice } from './slack/proposal/notifications.ts'
import { campaignChannelDelivery } from './slack/campaignChannel/delivery.ts'
import { campaignChannelPass } from './slack/campaignChannel/planner.ts'
import { retroChartUploader } from './slack/retroReport/chart.ts'
import { compileRetroReport } from './slack/retroReport/compile.ts'
import { scheduledRetroPosts } from './slack/retro/notifications.ts'
import { failureReason, refusedTokenCodes, type ConnectionWatch } from './slack/socketMode.ts'
import { warmUp } from './slack/warmUp.ts'
import { prefetchWorkspace } from './slack/prefetch.ts'
import { createChannelReach } from './slack/proposal/channelReach.ts'
import { whyDatabaseDidNotOpen } from './store/connectionTrouble.ts'
import { openDatabase } from './store/database.ts'
import { createStore } from './store/store.ts'
import { createTokenCipher, TokenUnreadable } from './store/tokenCipher.ts'
import { createInstaller, type Installer } from './slack/install/installer.ts'
import { clientsByToken } from './jobs/workspaceClients.ts'
import { createRetention } from './jobs/retention.ts'
import { apiPrefix, createMetricsApi } from './api/metricsApi.ts'
import { campaignToday } from './slack/metrics/changes.ts'
import type { RateLimit } from './domain/rateLimit.ts'

export type StartOptions = {
  clock?: Clock
  logger?: Logger
  /** Test and bench knobs for the outbox dispatcher. */
  dispatcher?: { pollMs?: number; retry?: RetryPolicy; pacing?: PacingLimits }
  /** Lines for a person while the app starts (main.ts prints them on stderr), e.g. why Slack is being retried. */
  onNotice?: (line: string) => void
  /** HTTP mode: the interface to listen on; unset = all (the sandbox keeps it to 127.0.0.1). */
  listenHost?: string
  /** Warm what the first requests need before saying it is ready (slack/warmUp.ts); default true. */
  warmUp?: boolean
  /** After start, remember the workspace's people and the app's channels (slack/prefetch.ts); default true. */
  prefetch?: boolean
  /** The figures API's limit per key (src/api/limiter.ts has the default); tests set a small one. */
  apiRateLimit?: RateLimit
}

export type RunningCampaignDesk = {
  /** The HTTP port in HTTP mode (useful with PORT=0), null in Socket Mode. */
  port: number | null
  url: string | null
  /** Where GET /healthz and GET /metrics answer (PORT, in both modes), e.g. http://127.0.0.1:3000. */
  operationsUrl: string
  /** One pass of the scheduler at the clock's now (it also runs every minute): tests tick it instead of waiting. */
  scheduler: { tick(): Promise<void> }
  /** Delivers every outbox row due at the clock's now, and resolves once they are dealt with (the sandbox's clock moves use it). */
  deliverDue(): Promise<void>
  /** Settles when the start-up's prefetch of people and channels is done or gave up (slack/prefetch.ts). */
  prefetched: Promise<void>
  stop(): Promise<void>
}

export class StartupError extends Error {
  override name = 'StartupError'
}

/** Asks Slack who we are; a bad token stops the start, an unreachable Slack only warns (in the log and to a person). */
async function identifyBot(config: Config, logger: Logger, notice: ((line: string) => void) | undefined): Promise<{ botUserId?: string; botId?: string; teamId?: string }> {
  const client = new WebClient(config.slack.botToken, { ...interactiveClientOptions(config, logger), timeout: 5_000 })
  try {
    const me = await client.auth.test()
    logger.info({ team: me.team_id, botUserId: me.user_id }, 'slack_identified')
    return { ...(me.user_id ? { botUserId: me.user_id } : {}), ...(me.bot_id ? { botId: me.bot_id } : {}), ...(me.team_id ? { teamId: me.team_id } : {}) }
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error
    if (code !== undefined && refusedTokenCodes.has(code)) {
      throw new StartupError(`SLACK_BOT_TOKEN was refused by Slack (${code}) — copy the Bot User OAuth Token again from your Slack app → OAuth & Permissions`)
    }
    logger.warn({ error: code ?? (error as Error).message }, 'slack_unreachable_at_start')
    const host = new URL(config.slack.apiUrl ?? 'https://slack.com/api/').host
    notice?.(`could not check SLACK_BOT_TOKEN with Slack at ${host} (${code ?? failureReason(error)}); starting anyway — posts wait and are retried until Slack answers`)
    return {}
  }
}

/**
 * After a key rotation, rewrites the tokens still sealed under TOKEN_ENCRYPTION_KEY_PREVIOUS under
 * the new key; a token no configured key opens stops the start, saying which variable to set.
 */
async function resealTokens(store: ReturnType<typeof createStore>, logger: Logger): Promise<void> {
  try {
    const resealed = await store.installations.resealStale()
    if (resealed > 0) logger.info({ installations: resealed }, 'tokens_resealed')
  } catch (error) {
    if (error instanceof TokenUnreadable) {
      throw new StartupError('TOKEN_ENCRYPTION_KEY does not open the tokens stored in the database — set TOKEN_ENCRYPTION_KEY_PREVIOUS to the key they were sealed with (docs/deploy.md: Many workspaces: the token key)')
    }
    throw error
  }
}

function appTokenRefused(code: string): StartupError {
  return new StartupError(`SLACK_APP_TOKEN was refused by Slack (${code}) — generate a new one under your Slack app → Basic Information → App-Level Tokens (scope connections:write)`)
}

/** A port we cannot listen on, said in terms of PORT; undefined for any other error. */
function portProblem(port: number, error: NodeJS.ErrnoException): StartupError | undefined {
  if (error.code === 'EADDRINUSE') return new StartupError(`PORT ${port} is already in use by another program — stop it, or set PORT to a free port`)
  if (error.code === 'EACCES') return new StartupError(`PORT ${port} needs privileges this user lacks — set PORT to a port above 1023`)
  return undefined
}

/**
 * Watches the Socket Mode connection while the app starts: each failed attempt is logged and told
 * to a person (what failed, when the next try is); a refused app token ends the start.
 */
function socketModeStart(config: Config, logger: Logger, notice: ((line: string) => void) | undefined) {
  const host = new URL(config.slack.apiUrl ?? 'https://slack.com/api/').host
  let starting = true
  let refuse: (error: StartupError) => void = () => {}
  const refusal = new Promise<never>((_, reject) => { refuse = reject })
  refusal.catch(() => {}) // raced only during the start; a later refusal is logged, not thrown
  const watch: ConnectionWatch = {
    retrying: (attempt, reason, nextInMs) => {
      logger.warn({ attempt, reason, nextInMs }, 'slack_connect_retry')
      if (starting) notice?.(`could not open the Socket Mode connection to Slack at ${host} (${reason}); retrying in ${Math.round(nextInMs / 1000)} s (attempt ${attempt})`)
    },
    refused: (code) => {
      logger.error({ code }, 'slack_app_token_refused')
      if (starting) refuse(appTokenRefused(code))
    },
  }
  return { watch, refusal, connected: () => { starting = false } }
}

export async function startCampaignDesk(config: Config, options: StartOptions = {}): Promise<RunningCampaignDesk> {
  const logger = options.logger ?? createLogger(config.logLevel)
  const clock = options.clock ?? systemClock
  const database = await openDatabase(config.database, (event, fields) => logger.info(fields ?? {}, event)).catch((error: unknown) => {
    throw new StartupError(whyDatabaseDidNotOpen(config.database, error))
  })
  if (config.database.provider === 'sqlite') logger.info({ file: config.database.file }, 'database_sqlite')
  else logger.info({ provider: 'postgresql' }, 'database_postgresql')

  // Many workspaces: their tokens are sealed in the database under TOKEN_ENCRYPTION_KEY.
  const store = createStore(database, config.oauth ? { tokenCipher: createTokenCipher(config.oauth.encryptionKey, config.oauth.previousEncryptionKey) } : {})
  let stopDispatcher: (() => Promise<void>) | null = null
  try {
    let bot: { botUserId?: string; botId?: string; teamId?: string } = {}
    let installer: Installer | undefined
    // Each workspace's token: the one of SLACK_BOT_TOKEN, or the installation's (OAuth install).
    let tokenFor: (teamId: string) => Promise<string | null>
    if (config.oauth) {
      await resealTokens(store, logger)
      installer = createInstaller({ ...config, oauth: config.oauth }, { store, clock, logger })
      tokenFor = installer.tokenForTeam
    } else {
      bot = await identifyBot(config, logger, options.onNotice)
      const token = config.slack.botToken ?? null
      tokenFor = async () => token
    }
    // What operators see: /healthz and /metrics, served on PORT in both modes.
    const telemetry = createTelemetry({
      outboxByStatus: () => store.outbox.countByStatus(),
      installedWorkspaces: async () => (config.oauth ? store.installations.installedCount() : 1),
    })
    let scheduler: Scheduler | null = null
    const operations = operationsRoutes({
      clock, startedAt: clock.now(), pingDatabase: () => store.ping(),
      lastSchedulerPass: () => scheduler?.lastPassAt() ?? null, oldestDueOutboxRow: (now) => store.outbox.oldestDueAt(now),
    }, telemetry, logger)
    const deliveryClients = clientsByToken(tokenFor, {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      logger: slackLogger(logger, 'web-api'),
      // The outbox retries on its own schedule, and a 429 is rescheduled for Retry-After.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
    })
    const people = createPeopleDirectory(clientsByToken(tokenFor, interactiveClientOptions(config, logger)))
    const channelReach = createChannelReach()
    const dispatcher = createDispatcher({
      clients: deliveryClients, outbox: store.outbox, clock, logger: logger.child({ source: 'dispatcher' }), observer: telemetry.delivery,
      // A Home refresh is rendered when it is delivered, so it shows the newest state.
      homeView: (teamId, userId) => renderHome({ store, people, clock }, teamId, userId),
      // So is a live-stage post (digest, reminder, prompt, alert).
      renderLive: liveRenderer({ store, people, clock, logger }),
      // A proposal's card that cannot be posted: its submitter is told, in words composed there.
      failureNotice: cardFailedNotice,
      // A live post that fails for good: its campaign's owner is told, in words composed there.
      liveTrouble: liveDeliveryTrouble({ store, people, clock }),
      // The retrospective report's goals chart, drawn and uploaded when its row is delivered.
      upload: retroChartUploader({ store, people, logger: logger.child({ source: 'retro' }) }),
      // A campaign's own channel created, and its people invited, when their rows are delivered.
      campaignChannel: campaignChannelDelivery({ store, people, clock, logger: logger.child({ source: 'campaign_channel' }) }),
      ...(options.dispatcher?.pollMs ? { pollMs: options.dispatcher.pollMs } : {}),
      ...(options.dispatcher?.retry ? { retry: options.dispatcher.retry } : {}),
      ...(options.dispatcher?.pacing ? { pacing: options.dispatcher.pacing } : {}),
    })
    stopDispatcher = () => dispatcher.stop()
    const socketMode = socketModeStart(config, logger, options.onNotice)
    // The figures API (issue 17) on PORT in both modes, with its own key; a campaign's "today" as Slack's surfaces reckon it.
    const api = {
      prefix: apiPrefix,
      route: createMetricsApi({
        apiKeys: store.apiKeys, metrics: store.metrics, clock, logger, observer: telemetry.api,
        todayOf: (campaign) => campaignToday({ store, people, dispatcher, clock, logger }, campaign),
        ...(options.apiRateLimit ? { rateLimit: options.apiRateLimit } : {}),
      }),
    }
    const slack = createSlackApp(config, { store, people, dispatcher, clock, channelReach }, logger, bot, socketMode.watch, { ...(installer ? { installer } : {}), routes: operations, telemetry, api })

    let port: number | null = null
    let operationsPort: number
    let operationsServer: Server | null = null
    if (slack.receiver) {
      const server = (await slack.receiver.start(config.port, options.listenHost).catch((error: NodeJS.ErrnoException) => {
        throw portProblem(config.port, error) ?? error
      })) as Server
      port = (server.address() as AddressInfo).port
      operationsPort = port
      logger.info({ port, path: slackEventsPath }, 'listening_http')
    } else {
      await Promise.race([slack.app.start(), socketMode.refusal]).catch(async (error: unknown) => {
        // Stop the client's own retrying (it keeps at token_revoked) before giving up.
        await slack.app.stop().catch(() => {})
        const code = (error as { data?: { error?: string } }).data?.error
        throw code !== undefined && refusedTokenCodes.has(code) ? appTokenRefused(code) : error
      })
      socketMode.connected()
      logger.info('listening_socket_mode')
      // No Slack traffic on PORT in Socket Mode, but a container platform still probes and scrapes it.
      const server = await serveOperations(config.port, operations, api).catch(async (error: NodeJS.ErrnoException) => {
        await slack.app.stop().catch(() => {})
        throw portProblem(config.port, error) ?? error
      })
      operationsServer = server
      operationsPort = (server.address() as AddressInfo).port
      logger.info({ port: operationsPort }, 'listening_operations')
    }
    dispatcher.start()
    scheduler = createScheduler({
      observer: telemetry.scheduler,
      ideas: store.ideas, dispatcher, clock, logger: logger.child({ source: 'scheduler' }),
      roundClosing: { boards: ideaBoardDraft, results: roundResultsDraft },
      campaignChannels: campaignChannelPass({ store, people }),
      lifecycle: { store: store.lifecycle, ...scheduledLifecycle(people) },
      live: {
        store: store.liveTick, people: store.people,
        lookUp: async (teamId, userId) => {
          const found = await people.lookUp(teamId, userId)
          return found.found
            ? { found: true, timeZone: found.person.timeZone, locale: found.person.slackLocale, deactivated: found.person.deactivated }
            : found
        },
      },
      retro: {
        store: store.retro, outbox: scheduledRetroPosts(people),
        compile: (input) => compileRetroReport({ store, people, dispatcher, clock, logger: logger.child({ source: 'retro' }) }, input),
      },
      portfolioSummary: { store: store.portfolio, draft: (teamId, channelId, week, now) => portfolioSummaryDraft(store, teamId, channelId, week, now) },
      // Many workspaces: nothing is planned for one that removed the app, and its data goes after the retention.
      ...(config.oauth ? { departedTeams: async () => new Set((await store.installations.departedTeams()).keys()) } : {}),
      // Expired Idempotency-Key answers go in both modes; a departed workspace's data only with many.
      retention: createRetention({
        apiKeys: store.apiKeys, logger: logger.child({ source: 'retention' }),
        ...(config.oauth ? { departed: { days: config.oauth.dataRetentionDays, workspaceData: store.workspaceData, installations: store.installations } } : {}),
      }),
    })
    scheduler.start()
    const running = scheduler
    // Before saying it is ready: what the first requests need, compiled and connected now.
    if (options.warmUp !== false) await warmUp({
      store, people, logger, now: clock.now(), signingSecret: config.slack.signingSecret,
      ...(config.slack.botToken ? { client: new WebClient(config.slack.botToken, interactiveClientOptions(config, logger)) } : {}),
      url: port === null ? null : `http://127.0.0.1:${port}${slackEventsPath}`,
    })
    // After the ready line (main.ts prints it when this returns), in the background: the workspace's
    // people and the channels the app is in, remembered for the first requests (slack/prefetch.ts).
    const botToken = config.slack.botToken
    const teamId = bot.teamId
    const prefetched = !config.oauth && botToken && teamId && options.prefetch !== false
      ? new Promise<void>((resolve) => setImmediate(resolve)).then(() => prefetchWorkspace({
        client: new WebClient(botToken, interactiveClientOptions(config, logger)), teamId, people, channelReach, logger,
      }))
      : Promise.resolve()

    let stopped: Promise<void> | null = null
    return {
      port,
      url: port === null ? null : `http://127.0.0.1:${port}${slackEventsPath}`,
      operationsUrl: `http://127.0.0.1:${operationsPort}`,
      scheduler: { tick: () => running.tick() },
      prefetched,
      deliverDue: async () => {
        await dispatcher.sweep()
        await dispatcher.settled()
      },
      stop: () => (stopped ??= (async () => {
        logger.info('stopping')
        await prefetched
        // Stop taking requests, let those under way finish, then the deliveries, then the database.
        await slack.app.stop().catch((error: Error) => logger.warn({ err: error }, 'stop_receiver_failed'))
        const deadline = Date.now() + 10_000
        while (slack.inFlight() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
        await new Promise<void>((resolve) => (operationsServer ? operationsServer.close(() => resolve()) : resolve()))
        await running.stop()
        await dispatcher.stop()
        // Posts still waiting (Slack down, say) stay in the outbox for the next start.
        const pending = await store.outbox.pendingCount().catch(() => null)
        await store.close()
        logger.info({ pendingPosts: pending }, 'stopped')
      })()),
    }
  } catch (error) {
    await stopDispatcher?.()
    await store.close().catch(() => {})
    throw error
  }
}

// Builds the Bolt app for the configured mode and registers every listener.
// HTTP mode serves Slack at /slack/events (and /healthz for load balancers); Socket Mode needs
// no public URL and is what a team trying the app will use.
import { randomUUID } from 'node:crypto'
import { App, SocketModeReceiver } from '@slack/bolt'
import type { Config } from '../config.ts'
import { boltLogger, slackLogger, type Logger } from '../logger.ts'
import { registerCalendarActions } from './calendar/actions.ts'
import { registerIdeaSurfaces } from './ideas/actions.ts'
import { registerLifecycleActions } from './lifecycle/actions.ts'
import { registerMetricSurfaces } from './metrics/actions.ts'
import { registerMetricImport } from './metricImport/actions.ts'
import { registerPlanActions } from './plan/actions.ts'
import { openTasksModal } from './tasks/actions.ts'
import { taskListModal } from './tasks/modals.ts'
import { registerProposalDecisions } from './proposal/actions.ts'
import { registerReminderActions } from './live/actions.ts'
import { registerRetroSurfaces } from './retro/actions.ts'
import { registerRetroReportActions } from './retroReport/actions.ts'
import { registerTaskSurfaces } from './tasks/actions.ts'
import { registerCampaignCommand } from './campaignCommand.ts'
import { registerAppHome } from './home/events.ts'
import { registerAwayControls } from './away/controls.ts'
import { ideaBoardDraft } from './ideas/notifications.ts'
import { inboundGuard, socketModeErrorHandler } from './inbound.ts'
import { answerUnhandled } from './inboundUnhandled.ts'
import { registerGanttActions } from './plan/gantt.ts'
import { createListeners } from './listeners.ts'
import { SlackReceiver, type Route } from './receiver.ts'
import { requestKindOf, type Telemetry } from '../telemetry/metrics.ts'
import type { Services } from './services.ts'
import { socketModeClientOptions, type ConnectionWatch } from './socketMode.ts'
import { registerPlanSubmission } from './plan/submission.ts'
import { registerSettingsModals } from './settings/modals.ts'
import { registerPortfolioActions } from './portfolio/commands.ts'
import { registerDeleteData } from './settings/deleteData.ts'
import { registerApiKeys } from './apiKeys/actions.ts'
import { registerProposalSubmission } from './proposal/submission.ts'
import { registerInstallEvents } from './install/events.ts'
import { registerCampaignChannelActions } from './campaignChannel/actions.ts'
import { installPath, type Installer } from './install/installer.ts'
import { answerNotInstalled } from './install/notInstalled.ts'
import { warmUpTeamId } from './warmUp.ts'

export const slackEventsPath = '/slack/events'

/** Options for the Web API client the listeners use: they answer a person, so they fail fast. */
export function interactiveClientOptions(config: Config, logger: Logger) {
  return {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    logger: slackLogger(logger, 'web-api'),
    // A person is waiting: no silent retries for minutes, no queueing behind a 429.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 2_500,
  }
}

export type SlackApp = { app: App; receiver: SlackReceiver | null; inFlight: () => number }

export function createSlackApp(
  config: Config, services: Omit<Services, 'logger'>, logger: Logger, bot: { botUserId?: string; botId?: string },
  /** Socket Mode only: told of each failed attempt to open the socket and of a refused app token. */
  connection: ConnectionWatch = { retrying: () => {}, refused: () => {} },
  extras: {
    /** Many workspaces (OAuth install, HTTP mode): each request authorized with its workspace's token. */
    installer?: Installer
    /** More GET routes beside /slack/events in HTTP mode (/healthz, /metrics). */
    routes?: Record<string, Route>
    /** Counts requests and their acknowledgement latency (/metrics). */
    telemetry?: Pick<Telemetry, 'request' | 'acked'>
    /** HTTP mode: the figures API beside /slack/events (src/api/), any method under its prefix. */
    api?: { prefix: string; route: Route }
  } = {},
): SlackApp {
  const { installer, telemetry } = extras
  const bolt = boltLogger(logger)
  const receiver = config.slack.appToken
    ? null
    : new SlackReceiver({
        signingSecret: config.slack.signingSecret,
        path: slackEventsPath,
        logger,
        boltLogger: bolt,
        routes: {
          '/healthz': (_request, response) => { response.writeHead(200, { 'content-type': 'text/plain' }); response.end('ok') },
          ...extras.routes,
          ...installer?.routes,
        },
        ...(telemetry ? { onAcked: (kind: string, seconds: number) => telemetry.acked(kind, seconds) } : {}),
        ...(installer ? { installer: { authorize: installer.authorize, installPath } } : {}),
        ...(extras.api ? { api: extras.api } : {}),
      })
  const app = new App({
    token: config.slack.botToken,
    // We verified the token ourselves at start-up (see campaignDesk.ts), with a clear message.
    tokenVerificationEnabled: false,
    ...(bot.botUserId ? { botUserId: bot.botUserId } : {}),
    ...(bot.botId ? { botId: bot.botId } : {}),
    ...(receiver ? { receiver } : {
      socketMode: true,
      receiver: new SocketModeReceiver({
        appToken: config.slack.appToken ?? '', logger: bolt,
        // The socket's own client (apps.connections.open, at start and on every reconnect) retries
        // for as long as it takes: with the listeners' `retries: 0`, one failed reconnect left the
        // app without a socket and an unhandled rejection. See socketMode.ts.
        installerOptions: { clientOptions: socketModeClientOptions(config, logger, connection) },
        // A body Bolt throws on before any middleware (`view: null`…) is acked with one log line.
        processEventErrorHandler: socketModeErrorHandler(logger),
      }),
    }),
    logger: bolt,
    clientOptions: interactiveClientOptions(config, logger),
  })

  // First the body's shape (Socket Mode; the HTTP receiver checked it already) and clean text.
  app.use(inboundGuard(logger))
  // One log line per request, with the ids that let it be traced back to a click; and a count
  // of requests under way, so a shutdown can let them finish.
  let inFlight = 0
  app.use(async ({ body, context, next }) => {
    const payload = body as {
      type?: string; command?: string; event?: unknown; team?: { id?: string }; team_id?: string; user?: { id?: string }; user_id?: string
      actions?: Array<{ action_id?: string }>; view?: { callback_id?: string }
    }
    const startedAt = performance.now()
    inFlight += 1
    let failed = false
    try {
      await next()
    } catch (error) {
      failed = true
      throw error
    } finally {
      inFlight -= 1
      const team = payload.team?.id ?? payload.team_id ?? context.teamId
      telemetry?.request(requestKindOf(payload), failed ? 'error' : context.notInstalled ? 'not_installed' : context.unavailable ? 'unavailable' : context.unhandled ? 'unhandled' : 'ok')
      // The start-up's own warm-up requests (warmUp.ts) are not a person's.
      logger[team === warmUpTeamId ? 'debug' : 'info']({
        requestId: randomUUID().slice(0, 8),
        team,
        user: payload.user?.id ?? payload.user_id ?? context.userId,
        kind: payload.command ?? payload.type,
        target: payload.actions?.[0]?.action_id ?? payload.view?.callback_id,
        ms: Math.round(performance.now() - startedAt),
        ...(context.unhandled ? { unhandled: true } : {}),
        ...(context.notInstalled ? { notInstalled: true } : {}),
      }, 'slack_request')
    }
  })
  app.error(async (error) => {
    logger.error({ err: error.original ?? error, code: error.code }, 'unhandled_listener_error')
  })

  const listenerServices: Services = { ...services, logger }
  // A workspace without the app is told so, before anything looks for a listener.
  if (installer) app.use(answerNotInstalled(logger))
  const listeners = createListeners(app)
  // What no listener below takes is answered here at once (not with Bolt's 404 after 3 s).
  app.use(answerUnhandled(listeners, listenerServices))
  registerCampaignCommand(listeners, listenerServices)
  registerProposalSubmission(listeners, listenerServices, ideaBoardDraft)
  registerProposalDecisions(listeners, listenerServices)
  registerAppHome(listeners, listenerServices)
  registerAwayControls(listeners, listenerServices)
  registerPlanActions(listeners, listenerServices, { open: openTasksModal, listModal: taskListModal })
  registerPlanSubmission(listeners, listenerServices)
  registerGanttActions(listeners, listenerServices)
  registerTaskSurfaces(listeners, listenerServices)
  registerIdeaSurfaces(listeners, listenerServices)
  registerCalendarActions(listeners, listenerServices)
  registerLifecycleActions(listeners, listenerServices)
  registerSettingsModals(listeners, listenerServices)
  registerDeleteData(listeners, listenerServices)
  registerApiKeys(listeners, listenerServices)
  registerMetricSurfaces(listeners, listenerServices)
  registerMetricImport(listeners, listenerServices)
  registerReminderActions(listeners, listenerServices)
  registerRetroSurfaces(listeners, listenerServices)
  registerRetroReportActions(listeners, listenerServices)
  registerPortfolioActions(listeners, listenerServices)
  registerCampaignChannelActions(listeners, listenerServices)
  if (installer) registerInstallEvents(listeners, listenerServices, installer)
  return { app, receiver, inFlight: () => inFlight }
}

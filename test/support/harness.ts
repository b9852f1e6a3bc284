// An end-to-end rig: a fake Slack on loopback, a fresh database, and the real app started in
// HTTP mode on a free port, pointed at the fake. Tests talk to the app only over HTTP.
import { randomBytes } from 'node:crypto'
import { parseConfig, type Config } from '../../src/config.ts'
import { startCampaignDesk, type RunningCampaignDesk } from '../../src/campaignDesk.ts'
import type { PacingLimits } from '../../src/jobs/pacing.ts'
import { createLogger } from '../../src/logger.ts'
import { freshDatabase, type TestDatabase, type TestProvider } from './databases.ts'
import { startFakeSlack, type FakeSlack } from './fakeSlack.ts'
import { AppClient } from './slackRequests.ts'

export const signingSecret = 'test-signing-secret-0123456789'
export const botToken = 'xoxb-test-token'
export const appToken = 'xapp-1-A0CAMPAIGN-1-test-app-token'
/** Many workspaces (OAuth install): the app's credentials as the fake Slack knows them. */
export const oauthClient = { clientId: '1111.2222', clientSecret: 'test-client-secret-0123', stateSecret: 'test-state-secret-0123456789' }

/**
 * A clock that starts at a chosen instant and then runs at real speed: the dates a test sees are
 * fixed, while retries and leases still fall due. The app reads time only through it.
 */
export function testClock(iso: string) {
  let offset = new Date(iso).getTime() - Date.now()
  let frozenAt: number | null = null
  return {
    now: () => new Date(frozenAt ?? Date.now() + offset),
    set: (next: string) => { frozenAt = null; offset = new Date(next).getTime() - Date.now() },
    /** Stops the clock at `at` until the next set or freeze: for a test that counts to the millisecond (a rate limit). */
    freeze: (at: string) => { frozenAt = new Date(at).getTime() },
  }
}

export type Rig = {
  slack: FakeSlack
  app: RunningCampaignDesk
  client: AppClient
  db: TestDatabase
  config: Config
  clock: ReturnType<typeof testClock>
  /** Stops the app and starts it again on the same database (and the same fake Slack). */
  restart(): Promise<void>
  /** Another instance of the app on the same database and fake Slack, as a team running several. */
  startAnotherInstance(): Promise<{ app: RunningCampaignDesk; client: AppClient }>
  close(): Promise<void>
}

/** `socketMode: true` starts the app in Socket Mode (SLACK_APP_TOKEN set): `rig.app.url` is null, so
 * `rig.client` cannot be used; drive it with `rig.slack.socketMode.send(…)` instead. `logTo` receives
 * the app's JSON log lines (at `logLevel`) instead of stdout, for a test that reads what was logged. */
/** `oauth` starts it for many workspaces (OAuth install, no SLACK_BOT_TOKEN): install them with test/support/install.ts. */
export async function startRig(provider: TestProvider, options: {
  now?: string; logLevel?: Config['logLevel']; socketMode?: boolean; pacing?: PacingLimits; pollMs?: number; warmUp?: boolean; prefetch?: boolean
  oauth?: { tokenRotationSeconds?: number; encryptionKey?: string; previousEncryptionKey?: string; dataRetentionDays?: number }
  /** Where the app's JSON log lines go (default: stdout, silent unless TEST_LOG_LEVEL). */
  logTo?: NodeJS.WritableStream
  /** The figures API's limit per key (default: src/api/limiter.ts). */
  apiRateLimit?: { capacity: number; refillPerSecond: number }
} = {}): Promise<Rig> {
  const slack = await startFakeSlack(options.oauth ? { appToken } : { botToken, appToken })
  const db = await freshDatabase(provider)
  const clock = testClock(options.now ?? '2026-12-01T02:00:00Z')
  const oauth = options.oauth
  const config = parseConfig({
    ...(oauth ? {
      SLACK_CLIENT_ID: oauthClient.clientId, SLACK_CLIENT_SECRET: oauthClient.clientSecret, SLACK_STATE_SECRET: oauthClient.stateSecret,
      TOKEN_ENCRYPTION_KEY: oauth.encryptionKey ?? randomBytes(32).toString('base64'),
      ...(oauth.previousEncryptionKey ? { TOKEN_ENCRYPTION_KEY_PREVIOUS: oauth.previousEncryptionKey } : {}),
      ...(oauth.dataRetentionDays ? { DATA_RETENTION_DAYS: String(oauth.dataRetentionDays) } : {}),
    } : { SLACK_BOT_TOKEN: botToken }),
    SLACK_SIGNING_SECRET: signingSecret,
    ...(options.socketMode ? { SLACK_APP_TOKEN: appToken } : {}),
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATABASE_URL: db.url,
    LOG_LEVEL: options.logLevel ?? (process.env.TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
  })
  // The fake Slack sends the browser back to the app's Redirect URL, wherever the app listens now.
  const started = async (app: RunningCampaignDesk) => {
    if (oauth) slack.enableOAuth({ ...oauthClient, redirectUrl: new URL('/slack/oauth_redirect', app.url!).toString(), ...(oauth.tokenRotationSeconds ? { tokenRotationSeconds: oauth.tokenRotationSeconds } : {}) })
    return app
  }
  const start = async () => started(await startCampaignDesk(config, {
    clock,
    logger: createLogger(config.logLevel, options.logTo),
    // Tests that start the app thousands of times skip the start-up warm-up (test/e2e/warmUp.test.ts has its own).
    warmUp: options.warmUp ?? false,
    // Nor do they prefetch people and channels: a test changes them after start (test/e2e/prefetch.test.ts has its own).
    prefetch: options.prefetch ?? false,
    ...(options.apiRateLimit ? { apiRateLimit: options.apiRateLimit } : {}),
    // Fast retries, but enough of them (about 20 s) to outlast every outage a test stages.
    dispatcher: { pollMs: options.pollMs ?? 50, retry: { baseMs: 50, maxMs: 200, maxAttempts: 100 }, ...(options.pacing ? { pacing: options.pacing } : {}) },
  }))
  const others: RunningCampaignDesk[] = []
  const rig: Rig = {
    slack, db, config, clock,
    app: await start(),
    client: null as unknown as AppClient,
    async restart() {
      await rig.app.stop()
      rig.app = await start()
      rig.client = new AppClient({ baseUrl: rig.app.url!, signingSecret, slack })
    },
    async startAnotherInstance() {
      const app = await start()
      others.push(app)
      return { app, client: new AppClient({ baseUrl: app.url!, signingSecret, slack }) }
    },
    async close() {
      for (const other of others) await other.stop()
      await rig.app.stop()
      // Bolt's Socket Mode stop() does not wait for the WebSocket close handshake: let it finish (1000,
      // not 1006) before the fake goes away. Nothing to wait for in HTTP mode.
      for (const deadline = Date.now() + 2_000; slack.socketMode.connections.some((c) => c.open) && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      await slack.close()
      await db.cleanup()
    },
  }
  rig.client = new AppClient({ baseUrl: rig.app.url!, signingSecret, slack })
  return rig
}

// The sandbox: the real app (the same listeners, store, scheduler and dispatcher) on its own SQLite
// file, its Web API pointed at a local Slack with a seeded workspace, and a page on 127.0.0.1 that
// plays the Slack client for whoever a person chooses to act as (server.ts). The clock is the
// sandbox's: moving it moves the app's and runs its scheduler, as the hours would.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { startCampaignDesk, type RunningCampaignDesk } from '../campaignDesk.ts'
import { parseConfig, type Config } from '../config.ts'
import { slackLimits, type PacingLimits } from '../jobs/pacing.ts'
import { createLogger } from '../logger.ts'
import { sandboxClock, type SandboxClock } from './clock.ts'
import { startLocalSlack, type LocalSlack } from './localSlack.ts'
import { readManifest, type AppManifest } from './manifest.ts'
import type { SandboxControls, SandboxWorld } from './controls.ts'
import { startPageServer } from './server.ts'
import { createSlackClient, type SlackClient } from './slackClient.ts'
import { AppClient } from './slackRequests.ts'
import { sandboxTeam, seedWorkspace } from './workspace.ts'

export const defaultSandboxFile = 'data/sandbox.db'

const unlimited: PacingLimits = {
  perChannel: { perSecond: 1_000, burst: 1_000 },
  perMethodPerMinute: Object.fromEntries(Object.keys(slackLimits.perMethodPerMinute).map((method) => [method, 100_000])),
  margin: 0,
}

export type SandboxOptions = {
  /** The page's port (PORT; 0 = any free one). It listens on 127.0.0.1 only. */
  port: number
  /** The app's SQLite file; emptied at every start and every reset. */
  databaseFile: string
  logLevel?: Config['logLevel']
  /** Where the clock starts (and goes back to on reset); default now. */
  startAt?: () => Date
}

/** One run of the sandbox's world: a local Slack with the seeded workspace and the app against it. */

export type RunningSandbox = SandboxControls & {
  /** The page, e.g. http://localhost:3000 */
  url: string
  port: number
  stop(): Promise<void>
}

/** A clock move longer than this jumps straight there (the app catches up the same local day, not the days between). */
const stepThroughUpToMs = 3 * 86_400_000
/** The scheduler runs at every half hour on the way: the digest at 09:30 and the prompts at 17:00 are met on time. */
const stepMs = 30 * 60_000

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const manifest = readManifest()
  const startAt = options.startAt ?? (() => new Date())
  const clock = sandboxClock(startAt())
  const logger = createLogger(options.logLevel ?? 'warn')
  let world = await startWorld({ ...options, manifest, clock, logger })
  // Clock moves and resets one at a time: a second click waits for the first.
  let queue: Promise<unknown> = Promise.resolve()
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => {})
    return next
  }

  const sandbox: RunningSandbox = {
    url: '',
    port: 0,
    clock,
    world: () => world,
    moveClock: (to) => serially(async () => {
      const from = clock.now().getTime()
      const target = to.getTime()
      if (target > from && target - from <= stepThroughUpToMs) {
        for (let at = Math.floor(from / stepMs) * stepMs + stepMs; at < target; at += stepMs) {
          clock.set(new Date(at))
          await world.app.scheduler.tick()
          await world.app.deliverDue()
        }
      }
      clock.set(to)
      await world.app.scheduler.tick()
      await world.app.deliverDue()
      world.slack.changed()
    }),
    reset: () => serially(async () => {
      await stopWorld(world)
      clock.set(startAt())
      world = await startWorld({ ...options, manifest, clock, logger })
      page.changed()
    }),
    stop: async () => {
      await queue
      await page.stop()
      await stopWorld(world)
    },
  }
  const page = await startPageServer(sandbox, options.port)
  sandbox.port = page.port
  sandbox.url = `http://localhost:${page.port}`
  return sandbox
}

async function startWorld(options: SandboxOptions & { manifest: AppManifest; clock: SandboxClock; logger: ReturnType<typeof createLogger> }): Promise<SandboxWorld> {
  const file = path.resolve(options.databaseFile)
  removeDatabase(file)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const botToken = `xoxb-sandbox-${randomBytes(8).toString('hex')}`
  const signingSecret = randomBytes(16).toString('hex')
  const slack = await startLocalSlack({ botToken, teamId: sandboxTeam.id, teamName: sandboxTeam.name, botName: 'campaign_desk' })
  seedWorkspace(slack)
  try {
    const config = parseConfig({
      SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl,
      PORT: '0', DATABASE_URL: `file:${file}`, LOG_LEVEL: options.logLevel ?? 'warn',
    })
    const app = await startCampaignDesk(config, {
      clock: options.clock, logger: options.logger, listenHost: '127.0.0.1',
      // The local Slack limits no rate, so the dispatcher need not pace itself to Slack's: a clock
      // move delivers a day's posts at once instead of one a second.
      dispatcher: { pacing: unlimited },
    })
    const appClient = new AppClient({ baseUrl: app.url!, signingSecret, slack, teamDomain: sandboxTeam.name.toLowerCase(), botUserId: slack.botUserId })
    return { slack, app, client: createSlackClient({ slack, app: appClient, manifest: options.manifest, teamId: sandboxTeam.id, clock: options.clock }) }
  } catch (error) {
    await slack.close()
    throw error
  }
}

async function stopWorld(world: SandboxWorld): Promise<void> {
  await world.app.stop()
  await world.slack.close()
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true })
}

// Process entry: read the configuration, start Campaign Desk, stop cleanly on SIGTERM/SIGINT.
// A configuration or start-up problem prints one line and exits 1 — never a stack trace.
// stdout carries only the JSON logs; the few lines meant for a person go to stderr.
import fs from 'node:fs'
import { ConfigError, parseConfig, readEnvironment, type DatabaseTarget } from './config.ts'
import { startCampaignDesk, StartupError } from './campaignDesk.ts'
import { createLogger } from './logger.ts'
import { manifestDisagreement, modeLine, readyLine } from './slack/startupNotices.ts'

function tell(line: string): void {
  process.stderr.write(`Campaign Desk: ${line}\n`)
}

/** One line per problem, all of them at once, then exit 1. */
function fail(...problems: readonly string[]): never {
  for (const problem of problems) process.stderr.write(`Campaign Desk cannot start: ${problem}\n`)
  process.exit(1)
}

/** The manifest in the start directory (the checkout's), if there is one: the app's best guess at what Slack was told. */
function localManifest(): string | undefined {
  try {
    return fs.readFileSync('manifest.yml', 'utf8')
  } catch {
    return undefined
  }
}

/** Where the data lives, without a password. */
function dataLocation(database: DatabaseTarget): string {
  if (database.provider === 'sqlite') return database.file
  try {
    const url = new URL(database.url)
    return `PostgreSQL at ${url.host}${url.pathname}`
  } catch {
    return 'PostgreSQL' // the driver will say what is wrong with the URL
  }
}

let config
try {
  config = parseConfig(readEnvironment())
} catch (error) {
  if (error instanceof ConfigError) fail(...error.problems)
  throw error
}

// Before anything can hang on Slack: a person sees at once the mode and what it asks of them,
// and where the data goes.
tell(modeLine(config))
const disagreement = manifestDisagreement(localManifest(), config)
if (disagreement) tell(disagreement)
tell(`data in ${dataLocation(config.database)}`)

const logger = createLogger(config.logLevel)
// A last safety net, not a way of handling errors: a rejection nobody awaited (Slack's Socket Mode
// client rejects on an envelope whose payload is null, outside any code of ours) is logged as one
// line instead of ending the process and every request under way with it.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled_rejection'))

// Signals are taken from the start. While the app is still starting (connecting to Slack, say)
// nothing is under way yet, so it exits at once; once up, it finishes the work in progress first.
let running: Awaited<ReturnType<typeof startCampaignDesk>> | null = null
let stopping = false
const shutdown = (signal: string) => {
  if (stopping) return
  stopping = true
  if (!running) {
    tell(`${signal} received while starting: stopping`)
    process.exit(0)
  }
  tell(`${signal} received, finishing work in progress…`)
  running.stop().then(() => process.exit(0), () => process.exit(1))
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))

try {
  running = await startCampaignDesk(config, { onNotice: tell, logger })
  tell(readyLine(running.port === null ? 'socket' : { port: running.port }))
} catch (error) {
  if (error instanceof StartupError) fail(error.message)
  fail((error as Error).message.split('\n')[0] ?? 'unknown error')
}

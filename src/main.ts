// Process entry: read the configuration, start Campaign Desk, stop cleanly on SIGTERM/SIGINT.
// A configuration or start-up problem prints one line and exits 1 — never a stack trace.
// stdout carries only the JSON logs; the few lines meant for a person go to stderr.
import { ConfigError, parseConfig, readEnvironment, type DatabaseTarget } from './config.ts'
import { startCampaignDesk, StartupError } from './campaignDesk.ts'
import { createLogger } from './logger.ts'

function tell(line: string): void {
  process.stderr.write(`Campaign Desk: ${line}\n`)
}

function fail(message: string): never {
  process.stderr.write(`Campaign Desk cannot start: ${message}\n`)
  process.exit(1)
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
  if (error instanceof ConfigError) fail(error.message)
  throw error
}

// Before anything can hang on Slack: a person sees at once where the data goes.
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
  if (running.url) tell(`HTTP mode, Slack request URL path ${running.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')} on port ${running.port}`)
  else tell('connected in Socket Mode')
} catch (error) {
  if (error instanceof StartupError) fail(error.message)
  fail((error as Error).message.split('\n')[0] ?? 'unknown error')
}

// Process entry: read the configuration, start Campaign Desk, stop cleanly on SIGTERM/SIGINT.
// A configuration or start-up problem prints one line and exits 1 — never a stack trace.
import { ConfigError, parseConfig, readEnvironment } from './config.ts'
import { startCampaignDesk, StartupError } from './campaignDesk.ts'

function fail(message: string): never {
  process.stderr.write(`Campaign Desk cannot start: ${message}\n`)
  process.exit(1)
}

let config
try {
  config = parseConfig(readEnvironment())
} catch (error) {
  if (error instanceof ConfigError) fail(error.message)
  throw error
}

try {
  const running = await startCampaignDesk(config)
  if (config.database.provider === 'sqlite') process.stdout.write(`Campaign Desk: data in ${config.database.file}\n`)
  if (running.url) process.stdout.write(`Campaign Desk: HTTP mode, Slack request URL path ${running.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')} on port ${running.port}\n`)
  else process.stdout.write('Campaign Desk: connected in Socket Mode\n')
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`Campaign Desk: ${signal} received, finishing work in progress…\n`)
    running.stop().then(() => process.exit(0), () => process.exit(1))
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
} catch (error) {
  if (error instanceof StartupError) fail(error.message)
  fail((error as Error).message.split('\n')[0] ?? 'unknown error')
}

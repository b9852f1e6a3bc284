// `npm run sandbox` (and `npm start` with no Slack variable set, see src/start.ts): the app against
// a local Slack, in the browser. One line on stderr says where; stdout keeps the app's JSON logs
// (warnings and worse unless LOG_LEVEL says otherwise).
import { readEnvironment } from '../config.ts'
import { defaultSandboxFile, startSandbox, type RunningSandbox } from './sandbox.ts'

const environment = readEnvironment()
const port = /^\d{1,5}$/.test(environment.PORT?.trim() ?? '') ? Number(environment.PORT) : 3000
const logLevel = environment.LOG_LEVEL?.trim() || 'warn'
const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
if (!(levels as readonly string[]).includes(logLevel)) {
  process.stderr.write(`Campaign Desk sandbox cannot start: LOG_LEVEL is not a log level — one of ${levels.join(', ')}\n`)
  process.exit(1)
}

let sandbox: RunningSandbox | null = null
let stopping = false
const shutdown = () => {
  if (stopping) return
  stopping = true
  if (!sandbox) process.exit(0)
  sandbox.stop().then(() => process.exit(0), () => process.exit(1))
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)

try {
  sandbox = await startSandbox({ port, databaseFile: defaultSandboxFile, logLevel: logLevel as (typeof levels)[number] })
  process.stderr.write(`Campaign Desk sandbox: open ${sandbox.url} — the app with a local Slack, no workspace needed (data in ${defaultSandboxFile}, fresh at each start; set the Slack variables to connect to Slack)\n`)
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  const why = code === 'EADDRINUSE' ? `PORT ${port} is already in use by another program — stop it, or set PORT to a free port` : (error as Error).message.split('\n')[0]
  process.stderr.write(`Campaign Desk sandbox cannot start: ${why}\n`)
  process.exit(1)
}

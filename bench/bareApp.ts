// A bare Bolt HTTP app as its own process: the idle-memory baseline for Campaign Desk (bench/rss.ts).
// Same env as the app (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT), same receiver.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { App, HTTPReceiver, LogLevel } from '@slack/bolt'

const env = process.env
const signingSecret = env.SLACK_SIGNING_SECRET ?? ''
const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events' })
const app = new App({
  token: env.SLACK_BOT_TOKEN ?? '',
  signingSecret,
  receiver,
  tokenVerificationEnabled: false,
  logLevel: LogLevel.WARN,
  clientOptions: { ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}), retryConfig: { retries: 0 } },
})
app.command('/campaign', async ({ ack }) => { await ack() })

const server = (await receiver.start(Number(env.PORT ?? 3000))) as Server
process.stdout.write(`Bare Bolt: HTTP mode on port ${(server.address() as AddressInfo).port}\n`)
const shutdown = () => { app.stop().then(() => process.exit(0), () => process.exit(1)) }
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)

// The idle-memory baseline: a bare Bolt HTTP app in 9 lines, run by plain node (bench/rss.ts).
import bolt from '@slack/bolt'
const env = process.env
const receiver = new bolt.HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET, endpoints: '/slack/events' })
const app = new bolt.App({ token: env.SLACK_BOT_TOKEN, receiver, tokenVerificationEnabled: false, clientOptions: { slackApiUrl: env.SLACK_API_URL } })
app.command('/campaign', async ({ ack }) => { await ack() })
const server = await receiver.start(Number(env.PORT ?? 3000))
process.stdout.write(`Bare Bolt: HTTP mode on port ${server.address().port}\n`)
process.on('SIGTERM', () => app.stop().then(() => process.exit(0)))

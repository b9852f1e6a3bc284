// The latency baseline: a bare Bolt app on the same HTTP receiver that does only the unavoidable
// part of each flow the bench times. `/campaign new` acks and opens the SAME modal; a proposal
// submission acks, does ONE better-sqlite3 INSERT (WAL, a file of its own) and posts a card of the
// same shape as the app's. Run by plain node, as the app's production start is: the modal and the
// card come from the production build the bench made (BARE_DIST, its dist/).
// Environment: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT, BARE_DIST, BARE_DB,
// BARE_BOT_ID and BARE_BOT_USER_ID (Bolt 5.1 with tokenVerificationEnabled: false would otherwise
// call auth.test on every request; the app asks once at start-up, so the baseline is told too).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import bolt from '@slack/bolt'
import Database from 'better-sqlite3'

const env = process.env
const fromBuild = (file) => import(pathToFileURL(path.join(env.BARE_DIST, file)).href)
const [{ messagesFor }, { proposalCard }, { proposalBlockIds, proposalModal }] = await Promise.all([
  fromBuild('i18n/catalogue.js'), fromBuild('slack/proposal/message.js'), fromBuild('slack/proposal/modal.js'),
])
const db = new Database(env.BARE_DB)
db.pragma('journal_mode = WAL')
db.exec(`CREATE TABLE IF NOT EXISTS proposal (
  id INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT NOT NULL, view_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL, channel_id TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL)`)
const insert = db.prepare('INSERT INTO proposal (team_id, view_id, name, channel_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)')
const en = messagesFor('en')

const receiver = new bolt.HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET, endpoints: '/slack/events' })
const app = new bolt.App({
  token: env.SLACK_BOT_TOKEN, receiver, tokenVerificationEnabled: false, botId: env.BARE_BOT_ID, botUserId: env.BARE_BOT_USER_ID,
  logLevel: bolt.LogLevel.ERROR, clientOptions: { slackApiUrl: env.SLACK_API_URL, retryConfig: { retries: 0 } },
})

app.command('/campaign', async ({ command, ack, client }) => {
  await ack()
  await client.views.open({ trigger_id: command.trigger_id, view: proposalModal(en, { mode: 'new' }, { ownerId: command.user_id }) })
})

app.view('campaign_proposal', async ({ ack, body, view, client }) => {
  await ack()
  const values = view.state.values
  const v = (id) => values[id]?.value
  const b = proposalBlockIds
  const teamId = body.team?.id ?? ''
  const name = v(b.name)?.value ?? ''
  const channelId = v(b.channelId)?.selected_conversation ?? ''
  const now = new Date()
  const { lastInsertRowid } = insert.run(teamId, view.id, name, channelId, JSON.stringify(values), now.toISOString())
  const campaign = {
    id: Number(lastInsertRowid), teamId, name, stage: 'proposed', kind: 'own_site', platform: null, platformOther: null,
    timingNode: 'sales_peak', timingNote: null, startDate: v(b.startDate)?.selected_date ?? '', endDate: v(b.endDate)?.selected_date ?? '',
    channelId, ownerId: v(b.ownerId)?.selected_user ?? '', approverId: v(b.approverId)?.selected_user ?? '', createdById: body.user.id,
    version: 0, createdAt: now, pausedAt: null,
    proposal: { theme: v(b.theme)?.value ?? '', basicContent: v(b.basicContent)?.value ?? '', revision: 1, decision: null, decidedById: null, decidedAt: null, sendBackReason: null },
  }
  await client.chat.postMessage({ channel: channelId, ...proposalCard(campaign, en) })
})

const server = await receiver.start(Number(env.PORT ?? 3000))
process.stdout.write(`Bare Bolt: HTTP mode on port ${server.address().port}\n`)
process.on('SIGTERM', () => app.stop().then(() => { db.close(); process.exit(0) }))

// The baseline: a bare Bolt app over the same HTTPReceiver, doing only the unavoidable part of each
// flow — `/campaign new` acks and opens the SAME modal; a proposal submission acks, does ONE
// better-sqlite3 INSERT (WAL, temp file) and posts a card of the same shape as the app's.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { App, HTTPReceiver, LogLevel } from '@slack/bolt'
import Database from 'better-sqlite3'
import type { Campaign } from '../src/domain/campaign.ts'
import { messagesFor } from '../src/i18n/catalogue.ts'
import { proposalCard } from '../src/slack/proposal/message.ts'
import { proposalBlockIds, proposalModal } from '../src/slack/proposal/modal.ts'

export type RunningBare = { url: string; stop(): Promise<void> }

type Values = Record<string, Record<string, { value?: string | null; selected_date?: string; selected_user?: string; selected_conversation?: string }>>

export async function startBareBolt(opts: {
  token: string; signingSecret: string; apiUrl: string; bot: { botId: string; botUserId: string }
}): Promise<RunningBare> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-bare-'))
  const db = new Database(path.join(dir, 'scratch.db'))
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE proposal (
    id INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT NOT NULL, view_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL, channel_id TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL)`)
  const insert = db.prepare('INSERT INTO proposal (team_id, view_id, name, channel_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)')
  const en = messagesFor('en')

  const receiver = new HTTPReceiver({ signingSecret: opts.signingSecret, endpoints: '/slack/events' })
  const app = new App({
    token: opts.token,
    signingSecret: opts.signingSecret,
    receiver,
    tokenVerificationEnabled: false,
    // Without these, Bolt 5.1 (tokenVerificationEnabled: false) calls auth.test on EVERY request
    // (singleAuthorization overwrites its "cache" on each call). The app passes them (it asks once at
    // start-up), so the baseline does too; otherwise the baseline pays an extra Slack round trip.
    botId: opts.bot.botId,
    botUserId: opts.bot.botUserId,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: opts.apiUrl, retryConfig: { retries: 0 } },
  })

  app.command('/campaign', async ({ command, ack, client }) => {
    await ack()
    await client.views.open({ trigger_id: command.trigger_id, view: proposalModal(en, { mode: 'new' }, { ownerId: command.user_id }) })
  })

  app.view('campaign_proposal', async ({ ack, body, view, client }) => {
    await ack()
    const values = view.state.values as Values
    const v = (id: string) => values[id]?.value
    const b = proposalBlockIds
    const teamId = body.team?.id ?? ''
    const name = v(b.name)?.value ?? ''
    const channelId = v(b.channelId)?.selected_conversation ?? ''
    const now = new Date()
    const { lastInsertRowid } = insert.run(teamId, view.id, name, channelId, JSON.stringify(values), now.toISOString())
    const campaign: Campaign = {
      id: Number(lastInsertRowid), teamId, name, stage: 'proposed', kind: 'own_site', platform: null, platformOther: null,
      timingNode: 'sales_peak', timingNote: null, startDate: v(b.startDate)?.selected_date ?? '', endDate: v(b.endDate)?.selected_date ?? '',
      channelId, ownerId: v(b.ownerId)?.selected_user ?? '', approverId: v(b.approverId)?.selected_user ?? '', createdById: body.user.id,
      version: 0, createdAt: now,
      proposal: {
        theme: v(b.theme)?.value ?? '', basicContent: v(b.basicContent)?.value ?? '', revision: 1,
        decision: null, decidedById: null, decidedAt: null, sendBackReason: null,
      },
    }
    await client.chat.postMessage({ channel: channelId, ...proposalCard(campaign, en) })
  })

  const server = (await receiver.start(0)) as Server
  const port = (server.address() as AddressInfo).port
  let stopped: Promise<void> | null = null
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: () => (stopped ??= (async () => {
      await app.stop()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })()),
  }
}

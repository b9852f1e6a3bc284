// `npm run load`: many installed workspaces using the app at once, for a set number of minutes,
// over HTTP at the local stand-in for Slack (src/sandbox/localSlack.ts), with the scheduler and the
// dispatcher running. The app runs as real processes in many-workspace mode (OAuth install): one on
// SQLite, then two on one PostgreSQL. Each workspace is installed through /slack/install and
// /slack/oauth_redirect first; then workers send slash commands, open and submit proposals, and
// click Approve on the cards the app posted, each as a person of a random workspace.
//
// It prints, per database: requests per second held, acknowledgement p50 / p99 (the time to the
// HTTP answer; Slack gives up at 3 s) overall and by kind, errors, outbox lag (a post's creation to
// Slack's acceptance, p50 / p99, and what was still waiting at the end) and each instance's RSS.
//
//   LOAD_MINUTES=1 LOAD_WORKSPACES=20 LOAD_CONCURRENCY=16 LOAD_DATABASES=sqlite,postgresql npm run load
//
// PostgreSQL: TEST_DATABASE_URL, else a throwaway server from /usr/lib/postgresql/*/bin (as the tests).
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { proposalBlockIds } from '../src/slack/proposal/modal.ts'
import { startLocalSlack, type LocalSlack } from '../src/sandbox/localSlack.ts'
import { AppClient, conversationPicked, datePicked, optionPicked, plainText, userPicked } from '../src/sandbox/slackRequests.ts'
import { startTestPostgres } from '../test/support/postgres.ts'
import { freePort } from './processes.ts'
import { summarize } from './stats.ts'

const minutes = Number(process.env.LOAD_MINUTES ?? 1)
const workspaceCount = Number(process.env.LOAD_WORKSPACES ?? 20)
const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 16)
const databases = (process.env.LOAD_DATABASES ?? 'sqlite,postgresql').split(',').map((d) => d.trim()).filter(Boolean)
const root = path.resolve(import.meta.dirname, '..')
const signingSecret = 'load-signing-secret-0123456789'
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const oauth = { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'load-client-secret-0123', SLACK_STATE_SECRET: 'load-state-secret-0123456789' }

type Instance = { process: ChildProcess; port: number; client: AppClient; base: string }
type Workspace = { teamId: string; owner: string; approver: string; channel: string }
type Sample = { kind: string; ms: number; ok: boolean }

async function startInstance(slack: LocalSlack, databaseUrl: string, key: string): Promise<Instance> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'src', 'main.ts')], {
    cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'cd-load-')),
    env: {
      PATH: process.env.PATH ?? '', HOME: os.homedir(), TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
      ...oauth, TOKEN_ENCRYPTION_KEY: key, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl,
      PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  for (const deadline = Date.now() + 120_000; !/ready: /.test(stderr);) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the app did not start:\n${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const base = `http://127.0.0.1:${port}`
  return { process: child, port, base, client: new AppClient({ baseUrl: `${base}/slack/events`, signingSecret, slack }) }
}

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 }
}

/** Installs the workspace as a browser does: the install page, Slack's Allow, the redirect. */
async function install(instance: Instance, slack: LocalSlack, workspace: Workspace): Promise<void> {
  slack.enableOAuth({ clientId: oauth.SLACK_CLIENT_ID, clientSecret: oauth.SLACK_CLIENT_SECRET, redirectUrl: `${instance.base}/slack/oauth_redirect` })
  const page = await fetch(`${instance.base}/slack/install`)
  const href = /<a href="([^"]+)"/.exec(await page.text())![1]!.replace(/&amp;/g, '&')
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!
  const authorize = new URL(href)
  authorize.searchParams.set('team', workspace.teamId)
  authorize.searchParams.set('user', workspace.owner)
  const back = await fetch(authorize, { redirect: 'manual' })
  const done = await fetch(back.headers.get('location')!, { headers: { cookie } })
  if (done.status !== 200) throw new Error(`install of ${workspace.teamId} answered ${done.status}`)
}

function proposalValues(w: Workspace, name: string) {
  const b = proposalBlockIds
  return {
    [b.name]: { value: plainText(name) }, [b.theme]: { value: plainText('Winter warm-up') },
    [b.basicContent]: { value: plainText('Every order over 200 gets a free scarf. Members get early access.') },
    [b.kind]: { value: { type: 'radio_buttons', selected_option: { value: 'own_site' } } },
    [b.platform]: { value: { type: 'static_select', selected_option: null } }, [b.platformOther]: { value: plainText(null) },
    [b.timingNode]: { value: optionPicked('sales_peak') }, [b.timingNote]: { value: plainText(null) },
    [b.startDate]: { value: datePicked(isoDay(20)) }, [b.endDate]: { value: datePicked(isoDay(34)) },
    [b.channelId]: { value: conversationPicked(w.channel) }, [b.ownerId]: { value: userPicked(w.owner) }, [b.approverId]: { value: userPicked(w.approver) },
  }
}

const isoDay = (fromToday: number) => new Date(Date.now() + fromToday * 86_400_000).toISOString().slice(0, 10)

async function run(database: 'sqlite' | 'postgresql'): Promise<void> {
  const slack = await startLocalSlack({ teamId: 'T0' })
  const workspaces: Workspace[] = Array.from({ length: workspaceCount }, (_, i) => {
    const teamId = `T${100 + i}`
    const w = { teamId, owner: `U${100 + i}1`, approver: `U${100 + i}2`, channel: `C${100 + i}1` }
    slack.addWorkspace({ teamId, teamName: `Client ${i + 1}` })
    slack.addUser({ id: w.owner, teamId, name: `owner-${i}`, tz: 'UTC' })
    slack.addUser({ id: w.approver, teamId, name: `approver-${i}`, tz: 'UTC' })
    slack.addChannel({ id: w.channel, name: `campaigns-${i}`, teamId, members: [w.owner, w.approver, slack.botUserId] })
    return w
  })
  let postgres: Awaited<ReturnType<typeof startTestPostgres>> = null
  let databaseUrl: string
  if (database === 'sqlite') {
    databaseUrl = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cd-load-db-')), 'load.db')}`
  } else {
    postgres = await startTestPostgres()
    if (!postgres) throw new Error('no PostgreSQL: set TEST_DATABASE_URL or install postgresql')
    const admin = new pg.Client({ connectionString: postgres.adminUrl })
    await admin.connect()
    const name = `cd_load_${randomBytes(4).toString('hex')}`
    await admin.query(`CREATE DATABASE "${name}"`)
    await admin.end()
    const url = new URL(postgres.adminUrl)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
  }
  const key = randomBytes(32).toString('base64')
  const instances: Instance[] = [await startInstance(slack, databaseUrl, key)]
  if (database === 'postgresql') instances.push(await startInstance(slack, databaseUrl, key))
  try {
    for (const w of workspaces) await install(instances[0]!, slack, w)
    const samples: Sample[] = []
    const startedAt = Date.now()
    const deadline = startedAt + minutes * 60_000
    let serial = 0
    const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!

    async function timed(kind: string, work: () => Promise<{ status: number; body: any }>): Promise<{ status: number; body: any } | null> {
      const t0 = performance.now()
      try {
        const answer = await work()
        samples.push({ kind, ms: performance.now() - t0, ok: answer.status === 200 })
        return answer
      } catch {
        samples.push({ kind, ms: performance.now() - t0, ok: false })
        return null
      }
    }

    async function worker(): Promise<void> {
      while (Date.now() < deadline) {
        const w = pick(workspaces)
        const app = pick(instances).client
        const roll = Math.random()
        if (roll < 0.35) {
          await timed('command', () => app.slashCommand({ teamId: w.teamId, userId: pick([w.owner, w.approver]), channelId: w.channel, text: pick(['help', 'list', 'mine']) }))
        } else if (roll < 0.7) {
          // /campaign new, then the proposal submitted in the modal Slack opened.
          const since = slack.calls.length
          const triggerId = slack.newTriggerId()
          const opened = await timed('command', () => app.slashCommand({ teamId: w.teamId, userId: w.owner, channelId: w.channel, text: 'new', triggerId }))
          if (!opened) continue
          const view = await slack.waitFor('views.open', (c) => c.args.trigger_id === triggerId && c.result?.ok === true, { since, timeoutMs: 5_000 }).catch(() => null)
          if (!view) { samples.push({ kind: 'view_submission', ms: 0, ok: false }); continue }
          await timed('view_submission', () => app.viewSubmission({ teamId: w.teamId, userId: w.owner, view: view.result.view, values: proposalValues(w, `Load ${process.pid}-${++serial}`) }))
        } else {
          // Approve a card of the workspace still waiting for a decision.
          const card = [...slack.messagesIn(w.channel)].reverse().find((m) => JSON.stringify(m.blocks ?? '').includes('proposal_approve'))
          const button = (card?.blocks as any[] | undefined)?.find((b) => b.type === 'actions')?.elements?.find((e: any) => e.action_id === 'proposal_approve')
          if (!card || !button) continue
          await timed('block_actions', () => app.blockAction({ teamId: w.teamId, userId: w.approver, actionId: button.action_id, value: button.value, channelId: w.channel, message: { ts: card.ts, channel: w.channel } }))
        }
      }
    }
    await Promise.all(Array.from({ length: concurrency }, () => worker()))
    const elapsedS = (Date.now() - startedAt) / 1000
    // Let the outbox drain (30 s at most), then read the lag from the database.
    const lag = await outboxLag(database, databaseUrl, 30_000)
    const memory = instances.map((instance) => rssMiB(instance.process.pid!))
    report(database, instances.length, samples, elapsedS, lag, memory)
  } finally {
    for (const instance of instances) instance.process.kill('SIGTERM')
    await Promise.all(instances.map((instance) => new Promise((resolve) => (instance.process.exitCode !== null ? resolve(null) : instance.process.once('exit', resolve)))))
    await slack.close()
    await postgres?.stop()
  }
}

/** Creation → sent, for every post, once none is waiting (or `waitMs` passed). */
async function outboxLag(database: string, url: string, waitMs: number): Promise<{ p50: number; p99: number; sent: number; waiting: number }> {
  type Row = { createdAt: number; sentAt: number | null; status: string }
  // SQLite keeps Prisma's DateTime as milliseconds or as text, PostgreSQL as a timestamp.
  const ms = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : new Date(String(value)).getTime())
  const read = async (): Promise<Row[]> => {
    if (database === 'sqlite') {
      const { default: Sqlite } = await import('better-sqlite3')
      const db = new Sqlite(url.slice('file:'.length), { readonly: true })
      try {
        return (db.prepare('SELECT "createdAt", "sentAt", "status" FROM "OutboxMessage"').all() as Array<Record<string, unknown>>)
          .map((r) => ({ createdAt: ms(r.createdAt), sentAt: r.sentAt == null ? null : ms(r.sentAt), status: String(r.status) }))
      } finally {
        db.close()
      }
    }
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query('SELECT "createdAt", "sentAt", "status" FROM "OutboxMessage"')
      return rows.map((r) => ({ createdAt: ms(r.createdAt), sentAt: r.sentAt == null ? null : ms(r.sentAt), status: String(r.status) }))
    } finally {
      await client.end()
    }
  }
  let rows = await read()
  for (const deadline = Date.now() + waitMs; rows.some((r) => r.status === 'pending') && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    rows = await read()
  }
  const lags = summarize(rows.filter((r) => r.sentAt !== null).map((r) => r.sentAt! - r.createdAt))
  return { p50: lags.median, p99: lags.p99, sent: lags.n, waiting: rows.filter((r) => r.status === 'pending').length }
}

function report(database: string, instanceCount: number, samples: Sample[], seconds: number, lag: Awaited<ReturnType<typeof outboxLag>>, memory: Array<{ rss: number; peak: number }>): void {
  const all = summarize(samples.map((s) => s.ms))
  const errors = samples.filter((s) => !s.ok).length
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(26)} ${value}`)
  console.log(`\n${database}, ${instanceCount} instance${instanceCount > 1 ? 's' : ''}, ${workspaceCount} workspaces, ${concurrency} at once, ${minutes} min`)
  line('requests per second', `${(samples.length / seconds).toFixed(1)} (${samples.length} in ${seconds.toFixed(0)} s)`)
  line('ack p50 / p99', `${all.median.toFixed(0)} ms / ${all.p99.toFixed(0)} ms (max ${all.max.toFixed(0)} ms; Slack's wall: 3000 ms)`)
  for (const kind of [...new Set(samples.map((s) => s.kind))].sort()) {
    const of = summarize(samples.filter((s) => s.kind === kind).map((s) => s.ms))
    line(`  ${kind}`, `${of.n} · p50 ${of.median.toFixed(0)} ms · p99 ${of.p99.toFixed(0)} ms`)
  }
  line('errors', `${errors} (${((errors / Math.max(1, samples.length)) * 100).toFixed(2)} %)`)
  line('outbox lag p50 / p99', `${lag.p50.toFixed(0)} ms / ${lag.p99.toFixed(0)} ms over ${lag.sent} posts; ${lag.waiting} still waiting`)
  line('RSS (now / peak)', memory.map((m) => `${m.rss.toFixed(0)} / ${m.peak.toFixed(0)} MiB`).join(', '))
}

console.log(`Campaign Desk load: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`)
for (const database of databases) await run(database as 'sqlite' | 'postgresql')

// Campaign Desk bench: what the app costs beside a bare Bolt app doing the same job, measured in one
// run on one machine and printed as ratios, each figure with the conditions it was measured under
// (the load average then, Node, the database). It only reports: no figure fails the run.
//
//   1. idle RSS after 60 s: node dist/main.js on SQLite and on PostgreSQL, npm start (tsx), and a
//      bare Bolt app in 9 lines under plain node (bench/bareApp.mjs), all started at once (rss.ts);
//      meanwhile the in-process figures (Gantt, App Home, calendar, ideas board, retrospective);
//   2. per database, Campaign Desk as deployed (node dist/main.js, its own process) beside a bare Bolt
//      app doing the unavoidable part of the same flows (bench/bareJob.mjs, plain node, its own
//      process): `/campaign new` → views.open and submit → stored → posted, the first request after
//      start against the hundredth, then BENCH_N (default 1000) of each in alternating blocks;
//   3. the outbox delivering 1,000 posts, and one scheduler pass over 100 live campaigns.
// `npm run bench -- --long` adds the scheduler pass over 10,000 campaigns (minutes of seeding).
// `npm run bench -- --latency` runs only part 2 (about a minute): for repeating the latency figures.
// `npm run bench -- --first=7` measures only the first request after start against the hundredth, over 7
// starts of each program, and prints medians: one start's first request is a single sample.
// BENCH_APP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' gives the app's process node options (a profile, say).
// BENCH_BUILD=<dir> measures the build in <dir>/dist (an older version, say) instead of this one's
// (the in-process figures are still this checkout's).
// The default run takes about two and a half minutes on two cores. Raw figures go to
// bench/results/latest.json (git-ignored).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { startFakeSlack, type FakeSlack } from '../test/support/fakeSlack.ts'
import { startTestPostgres } from '../test/support/postgres.ts'
import { benchCalendar } from './calendar.ts'
import { benchDelivery } from './delivery.ts'
import { benchGantt } from './gantt.ts'
import { benchHome } from './home.ts'
import { benchIdeaBoard } from './ideas.ts'
import { benchLiveTick, liveTickReport } from './liveTick.ts'
import { benchMetricImport } from './metricImport.ts'
import { benchPortfolio } from './portfolio.ts'
import { tapFake, type Mark, type Probe } from './probe.ts'
import { appReady, bareReady, buildProduction, freePort, medianOf, programEnv, startProgram, type Running } from './processes.ts'
import { proposalState, send, slashCommand, viewSubmission } from './requests.ts'
import { benchRetroReport } from './retroReport.ts'
import { idleLabels, startIdleSet, type IdleFigure } from './rss.ts'
import { conditions, ratio, summarize, type Summary } from './stats.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const LONG = process.argv.includes('--long') || process.env.BENCH_LONG === '1'
const LATENCY_ONLY = process.argv.includes('--latency')
/** `--first=K`: only the first request after start against the hundredth, over K starts of each program (medians). */
const FIRST_RUNS = Number.parseInt(process.argv.find((a) => a.startsWith('--first='))?.slice('--first='.length) ?? '0', 10)
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean)
const N = Number.parseInt(process.env.BENCH_N ?? '1000', 10)
if (!Number.isInteger(N) || N < 1) throw new Error(`BENCH_N must be a positive integer (got ${process.env.BENCH_N})`)
const IDLE_MS = 60_000
/** Requests of each flow after the first, before measuring: the hundredth is among them. */
const WARMUP = 110
const BLOCK = 100 // measured requests per system before switching to the other
const GAP_MS = 1 // idle between requests, so the previous one's tail work is done (one in flight)

const botToken = 'xoxb-bench-token'
const signingSecret = 'bench-signing-secret-0123456789'
const people = { submitter: 'U1', owner: 'U2', approver: 'U3' }
const channelId = 'C1'

type Sut = 'app' | 'bare'
/** Every measured request of this run (with the Slack calls each caused, timed), for bench/results/latency-samples.json. */
const rawSamples: Array<{ database: string; command: Record<Sut, Sample[]>; submit: Record<Sut, Sample[]> }> = []
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const startedAt = performance.now()

// ---- a progress line while it runs (rewritten in place on a terminal) ----
const onTerminal = process.stderr.isTTY === true
let lastProgress = ''
function progress(what: string, final = false): void {
  const line = `  [${((performance.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${what}`
  if (onTerminal) process.stderr.write(`\r\x1b[2K${line}${final ? '\n' : ''}`)
  else if (final || what.split(':')[0] !== lastProgress.split(':')[0]) process.stderr.write(`${line}\n`)
  lastProgress = what
}

/** Drops what the fake remembers between requests (outside the timed part), so it does not grow. */
function forget(fake: FakeSlack, probe: Probe): void {
  fake.reset()
  fake.views.clear()
  fake.messages.length = 0
  fake.ephemerals.length = 0
  probe.clear()
}

function assertAcked(res: { status: number; text: string }, what: string): void {
  // Both flows must ack with an empty 200: anything else (field errors, a "saved, not posted" modal) is a broken run.
  if (res.status !== 200 || res.text !== '') throw new Error(`bench: ${what} answered ${res.status} ${res.text.slice(0, 300)}`)
}

/** `calls`: the tapped Slack calls that reached the fake meanwhile, `at` in ms after the request was sent. */
type Sample = { total: number; ack: number; calls: Mark[] }
type Flow = (url: string, sut: Sut) => Promise<Sample>

/** A date `days` after today (UTC), as the date pickers send it: the app checks proposals against its real clock. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** One `/campaign new`: POSTed → acked → views.open for its trigger reaches the fake. */
function commandFlow(fake: FakeSlack, probe: Probe): Flow {
  return async (url) => {
    forget(fake, probe)
    const triggerId = fake.newTriggerId()
    const request = slashCommand(signingSecret, { userId: people.submitter, channelId, text: 'new', triggerId, responseUrl: fake.newResponseUrl() })
    const opened = probe.next('views.open', (a) => a.trigger_id === triggerId)
    const t0 = performance.now()
    const res = await send(url, request)
    const acked = performance.now()
    const doneAt = await opened
    assertAcked(res, '/campaign new')
    await sleep(GAP_MS)
    return { total: doneAt - t0, ack: acked - t0, calls: probe.marks.map((m) => ({ method: m.method, at: m.at - t0 })) }
  }
}

/** One proposal (a unique name, a fresh view id): POSTed → its card reaches chat.postMessage, and acked. */
function submitFlow(fake: FakeSlack, probe: Probe, run: string): Flow {
  const counters: Record<Sut, number> = { app: 0, bare: 0 }
  const startDate = dayFromNow(10)
  const endDate = dayFromNow(20)
  return async (url, sut) => {
    forget(fake, probe)
    const i = counters[sut]++
    const name = `Bench ${run} ${sut} ${i}`
    const values = proposalState({ name, channelId, ownerId: people.owner, approverId: people.approver, startDate, endDate })
    const request = viewSubmission(signingSecret, { userId: people.submitter, viewId: `V${run}${sut}${i}`, triggerId: fake.newTriggerId(), values })
    const posted = probe.next('chat.postMessage', (a) => a.channel === channelId && String(a.text).endsWith(`: ${name}`))
    const t0 = performance.now()
    const res = await send(url, request)
    const acked = performance.now()
    const doneAt = await posted
    assertAcked(res, `submission of ${name}`)
    await sleep(GAP_MS)
    return { total: doneAt - t0, ack: acked - t0, calls: probe.marks.map((m) => ({ method: m.method, at: m.at - t0 })) }
  }
}

/**
 * N measured requests per system, in alternating blocks (bare, app, app, bare, bare, app…), so
 * neither side profits from running second or suffers from drift. One request in flight at any time.
 */
async function measure(flow: Flow, targets: Record<Sut, string>, what: string): Promise<Record<Sut, Sample[]>> {
  const samples: Record<Sut, Sample[]> = { app: [], bare: [] }
  if (FIRST_RUNS > 0) return samples
  for (let block = 0; samples.app.length < N || samples.bare.length < N; block++) {
    const order: Sut[] = block % 2 === 0 ? ['bare', 'app'] : ['app', 'bare']
    for (const sut of order) {
      for (let j = 0; j < BLOCK && samples[sut].length < N; j++) samples[sut].push(await flow(targets[sut], sut))
    }
    progress(`${what}: ${samples.app.length + samples.bare.length} of ${2 * N}`)
  }
  return samples
}

/** The first request after start, then WARMUP more; returns the first and the hundredth (the median of the 91st–110th). */
async function firstAndHundredth(flow: Flow, url: string, sut: Sut): Promise<{ first: number; hundredth: number }> {
  const first = (await flow(url, sut)).total
  const later: number[] = []
  for (let i = 2; i <= WARMUP; i++) later.push((await flow(url, sut)).total)
  return { first, hundredth: medianOf(later.slice(89, 109)) }
}

type Latency = {
  database: 'SQLite' | 'PostgreSQL'
  command: Record<Sut, Summary>; submit: Record<Sut, Summary>
  commandAck: Record<Sut, Summary>; submitAck: Record<Sut, Summary>
  first: { command: Record<Sut, { first: number; hundredth: number }>; submit: Record<Sut, { first: number; hundredth: number }> }
  calls: { command: Record<Sut, string>; submit: Record<Sut, string> }
  conditions: string
  startMs: Record<Sut, number>
}

/** The Slack calls one request causes (the most common list), e.g. 'conversations.info, chat.postMessage ×2'. */
function typicalCalls(samples: Sample[]): string {
  const calls = samples.map((x) => x.calls.map((m) => m.method))
  const counts = new Map<string, number>()
  for (const list of calls) { const key = list.join(','); counts.set(key, (counts.get(key) ?? 0) + 1) }
  const [key, seen] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  const methods = key === '' ? [] : key.split(',')
  const tally = [...new Set(methods)].map((m) => { const k = methods.filter((x) => x === m).length; return k > 1 ? `${m} ×${k}` : m })
  return `${tally.join(', ') || 'none'}${seen < calls.length ? ` (in ${seen} of ${calls.length})` : ''}`
}

/**
 * Warms this side (the HTTP client, the fake Slack's handlers) before any first request is timed:
 * otherwise the first request of whichever system goes first pays for the bench's own cold code.
 * A scratch bare app takes both flows, and the fake answers the look-ups the app makes.
 */
async function warmThisSide(opts: { dist: string; tmp: string; fake: FakeSlack; probe: Probe }): Promise<void> {
  const port = await freePort()
  const cwd = fs.mkdtempSync(path.join(opts.tmp, 'warm-'))
  const scratch = await startProgram({
    label: 'bare Bolt (warming the bench)', args: [path.join(repoRoot, 'bench', 'bareJob.mjs')], cwd,
    env: programEnv({ apiUrl: opts.fake.apiUrl, botToken, signingSecret, port, extra: { BARE_DIST: opts.dist, BARE_DB: path.join(cwd, 'bare.db'), BARE_BOT_ID: opts.fake.botId, BARE_BOT_USER_ID: opts.fake.botUserId } }),
    port, ready: bareReady,
  })
  try {
    const url = `http://127.0.0.1:${port}/slack/events`
    const command = commandFlow(opts.fake, opts.probe)
    const submit = submitFlow(opts.fake, opts.probe, 'w')
    const { WebClient } = await import('@slack/web-api')
    const client = new WebClient(botToken, { slackApiUrl: opts.fake.apiUrl, retryConfig: { retries: 0 } })
    for (let i = 0; i < 60; i++) {
      await command(url, 'bare')
      await submit(url, 'bare')
      await client.users.info({ user: people.owner, include_locale: true })
      await client.conversations.info({ channel: channelId })
      await client.conversations.open({ users: people.approver })
    }
    opts.fake.reset()
  } finally {
    await scratch.stop()
  }
}

/** Campaign Desk (node dist/main.js) and the bare job (plain node), each its own process, on one database. */
async function latency(opts: {
  database: Latency['database']; databaseUrl: string; main: string; dist: string; tmp: string; fake: FakeSlack; probe: Probe
}): Promise<Latency> {
  const { fake, probe } = opts
  const appPort = await freePort()
  const barePort = await freePort()
  const env = (port: number, extra: Record<string, string>) => programEnv({ apiUrl: fake.apiUrl, botToken, signingSecret, port, extra })
  const cwd = fs.mkdtempSync(path.join(opts.tmp, 'latency-'))
  progress(`${opts.database}: starting node dist/main.js and the bare Bolt app`)
  const running: Running[] = []
  try {
    running.push(await startProgram({ label: 'Campaign Desk', args: [...APP_NODE_ARGS, opts.main], cwd, env: env(appPort, { DATABASE_URL: opts.databaseUrl }), port: appPort, ready: appReady }))
    running.push(await startProgram({
      label: 'bare Bolt (bareJob.mjs)', args: [path.join(repoRoot, 'bench', 'bareJob.mjs')], cwd,
      env: env(barePort, { BARE_DIST: opts.dist, BARE_DB: path.join(cwd, 'bare.db'), BARE_BOT_ID: fake.botId, BARE_BOT_USER_ID: fake.botUserId }),
      port: barePort, ready: bareReady,
    }))
    const [app, bare] = running as [Running, Running]
    const targets: Record<Sut, string> = { app: `http://127.0.0.1:${app.port}/slack/events`, bare: `http://127.0.0.1:${bare.port}/slack/events` }
    const command = commandFlow(fake, probe)
    const submit = submitFlow(fake, probe, opts.database === 'SQLite' ? 's' : 'p')

    progress(`${opts.database}: the first request after start, then ${WARMUP - 1} more of each`)
    const first = {
      command: { app: await firstAndHundredth(command, targets.app, 'app'), bare: await firstAndHundredth(command, targets.bare, 'bare') },
      submit: { app: await firstAndHundredth(submit, targets.app, 'app'), bare: await firstAndHundredth(submit, targets.bare, 'bare') },
    }
    const when = conditions(opts.database)
    const commands = await measure(command, targets, `${opts.database}: /campaign new → views.open`)
    const submits = await measure(submit, targets, `${opts.database}: submit → posted`)
    rawSamples.push({ database: opts.database, command: commands, submit: submits })
    if (probe.refusals.length > 0) throw new Error(`bench: the fake Slack refused calls: ${probe.refusals.slice(0, 5).join(', ')}`)
    const both = (samples: Record<Sut, Sample[]>, pick: (x: Sample) => number) => ({ app: summarize(samples.app.map(pick)), bare: summarize(samples.bare.map(pick)) })
    return {
      database: opts.database,
      command: both(commands, (x) => x.total), submit: both(submits, (x) => x.total),
      commandAck: both(commands, (x) => x.ack), submitAck: both(submits, (x) => x.ack),
      first,
      calls: {
        command: { app: typicalCalls(commands.app), bare: typicalCalls(commands.bare) },
        submit: { app: typicalCalls(submits.app), bare: typicalCalls(submits.bare) },
      },
      conditions: `${when} (at the start) … ${conditions(opts.database).split(',')[0]} (at the end)`,
      startMs: { app: app.startMs, bare: bare.startMs },
    }
  } finally {
    for (const program of running) await program.stop()
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a')
const times = (x: number) => `${f(x)}×`

/** The latency figures of each database, as the report prints them. */
function latencyLines(latencies: Latency[]): string[] {
const lines: string[] = []
for (const l of latencies) {
    const row = (label: string, pair: Record<Sut, Summary>, target?: string) =>
      `  ${label.padEnd(30)} ${f(pair.app.median).padStart(7)} ${f(pair.app.p99).padStart(8)}   ${f(pair.bare.median).padStart(7)} ${f(pair.bare.p99).padStart(8)}   ` +
      `${times(ratio(pair.app.median, pair.bare.median)).padStart(7)} ${times(ratio(pair.app.p99, pair.bare.p99)).padStart(7)}${target ? `   ${target}` : ''}`
    const firstRow = (label: string, x: Record<Sut, { first: number; hundredth: number }>) =>
      `  ${label.padEnd(30)} app ${f(x.app.first, 1)} ms, the hundredth ${f(x.app.hundredth, 1)} ms: ${times(ratio(x.app.first, x.app.hundredth))}` +
      `   (bare ${f(x.bare.first, 1)} / ${f(x.bare.hundredth, 1)} ms: ${times(ratio(x.bare.first, x.bare.hundredth))})   target ≤ 1.5×`
    lines.push(
      '',
      `${l.database}: Campaign Desk as deployed (node dist/main.js) and the bare Bolt app (bench/bareJob.mjs, plain node, one SQLite INSERT), times in ms`,
      `  (n=${N} each after ${WARMUP} warm-up, one at a time, alternating blocks of ${BLOCK}; listening after ${f(l.startMs.app, 0)} ms and ${f(l.startMs.bare, 0)} ms; ${l.conditions})`,
      `  ${''.padEnd(30)} ${'median'.padStart(7)} ${'p99'.padStart(8)}   ${'bare'.padStart(7)} ${'p99'.padStart(8)}   ${'ratio'.padStart(7)} ${'p99'.padStart(7)}`,
      row('/campaign new → views.open', l.command),
      row('submit → stored → posted', l.submit, 'target p99 ≤ 2×'),
      row('  /campaign new → HTTP 200', l.commandAck),
      row('  submit → HTTP 200', l.submitAck),
      firstRow('first /campaign new', l.first.command),
      firstRow('first submission', l.first.submit),
      `  Slack calls per request: /campaign new app [${l.calls.command.app}], bare [${l.calls.command.bare}]; ` +
        `submit app [${l.calls.submit.app}], bare [${l.calls.submit.bare}]`,
    )
  }
  return lines
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-'))
  const cleanups: Array<() => Promise<void> | void> = [() => fs.rmSync(tmp, { recursive: true, force: true })]
  const lines: string[] = []
  try {
    const fake = await startFakeSlack({ botToken })
    cleanups.unshift(() => fake.close())
    fake.addUser({ id: people.submitter, name: 'ana' })
    fake.addUser({ id: people.owner, name: 'bo' })
    fake.addUser({ id: people.approver, name: 'chen' })
    fake.addChannel({ id: channelId, name: 'campaigns', members: [fake.botUserId, people.submitter, people.owner, people.approver] })
    const probe = tapFake(fake, ['views.open', 'chat.postMessage', 'conversations.info', 'conversations.open', 'users.info', 'auth.test', 'views.publish'])

    progress('starting a throwaway PostgreSQL')
    const postgres = await startTestPostgres({ ...process.env, CI: 'false' })
    if (postgres) cleanups.unshift(() => postgres.stop())
    // BENCH_BUILD=<a directory holding dist/>: measure that build (another version, say) instead of building this one.
    const given = process.env.BENCH_BUILD ? path.resolve(process.env.BENCH_BUILD) : null
    if (!given) progress('building the production start (npm run build)')
    const { main, dist } = given ? { main: path.join(given, 'dist', 'main.js'), dist: path.join(given, 'dist') } : buildProduction(repoRoot, path.join(tmp, 'build'))

    const measureLatencies = async (): Promise<Latency[]> => {
      progress('warming the bench\'s own side (client, fake Slack) on a scratch bare app')
      await warmThisSide({ dist, tmp, fake, probe })
      const latencies: Latency[] = []
      latencies.push(await latency({ database: 'SQLite', databaseUrl: `file:${path.join(tmp, 'latency.db')}`, main, dist, tmp, fake, probe }))
      if (postgres) {
        latencies.push(await latency({ database: 'PostgreSQL', databaseUrl: await createDatabase(postgres.adminUrl, 'cd_bench_latency'), main, dist, tmp, fake, probe }))
      }
      progress('latency measured', true)
      return latencies
    }
    if (FIRST_RUNS > 0) {
      progress('warming the bench\'s own side (client, fake Slack) on a scratch bare app')
      await warmThisSide({ dist, tmp, fake, probe })
      const lines: string[] = []
      for (const database of postgres ? ['SQLite', 'PostgreSQL'] as const : ['SQLite'] as const) {
        const runs: Latency['first'][] = []
        for (let run = 0; run < FIRST_RUNS; run++) {
          const databaseUrl = database === 'SQLite' ? `file:${path.join(tmp, `first-${run}.db`)}` : await createDatabase(postgres!.adminUrl, `cd_bench_first_${run}`)
          runs.push((await latency({ database, databaseUrl, main, dist, tmp, fake, probe })).first)
        }
        const medianFirst = (pick: (x: Latency['first']) => { first: number; hundredth: number }) => ({ first: medianOf(runs.map((x) => pick(x).first)), hundredth: medianOf(runs.map((x) => pick(x).hundredth)) })
        const row = (label: string, flow: 'command' | 'submit') => {
          const app = medianFirst((x) => x[flow].app)
          const bare = medianFirst((x) => x[flow].bare)
          return `  ${label.padEnd(22)} app ${f(app.first, 1)} / ${f(app.hundredth, 1)} ms: ${times(ratio(app.first, app.hundredth))}   (bare ${f(bare.first, 1)} / ${f(bare.hundredth, 1)} ms: ${times(ratio(bare.first, bare.hundredth))})   ` +
            `each start's app ratio: ${runs.map((x) => f(ratio(x[flow].app.first, x[flow].app.hundredth), 1)).join(' ')}`
        }
        lines.push(`${database}: the first request after start ÷ the hundredth, medians over ${FIRST_RUNS} starts   ${conditions(database)}`,
          row('first /campaign new', 'command'), row('first submission', 'submit'))
      }
      process.stdout.write([...lines, `  total bench time ${f((performance.now() - startedAt) / 1000, 1)} s`].join('\n') + '\n')
      return
    }
    if (LATENCY_ONLY) {
      process.stdout.write([...latencyLines(await measureLatencies()), `  total bench time ${f((performance.now() - startedAt) / 1000, 1)} s`].join('\n') + '\n')
      fs.mkdirSync(path.join(repoRoot, 'bench', 'results'), { recursive: true })
      fs.writeFileSync(path.join(repoRoot, 'bench', 'results', 'latency-samples.json'), JSON.stringify(rawSamples) + '\n')
      return
    }

    // ---- 1. idle memory, all programs at once; the in-process figures meanwhile ----
    progress('idle RSS: starting the bare Bolt app and Campaign Desk (SQLite, PostgreSQL, npm start)')
    const idleSet = await startIdleSet({
      repoRoot, tmp, main, withTsx: !given, apiUrl: fake.apiUrl, botToken, signingSecret,
      postgresUrl: postgres ? await createDatabase(postgres.adminUrl, 'cd_bench_idle') : null,
    })
    cleanups.unshift(() => idleSet.stop())
    const inProcess: Array<{ line: string }> = []
    const stage = async (what: string, run: () => Promise<string[]>) => {
      progress(`idle RSS, ${Math.max(0, Math.round((IDLE_MS - (performance.now() - idleSet.readyAt)) / 1000))} s to go; meanwhile: ${what}`)
      for (const line of await run()) inProcess.push({ line })
    }
    await stage('Gantt PNG', async () => {
      const g = await benchGantt()
      return [`  Gantt PNG, 60 tasks, Chinese names       median ${f(g.medianMs, 1)}  p99 ${f(g.p99Ms, 1)}   (${g.width}×${g.height} px, ${(g.bytes / 1024).toFixed(0)} KiB; n=50; target median ≤ 150)   ${conditions('no database')}`]
    })
    await stage('App Home', async () => {
      const h = await benchHome()
      return [`  App Home, 200 open tasks / 20 campaigns  median ${f(h.medianMs, 1)}  p99 ${f(h.p99Ms, 1)}   (n=${h.n}, ${h.blocks} blocks published; the app in this process)   ${conditions('SQLite')}`]
    })
    await stage('marketing calendar and ideas board', async () => {
      const c = await benchCalendar({ country: 'CN' })
      const i = await benchIdeaBoard()
      return [
        `  calendar, CN, 12 months                  median ${f(c.medianMs, 2)}  p99 ${f(c.p99Ms, 2)}   (${c.nodes} dates, ${c.blocks} blocks; the first, cold run ${f(c.firstMs, 0)})   ${conditions('no database')}`,
        `  /campaign ideas, 500 ideas → posted      median ${f(i.medianMs, 1)}  p99 ${f(i.p99Ms, 1)}   (n=${i.n}, ${i.blocks} blocks; the app in this process)   ${conditions('SQLite')}`,
      ]
    })
    await stage('retrospective report', async () => [...(await benchRetroReport()).lines, `    (${conditions('no database')})`])
    await stage('figures file import', async () => [...(await benchMetricImport()).lines, `    (${conditions('SQLite')})`])
    await stage('portfolio of 200 live campaigns', async () => {
      const p = await benchPortfolio()
      return [`  /campaign portfolio, 200 live campaigns   median ${f(p.renderMedianMs, 1)}  p99 ${f(p.renderP99Ms, 1)}   (read + Block Kit, n=${p.n}, ${p.blocks} blocks; target ≤ 300; the picture of the 24 most behind: median ${f(p.chartMedianMs, 0)})   ${conditions('SQLite')}`]
    })
    const idleLeft = IDLE_MS - (performance.now() - idleSet.readyAt)
    for (let left = idleLeft; left > 0; left -= 1000) {
      progress(`idle RSS: ${Math.ceil(left / 1000)} s to go`)
      await sleep(Math.min(1000, left))
    }
    const idle = idleSet.read()
    await idleSet.stop()
    progress('idle RSS read', true)

    // ---- 2. latency, per database ----
    const latencies = await measureLatencies()

    // ---- 3. delivery and the scheduler pass ----
    progress('outbox delivery: 1,000 posts over 100 channels against the fake\'s rate limits')
    const deliveryWhen = conditions('SQLite')
    const delivery = await benchDelivery({ quiet: true })
    progress(`scheduler pass over 100 live campaigns${LONG ? ' and 10,000 (--long)' : ''}`)
    const tickWhen = conditions('SQLite and PostgreSQL')
    const tick = await benchLiveTick({ campaigns: LONG ? [100, 10_000] : [100] })
    progress('done', true)

    // ---- report ----
    const bareRss = idle.figures.find((x) => x.program === 'bare')
    const rssRow = (x: IdleFigure) =>
      `  ${idleLabels[x.program].padEnd(30)} ${f(x.rssMiB, 1).padStart(7)} MiB   ${bareRss ? times(ratio(x.rssMiB, bareRss.rssMiB)).padStart(6) : ''}` +
      `${x.program === 'sqlite' || x.program === 'postgresql' ? '   target ≤ 2×' : x.program === 'bare' ? '   (the baseline)' : '   (to try and develop; not a target)'}` +
      `   peak ${f(x.peakMiB, 1)} MiB, listening after ${f(x.startMs, 0)} ms`
    lines.push(
      'Campaign Desk beside a bare Bolt app doing the same job, measured in this run on this machine',
      `(${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}; conditions beside each figure: the 1-minute load average then, Node, the database)`,
      '',
      `Idle memory: resident (VmRSS) after ${IDLE_MS / 1000} s without requests, each its own process, started together   ${idle.conditions}`,
      ...idle.figures.map(rssRow),
    )
    lines.push(...latencyLines(latencies))
    lines.push(
      '',
      `Stage figures in this process (times in ms; measured while the idle processes sat idle)`,
      ...inProcess.map((x) => x.line),
      '',
      `Delivery: ${delivery.posts} due posts over ${delivery.channels} channels, the fake enforcing 1/s per channel after a burst of 3   ${deliveryWhen}`,
      `  dispatcher   ${f(delivery.achievedPerSecond, 1)} posts/s of ${f(delivery.allowedPerSecond, 1)} allowed (${f(delivery.share * 100, 1)} %, target ≥ 90 %), ` +
        `${delivery.rateLimited} × 429 (target 0), ${delivery.duplicates} posted twice`,
      `  naive loop   ${f(delivery.naive.achievedPerSecond, 1)} posts/s (${f(delivery.naive.share * 100, 1)} %), ${delivery.naive.rateLimited} × 429`,
      '',
      ...liveTickReport(tick).split('\n'),
      `  (${tickWhen}${LONG ? '' : '; the pass over 10,000 campaigns: npm run bench -- --long'})`,
      '',
      'How to read it:',
      '  ratio                        Campaign Desk ÷ the bare app: 1.00× = no cost beyond the bare app',
      '  idle RSS                     resident memory of each program left idle; the bare app is 9 lines of Bolt (bench/bareApp.mjs)',
      '  /campaign new → views.open   from POSTing a signed `/campaign new` to its views.open call (the form opening) reaching Slack',
      '  submit → stored → posted     from POSTing a filled-in proposal form to its card\'s chat.postMessage reaching Slack; the bare',
      '                               app does one SQLite INSERT and posts the same card; the app also asks Slack about the channel',
      '  first … the hundredth        the first request after the process said it listens, beside the median of the 91st–110th',
      '  load                         the 1-minute load average when the figure was taken: on a shared machine, above the number',
      '                               of CPUs the figures are inflated by other work',
      `  total bench time ${f((performance.now() - startedAt) / 1000, 1)} s`,
    )
    process.stdout.write(lines.join('\n') + '\n')

    const out = path.join(repoRoot, 'bench', 'results')
    fs.mkdirSync(out, { recursive: true })
    fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify({
      meta: { when: new Date().toISOString(), n: N, warmup: WARMUP, block: BLOCK, gapMs: GAP_MS, idleMs: IDLE_MS, node: process.version, cpus: os.cpus().length, long: LONG },
      idle, latencies, delivery: { ...delivery, conditions: deliveryWhen }, tick, report: lines,
    }, null, 2) + '\n')
  } finally {
    for (const cleanup of cleanups) await Promise.resolve().then(cleanup).catch((error: Error) => process.stderr.write(`cleanup: ${error.message}\n`))
  }
}

await main()

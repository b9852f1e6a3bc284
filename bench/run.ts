// Campaign Desk bench: what the app costs on top of a bare Bolt app doing the same job, measured in
// one run on one machine and printed as ratios (no thresholds: it only reports).
//
//   1. `/campaign new` → views.open: signed slash command POSTed → views.open reaches the fake Slack.
//   2. proposal submitted → stored → card posted: view_submission POSTed → chat.postMessage reaches it.
//   3. idle RSS of the app as its own process — as `npm start` runs it (tsx) and as deployed
//      (`npm run build`, node dist/main.js) — vs a bare Bolt HTTP app (bench/bareApp.ts); see bench/rss.ts.
//
// 1 and 2 run in this process (like test/support/harness.ts): fake Slack on loopback, the system under
// test on a free port (both up side by side), requests sent one at a time; `BENCH_N` (default 1000)
// measured requests per system after 50 warm-up ones, in alternating blocks (see measure()).
// Run with `npm run bench`; raw figures go to bench/results/latest.json (git-ignored).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PerformanceObserver } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { startCampaignDesk } from '../src/campaignDesk.ts'
import { parseConfig } from '../src/config.ts'
import { createLogger } from '../src/logger.ts'
import { startFakeSlack, type FakeSlack } from '../test/support/fakeSlack.ts'
import { startBareBolt } from './bare.ts'
import { benchCalendar } from './calendar.ts'
import { benchGantt } from './gantt.ts'
import { benchHome } from './home.ts'
import { benchIdeaBoard } from './ideas.ts'
import { tapFake, type Mark, type Probe } from './probe.ts'
import { proposalState, send, slashCommand, viewSubmission } from './requests.ts'
import { idleMemoryReport, measureIdleMemory } from './rss.ts'
import { ratio, summarize, type Summary } from './stats.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const N = Number.parseInt(process.env.BENCH_N ?? '1000', 10)
if (!Number.isInteger(N) || N < 1) throw new Error(`BENCH_N must be a positive integer (got ${process.env.BENCH_N})`)
const WARMUP = 50
const RSS_RUNS = 3
const IDLE_MS = 2_000
const BLOCK = 100 // measured requests per system before switching to the other
const GAP_MS = 1 // idle between requests, so the previous one's tail work is done (one in flight)

const botToken = 'xoxb-bench-token'
const signingSecret = 'bench-signing-secret-0123456789'
const clock = { now: () => new Date('2026-12-01T02:00:00Z') }
const people = { submitter: 'U1', owner: 'U2', approver: 'U3' }
const channelId = 'C1'

type Sut = 'app' | 'bare'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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

type Sample = { total: number; ack: number; t0: number; acked: number; doneAt: number; calls: Mark[] }
type Flow = (url: string, sut: Sut) => Promise<Sample>

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
    return { total: doneAt - t0, ack: acked - t0, t0, acked, doneAt, calls: [...probe.marks] }
  }
}

/** One proposal (a unique name, a fresh view id): POSTed → its card reaches chat.postMessage, and acked. */
function submitFlow(fake: FakeSlack, probe: Probe): Flow {
  const counters: Record<Sut, number> = { app: 0, bare: 0 }
  return async (url, sut) => {
    forget(fake, probe)
    const i = counters[sut]++
    const name = `Bench ${sut} ${i}`
    const values = proposalState({
      name, channelId, ownerId: people.owner, approverId: people.approver, startDate: '2026-12-10', endDate: '2026-12-20',
    })
    const request = viewSubmission(signingSecret, { userId: people.submitter, viewId: `Vbench${sut}${i}`, triggerId: fake.newTriggerId(), values })
    const posted = probe.next('chat.postMessage', (a) => a.channel === channelId && String(a.text).endsWith(`: ${name}`))
    const t0 = performance.now()
    const res = await send(url, request)
    const acked = performance.now()
    const doneAt = await posted
    assertAcked(res, `submission of ${name}`)
    await sleep(GAP_MS)
    return { total: doneAt - t0, ack: acked - t0, t0, acked, doneAt, calls: [...probe.marks] }
  }
}

/**
 * N measured requests per system, in alternating blocks (bare, app, app, bare, bare, app…), so
 * neither side profits from running second on warmer shared code (fake Slack, fetch, Bolt) or
 * suffers from drift; each block is long enough that a system's garbage is mostly collected in its
 * own block. One request in flight at any time.
 */
async function measure(flow: Flow, targets: Record<Sut, string>): Promise<Record<Sut, Sample[]>> {
  const samples: Record<Sut, Sample[]> = { app: [], bare: [] }
  for (let block = 0; samples.app.length < N || samples.bare.length < N; block++) {
    const order: Sut[] = block % 2 === 0 ? ['bare', 'app'] : ['app', 'bare']
    for (const sut of order) {
      for (let j = 0; j < BLOCK && samples[sut].length < N; j++) samples[sut].push(await flow(targets[sut], sut))
    }
  }
  return samples
}

async function warmUp(flow: Flow, targets: Record<Sut, string>): Promise<void> {
  for (const sut of ['bare', 'app'] as const) for (let i = 0; i < WARMUP; i++) await flow(targets[sut], sut)
}

/**
 * A short extra pass (after the measured ones, so they are unaffected) that counts what a submission
 * asks of SQLite and the time spent inside better-sqlite3 (prepare, bind, step…), by wrapping its
 * methods (the Prisma adapter uses the same module instance).
 */
async function sqliteDiagnostics(flow: Flow, url: string, count: number) {
  type Methods = Record<string, (...args: unknown[]) => unknown>
  const scratch = new Database(':memory:')
  const statementProto = Object.getPrototypeOf(scratch.prepare('SELECT 1')) as Methods
  const databaseProto = Object.getPrototypeOf(scratch) as Methods
  scratch.close()
  const tally = { prepares: 0, executions: 0, ms: 0 }
  let depth = 0
  const originals: Array<[Methods, string, (...args: unknown[]) => unknown]> = []
  const wrap = (proto: Methods, method: string, counter?: 'prepares' | 'executions') => {
    const original = proto[method]!
    originals.push([proto, method, original])
    proto[method] = function (this: unknown, ...args: unknown[]) {
      if (counter) tally[counter] += 1
      const started = performance.now()
      depth += 1
      try { return original.apply(this, args) } finally { depth -= 1; if (depth === 0) tally.ms += performance.now() - started }
    }
  }
  for (const method of ['run', 'get', 'all', 'iterate']) wrap(statementProto, method, 'executions')
  for (const method of ['bind', 'columns', 'raw', 'pluck', 'expand']) wrap(statementProto, method)
  wrap(databaseProto, 'prepare', 'prepares')
  wrap(databaseProto, 'exec', 'executions')
  const perRequest: Array<typeof tally & { total: number }> = []
  try {
    for (let i = 0; i < count; i++) {
      Object.assign(tally, { prepares: 0, executions: 0, ms: 0 })
      const sample = await flow(url, 'app')
      perRequest.push({ ...tally, total: sample.total })
    }
  } finally {
    for (const [proto, method, original] of originals) proto[method] = original
  }
  return {
    n: count,
    preparesPerSubmission: summarize(perRequest.map((r) => r.prepares)).median,
    executionsPerSubmission: summarize(perRequest.map((r) => r.executions)).median,
    sqliteMs: summarize(perRequest.map((r) => r.ms)),
    totalMs: summarize(perRequest.map((r) => r.total)),
  }
}

/** GC pauses (PerformanceObserver 'gc' entries) that started inside each sample's timed window. */
type Gc = { start: number; duration: number; kind: 'minor' | 'major' | 'incremental' | 'weakcb' | 'other' }

function gcInside(samples: Sample[], gcs: Gc[]) {
  let withGc = 0
  let pausedMs = 0
  const byKind: Record<string, { count: number; ms: number }> = {}
  for (const x of samples) {
    const inside = gcs.filter((g) => g.start >= x.t0 && g.start <= x.doneAt)
    if (inside.length > 0) withGc += 1
    for (const g of inside) {
      pausedMs += g.duration
      const k = (byKind[g.kind] ??= { count: 0, ms: 0 })
      k.count += 1
      k.ms += g.duration
    }
  }
  return { share: samples.length ? withGc / samples.length : 0, msPerRequest: samples.length ? pausedMs / samples.length : 0, byKind }
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

/** Medians of the intervals between the calls the app makes while handling a submission. */
function submissionPhases(samples: Sample[]) {
  const between = (pick: (x: Sample) => [number | undefined, number | undefined]) =>
    summarize(samples.map(pick).filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined).map(([a, b]) => b - a))
  const at = (x: Sample, method: string) => x.calls.find((m) => m.method === method)?.at
  return {
    sendToConversationsInfo: between((x) => [x.t0, at(x, 'conversations.info')]),
    conversationsInfoToCardPost: between((x) => [at(x, 'conversations.info'), x.doneAt]),
    cardPostToAck: between((x) => [x.doneAt, x.acked]),
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-'))
  const cleanups: Array<() => Promise<void> | void> = [() => fs.rmSync(tmp, { recursive: true, force: true })]
  try {
    const fake = await startFakeSlack({ botToken })
    cleanups.unshift(() => fake.close())
    fake.addUser({ id: people.submitter, name: 'ana' })
    fake.addUser({ id: people.owner, name: 'bo' })
    fake.addUser({ id: people.approver, name: 'chen' })
    fake.addChannel({ id: channelId, name: 'campaigns', members: [fake.botUserId, people.submitter, people.owner, people.approver] })
    const gcs: Gc[] = []
    const gcKinds: Record<number, Gc['kind']> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' }
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const kind = gcKinds[(e.detail as { kind?: number } | null)?.kind ?? 0] ?? 'other'
        gcs.push({ start: e.startTime, duration: e.duration, kind })
      }
    })
    gcObserver.observe({ entryTypes: ['gc'] })
    cleanups.unshift(() => gcObserver.disconnect())
    const probe = tapFake(fake, ['views.open', 'chat.postMessage', 'conversations.info', 'conversations.open', 'users.info', 'auth.test'])
    const progress = (what: string) => process.stderr.write(`  [${((performance.now() - startedAt) / 1000).toFixed(1)} s] ${what}\n`)

    // ---- both systems up side by side; measured in alternating blocks ----
    progress('starting bare Bolt and Campaign Desk')
    const bare = await startBareBolt({ token: botToken, signingSecret, apiUrl: fake.apiUrl, bot: { botId: fake.botId, botUserId: fake.botUserId } })
    cleanups.unshift(() => bare.stop())
    const config = parseConfig({
      SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl,
      PORT: '0', DATABASE_URL: `file:${path.join(tmp, 'app.db')}`, LOG_LEVEL: 'silent',
    })
    const app = await startCampaignDesk(config, { clock, logger: createLogger('silent'), dispatcher: { pollMs: 1000 } })
    cleanups.unshift(() => app.stop())
    const targets: Record<Sut, string> = { app: app.url!, bare: bare.url }
    const command = commandFlow(fake, probe)
    const submit = submitFlow(fake, probe)

    progress(`warm-up: ${WARMUP} of each request on each system`)
    await warmUp(command, targets)
    await warmUp(submit, targets)
    progress(`/campaign new → views.open: ${N} requests on each system`)
    const commands = await measure(command, targets)
    progress(`submit → posted: ${N} requests on each system`)
    const submits = await measure(submit, targets)
    const diagnosticCount = Math.max(20, Math.min(200, Math.round(N / 5)))
    progress(`SQLite diagnostics: ${diagnosticCount} more submissions to Campaign Desk`)
    const diagnostics = await sqliteDiagnostics(submit, targets.app, diagnosticCount)
    if (probe.refusals.length > 0) throw new Error(`bench: the fake Slack refused calls: ${probe.refusals.slice(0, 5).join(', ')}`)
    await app.stop()
    await bare.stop()

    // ---- stage 2: the Gantt picture and App Home, each measured on its own in this process ----
    progress('Gantt PNG: 60 tasks with Chinese names, 50 renders')
    const gantt = await benchGantt()
    progress('App Home: app_home_opened → views.publish for 200 open tasks across 20 campaigns')
    const home = await benchHome()
    progress('Stage 1 whole: the marketing calendar of 12 months, and a board of 500 ideas')
    const calendar = await benchCalendar({ country: 'CN' })
    const ideas = await benchIdeaBoard()
    await (await import('./delivery.ts')).benchDelivery() // issue 7: 1,000 due posts over 100 channels against the fake's rate limits; prints its figures

    // ---- idle memory, each as its own process, in turn: bare Bolt, npm start (tsx), production build ----
    const rss = await measureIdleMemory({ repoRoot, tmp, apiUrl: fake.apiUrl, botToken, signingSecret, runs: RSS_RUNS, idleMs: IDLE_MS, progress })
    const idle = idleMemoryReport(rss, IDLE_MS)

    // ---- report ----
    const s = {
      command: { app: summarize(commands.app.map((x) => x.total)), bare: summarize(commands.bare.map((x) => x.total)) },
      commandAck: { app: summarize(commands.app.map((x) => x.ack)), bare: summarize(commands.bare.map((x) => x.ack)) },
      submit: { app: summarize(submits.app.map((x) => x.total)), bare: summarize(submits.bare.map((x) => x.total)) },
      submitAck: { app: summarize(submits.app.map((x) => x.ack)), bare: summarize(submits.bare.map((x) => x.ack)) },
    }
    // `app` is the `npm start` (tsx) start; the production start is reported beside it.
    const memory = { app: idle.summary.tsx, bare: idle.summary.bare, production: idle.summary.production }
    const phases = submissionPhases(submits.app)

    const gc = {
      command: { app: gcInside(commands.app, gcs), bare: gcInside(commands.bare, gcs) },
      submit: { app: gcInside(submits.app, gcs), bare: gcInside(submits.bare, gcs) },
    }
    const pct = (x: number) => `${(100 * x).toFixed(0)}%`
    const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a')
    const row = (label: string, pair: { app: Summary; bare: Summary }) =>
      label.padEnd(35) + f(pair.app.median).padStart(8) + f(pair.app.p99).padStart(9) + '   ' +
      f(pair.bare.median).padStart(13) + f(pair.bare.p99).padStart(9) + '   ' +
      (f(ratio(pair.app.median, pair.bare.median)) + '×').padStart(13) + (f(ratio(pair.app.p99, pair.bare.p99)) + '×').padStart(11)
    const lines = [
      `Campaign Desk against a bare Bolt app doing the same job ("base"), both measured in this run on this machine`,
      `(n=${N} requests each after ${WARMUP} warm-up, one at a time, in alternating blocks of ${BLOCK}; node ${process.version}, SQLite, ${os.cpus().length} CPUs; times in ms)`,
      ''.padEnd(35) + 'median'.padStart(8) + 'p99'.padStart(9) + '   ' + 'base median'.padStart(13) + 'p99'.padStart(9) + '   ' + 'ratio(median)'.padStart(13) + 'ratio(p99)'.padStart(11),
      row('/campaign new → views.open', s.command),
      row('submit → stored → posted', s.submit),
      ...idle.lines,
      '',
      `Stage 2 (times in ms; ratio = against the /campaign new median of Campaign Desk above, same run)`,
      `  Gantt PNG, 60 tasks, Chinese names      median ${f(gantt.medianMs, 1)}  p99 ${f(gantt.p99Ms, 1)}   (${gantt.width}×${gantt.height} px, ${(gantt.bytes / 1024).toFixed(0)} KiB; n=50 after 5 warm-ups; target median ≤ 150)`,
      `  App Home, 200 open tasks / 20 campaigns  median ${f(home.medianMs, 1)}  p99 ${f(home.p99Ms, 1)}   (${f(ratio(home.medianMs, s.command.app.median))}× /campaign new; n=${home.n}, ${home.blocks} blocks published)`,
      `Stage 1, calendar and brainstorm (times in ms)`,
      `  calendar, CN, 12 months                  median ${f(calendar.medianMs, 2)}  p99 ${f(calendar.p99Ms, 2)}   (${calendar.nodes} dates, ${calendar.blocks} blocks; the first, cold run ${f(calendar.firstMs, 0)})`,
      `  /campaign ideas, 500 ideas → posted      median ${f(ideas.medianMs, 1)}  p99 ${f(ideas.p99Ms, 1)}   (${f(ratio(ideas.medianMs, s.command.app.median))}× /campaign new; n=${ideas.n}, ${ideas.blocks} blocks)`,
      ...(await (await import('./retroReport.ts')).benchRetroReport()).lines,
      // issue 7: one scheduler pass at 100 and 10,000 live campaigns on SQLite and a throwaway PostgreSQL
      // (BENCH_TICK_CAMPAIGNS=100,1000 for a shorter run); seeding 10,000 takes a few minutes.
      ...await (async () => {
        const tick = await import('./liveTick.ts')
        const sizes = process.env.BENCH_TICK_CAMPAIGNS?.split(',').map(Number)
        return tick.liveTickReport(await tick.benchLiveTick(sizes ? { campaigns: sizes } : {})).split('\n')
      })(),
      '',
      'How to read it:',
      '  /campaign new → views.open   from POSTing a signed `/campaign new` to its views.open call (the form opening) reaching Slack',
      '  submit → stored → posted     from POSTing a filled-in proposal form to its card\'s chat.postMessage reaching Slack',
      '  base                         a bare Bolt app on the same HTTP receiver that does only the unavoidable part: it opens the',
      '                               same form, and for a submission does one SQLite INSERT and posts the same card (bench/bare.ts)',
      '  median, p99                  half of the requests took at most the median, 99 in 100 at most the p99',
      '  ratio                        Campaign Desk ÷ base: 1.00× = no cost beyond the base; 1.50× = it takes 50% longer',
      '  Gantt PNG                    renderGanttPng alone: the Vega-Lite spec drawn to PNG with the bundled Chinese font',
      '  App Home                     from POSTing a signed app_home_opened event to its views.publish reaching Slack',
      '  calendar                     the dates of 12 months for China matched with 20 campaigns, and the message built (no HTTP)',
      '  /campaign ideas              from POSTing the signed command to the board\'s chat.postMessage reaching Slack',
      '  idle RSS                     resident memory of Campaign Desk as deployed (npm run build, node dist/main.js) and as',
      '                               `npm start` runs it (tsx src/main.ts), and of a bare Bolt HTTP app (bench/bareApp.ts), each',
      '                               started as its own process and left idle (no requests); ratio = app ÷ bare',
      '',
      'Where the time goes (diagnostics; the figures above are the result):',
      row('  /campaign new → HTTP 200 (ack)', s.commandAck),
      row('  submit → HTTP 200 (ack)', s.submitAck),
      `  Campaign Desk submission, median ms per phase: POST → conversations.info ${f(phases.sendToConversationsInfo.median)}; ` +
        `conversations.info → card posted ${f(phases.conversationsInfoToCardPost.median)}; card posted → HTTP 200 ${f(phases.cardPostToAck.median)}`,
      `  Slack Web API calls per request: /campaign new app [${typicalCalls(commands.app)}], bare [${typicalCalls(commands.bare)}]`,
      `                                   submit app [${typicalCalls(submits.app)}], bare [${typicalCalls(submits.bare)}]`,
      `  Campaign Desk submission: ${diagnostics.executionsPerSubmission} SQLite statements run (${diagnostics.preparesPerSubmission} prepared), ` +
        `${f(diagnostics.sqliteMs.median)} ms inside better-sqlite3 per request (median, ${diagnostics.n}-request diagnostic pass; card after ${f(diagnostics.totalMs.median)} ms)`,
      `  garbage-collection pauses inside the timed window (share of requests with one, ms paused per request): /campaign new app ${pct(gc.command.app.share)} (${f(gc.command.app.msPerRequest, 3)}), ` +
        `bare ${pct(gc.command.bare.share)} (${f(gc.command.bare.msPerRequest, 3)}); submit app ${pct(gc.submit.app.share)} (${f(gc.submit.app.msPerRequest, 3)}), ` +
        `bare ${pct(gc.submit.bare.share)} (${f(gc.submit.bare.msPerRequest, 3)})`,
      `  start → listening (own process): app ${f(memory.app.startMs, 0)} ms, bare ${f(memory.bare.startMs, 0)} ms; ` +
        `peak RSS (VmHWM) app ${f(memory.app.peakMiB, 1)} MiB, bare ${f(memory.bare.peakMiB, 1)} MiB`,
      `  total bench time ${f((performance.now() - startedAt) / 1000, 1)} s`,
    ]
    process.stdout.write(lines.join('\n') + '\n')

    const results = {
      meta: { when: new Date().toISOString(), n: N, warmup: WARMUP, block: BLOCK, gapMs: GAP_MS, node: process.version, provider: 'sqlite', cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, units: 'ms (latency), MiB (memory)' },
      command: { ...s.command, ratio: { median: ratio(s.command.app.median, s.command.bare.median), p99: ratio(s.command.app.p99, s.command.bare.p99) }, ack: s.commandAck, gc: gc.command },
      submit: { ...s.submit, ratio: { median: ratio(s.submit.app.median, s.submit.bare.median), p99: ratio(s.submit.app.p99, s.submit.bare.p99) }, ack: s.submitAck, appPhases: phases, sqlite: diagnostics, gc: gc.submit },
      stage2: { gantt, home },
      stage1Whole: { calendar, ideas },
      idleMemory: { ...memory, ratio: memory.app.ratio, productionRatio: memory.production.ratio, runs: rss, idleMs: IDLE_MS },
      samples: {
        command: { app: commands.app.map((x) => x.total), bare: commands.bare.map((x) => x.total) },
        submit: { app: submits.app.map((x) => x.total), bare: submits.bare.map((x) => x.total) },
      },
    }
    const out = path.join(repoRoot, 'bench', 'results')
    fs.mkdirSync(out, { recursive: true })
    fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify(results, null, 2) + '\n')
  } finally {
    for (const cleanup of cleanups) await Promise.resolve().then(cleanup).catch((error: Error) => process.stderr.write(`cleanup: ${error.message}\n`))
  }
}

await main()

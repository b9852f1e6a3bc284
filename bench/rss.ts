// Idle memory: start a program as its own process, wait until it says it listens, let it sit idle,
// then read VmRSS from /proc/<pid>/status. Stops it with SIGTERM.
//
// Three programs, measured in turn in the same run:
//   bare        a bare Bolt HTTP app (bench/bareApp.ts, under tsx) — the baseline;
//   tsx         Campaign Desk as `npm start` runs it (node --import tsx src/main.ts);
//   production  Campaign Desk as deployed (`npm run build`, then node dist/main.js: no TypeScript loader).
//
// `npm run bench` reports them with the latency figures; `npx tsx bench/rss.ts` measures only these.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function statusKiB(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`)
  return Number(match[1])
}

export type IdleMemory = { rssKiB: number; hwmKiB: number; startMs: number }

/** `node <args>` in `cwd`; `args` defaults to `--import tsx <entry>`. */
export async function idleMemory(opts: {
  cwd: string; entry: string; args?: string[]; env: Record<string, string>; ready: RegExp; idleMs: number; label: string
}): Promise<IdleMemory> {
  const startedAt = performance.now()
  const child = spawn(process.execPath, opts.args ?? ['--import', 'tsx', opts.entry], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  try {
    const startMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${opts.label}: not listening after 60 s; output:\n${output}`)), 60_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8')
        if (opts.ready.test(output)) { clearTimeout(timer); resolve(performance.now() - startedAt) }
      }
      // The app says it listens on stderr (stdout is its JSON logs); the bare app on stdout.
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      void exited.then((code) => { clearTimeout(timer); reject(new Error(`${opts.label}: exited (${code}) before listening; output:\n${output}`)) })
    })
    await new Promise((resolve) => setTimeout(resolve, opts.idleMs))
    const pid = child.pid!
    return { rssKiB: statusKiB(pid, 'VmRSS'), hwmKiB: statusKiB(pid, 'VmHWM'), startMs }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
  }
}

/**
 * `npm run build` (tsc -p tsconfig.build.json) into `dir`/dist, beside links to the checkout's
 * prisma/ and node_modules/ and a copy of package.json — the layout dist/ runs in. Returns main.js.
 */
export function buildProduction(repoRoot: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true })
  for (const linked of ['node_modules', 'prisma']) fs.symlinkSync(path.join(repoRoot, linked), path.join(dir, linked), 'dir')
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(dir, 'package.json'))
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')
  execFileSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', path.join(dir, 'dist')], { cwd: repoRoot, stdio: 'inherit' })
  return path.join(dir, 'dist', 'main.js')
}

export type IdleMemoryRuns = { bare: IdleMemory[]; tsx: IdleMemory[]; production: IdleMemory[] }

/** Each of the three programs `runs` times, in turn (so drift on the machine hits all three alike). */
export async function measureIdleMemory(opts: {
  repoRoot: string; tmp: string; apiUrl: string; botToken: string; signingSecret: string
  runs: number; idleMs: number; progress: (what: string) => void
}): Promise<IdleMemoryRuns> {
  opts.progress('idle RSS: building the production start (npm run build)')
  const productionMain = buildProduction(opts.repoRoot, path.join(opts.tmp, 'build'))
  const env = (port: number, db: string): Record<string, string> => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? opts.tmp, TMPDIR: os.tmpdir(),
    SLACK_BOT_TOKEN: opts.botToken, SLACK_SIGNING_SECRET: opts.signingSecret, SLACK_API_URL: opts.apiUrl, SLACK_APP_TOKEN: '',
    PORT: String(port), DATABASE_URL: `file:${db}`, LOG_LEVEL: 'warn',
  })
  const ready = /Campaign Desk: ready: /
  const runs: IdleMemoryRuns = { bare: [], tsx: [], production: [] }
  for (let run = 0; run < opts.runs; run++) {
    opts.progress(`idle RSS, run ${run + 1}/${opts.runs}`)
    runs.bare.push(await idleMemory({
      cwd: opts.repoRoot, entry: 'bench/bareApp.ts', env: env(await freePort(), path.join(opts.tmp, `unused-${run}.db`)),
      ready: /Bare Bolt: HTTP mode/, idleMs: opts.idleMs, label: 'bare Bolt (bench/bareApp.ts)',
    }))
    runs.tsx.push(await idleMemory({
      cwd: opts.repoRoot, entry: 'src/main.ts', env: env(await freePort(), path.join(opts.tmp, `tsx-${run}.db`)),
      ready, idleMs: opts.idleMs, label: 'Campaign Desk (npm start: tsx src/main.ts)',
    }))
    runs.production.push(await idleMemory({
      cwd: opts.repoRoot, entry: productionMain, args: [productionMain], env: env(await freePort(), path.join(opts.tmp, `production-${run}.db`)),
      ready, idleMs: opts.idleMs, label: 'Campaign Desk (node dist/main.js)',
    }))
  }
  return runs
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The report lines: median idle RSS of each, and each app start as a ratio of the bare app's. */
export function idleMemoryReport(runs: IdleMemoryRuns, idleMs: number): { lines: string[]; summary: Record<keyof IdleMemoryRuns, { rssMiB: number; peakMiB: number; startMs: number; ratio: number }> } {
  const summarise = (list: IdleMemory[]) => ({
    rssMiB: medianOf(list.map((r) => r.rssKiB / 1024)), peakMiB: medianOf(list.map((r) => r.hwmKiB / 1024)), startMs: medianOf(list.map((r) => r.startMs)),
  })
  const bare = summarise(runs.bare)
  const withRatio = (list: IdleMemory[]) => { const s = summarise(list); return { ...s, ratio: s.rssMiB / bare.rssMiB } }
  const summary = { bare: { ...bare, ratio: 1 }, tsx: withRatio(runs.tsx), production: withRatio(runs.production) }
  const f = (x: number, d = 1) => x.toFixed(d)
  const lines = [
    `${'idle RSS (MiB)'.padEnd(35)}production (node dist/main.js) ${f(summary.production.rssMiB)}   npm start (tsx) ${f(summary.tsx.rssMiB)}   bare ${f(bare.rssMiB)}` +
      `   ratio ${f(summary.production.ratio, 2)}× production, ${f(summary.tsx.ratio, 2)}× npm start   (median of ${runs.bare.length} runs, ${idleMs / 1000} s idle)`,
    `${''.padEnd(35)}start → listening: production ${f(summary.production.startMs, 0)} ms, npm start ${f(summary.tsx.startMs, 0)} ms, bare ${f(bare.startMs, 0)} ms; ` +
      `peak RSS (VmHWM) production ${f(summary.production.peakMiB)}, npm start ${f(summary.tsx.peakMiB)}, bare ${f(bare.peakMiB)} MiB`,
  ]
  return { lines, summary }
}

// `npx tsx bench/rss.ts`: only the idle-memory figures (RSS_RUNS, default 3).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { startFakeSlack } = await import('../test/support/fakeSlack.ts')
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const botToken = 'xoxb-bench-token'
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-rss-'))
  const fake = await startFakeSlack({ botToken })
  try {
    const idleMs = 2_000
    const runs = await measureIdleMemory({
      repoRoot, tmp, apiUrl: fake.apiUrl, botToken, signingSecret: 'bench-signing-secret-0123456789',
      runs: Number.parseInt(process.env.RSS_RUNS ?? '3', 10), idleMs, progress: (what) => process.stderr.write(`  ${what}\n`),
    })
    process.stdout.write(idleMemoryReport(runs, idleMs).lines.join('\n') + '\n')
  } finally {
    await fake.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

// Idle memory: each program started as its own process, all at once, left idle (no requests) for
// `idleMs`, then VmRSS read from /proc/<pid>/status. The programs:
//   bare        a bare Bolt HTTP app in 9 lines run by plain node (bench/bareApp.mjs): the baseline;
//   production  Campaign Desk as deployed (`npm run build`, then node dist/main.js), on SQLite and,
//               when a PostgreSQL is given, on PostgreSQL;
//   npm start   Campaign Desk as `npm start` runs it (node --import tsx src/main.ts), on SQLite.
// `npm run bench` reports them with the other figures; `npx tsx bench/rss.ts` measures only these
// (RSS_IDLE_S, default 60).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { appReady, bareReady, buildProduction, freePort, programEnv, startProgram, type Running } from './processes.ts'
import { conditions } from './stats.ts'

export type IdleProgram = 'bare' | 'sqlite' | 'postgresql' | 'tsx'
export type IdleFigure = { program: IdleProgram; rssMiB: number; peakMiB: number; startMs: number }
export type IdleSet = { running: Map<IdleProgram, Running>; readyAt: number; read(): { figures: IdleFigure[]; conditions: string } ; stop(): Promise<void> }

export const idleLabels: Record<IdleProgram, string> = {
  bare: 'bare Bolt (9 lines, node)', sqlite: 'node dist/main.js, SQLite', postgresql: 'node dist/main.js, PostgreSQL', tsx: 'npm start (tsx), SQLite',
}

/** Starts every program at once and returns when all of them listen. */
export async function startIdleSet(opts: {
  repoRoot: string; tmp: string; main: string; apiUrl: string; botToken: string; signingSecret: string; postgresUrl: string | null
  /** Also npm start (tsx, this checkout's source); default true. */
  withTsx?: boolean
}): Promise<IdleSet> {
  const env = async (databaseUrl?: string) => {
    const port = await freePort()
    return { port, env: programEnv({ apiUrl: opts.apiUrl, botToken: opts.botToken, signingSecret: opts.signingSecret, port, ...(databaseUrl ? { databaseUrl } : {}) }) }
  }
  const programs: Array<[IdleProgram, Promise<Running>]> = []
  const start = async (program: IdleProgram, args: string[], ready: RegExp, databaseUrl?: string) => {
    const { port, env: vars } = await env(databaseUrl)
    // A directory of its own: no .env or manifest.yml of the checkout's is read.
    const cwd = fs.mkdtempSync(path.join(opts.tmp, `${program}-`))
    programs.push([program, startProgram({ label: idleLabels[program], args, cwd, env: { ...vars, TSX_TSCONFIG_PATH: path.join(opts.repoRoot, 'tsconfig.json') }, port, ready })])
  }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  await start('bare', [path.join(opts.repoRoot, 'bench', 'bareApp.mjs')], bareReady)
  await start('sqlite', [opts.main], appReady, `file:${path.join(opts.tmp, 'idle-production.db')}`)
  if (opts.postgresUrl) await start('postgresql', [opts.main], appReady, opts.postgresUrl)
  if (opts.withTsx !== false) await start('tsx', ['--import', tsx, path.join(opts.repoRoot, 'src', 'main.ts')], appReady, `file:${path.join(opts.tmp, 'idle-tsx.db')}`)
  const settled = await Promise.allSettled(programs.map(([, started]) => started))
  const running = new Map<IdleProgram, Running>()
  settled.forEach((result, i) => { if (result.status === 'fulfilled') running.set(programs[i]![0], result.value) })
  const stop = async () => { await Promise.all([...running.values()].map((program) => program.stop())) }
  const failed = settled.find((result) => result.status === 'rejected')
  if (failed) {
    await stop()
    throw (failed as PromiseRejectedResult).reason
  }
  return {
    running, readyAt: performance.now(), stop,
    read: () => ({
      figures: [...running.entries()].map(([program, p]) => ({ program, rssMiB: p.rssMiB(), peakMiB: p.peakMiB(), startMs: p.startMs })),
      conditions: conditions('idle processes'),
    }),
  }
}

// `npx tsx bench/rss.ts`: only the idle-memory figures, SQLite (and PostgreSQL when TEST_DATABASE_URL names one).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { startFakeSlack } = await import('../test/support/fakeSlack.ts')
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-rss-'))
  const fake = await startFakeSlack({ botToken: 'xoxb-bench-token' })
  const idleMs = Number(process.env.RSS_IDLE_S ?? 60) * 1000
  try {
    const { main } = buildProduction(repoRoot, path.join(tmp, 'build'))
    const set = await startIdleSet({
      repoRoot, tmp, main, apiUrl: fake.apiUrl, botToken: 'xoxb-bench-token', signingSecret: 'bench-signing-secret-0123456789',
      postgresUrl: process.env.TEST_DATABASE_URL ?? null,
    })
    try {
      process.stderr.write(`  all listening; idle for ${idleMs / 1000} s\n`)
      await new Promise((resolve) => setTimeout(resolve, idleMs))
      const { figures, conditions: when } = set.read()
      const bare = figures.find((f) => f.program === 'bare')!.rssMiB
      for (const f of figures) {
        process.stdout.write(`${idleLabels[f.program].padEnd(32)} ${f.rssMiB.toFixed(1).padStart(7)} MiB  ${(f.rssMiB / bare).toFixed(2)}× bare  (peak ${f.peakMiB.toFixed(1)} MiB, listening after ${f.startMs.toFixed(0)} ms)\n`)
      }
      process.stdout.write(`after ${idleMs / 1000} s idle; ${when}\n`)
    } finally {
      await set.stop()
    }
  } finally {
    await fake.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

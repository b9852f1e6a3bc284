// Programs the bench runs as processes of their own: Campaign Desk as deployed (node dist/main.js,
// built here as `npm run build` builds it), as `npm start` runs it (tsx), and the bare Bolt
// baselines (plain node). Each is started with exactly the variables given, waited for until it
// says it listens, and read from /proc/<pid>/status (VmRSS, VmHWM).
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

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

export type Running = {
  label: string
  port: number
  /** From spawning to the line saying it listens. */
  startMs: number
  rssMiB(): number
  peakMiB(): number
  stop(): Promise<void>
}

/** The app's ready line (stderr; stdout is its JSON logs) and the bare apps' line (stdout). */
export const appReady = /Campaign Desk: ready: /
export const bareReady = /Bare Bolt: HTTP mode/

export async function startProgram(opts: { label: string; args: string[]; cwd: string; env: Record<string, string>; port: number; ready: RegExp }): Promise<Running> {
  const startedAt = performance.now()
  const child = spawn(process.execPath, opts.args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }
  try {
    const startMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${opts.label}: not listening after 120 s; output:\n${output}`)), 120_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8')
        if (opts.ready.test(output)) { clearTimeout(timer); resolve(performance.now() - startedAt) }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      void exited.then((code) => { clearTimeout(timer); reject(new Error(`${opts.label}: exited (${code}) before listening; output:\n${output}`)) })
    })
    // Keep draining its output so it never blocks on a full pipe.
    const pid = child.pid!
    return {
      label: opts.label, port: opts.port, startMs,
      rssMiB: () => statusKiB(pid, 'VmRSS') / 1024,
      peakMiB: () => statusKiB(pid, 'VmHWM') / 1024,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * `npm run build` (tsc -p tsconfig.build.json) into `dir`/dist, beside links to the checkout's
 * prisma/ and node_modules/ and a copy of package.json: the layout dist/ runs in.
 */
export function buildProduction(repoRoot: string, dir: string): { main: string; dist: string } {
  fs.mkdirSync(dir, { recursive: true })
  for (const linked of ['node_modules', 'prisma']) fs.symlinkSync(path.join(repoRoot, linked), path.join(dir, linked), 'dir')
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(dir, 'package.json'))
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')
  execFileSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', path.join(dir, 'dist')], { cwd: repoRoot, stdio: 'inherit' })
  return { main: path.join(dir, 'dist', 'main.js'), dist: path.join(dir, 'dist') }
}

/** The variables a program of the bench gets: the app's, pointed at the fake Slack; nothing else of this shell's. */
export function programEnv(opts: { apiUrl: string; botToken: string; signingSecret: string; port: number; databaseUrl?: string; extra?: Record<string, string> }): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), TMPDIR: os.tmpdir(),
    SLACK_BOT_TOKEN: opts.botToken, SLACK_SIGNING_SECRET: opts.signingSecret, SLACK_API_URL: opts.apiUrl, SLACK_APP_TOKEN: '',
    PORT: String(opts.port), LOG_LEVEL: 'warn',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.extra,
  }
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

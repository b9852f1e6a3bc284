// The real start command as a child process, for the tests that watch what a person sees:
// `node --import tsx src/main.ts` (what `npm start` runs) or `node dist/main.js`, in a temporary
// start directory, with exactly the variables a test gives. stdout is JSON logs only; stderr
// carries the few lines for a person.
//
// Waiting: a test waits for what the app itself prints (its ready line, a log event), never for
// a fixed start-up time. The deadlines below are generous on purpose — on a busy two-core machine
// tsx alone can take tens of seconds to start — and a wait that runs out says what it waited
// for and everything the app printed.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect } from 'vitest'

export const repo = fileURLToPath(new URL('../..', import.meta.url))
export const mainFile = path.join(repo, 'src', 'main.ts')
// tsx is loaded by absolute URL so that the child can run in a temporary directory: neither a
// developer's own .env in the checkout nor the default data/ folder can leak into these tests.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** How long a start (to the ready line, or to a refusal) may take before a test gives up. */
export const appStartMs = 120_000
/** How long a stop on SIGTERM may take before a test gives up (the app itself allows 10 s for requests under way). */
export const appStopMs = 60_000
/** A test timeout that holds a start, a stop and the test's own work in between. */
export const processTestMs = appStartMs + appStopMs + 60_000

/** The app's last start-up line: it takes requests from here on (HTTP or Socket Mode). */
export const readyPattern = /^Campaign Desk: ready: .*$/m

export type AppProcess = {
  process: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const running = new Set<AppProcess>()

/**
 * Starts the app with exactly `vars` (plus PATH and HOME) in a new directory under `parentDir`
 * (or `cwd` when given); with `command`, that node command instead (the production build).
 */
export function startAppProcess(vars: Record<string, string>, options: { parentDir?: string; cwd?: string; command?: string[] } = {}): AppProcess {
  const cwd = options.cwd ?? fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), 'cwd-'))
  const child = spawn(process.execPath, options.command ?? ['--import', tsxLoader, mainFile], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.homedir(),
      TSX_TSCONFIG_PATH: path.join(repo, 'tsconfig.json'),
      ...vars,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }))
  })
  const started: AppProcess = { process: child, stdout: () => stdout, stderr: () => stderr, exited }
  running.add(started)
  void exited.then(() => running.delete(started))
  return started
}

/** Kills whatever a test left running (call it in afterEach): a test that failed half-way must not leave its app behind. */
export async function killLeftoverApps(): Promise<void> {
  for (const child of [...running]) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL')
    await child.exited
  }
}

function printed(child: AppProcess): string {
  return `\n--- stdout ---\n${child.stdout()}\n--- stderr ---\n${child.stderr()}`
}

/** Waits for the app to exit; fails, saying so, after `ms`. */
export async function exitWithin(child: AppProcess, ms: number, waitingFor = 'the app to exit'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms / 1000} s for ${waitingFor}; it is still running${printed(child)}`)), ms)
  })
  try {
    return await Promise.race([child.exited, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Resolves with the first match of `pattern` in stdout or stderr; fails if the app exits first or nothing matches within `ms`. */
export async function outputLine(child: AppProcess, stream: 'stdout' | 'stderr', pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms
  for (;;) {
    const match = pattern.exec(child[stream]())
    if (match) return match
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`waited for ${pattern} on ${stream}, but the app exited (${child.process.exitCode ?? child.process.signalCode}) first${printed(child)}`)
    }
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${pattern} on ${stream}; the app did not print it${printed(child)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Waits (up to appStartMs) for the app's ready line on stderr, and returns it. */
export async function readyLine(child: AppProcess): Promise<string> {
  return (await outputLine(child, 'stderr', readyPattern, appStartMs))[0]
}

/** A TCP port nobody listens on right now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export function nonEmptyLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '')
}

/** Every stdout line is one JSON log object of ours. */
export function jsonLogs(stdout: string): Array<Record<string, unknown>> {
  return nonEmptyLines(stdout).map((line) => {
    let parsed: unknown
    expect(() => { parsed = JSON.parse(line) }, `not a JSON log line: ${line}`).not.toThrow()
    expect(parsed, line).toBeTypeOf('object')
    const log = parsed as Record<string, unknown>
    expect(log.msg, line).toBeTypeOf('string')
    expect(log.level, line).toBeTypeOf('number')
    expect(log.app, line).toBe('campaign-desk')
    return log
  })
}

/** Every line the app may write on stderr, as the README documents them. */
export const startupLines = [
  /^Campaign Desk: HTTP mode \(SLACK_APP_TOKEN is not set\): Slack must reach https:\/\/<your host>\/slack\/events, forwarded to port \d+ — give that URL to the slash command, interactivity and event subscriptions of your Slack app$/,
  /^Campaign Desk: Socket Mode \(SLACK_APP_TOKEN is set\): no public URL needed; connecting to Slack…$/,
  /^Campaign Desk: manifest\.yml here has socket_mode_enabled: (true|false), but SLACK_APP_TOKEN is (not )?set, so this is (HTTP|Socket) (mode|Mode) — \S.*$/,
  /^Campaign Desk: data in \S.*$/,
  /^Campaign Desk: could not check SLACK_BOT_TOKEN with Slack at \S+ \(.+\); starting anyway — posts wait and are retried until Slack answers$/,
  /^Campaign Desk: could not open the Socket Mode connection to Slack at \S+ \(.+\); retrying in \d+ s \(attempt \d+\)$/,
  /^Campaign Desk: ready: listening on port \d+ at \/slack\/events \(HTTP mode\) — in Slack, try \/campaign help$/,
  /^Campaign Desk: ready: connected to Slack in Socket Mode — in Slack, try \/campaign help$/,
  /^Campaign Desk: SIG(TERM|INT) received, finishing work in progress…$/,
  /^Campaign Desk: SIG(TERM|INT) received while starting: stopping$/,
  /^Campaign Desk cannot start: \S.*$/,
]

/** stderr holds only documented start-up lines. */
export function expectOnlyStartupLines(stderr: string): void {
  for (const line of nonEmptyLines(stderr)) {
    expect(startupLines.some((pattern) => pattern.test(line)), `not a documented stderr line: ${line}\n--- stderr ---\n${stderr}`).toBe(true)
  }
}

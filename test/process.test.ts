// The real start command as a child process: what an operator sees when the configuration is
// wrong, when Slack refuses the token, and when the app starts and is stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const mainFile = path.join(repo, 'src', 'main.ts')
// tsx is loaded by absolute URL so that the child can run in a temporary directory: neither a
// developer's own .env in the checkout nor the default data/ folder can leak into these tests.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

const startupMs = 20_000 // tsx start-up is 1–2 s on a 2-core machine; leave plenty of room
const stopMs = 10_000

type Child = {
  process: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const children: Child[] = []
let workDir: string

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-process-'))
})

afterEach(async () => {
  // A test that failed half-way must not leave its app running.
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL')
      await child.exited
    }
  }
})

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true })
})

/** `node --import tsx src/main.ts` with exactly these variables (plus PATH and HOME). */
function startApp(vars: Record<string, string>): Child {
  const cwd = fs.mkdtempSync(path.join(workDir, 'cwd-'))
  const child = spawn(process.execPath, ['--import', tsxLoader, mainFile], {
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
  const started: Child = { process: child, stdout: () => stdout, stderr: () => stderr, exited }
  children.push(started)
  return started
}

async function exitWithin(child: Child, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(
      `the app did not exit within ${ms} ms\n--- stdout ---\n${child.stdout()}\n--- stderr ---\n${child.stderr()}`,
    )), ms)
  })
  try {
    return await Promise.race([child.exited, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Resolves with the first stdout match of `pattern`; fails if the app exits or takes longer than `ms`. */
async function stdoutLine(child: Child, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms
  for (;;) {
    const match = pattern.exec(child.stdout())
    if (match) return match
    const describe = `\n--- stdout ---\n${child.stdout()}\n--- stderr ---\n${child.stderr()}`
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`the app exited (${child.process.exitCode ?? child.process.signalCode}) before printing ${pattern}${describe}`)
    }
    if (Date.now() > deadline) throw new Error(`no ${pattern} on stdout within ${ms} ms${describe}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A TCP port nobody listens on right now (the kernel's pick for port 0). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function expectOneLineStartFailure(child: Child, variable: string): string {
  const stderr = child.stderr()
  const lines = stderr.split('\n').filter((line) => line.trim() !== '')
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]!.startsWith(`Campaign Desk cannot start: ${variable}`), stderr).toBe(true)
  expect(stderr).not.toMatch(/^\s+at /m)
  expect(stderr).not.toContain('Error:')
  return lines[0]!
}

describe('the start command', () => {
  it('without SLACK_BOT_TOKEN exits 1 at once with one line naming it', async () => {
    const startedAt = Date.now()
    const child = startApp({ SLACK_SIGNING_SECRET: '0123456789abcdef', DATABASE_URL: `file:${path.join(workDir, 'never.db')}` })
    const { code } = await exitWithin(child, startupMs)
    expect(code).toBe(1)
    expect(Date.now() - startedAt).toBeLessThan(startupMs)
    const line = expectOneLineStartFailure(child, 'SLACK_BOT_TOKEN')
    expect(line).toContain('OAuth & Permissions')
    // It stopped before touching the database.
    expect(fs.existsSync(path.join(workDir, 'never.db'))).toBe(false)
  }, 30_000)

  it('with a malformed DATABASE_URL exits 1 with one line naming it', async () => {
    const child = startApp({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: '0123456789abcdef', DATABASE_URL: 'mysql://x' })
    const { code } = await exitWithin(child, startupMs)
    expect(code).toBe(1)
    const line = expectOneLineStartFailure(child, 'DATABASE_URL')
    expect(line).toContain('postgresql://')
    expect(child.stderr() + child.stdout()).not.toContain('xoxb-test')
  }, 30_000)

  describe('against the fake Slack', () => {
    let fake: FakeSlack

    beforeAll(async () => {
      fake = await startFakeSlack({ botToken: 'xoxb-test' })
    })

    afterAll(async () => {
      await fake?.close()
    })

    it('starts in HTTP mode, answers /healthz, and stops cleanly on SIGTERM with structured logs', async () => {
      const port = await freePort()
      const databaseFile = path.join(workDir, 'cd.db')
      const child = startApp({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: '0123456789abcdef',
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        DATABASE_URL: `file:${databaseFile}`,
        LOG_LEVEL: 'info',
      })

      const listening = await stdoutLine(child, /^Campaign Desk: HTTP mode, Slack request URL path (\S+) on port (\d+)$/m, startupMs)
      expect(listening[1]).toBe('/slack/events')
      expect(Number(listening[2])).toBe(port)
      expect(child.stdout()).toContain(`Campaign Desk: data in ${databaseFile}`)
      expect(fs.existsSync(databaseFile)).toBe(true)

      // It asked Slack who it is, with the configured token.
      const authTest = await fake.waitFor('auth.test')
      expect(authTest.token).toBe('xoxb-test')

      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(health.status).toBe(200)
      await health.text()

      // Bolt's HTTP receiver refuses an unsigned Slack request.
      const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"x"}',
      })
      expect(unsigned.status).toBeGreaterThanOrEqual(400)
      await unsigned.text()

      const stoppingAt = Date.now()
      child.process.kill('SIGTERM')
      const { code, signal } = await exitWithin(child, stopMs)
      expect({ code, signal }).toEqual({ code: 0, signal: null })
      expect(Date.now() - stoppingAt).toBeLessThan(stopMs)

      const stdout = child.stdout()
      const lines = stdout.split('\n').filter((line) => line.trim() !== '')
      const logs: Array<Record<string, unknown>> = []
      for (const line of lines) {
        if (line.startsWith('Campaign Desk: ')) continue // the few plain lines meant for a person
        let parsed: unknown
        expect(() => { parsed = JSON.parse(line) }, `not a JSON log line: ${line}`).not.toThrow()
        expect(parsed, line).toBeTypeOf('object')
        logs.push(parsed as Record<string, unknown>)
      }
      for (const log of logs) {
        expect(log.msg, JSON.stringify(log)).toBeTypeOf('string')
        expect(log.level, JSON.stringify(log)).toBeTypeOf('number')
        expect(log.app).toBe('campaign-desk')
      }
      const messages = logs.map((log) => log.msg)
      expect(messages).toContain('listening_http')
      expect(messages).toContain('stopping')
      expect(messages).toContain('stopped')
      expect(messages.indexOf('stopping')).toBeLessThan(messages.indexOf('stopped'))
      expect(stdout).toContain('Campaign Desk: SIGTERM received')

      expect(stdout).not.toContain('xoxb-test')
      expect(child.stderr()).not.toContain('xoxb-test')
      expect(child.stderr()).not.toMatch(/^\s+at /m)

      // The port is free again.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
    }, 60_000)

    it('exits 1 with one line naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
      const child = startApp({
        SLACK_BOT_TOKEN: 'xoxb-refused-by-slack',
        SLACK_SIGNING_SECRET: '0123456789abcdef',
        SLACK_API_URL: fake.apiUrl,
        PORT: String(await freePort()),
        DATABASE_URL: `file:${path.join(workDir, 'refused.db')}`,
        LOG_LEVEL: 'info',
      })
      const { code } = await exitWithin(child, startupMs)
      expect(code).toBe(1)
      const line = expectOneLineStartFailure(child, 'SLACK_BOT_TOKEN')
      expect(line).toContain('invalid_auth')
      expect(child.stdout()).not.toMatch(/HTTP mode|Socket Mode/)
      expect(child.stdout() + child.stderr()).not.toContain('xoxb-refused-by-slack')
      const refused = fake.callsTo('auth.test').filter((call) => call.token === 'xoxb-refused-by-slack')
      expect(refused).toHaveLength(1)
      expect(refused[0]!.result).toMatchObject({ ok: false, error: 'invalid_auth' })
    }, 30_000)
  })
})

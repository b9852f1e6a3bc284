// The real start command as a child process: what an operator sees when the configuration is
// wrong, when Slack refuses a token or cannot be reached, when the port is taken, and when the app
// starts and is stopped with SIGTERM. stdout is JSON logs only; stderr carries the few lines below.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  appStartMs, appStopMs, exitWithin, expectOnlyStartupLines, freePort, jsonLogs, killLeftoverApps, nonEmptyLines, outputLine,
  processTestMs, readyLine, repo, startAppProcess, type AppProcess,
} from './support/appProcess.ts'
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.ts'
import { AppClient } from './support/slackRequests.ts'

let workDir: string

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-process-'))
})

afterEach(killLeftoverApps)

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true })
})

/**
 * `node --import tsx src/main.ts` (what `npm start` runs) with exactly these variables (plus PATH
 * and HOME); with `command`, that command instead (the production build: `node dist/main.js`).
 */
function startApp(vars: Record<string, string>, command?: string[]): AppProcess {
  return startAppProcess(vars, { parentDir: workDir, ...(command ? { command } : {}) })
}

/** One line says why the start failed, naming `variable`; only documented start-up lines came before it. */
function expectOneLineStartFailure(child: AppProcess, variable: string): string {
  const stderr = child.stderr()
  expectOnlyStartupLines(stderr)
  const lines = nonEmptyLines(stderr).filter((line) => line.startsWith('Campaign Desk cannot start:'))
  expect(lines, stderr).toHaveLength(1)
  expect(nonEmptyLines(stderr).at(-1), stderr).toBe(lines[0])
  expect(lines[0]!.startsWith(`Campaign Desk cannot start: ${variable}`), stderr).toBe(true)
  expect(stderr).not.toMatch(/^\s+at /m)
  expect(stderr).not.toContain('Error:')
  jsonLogs(child.stdout())
  return lines[0]!
}

describe('the start command', () => {
  it('without SLACK_BOT_TOKEN exits 1 with one line naming it, before touching the database', async () => {
    const child = startApp({ SLACK_SIGNING_SECRET: '0123456789abcdef', DATABASE_URL: `file:${path.join(workDir, 'never.db')}` })
    const { code } = await exitWithin(child, appStartMs, 'the app to refuse the start')
    expect(code).toBe(1)
    const line = expectOneLineStartFailure(child, 'SLACK_BOT_TOKEN')
    expect(line).toContain('OAuth & Permissions')
    // It stopped before touching the database.
    expect(fs.existsSync(path.join(workDir, 'never.db'))).toBe(false)
  }, processTestMs)

  it('with a malformed DATABASE_URL exits 1 with one line naming it', async () => {
    const child = startApp({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: '0123456789abcdef', DATABASE_URL: 'mysql://x' })
    const { code } = await exitWithin(child, appStartMs, 'the app to refuse the start')
    expect(code).toBe(1)
    const line = expectOneLineStartFailure(child, 'DATABASE_URL')
    expect(line).toContain('postgresql://')
    expect(child.stderr() + child.stdout()).not.toContain('xoxb-test')
  }, processTestMs)

  it('in Socket Mode with Slack unreachable: says the mode first, then where the data is, that the bot token could not be checked, then what it retries and when', async () => {
    const closedPort = await freePort()
    const databaseFile = path.join(workDir, 'unreachable.db')
    const child = startApp({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: '0123456789abcdef',
      SLACK_APP_TOKEN: 'xapp-1-A0CAMPAIGN-1-unreachable',
      SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/`,
      DATABASE_URL: `file:${databaseFile}`,
    })
    const retry = /^Campaign Desk: could not open the Socket Mode connection to Slack at 127\.0\.0\.1:(\d+) \((.+)\); retrying in (\d+) s \(attempt (\d+)\)$/gm
    await outputLine(child, 'stderr', /attempt 2\)$/m, appStartMs)
    const lines = nonEmptyLines(child.stderr())
    expect(lines[0]).toBe('Campaign Desk: Socket Mode (SLACK_APP_TOKEN is set): no public URL needed; connecting to Slack…')
    expect(lines[1]).toBe(`Campaign Desk: data in ${databaseFile}`)
    expect(lines[2]).toBe(`Campaign Desk: could not check SLACK_BOT_TOKEN with Slack at 127.0.0.1:${closedPort} (ECONNREFUSED); starting anyway — posts wait and are retried until Slack answers`)
    const retries = [...child.stderr().matchAll(retry)]
    expect(retries.map((m) => [Number(m[1]), m[2], Number(m[3]), Number(m[4])])).toEqual([
      [closedPort, 'ECONNREFUSED', 2, 1],
      [closedPort, 'ECONNREFUSED', 4, 2],
    ])
    expectOnlyStartupLines(child.stderr())
    jsonLogs(child.stdout())
    child.process.kill('SIGTERM')
    await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')
  }, processTestMs)

  describe('against the fake Slack', () => {
    let fake: FakeSlack

    beforeAll(async () => {
      fake = await startFakeSlack({ botToken: 'xoxb-test' })
    })

    afterAll(async () => {
      await fake?.close()
    })

    it('starts in HTTP mode, serves a command, refuses forged requests, and stops cleanly on SIGTERM: stdout all JSON, stderr only the start-up lines', async () => {
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

      expect(await readyLine(child)).toBe(`Campaign Desk: ready: listening on port ${port} at /slack/events (HTTP mode) — in Slack, try /campaign help`)
      expect(nonEmptyLines(child.stderr()).slice(0, 2)).toEqual([
        `Campaign Desk: HTTP mode (SLACK_APP_TOKEN is not set): Slack must reach https://<your host>/slack/events, forwarded to port ${port} — give that URL to the slash command, interactivity and event subscriptions of your Slack app`,
        `Campaign Desk: data in ${databaseFile}`,
      ])
      expect(fs.existsSync(databaseFile)).toBe(true)

      // It asked Slack who it is, with the configured token.
      const authTest = await fake.waitFor('auth.test')
      expect(authTest.token).toBe('xoxb-test')

      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(health.status).toBe(200)
      await health.text()

      // A real command, signed as Slack signs it.
      const slack = new AppClient({ baseUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: '0123456789abcdef', slack: fake })
      const help = await slack.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'help' })
      expect(help.status).toBe(200)
      expect(JSON.stringify(help.body)).toContain('/campaign new')

      await outputLine(child, 'stdout', /"msg":"slack_request"/, appStartMs)

      // Bolt's HTTP receiver refuses an unsigned and a forged Slack request.
      const logsBefore = nonEmptyLines(child.stdout()).length
      const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"x"}',
      })
      expect(unsigned.status).toBeGreaterThanOrEqual(400)
      await unsigned.text()
      const forged = await slack.send('command=%2Fcampaign&text=help', 'application/x-www-form-urlencoded', { signature: `v0=${'0'.repeat(64)}` })
      expect(forged.status).toBe(401)
      // Each refusal is one short JSON line.
      for (let deadline = Date.now() + 30_000; nonEmptyLines(child.stdout()).length < logsBefore + 2 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const refusals = nonEmptyLines(child.stdout()).slice(logsBefore)
      expect(refusals, refusals.join('\n')).toHaveLength(2)
      for (const line of refusals) {
        expect(JSON.parse(line)).toMatchObject({ level: 40, app: 'campaign-desk' })
        expect(line.length, line).toBeLessThan(300)
      }

      child.process.kill('SIGTERM')
      const { code, signal } = await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')
      expect({ code, signal }).toEqual({ code: 0, signal: null })

      const logs = jsonLogs(child.stdout())
      const messages = logs.map((log) => log.msg)
      expect(messages).toContain('listening_http')
      expect(messages).toContain('slack_request')
      expect(messages).toContain('stopping')
      expect(messages).toContain('stopped')
      expect(messages.indexOf('stopping')).toBeLessThan(messages.indexOf('stopped'))

      expectOnlyStartupLines(child.stderr())
      expect(child.stderr()).toContain('Campaign Desk: SIGTERM received')

      expect(child.stdout()).not.toContain('xoxb-test')
      expect(child.stderr()).not.toContain('xoxb-test')

      // The port is free again.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
    }, processTestMs)

    it('runs the live stage by the system clock: a Scheduled campaign goes live, posts its digest and reminds a task owner, each once', async () => {
      // A zone where it is now between 10:00 and 21:59, so today's 09:30 digest and 09:00 reminder
      // are both due in the real process's first tick (its clock is the system's).
      const hour = new Date().getUTCHours()
      const offset = [...Array(27).keys()].map((i) => i - 12).find((o) => (hour + o + 24) % 24 >= 10 && (hour + o + 24) % 24 <= 21)!
      const zone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}` // Etc/GMT-3 is UTC+3
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
      fake.addUser({ id: 'ULIVE1', name: 'olivia', tz: zone })
      fake.addUser({ id: 'ULIVE3', name: 'sam', tz: zone })
      fake.addChannel({ id: 'CLIVE', name: 'live', members: ['ULIVE1', fake.botUserId] })
      const databaseFile = path.join(workDir, 'live.db')
      const { openDatabase } = await import('../src/store/database.ts')
      const { seedCampaign } = await import('./support/live.ts')
      const database = await openDatabase({ provider: 'sqlite', file: databaseFile, url: `file:${databaseFile}` } as never)
      let campaignId: number
      try {
        await database.prisma.workspaceSettings.create({ data: { teamId: 'T1', timeZone: zone, workingDays: '1,2,3,4,5,6,7' } })
        ;({ campaignId } = await seedCampaign(database.prisma, {
          stage: 'scheduled', startDate: today, endDate: '2099-12-31', channelId: 'CLIVE', ownerId: 'ULIVE1',
          tasks: [{ dueDate: today, ownerId: 'ULIVE3' }], goals: [],
        }))
      } finally {
        await database.close()
      }
      const child = startApp({
        SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: '0123456789abcdef', SLACK_API_URL: fake.apiUrl,
        PORT: String(await freePort()), DATABASE_URL: `file:${databaseFile}`, LOG_LEVEL: 'info',
      })
      await outputLine(child, 'stdout', /"msg":"live_tick"/, appStartMs)
      const sentKeys = async () => {
        const Sqlite = createRequire(import.meta.url)('better-sqlite3')
        const db = new Sqlite(databaseFile, { readonly: true })
        try {
          return (db.prepare(`SELECT "dedupeKey" FROM "OutboxMessage" WHERE "status" = 'sent' ORDER BY "dedupeKey"`).all() as { dedupeKey: string }[]).map((row) => row.dedupeKey)
        } finally {
          db.close()
        }
      }
      let keys: string[] = []
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
        keys = await sentKeys()
        if (keys.some((key) => key.startsWith('reminder:')) && keys.some((key) => key.startsWith('digest:'))) break
      }
      expect(keys).toEqual(expect.arrayContaining([`go-live:${campaignId}`, `digest:${campaignId}:${today}`]))
      expect(keys.filter((key) => key.startsWith('reminder:'))).toHaveLength(1)
      expect(fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'CLIVE' && call.result?.ok)).toHaveLength(2)
      child.process.kill('SIGTERM')
      expect((await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).code).toBe(0)
    }, processTestMs)

    it('exits 1 with one line naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
      const child = startApp({
        SLACK_BOT_TOKEN: 'xoxb-refused-by-slack',
        SLACK_SIGNING_SECRET: '0123456789abcdef',
        SLACK_API_URL: fake.apiUrl,
        PORT: String(await freePort()),
        DATABASE_URL: `file:${path.join(workDir, 'refused.db')}`,
        LOG_LEVEL: 'info',
      })
      const { code } = await exitWithin(child, appStartMs, 'the app to refuse the start')
      expect(code).toBe(1)
      const line = expectOneLineStartFailure(child, 'SLACK_BOT_TOKEN')
      expect(line).toContain('invalid_auth')
      expect(child.stdout()).not.toMatch(/HTTP mode|Socket Mode/)
      expect(child.stdout() + child.stderr()).not.toContain('xoxb-refused-by-slack')
      const refused = fake.callsTo('auth.test').filter((call) => call.token === 'xoxb-refused-by-slack')
      expect(refused).toHaveLength(1)
      expect(refused[0]!.result).toMatchObject({ ok: false, error: 'invalid_auth' })
    }, processTestMs)

    it('connects in Socket Mode and stops cleanly on SIGTERM', async () => {
      const child = startApp({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: '0123456789abcdef',
        SLACK_APP_TOKEN: 'xapp-1-A0CAMPAIGN-1-process-test',
        // /healthz and /metrics are served on PORT in Socket Mode too.
        PORT: '0',
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: `file:${path.join(workDir, 'socket.db')}`,
      })
      await readyLine(child)
      child.process.kill('SIGTERM')
      expect(await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).toEqual({ code: 0, signal: null })
      expect(jsonLogs(child.stdout()).map((log) => log.msg)).toEqual(expect.arrayContaining(['listening_socket_mode', 'stopped']))
      expectOnlyStartupLines(child.stderr())
    }, processTestMs)

    it('in Socket Mode, an events_api envelope whose payload is null does not end the process', async () => {
      const child = startApp({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: '0123456789abcdef',
        SLACK_APP_TOKEN: 'xapp-1-A0CAMPAIGN-1-process-test',
        // /healthz and /metrics are served on PORT in Socket Mode too.
        PORT: '0',
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: `file:${path.join(workDir, 'socket-null.db')}`,
      })
      await readyLine(child)
      // Slack's socket client rejects on it outside any code of ours; the app logs one line and goes on.
      await fake.socketMode.send('events_api', null as never, { timeoutMs: 2_000 }).catch(() => {})
      await outputLine(child, 'stdout', /"msg":"unhandled_rejection"/, appStartMs)
      const help = await fake.socketMode.send('slash_commands', {
        command: '/campaign', text: 'help', team_id: 'T1', user_id: 'U1', channel_id: 'C1', trigger_id: 'x', response_url: `${fake.baseUrl}/response/none`,
      })
      expect(JSON.stringify(help.payload)).toContain('/campaign new')
      child.process.kill('SIGTERM')
      expect(await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).toEqual({ code: 0, signal: null })
    }, processTestMs)

    it.each(['invalid_auth', 'token_revoked'])('exits 1 with one line naming SLACK_APP_TOKEN when Slack answers apps.connections.open with %s', async (error) => {
      fake.failNext('apps.connections.open', { error })
      const child = startApp({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: '0123456789abcdef',
        SLACK_APP_TOKEN: 'xapp-1-A0CAMPAIGN-1-refused',
        SLACK_API_URL: fake.apiUrl,
        DATABASE_URL: `file:${path.join(workDir, `refused-${error}.db`)}`,
      })
      const { code } = await exitWithin(child, appStartMs, 'the app to refuse the start')
      expect(code).toBe(1)
      const line = expectOneLineStartFailure(child, 'SLACK_APP_TOKEN')
      expect(line).toContain(error)
      expect(line).toContain('App-Level Tokens')
      expect(child.stdout() + child.stderr()).not.toContain('xapp-1-A0CAMPAIGN-1-refused')
    }, processTestMs)

    it('exits 1 with one line naming PORT when the port is taken', async () => {
      const squatter = net.createServer()
      await new Promise<void>((resolve) => squatter.listen(0, resolve))
      const port = (squatter.address() as net.AddressInfo).port
      try {
        const child = startApp({
          SLACK_BOT_TOKEN: 'xoxb-test',
          SLACK_SIGNING_SECRET: '0123456789abcdef',
          SLACK_API_URL: fake.apiUrl,
          PORT: String(port),
          DATABASE_URL: `file:${path.join(workDir, 'busy-port.db')}`,
        })
        const { code } = await exitWithin(child, appStartMs, 'the app to refuse the start')
        expect(code).toBe(1)
        const line = expectOneLineStartFailure(child, 'PORT')
        expect(line).toContain(String(port))
        expect(line).toContain('in use')
      } finally {
        await new Promise((resolve) => squatter.close(resolve))
      }
    }, processTestMs)
  })
})

describe('the production build', () => {
  // `npm run build` into a copy of the project's layout in a temporary directory: dist/ beside
  // prisma/ (the migrations), package.json ("type": "module") and node_modules, as in a checkout.
  let buildRoot: string
  let fake: FakeSlack

  beforeAll(async () => {
    buildRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-build-'))
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(buildRoot, 'node_modules'), 'dir')
    fs.symlinkSync(path.join(repo, 'prisma'), path.join(buildRoot, 'prisma'), 'dir')
    fs.copyFileSync(path.join(repo, 'package.json'), path.join(buildRoot, 'package.json'))
    // What `npm run build` runs, with the output redirected. A type error fails the build.
    try {
      execFileSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(repo, 'tsconfig.build.json'), '--outDir', path.join(buildRoot, 'dist')], { cwd: repo, stdio: 'pipe' })
    } catch (error) {
      throw new Error(`npm run build failed:\n${String((error as { stdout?: Buffer }).stdout ?? '')}${String((error as { stderr?: Buffer }).stderr ?? '')}`)
    }
    fake = await startFakeSlack({ botToken: 'xoxb-test' })
  }, 300_000)

  afterAll(async () => {
    await fake?.close()
    if (buildRoot) fs.rmSync(buildRoot, { recursive: true, force: true })
  })

  it('is what docs/deploy.md and `npm run start:prod` run: node dist/main.js', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).scripts as Record<string, string>
    expect(scripts.build).toBe('tsc -p tsconfig.build.json')
    expect(scripts['start:prod']).toBe('node dist/main.js')
    expect(fs.readFileSync(path.join(repo, 'docs', 'deploy.md'), 'utf8')).toContain('node dist/main.js')
    expect(fs.existsSync(path.join(buildRoot, 'dist', 'main.js'))).toBe(true)
    expect(fs.existsSync(path.join(buildRoot, 'dist', 'generated', 'sqlite', 'client.js'))).toBe(true)
  })

  it('runs with plain node (no TypeScript loader), migrates, and stops cleanly on SIGTERM', async () => {
    const port = await freePort()
    const databaseFile = path.join(workDir, 'production.db')
    const child = startApp({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: '0123456789abcdef',
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      DATABASE_URL: `file:${databaseFile}`,
    }, [path.join(buildRoot, 'dist', 'main.js')])
    expect(await readyLine(child)).toMatch(/listening on port \d+ at \/slack\/events/)
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(health.status).toBe(200)
    await health.text()

    // The process that got the signal is the app itself: it finishes and exits 0.
    child.process.kill('SIGTERM')
    expect(await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).toEqual({ code: 0, signal: null })
    const messages = jsonLogs(child.stdout()).map((log) => log.msg)
    expect(messages).toEqual(expect.arrayContaining(['migration_applied', 'listening_http', 'stopping', 'stopped']))
    expectOnlyStartupLines(child.stderr())
    expect(child.stderr()).toContain('Campaign Desk: SIGTERM received')
  }, processTestMs)
})

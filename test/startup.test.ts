// What a person reads when the app starts, through the real process (src/main.ts, as `npm start`
// and `node dist/main.js` run it once some Slack variable is set): every problem of a .env at once,
// the mode on the first line with its next step, a manifest that says otherwise, a bot token that
// could not be checked, and a database that refuses the connection said as what to check.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { manifestDisagreement, manifestSocketMode, modeLine } from '../src/slack/startupNotices.ts'
import { parseConfig } from '../src/config.ts'
import {
  appStartMs, appStopMs, exitWithin, expectOnlyStartupLines, freePort, killLeftoverApps, nonEmptyLines,
  processTestMs, readyLine, repo, startAppProcess,
} from './support/appProcess.ts'
import { postgresAdminUrl } from './support/databases.ts'
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.ts'

const secrets = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: '0123456789abcdef' }
const shippedManifest = fs.readFileSync(path.join(repo, 'manifest.yml'), 'utf8')

let workDir: string
beforeAll(() => { workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-startup-')) })
afterEach(killLeftoverApps)
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }))

/** A start directory holding these files (a .env, a manifest.yml). */
function startDirectory(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(workDir, 'cwd-'))
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
  return dir
}

const cannotStart = (stderr: string) => nonEmptyLines(stderr).filter((line) => line.startsWith('Campaign Desk cannot start: '))

describe('a .env with several problems', () => {
  it('is refused with every problem at once, one line each naming the variable and where to get it; an empty value is missing', async () => {
    const cwd = startDirectory({
      '.env': [
        'SLACK_BOT_TOKEN=',
        'SLACK_SIGNING_SECRET=abc',
        'SLACK_APP_TOKEN=xoxb-pasted-in-the-wrong-place',
        'PORT=eighty',
        '',
      ].join('\n'),
    })
    const child = startAppProcess({ DATABASE_URL: `file:${path.join(cwd, 'never.db')}` }, { cwd })
    expect((await exitWithin(child, appStartMs, 'the app to refuse the start')).code).toBe(1)
    const stderr = child.stderr()
    expect(cannotStart(stderr), stderr).toEqual([
      expect.stringMatching(/^Campaign Desk cannot start: SLACK_BOT_TOKEN is missing — your Slack app → OAuth & Permissions → Bot User OAuth Token/),
      expect.stringMatching(/^Campaign Desk cannot start: SLACK_SIGNING_SECRET looks too short — your Slack app → Basic Information → App Credentials → Signing Secret$/),
      expect.stringMatching(/^Campaign Desk cannot start: SLACK_APP_TOKEN must start with xapp- — your Slack app → Basic Information → App-Level Tokens/),
      expect.stringMatching(/^Campaign Desk cannot start: PORT must be a port number — /),
    ])
    expect(nonEmptyLines(stderr)).toHaveLength(4)
    expect(stderr).not.toContain('xoxb-pasted-in-the-wrong-place')
    expect(fs.existsSync(path.join(cwd, 'never.db'))).toBe(false)
  }, processTestMs)
})

describe('the first lines', () => {
  let fake: FakeSlack
  beforeAll(async () => { fake = await startFakeSlack({ botToken: 'xoxb-test' }) })
  afterAll(async () => { await fake?.close() })

  it('HTTP mode, with Slack unreachable and the shipped (Socket Mode) manifest beside it: the mode and the URL Slack must reach first, the disagreement, the data, the unchecked token, then ready', async () => {
    const closedPort = await freePort()
    const port = await freePort()
    const cwd = startDirectory({ 'manifest.yml': shippedManifest })
    const child = startAppProcess({
      ...secrets, SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/`, PORT: String(port), DATABASE_URL: 'file:./cd.db',
    }, { cwd })
    await readyLine(child)
    expect(nonEmptyLines(child.stderr())).toEqual([
      `Campaign Desk: HTTP mode (SLACK_APP_TOKEN is not set): Slack must reach https://<your host>/slack/events, forwarded to port ${port} — give that URL to the slash command, interactivity and event subscriptions of your Slack app`,
      'Campaign Desk: manifest.yml here has socket_mode_enabled: true, but SLACK_APP_TOKEN is not set, so this is HTTP mode — a Slack app made from that manifest sends nothing over HTTP: set SLACK_APP_TOKEN for Socket Mode, or turn Socket Mode off in the app and give it the /slack/events URLs',
      `Campaign Desk: data in ${path.join(fs.realpathSync(cwd), 'cd.db')}`,
      `Campaign Desk: could not check SLACK_BOT_TOKEN with Slack at 127.0.0.1:${closedPort} (ECONNREFUSED); starting anyway — posts wait and are retried until Slack answers`,
      `Campaign Desk: ready: listening on port ${port} at /slack/events (HTTP mode) — in Slack, try /campaign help`,
    ])
    expectOnlyStartupLines(child.stderr())
    child.process.kill('SIGTERM')
    expect((await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).code).toBe(0)
  }, processTestMs)

  it('Socket Mode with a manifest that turned Socket Mode off: says the mode first, then that the manifest disagrees', async () => {
    const cwd = startDirectory({ 'manifest.yml': shippedManifest.replace(/^(\s*)socket_mode_enabled: true$/m, '$1socket_mode_enabled: false') })
    const child = startAppProcess({
      ...secrets, SLACK_APP_TOKEN: 'xapp-1-A0CAMPAIGN-1-startup-test', SLACK_API_URL: fake.apiUrl, DATABASE_URL: 'file:./cd.db', PORT: '0',
    }, { cwd })
    await readyLine(child)
    const lines = nonEmptyLines(child.stderr())
    expect(lines[0]).toBe('Campaign Desk: Socket Mode (SLACK_APP_TOKEN is set): no public URL needed; connecting to Slack…')
    expect(lines[1]).toBe('Campaign Desk: manifest.yml here has socket_mode_enabled: false, but SLACK_APP_TOKEN is set, so this is Socket Mode — turn Socket Mode on in your Slack app (Settings → Socket Mode), or leave SLACK_APP_TOKEN out for HTTP mode')
    expect(lines.at(-1)).toBe('Campaign Desk: ready: connected to Slack in Socket Mode — in Slack, try /campaign help')
    expect(child.stderr()).not.toContain('could not check SLACK_BOT_TOKEN')
    expectOnlyStartupLines(child.stderr())
    child.process.kill('SIGTERM')
    expect((await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).code).toBe(0)
  }, processTestMs)

  it('Socket Mode with the shipped manifest: they agree, and nothing is said about it', async () => {
    const cwd = startDirectory({ 'manifest.yml': shippedManifest })
    const child = startAppProcess({
      ...secrets, SLACK_APP_TOKEN: 'xapp-1-A0CAMPAIGN-1-startup-test', SLACK_API_URL: fake.apiUrl, DATABASE_URL: 'file:./cd.db', PORT: '0',
    }, { cwd })
    await readyLine(child)
    expect(nonEmptyLines(child.stderr())).toHaveLength(3) // mode, data, ready
    expect(child.stderr()).not.toContain('manifest.yml')
    child.process.kill('SIGTERM')
    expect((await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).code).toBe(0)
  }, processTestMs)
})

describe('a PostgreSQL DATABASE_URL that cannot be used', () => {
  it('with no server at host:port: one line naming DATABASE_URL, host:port, and asking whether a server runs there', async () => {
    const closedPort = await freePort()
    const child = startAppProcess({ ...secrets, DATABASE_URL: `postgresql://desk:s3cret-pw@127.0.0.1:${closedPort}/campaigns` }, { parentDir: workDir })
    expect((await exitWithin(child, appStartMs, 'the app to refuse the start')).code).toBe(1)
    const stderr = child.stderr()
    expect(cannotStart(stderr), stderr).toEqual([
      `Campaign Desk cannot start: DATABASE_URL: nothing accepts connections at 127.0.0.1:${closedPort} (ECONNREFUSED) — is a PostgreSQL server running there, listening on port ${closedPort}?`,
    ])
    expectOnlyStartupLines(stderr)
    expect(stderr + child.stdout()).not.toContain('s3cret-pw')
  }, processTestMs)

  it.skipIf(!postgresAdminUrl())('with a role the server does not have: one line asking whether the role exists', async () => {
    const url = new URL(postgresAdminUrl()!)
    url.username = 'no_such_role_cd'
    url.password = 'pw-not-shown'
    const child = startAppProcess({ ...secrets, DATABASE_URL: url.toString() }, { parentDir: workDir })
    expect((await exitWithin(child, appStartMs, 'the app to refuse the start')).code).toBe(1)
    const stderr = child.stderr()
    expect(cannotStart(stderr), stderr).toEqual([
      `Campaign Desk cannot start: DATABASE_URL: PostgreSQL at ${url.hostname}:${url.port || '5432'} has no role "no_such_role_cd" — does the role exist? Create it (createuser --pwprompt no_such_role_cd), or put an existing role in the URL`,
    ])
    expect(stderr + child.stdout()).not.toContain('pw-not-shown')
  }, processTestMs)
})

describe('start-up notices', () => {
  const http = parseConfig({ ...secrets, PORT: '8080' })
  const socket = parseConfig({ ...secrets, SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' })

  it("reads the manifest's own socket_mode_enabled line, not the comments that mention it", () => {
    expect(manifestSocketMode(shippedManifest)).toBe(true)
    expect(manifestSocketMode('#   1. set  settings.socket_mode_enabled: false\nsettings:\n  socket_mode_enabled: true\n')).toBe(true)
    expect(manifestSocketMode('settings:\n  socket_mode_enabled: false  # HTTP mode\n')).toBe(false)
    expect(manifestSocketMode('settings:\n  interactivity:\n    is_enabled: true\n')).toBeUndefined()
  })

  it('says nothing when the manifest agrees, is absent or does not say', () => {
    expect(manifestDisagreement(shippedManifest, socket)).toBeUndefined()
    expect(manifestDisagreement(shippedManifest.replace('socket_mode_enabled: true', 'socket_mode_enabled: false'), http)).toBeUndefined()
    expect(manifestDisagreement(undefined, http)).toBeUndefined()
    expect(manifestDisagreement('display_information:\n  name: x\n', http)).toBeUndefined()
  })

  it('names the port HTTP mode listens on', () => {
    expect(modeLine(http)).toContain('forwarded to port 8080')
  })
})

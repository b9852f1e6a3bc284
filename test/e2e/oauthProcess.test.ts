// The real start command in many-workspace mode (node, tsx, main.ts as `npm start` runs it): the
// OAuth packages load under Node's own ESM loader (not only under vitest's), the first line says
// the mode and the install and redirect URLs, /slack/install answers, and SIGTERM stops it cleanly.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exitWithin, freePort, readyLine, startAppProcess, processTestMs, appStopMs, type AppProcess } from '../support/appProcess.ts'
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.ts'

describe('many workspaces, as a process', () => {
  let fake: FakeSlack
  let child: AppProcess | null = null
  afterEach(async () => {
    if (child && child.process.exitCode === null) child.process.kill('SIGKILL')
    await fake.close()
  })

  it('starts, says how workspaces install it, serves the install page, and stops on SIGTERM', { timeout: processTestMs }, async () => {
    fake = await startFakeSlack({})
    const port = await freePort()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-oauth-process-'))
    child = startAppProcess({
      SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'process-client-secret', SLACK_STATE_SECRET: 'process-state-secret-0123456789',
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'), SLACK_SIGNING_SECRET: '0123456789abcdef',
      SLACK_API_URL: fake.apiUrl, PORT: String(port), DATABASE_URL: `file:${path.join(dir, 'oauth.db')}`,
    }, { parentDir: dir })
    expect(await readyLine(child)).toMatch(/listening on port \d+ at \/slack\/events/)
    expect(child.stderr().split('\n')[0]).toBe(
      `Campaign Desk: HTTP mode for many workspaces (SLACK_CLIENT_ID is set): Slack must reach https://<your host>/slack/events, forwarded to port ${port}; `
      + "workspaces install the app at https://<your host>/slack/install, and your Slack app's Redirect URL is https://<your host>/slack/oauth_redirect",
    )
    // No bot token to check at start: Slack is not asked anything until a workspace installs.
    expect(fake.calls).toEqual([])
    const page = await fetch(`http://127.0.0.1:${port}/slack/install`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(`${fake.baseUrl}/oauth/v2/authorize?scope=commands%2Cchat%3Awrite`)
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    child.process.kill('SIGTERM')
    expect(await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).toEqual({ code: 0, signal: null })
  })
})

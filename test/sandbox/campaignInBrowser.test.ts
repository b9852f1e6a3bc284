// The sandbox in a real browser (Debian's chromium, headless, driven by playwright-core): a whole
// campaign clicked from `/campaign new` to the compiled retrospective report by the seeded people,
// advancing the clock, in English and in Chinese; and what the page promises besides (two windows
// in step, ephemeral answers, files, threads, message shortcuts, closing modals, reset).
// Without /usr/bin/chromium these tests skip with one notice; under CI=true they fail instead.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox.ts'
import { sandboxPeople } from '../../src/sandbox/workspace.ts'
import { walkCampaign, type WalkOptions } from './campaignWalk.ts'
import { chromiumPath, launchChromium, SandboxPage } from './sandboxPage.ts'

const browserMissing = !fs.existsSync(chromiumPath) && process.env.CI !== 'true'
if (browserMissing) console.warn(`Browser tests of the sandbox skipped: no ${chromiumPath} (apt-get install chromium; under CI=true they fail instead).`)

const person = (role: string) => sandboxPeople.find((p) => p.role.startsWith(role))!.realName
const englishCast = { owner: person('campaign owner'), approver: person('approver'), dataOwner: person('data owner'), designer: person('designer') }
const chineseCast = { ...englishCast, owner: sandboxPeople.find((p) => p.locale === 'zh-CN')!.realName }
const dates = { startAt: '2027-03-01T09:00', startDate: '2027-03-02', endDate: '2027-03-08', retroAt: '2027-03-09T10:00' }

describe.skipIf(browserMissing)('the sandbox in a browser', () => {
  let browser: Browser
  let directory: string
  const sandboxes: RunningSandbox[] = []

  beforeAll(async () => {
    browser = (await launchChromium())!
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-sandbox-'))
  })
  afterEach(async () => {
    for (const sandbox of sandboxes.splice(0)) await sandbox.stop()
  })
  afterAll(async () => {
    await browser?.close()
    fs.rmSync(directory, { recursive: true, force: true })
  })

  const start = async () => {
    const sandbox = await startSandbox({ port: 0, databaseFile: path.join(directory, `sandbox-${sandboxes.length}-${Date.now()}.db`), logLevel: 'silent' })
    sandboxes.push(sandbox)
    return sandbox
  }

  /** Runs the walk; on failure, says which step it was in and keeps a picture of the page. */
  const walk = async (ui: SandboxPage, options: Omit<WalkOptions, 'log'>) => {
    const steps: string[] = []
    try {
      await walkCampaign(ui, { ...options, log: (line) => steps.push(line) })
    } catch (error) {
      const picture = path.join('test-results', `sandbox-walk-${options.locale}.png`)
      fs.mkdirSync('test-results', { recursive: true })
      await ui.screenshot(picture).catch(() => {})
      throw new Error(`the walk failed while "${steps.at(-1)}" (picture: ${picture}): ${(error as Error).message}`)
    }
    expect(ui.problems, 'script errors on the page').toEqual([])
  }

  it('clicks a campaign from /campaign new to the compiled report, in English', async () => {
    const sandbox = await start()
    const ui = await SandboxPage.open(browser, sandbox.url)
    await walk(ui, { locale: 'en', cast: englishCast, campaignName: 'Spring tea festival', ...dates })
    // What the page showed is what the app sent: the report is in the local Slack, in #campaigns.
    const { slack } = sandbox.world()
    expect(slack.messages.some((message) => JSON.stringify(message.blocks ?? '').includes('Retrospective: Spring tea festival'))).toBe(true)
    await ui.page.close()
  }, 180_000)

  it('clicks the same campaign in Chinese, as the Chinese-speaking owner: the app speaks Chinese, the page keeps its English controls', async () => {
    const sandbox = await start()
    const ui = await SandboxPage.open(browser, sandbox.url)
    await walk(ui, { locale: 'zh-CN', cast: chineseCast, campaignName: '冬季茶节', ...dates })
    const zh = messagesFor('zh-CN')
    expect(sandbox.world().slack.messages.some((message) => JSON.stringify(message.blocks ?? '').includes(zh.retroReport.header('冬季茶节')))).toBe(true)
    for (const control of ['Advance 1 hour', 'Advance 1 day', 'Set time', 'Reset sandbox']) {
      expect(await ui.page.getByRole('button', { name: control, exact: true }).count(), control).toBe(1)
    }
    expect(await ui.page.getByLabel('Acting as').count()).toBe(1)
    await ui.goTo('campaigns')
    expect(await ui.composer.count()).toBe(1)
    await ui.page.close()
  }, 180_000)
})

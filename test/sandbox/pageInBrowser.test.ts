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
import { beginCampaign, walkCampaign, type WalkOptions } from './campaignWalk.ts'
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
  /** Under CI=true a missing browser fails every test here, each saying why. */
  let launchFailure: Error | null = null

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-sandbox-'))
    try {
      browser = (await launchChromium())!
    } catch (error) {
      launchFailure = error as Error
    }
  })
  afterEach(async () => {
    for (const sandbox of sandboxes.splice(0)) await sandbox.stop()
  })
  afterAll(async () => {
    await browser?.close()
    fs.rmSync(directory, { recursive: true, force: true })
  })

  const start = async () => {
    if (launchFailure) throw launchFailure
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

  it("draws Block Kit as Slack does: headers, fields, context, images, rich text, mentions, links, emoji, and controls named by their text", async () => {
    const sandbox = await start()
    const { slack } = sandbox.world()
    const post = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${slack.botToken}` },
      body: JSON.stringify({
        channel: 'C01CAMPAIGNS', text: 'All the blocks',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Tea &amp; cake :tada:' } },
          { type: 'section', text: { type: 'mrkdwn', text: '*Bold* _italic_ ~gone~ `code` for <@U02ADA> in <#C02MARKETING>, <!here>: <https://example.com|the site>' },
            fields: [{ type: 'mrkdwn', text: '*Owner*\n<@U01OLIVIA>' }, { type: 'mrkdwn', text: '*Budget*\n$2,000' }],
            accessory: { type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open it' } } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: ':large_green_circle: on track · due <!date^1800000000^{date_num} {time}|15 Jan 2027>' }] },
          { type: 'divider' },
          { type: 'image', image_url: '/files/none.png', alt_text: 'A chart of the week' },
          { type: 'rich_text', elements: [{ type: 'rich_text_list', style: 'bullet', elements: [
            { type: 'rich_text_section', elements: [{ type: 'text', text: 'First point', style: { bold: true } }] },
            { type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U03SAM' }, { type: 'text', text: ' reports' }] },
          ] }] },
          { type: 'actions', elements: [
            { type: 'static_select', action_id: 'pick', placeholder: { type: 'plain_text', text: 'Pick a plan' }, options: [{ text: { type: 'plain_text', text: 'Lean' }, value: 'lean' }] },
            { type: 'datepicker', action_id: 'when', placeholder: { type: 'plain_text', text: 'Pick a day' } },
            { type: 'overflow', action_id: 'more', options: [{ text: { type: 'plain_text', text: 'Delete' }, value: 'delete' }] },
          ] },
        ],
      }),
    })
    expect((await post.json() as { ok: boolean }).ok).toBe(true)
    // Olivia is in London: Slack writes a <!date> in the reader's zone.
    const ui = await SandboxPage.open(browser, sandbox.url, 'U01OLIVIA')
    const message = ui.message('All the blocks').or(ui.message('Tea & cake'))
    await message.waitFor()
    expect(await message.getByRole('heading', { name: 'Tea & cake 🎉' }).count()).toBe(1)
    const text = await message.textContent()
    for (const shown of ['Bold italic gone code for @Ada Okafor in #marketing, @here: the site', 'Owner', '@Olivia Bennett', '🟢 on track', 'due 2027-01-15 8:00 AM', 'First point', '@Sam Rivera reports']) {
      expect(text, shown).toContain(shown)
    }
    expect(await message.locator('strong', { hasText: 'Bold' }).count()).toBe(1)
    expect(await message.locator('del', { hasText: 'gone' }).count()).toBe(1)
    expect(await message.getByRole('link', { name: 'the site' }).getAttribute('href')).toBe('https://example.com')
    expect(await message.getByRole('img', { name: 'A chart of the week' }).count()).toBe(1)
    expect(await message.getByRole('listitem').count()).toBe(2)
    expect(await message.getByRole('button', { name: 'Open it' }).count()).toBe(1)
    expect(await message.getByRole('combobox', { name: 'Pick a plan' }).count()).toBe(1)
    expect(await message.getByLabel('Pick a day').getAttribute('type')).toBe('date')
    await message.getByRole('button', { name: 'More options' }).click()
    expect(await message.getByRole('menuitem', { name: 'Delete' }).count()).toBe(1)
    await ui.page.close()
  }, 60_000)

  it('keeps the person just chosen in Acting as when an older answer for the one before comes back after it', async () => {
    const sandbox = await start()
    const ui = await SandboxPage.open(browser, sandbox.url, 'U01OLIVIA')
    await ui.page.locator('.me', { hasText: 'You are Olivia Bennett' }).waitFor()
    // Every "You are …" the page shows from here on, in order (a script in the page; a string, as it runs there).
    await ui.page.evaluate(`(() => {
      const shown = window.shownMe = []
      new MutationObserver(() => { const me = document.querySelector('.me')?.textContent; if (me && me !== shown.at(-1)) shown.push(me) })
        .observe(document.body, { subtree: true, childList: true, characterData: true })
    })()`)
    // The next answer about Olivia's view is held back until the page has switched to Ada.
    let release!: () => void
    const released = new Promise<void>((resolve) => { release = resolve })
    let held!: () => void
    const holding = new Promise<void>((resolve) => { held = resolve })
    await ui.page.route((url) => url.pathname === '/api/state' && url.searchParams.get('as') === 'U01OLIVIA', async (route) => {
      held()
      await released
      await route.continue()
    })
    // Something changes in the sandbox (a message from another window): the page asks again about Olivia's view (held).
    const other = await SandboxPage.open(browser, sandbox.url, 'U02ADA')
    await other.send('A change')
    await holding
    await ui.actAs('Ada Okafor')
    const stale = ui.page.waitForResponse((response) => response.url().includes('as=U01OLIVIA'))
    release()
    await stale
    // The page has read the stale answer; a later change shows Ada's view again, in any case.
    await other.send('Another change')
    await ui.message('Another change').waitFor()
    await other.page.close()
    const shown = await ui.page.evaluate<string[]>('window.shownMe')
    const sinceAda = shown.slice(shown.findIndex((me) => me.includes('Ada Okafor')))
    expect(sinceAda[0]).toContain('Ada Okafor')
    expect(sinceAda.filter((me) => me.includes('Olivia'))).toEqual([])
    await ui.page.unrouteAll({ behavior: 'ignoreErrors' })
    await ui.page.close()
  })

  it('keeps two windows acting as two people in step, each seeing only what is theirs', async () => {
    const sandbox = await start()
    const olivia = await SandboxPage.open(browser, sandbox.url, 'U01OLIVIA')
    const ada = await SandboxPage.open(browser, sandbox.url, 'U02ADA')
    await ada.page.locator('.me', { hasText: 'You are Ada Okafor' }).waitFor()

    // Ada's window shows it without her doing anything (how fast is the sandbox's to show, not a test's).
    await olivia.send('Shall we do something for spring?')
    await ada.message('Shall we do something for spring?').waitFor()
    expect(await ada.message('Shall we do something for spring?').getByText('Olivia Bennett').count()).toBe(1)

    // An ephemeral answer is the asker's alone, and says so.
    await olivia.send('/campaign help')
    const help = olivia.message('/campaign new')
    await help.getByText('Only visible to you').waitFor()
    // Once Ada's window shows a message sent after it, it has drawn everything before it too.
    await olivia.send('Or for the summer?')
    await ada.message('Or for the summer?').waitFor()
    expect(await ada.message('/campaign new').count()).toBe(0)

    // A message shortcut from the message's More actions menu opens the app's modal, prefilled.
    const idea = ada.message('Shall we do something for spring?')
    await idea.getByRole('button', { name: 'More actions' }).click()
    await idea.getByRole('menuitem', { name: 'Add to campaign ideas' }).click()
    const en = messagesFor('en')
    const modal = ada.dialog(en.ideas.modal.titleAdd)
    await modal.waitFor()
    expect(await modal.getByLabel(en.ideas.modal.text.label, { exact: true }).inputValue()).toBe('Shall we do something for spring?')
    // Close (the view's own close text) takes it away and sends nothing more.
    await ada.pressAndClose(modal, en.ideas.modal.close)
    expect(olivia.problems.concat(ada.problems)).toEqual([])
    await olivia.page.close()
    await ada.page.close()
  }, 120_000)

  it('shows the Gantt chart inline and the export as downloads, and Reset sandbox starts over', async () => {
    const sandbox = await start()
    const ui = await SandboxPage.open(browser, sandbox.url)
    const en = messagesFor('en')
    const planMessage = await beginCampaign(ui, { locale: 'en', cast: englishCast, campaignName: 'Gantt and export', ...dates })
    await planMessage.getByRole('button', { name: en.plan.gantt, exact: true }).click()
    const gantt = ui.page.getByRole('main').getByRole('img', { name: /gantt/i }).first()
    await gantt.waitFor()
    expect(await gantt.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(200)

    await ui.send('/campaign export Gantt and export')
    const workbook = ui.page.getByRole('link', { name: /\.xlsx$/ }).first()
    await workbook.waitFor()
    const [download] = await Promise.all([ui.page.waitForEvent('download'), workbook.click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const saved = path.join(directory, download.suggestedFilename())
    await download.saveAs(saved)
    expect(fs.readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK')
    expect(await ui.page.getByRole('link', { name: /\.md$/ }).count()).toBeGreaterThan(0)

    ui.page.once('dialog', (dialog) => void dialog.accept())
    await ui.page.getByRole('button', { name: 'Reset sandbox', exact: true }).click()
    await ui.page.getByText('No messages yet.').waitFor()
    expect(sandbox.world().slack.messages).toEqual([])
    expect(ui.problems).toEqual([])
    await ui.page.close()
  }, 120_000)
})

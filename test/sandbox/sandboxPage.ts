// The sandbox's page as a person uses it, for the browser tests: Debian's chromium driven by
// playwright-core, every control found by its role and accessible name (a label, a button's text),
// as a person or a screen reader finds it.
import fs from 'node:fs'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'

/**
 * Debian's chromium, or null when it is not installed here (the browser tests then skip, once, with
 * a notice). Under CI=true a missing browser is an error: .ci/run installs it.
 */
export async function launchChromium(): Promise<Browser | null> {
  if (!fs.existsSync(chromiumPath)) {
    if (process.env.CI === 'true') throw new Error(`${chromiumPath} is missing: the browser tests need Debian's chromium (apt-get install chromium), as .ci/run installs it`)
    return null
  }
  // A fresh profile each launch (playwright makes one), and nothing that reaches the network.
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export class SandboxPage {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, as?: string): Promise<SandboxPage> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 960 } })
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(`${url.replace('localhost', '127.0.0.1')}/${as ? `?as=${as}` : ''}`)
    const sandboxPage = new SandboxPage(page)
    sandboxPage.problems = problems
    await sandboxPage.composer.or(page.getByRole('region', { name: 'Home tab' })).first().waitFor()
    return sandboxPage
  }

  /** Script errors on the page (none expected). */
  problems: string[] = []

  get composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message', exact: true })
  }

  /** Switches `Acting as` to this person (by full name) and waits for the page to show their view. */
  async actAs(realName: string): Promise<void> {
    const select = this.page.getByLabel('Acting as')
    const value = await select.locator('option', { hasText: realName }).first().getAttribute('value')
    await select.selectOption(value!)
    await this.page.locator('.me', { hasText: `You are ${realName}` }).waitFor()
  }

  /** A channel by name (`campaigns`), or the app's `Home` / `Messages` tab. */
  async goTo(place: string): Promise<void> {
    const sidebar = this.page.getByRole('navigation', { name: 'Sidebar' })
    await sidebar.getByRole('button', { name: place, exact: true }).click()
    await sidebar.locator('[aria-current="page"]', { hasText: place }).waitFor()
  }

  /** Types into the composer and presses Enter: a slash command runs, anything else is posted. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text)
    await this.composer.press('Enter')
  }

  /** The open modal with this title (the top one: the ones under it are hidden, as in Slack). */
  dialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: title, exact: true })
  }

  /** The error Slack shows under a modal's field: the text the field's aria-describedby points at that is an alert. */
  async errorUnder(dialog: Locator, label: string): Promise<string | null> {
    const ids = (await dialog.getByLabel(label, { exact: true }).getAttribute('aria-describedby'))?.split(' ') ?? []
    for (const id of ids) {
      const described = dialog.locator(`[id="${id}"][role="alert"]`)
      if (await described.count() > 0) return (await described.textContent())?.trim() ?? null
    }
    return null
  }

  /**
   * Presses a modal's button and waits for that modal (that view, not any with its title: a form
   * and the section under it may share one) to close.
   */
  async pressAndClose(dialog: Locator, button: string | RegExp): Promise<void> {
    await this.settled()
    const view = await dialog.getAttribute('aria-labelledby')
    await dialog.getByRole('button', { name: button, exact: typeof button === 'string' }).click()
    await this.page.locator(`[role="dialog"][aria-labelledby="${view}"]`).waitFor({ state: 'detached' })
  }

  /**
   * Waits until the page has heard back from the app for everything the person did (its status
   * line no longer says it is waiting): a form opened by a click is then drawn from the newest
   * state, and what is typed into it stays.
   */
  async settled(): Promise<void> {
    await this.page.waitForFunction(`![...document.querySelectorAll('.busy[role="status"]')].some((s) => s.textContent.trim() !== '')`)
  }

  /**
   * Types `value` into a field and makes sure it is still there once the page has settled. One
   * loaded run in three sent the figures form empty: the field typed into right after the form
   * opened was drawn again (a refresh from the app's posts landing then) and lost what was typed.
   * A person would see the field empty and type again; so does this, at most twice, and says so.
   */
  async fillAndKeep(field: Locator, value: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await field.fill(value)
      await this.settled()
      if ((await field.inputValue()) === value) return
      if (attempt === 3) throw new Error(`the field lost what was typed (${value}) three times`)
      console.warn(`sandbox page: a field lost what was typed into it (attempt ${attempt}); typing again`)
    }
  }

  /** The newest message (role article) that shows this text. */
  message(text: string | RegExp): Locator {
    return this.page.getByRole('main').getByRole('article').filter({ hasText: text }).last()
  }

  /** The text the page shows for the sandbox's time, e.g. "Mon 1 Mar 2027, 09:00". */
  async clockText(): Promise<string> {
    return (await this.page.getByRole('region', { name: 'Sandbox clock' }).locator('output').textContent()) ?? ''
  }

  /** Puts the clock at a local time of the acting person (YYYY-MM-DDTHH:mm) and waits for the app's scheduler to have run. */
  async setTime(local: string): Promise<void> {
    const clock = this.page.getByRole('region', { name: 'Sandbox clock' })
    await clock.getByLabel('Sandbox time').fill(local)
    await this.waitForClockMove(() => clock.getByRole('button', { name: 'Set time' }).click())
  }

  async advance(by: 'hour' | 'day'): Promise<void> {
    await this.waitForClockMove(() => this.page.getByRole('button', { name: by === 'hour' ? 'Advance 1 hour' : 'Advance 1 day' }).click())
  }

  private async waitForClockMove(move: () => Promise<void>): Promise<void> {
    const before = await this.clockText()
    const answered = this.page.waitForResponse((response) => response.url().endsWith('/api/clock'), { timeout: 60_000 })
    await move()
    const response = await answered
    if (!response.ok()) throw new Error(`the clock did not move: ${await response.text()}`)
    await this.page.waitForFunction(`document.querySelector('.clock output')?.textContent !== ${JSON.stringify(before)}`)
  }

  async screenshot(file: string, target?: Locator): Promise<void> {
    await (target ?? this.page).screenshot({ path: file, animations: 'disabled' })
  }
}

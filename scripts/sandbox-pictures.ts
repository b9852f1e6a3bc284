// Takes the sandbox's pictures in docs/ from the browser test's own walk (test/sandbox/campaignWalk.ts):
// the page as a first-time visitor meets it with a proposal card, a section modal with an error under
// its field, the plan message, a digest, the App Home, and the compiled report; the digest in
// Chinese too. Needs Debian's chromium at /usr/bin/chromium. Run: npx tsx scripts/sandbox-pictures.ts
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locale } from '../src/i18n/catalogue.ts'
import { startSandbox } from '../src/sandbox/sandbox.ts'
import { sandboxPeople } from '../src/sandbox/workspace.ts'
import { walkCampaign, type Cast } from '../test/sandbox/campaignWalk.ts'
import { launchChromium, SandboxPage } from '../test/sandbox/sandboxPage.ts'

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs')
const person = (role: string) => sandboxPeople.find((p) => p.role.startsWith(role))!.realName
const english: Cast = { owner: person('campaign owner'), approver: person('approver'), dataOwner: person('data owner'), designer: person('designer') }
const chinese: Cast = { ...english, owner: sandboxPeople.find((p) => p.locale === 'zh-CN')!.realName }

const browser = await launchChromium()
if (!browser) {
  process.stderr.write('The sandbox pictures need chromium at /usr/bin/chromium (apt-get install chromium).\n')
  process.exit(1)
}
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-pictures-'))
const written: string[] = []

async function walk(locale: Locale, cast: Cast, campaignName: string, wanted: (name: string) => string | null): Promise<void> {
  const sandbox = await startSandbox({ port: 0, databaseFile: path.join(directory, `${locale}.db`), logLevel: 'silent' })
  try {
    const ui = await SandboxPage.open(browser!, sandbox.url)
    // Tall enough that a long message fits on the page whole.
    await ui.page.setViewportSize({ width: 1280, height: 2200 })
    await walkCampaign(ui, {
      locale, cast, campaignName, startAt: '2027-03-01T09:00', startDate: '2027-03-02', endDate: '2027-03-08', retroAt: '2027-03-09T10:00',
      picture: async (name, target) => {
        if (name === 'proposal-card' && locale === 'en') {
          // The whole page as a visitor sees it, at a laptop's size.
          await ui.page.setViewportSize({ width: 1280, height: 800 })
          await ui.screenshot(save('sandbox.png'))
          await ui.page.setViewportSize({ width: 1280, height: 2200 })
        }
        const file = wanted(name)
        if (file) await ui.screenshot(save(file), target ?? undefined)
      },
    })
    await ui.page.close()
  } finally {
    await sandbox.stop()
  }
}

function save(file: string): string {
  written.push(file)
  return path.join(docs, file)
}

try {
  await walk('en', english, 'Spring tea festival', (name) => `sandbox-${name}.png`)
  await walk('zh-CN', chinese, '冬季茶节', (name) => (name === 'digest' || name === 'section-error' ? `sandbox-${name}-zh.png` : null))
  process.stdout.write(`Wrote ${written.map((file) => `docs/${file}`).join(', ')}\n`)
} finally {
  await browser.close()
  fs.rmSync(directory, { recursive: true, force: true })
}

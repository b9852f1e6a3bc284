// Issue 17's features reached in the sandbox's page, in a real browser (Debian's chromium, driven by
// playwright-core): figures imported from a CSV chosen in the upload modal's file input (preview,
// then Record); a CSV shared with the composer's attach button, then `/campaign metrics import`; a
// campaign's own channel appearing in its members' sidebars and leaving when archived; and the
// figures API answering on the page's own port. One sandbox for the file; each test its own campaign.
// Without /usr/bin/chromium these tests skip with one notice; under CI=true they fail instead.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { startSandbox, type RunningSandbox } from '../../src/sandbox/sandbox.ts'
import { sandboxChannels, sandboxPeople, sandboxTeam } from '../../src/sandbox/workspace.ts'
import { campaignChannelBlockIds } from '../../src/slack/campaignChannel/form.ts'
import { openDatabase } from '../../src/store/database.ts'
import { parseConfig } from '../../src/config.ts'
import { seedCampaign, type SeedCampaign } from '../support/live.ts'
import { formValues, validForm } from '../support/proposals.ts'
import { plainText } from '../support/slackRequests.ts'
import { chromiumPath, launchChromium, SandboxPage } from './sandboxPage.ts'

const browserMissing = !fs.existsSync(chromiumPath) && process.env.CI !== 'true'
if (browserMissing) console.warn(`Browser tests of issue 17 in the sandbox skipped: no ${chromiumPath} (apt-get install chromium; under CI=true they fail instead).`)

const m = messagesFor('en')
const byRole = (role: string) => sandboxPeople.find((p) => p.role.startsWith(role))!
const owner = byRole('campaign owner')
const approver = byRole('approver')
const dataOwner = byRole('data owner')
const designer = byRole('designer')
const campaigns = sandboxChannels.find((c) => c.name === 'campaigns')!.id
/** Noon in London on the campaign's third day: the first two days' figures are in the past. */
const startAt = new Date('2027-03-03T12:00:00Z')

const figuresCsv = [
  'date,metric,value',
  '2027-03-01,orders,12',
  '2027-03-02,orders,"1,015"',
  '2027-03-02,likes,3', // no goal has it
].join('\n')

describe.skipIf(browserMissing)('issue 17 in the sandbox, in a browser', () => {
  let browser: Browser
  let directory: string
  let sandbox: RunningSandbox
  let ui: SandboxPage
  let serial = 0

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-issue17-'))
    browser = (await launchChromium())!
    sandbox = await startSandbox({ port: 0, databaseFile: path.join(directory, 'sandbox.db'), logLevel: 'silent', startAt: () => startAt })
    ui = await SandboxPage.open(browser, sandbox.url)
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await sandbox?.stop()
    fs.rmSync(directory, { recursive: true, force: true })
  })

  /** A live campaign in #campaigns straight in the sandbox's database, its orders reported by the data owner. */
  async function liveCampaign(name: string, seed: Partial<SeedCampaign> = {}) {
    const database = await openDatabase(parseConfig({ DATABASE_URL: `file:${path.join(directory, 'sandbox.db')}`, SLACK_BOT_TOKEN: 'xoxb-unused', SLACK_SIGNING_SECRET: 'unused-signing-secret' }).database)
    try {
      return await seedCampaign(database.prisma, {
        teamId: sandboxTeam.id, name, channelId: campaigns, ownerId: owner.id, approverId: approver.id, stage: 'live',
        startDate: '2027-03-01', endDate: '2027-03-14', timeZone: 'Europe/London',
        goals: [{ metric: 'orders', targetValue: 500, dataOwnerId: dataOwner.id }], ...seed,
      })
    } finally {
      await database.close()
    }
  }

  const entriesOf = async (campaignId: number) => {
    const database = await openDatabase(parseConfig({ DATABASE_URL: `file:${path.join(directory, 'sandbox.db')}`, SLACK_BOT_TOKEN: 'xoxb-unused', SLACK_SIGNING_SECRET: 'unused-signing-secret' }).database)
    try {
      return await database.prisma.metricEntry.findMany({ where: { campaignId }, orderBy: { onDate: 'asc' } })
    } finally {
      await database.close()
    }
  }

  it('imports figures from a CSV chosen in the file input: the preview, then Record', async () => {
    const name = `Spring orders ${++serial}`
    const { campaignId } = await liveCampaign(name)
    await ui.actAs(dataOwner.realName)
    await ui.goTo('campaigns')
    await ui.send(`/campaign metrics #${campaignId}`)
    // The campaign's figures, to the person only, with Enter figures.
    await ui.message(`Figures of ${name}`).getByRole('button', { name: m.metrics.enterFigures, exact: true }).click()
    const entry = ui.dialog(m.metrics.modal.title)
    await entry.getByRole('button', { name: m.metricImport.importButton }).click()
    const upload = ui.dialog(m.metricImport.upload.title)
    const input = upload.getByLabel(m.metricImport.upload.file, { exact: true })
    // A real file chooser, taking what the element takes.
    expect(await input.getAttribute('type')).toBe('file')
    expect(await input.getAttribute('accept')).toBe('.csv,.xlsx')
    expect(await input.getAttribute('multiple')).toBeNull()

    // Nothing chosen: Slack says so under the field before the app is asked.
    await upload.getByRole('button', { name: m.metricImport.upload.submit }).click()
    expect(await ui.errorUnder(upload, m.metricImport.upload.file)).toBe('Please complete this required field.')

    await input.setInputFiles({ name: 'spring-orders.csv', mimeType: 'text/csv', buffer: Buffer.from(figuresCsv) })
    await upload.getByRole('status').filter({ hasText: 'Uploaded: spring-orders.csv' }).waitFor()
    await upload.getByRole('button', { name: m.metricImport.upload.submit }).click()
    const preview = ui.dialog(m.metricImport.preview.title)
    await preview.getByText('spring-orders.csv').waitFor()
    await expect.poll(() => preview.textContent()).toContain('2 new days · 0 corrections · 0 already recorded (nothing to do) · 1 row not recorded')
    expect(await preview.textContent()).toContain('Row 4: no goal of this campaign has that metric')
    fs.mkdirSync('/work/notes', { recursive: true })
    await ui.screenshot('/work/notes/import-preview.png', preview)
    // The file is the person's in the local Slack, as Slack keeps a file input's upload, shared nowhere.
    const file = sandbox.world().slack.files.find((f) => f.filename === 'spring-orders.csv')!
    expect([file.uploadedBy, file.channel]).toEqual([dataOwner.id, null])
    expect(await entriesOf(campaignId)).toHaveLength(0)

    await preview.getByRole('button', { name: m.metricImport.preview.submit }).click()
    await ui.dialog(m.metricImport.recorded.title).getByText(`Recorded 2 figures for ${name}`).waitFor()
    expect((await entriesOf(campaignId)).map((e) => [e.onDate, e.value, e.source, e.reportedBy])).toEqual([
      ['2027-03-01', 12, 'file', dataOwner.id], ['2027-03-02', 1015, 'file', dataOwner.id],
    ])
    await ui.pressAndClose(ui.dialog(m.metricImport.recorded.title), 'Close all')
    expect(ui.problems, 'script errors on the page').toEqual([])
  }, 60_000)

  it('shares a CSV with the attach button, then /campaign metrics import previews it', async () => {
    const name = `Summer orders ${++serial}`
    await liveCampaign(name)
    await ui.actAs(dataOwner.realName)
    await ui.goTo('campaigns')
    await ui.page.getByLabel('Attach a file', { exact: true }).setInputFiles({ name: 'summer.csv', mimeType: 'text/csv', buffer: Buffer.from(figuresCsv) })
    // The share is a message of the person's in the channel, the file on it.
    const shared = ui.message(sandboxPeople.find((p) => p.id === dataOwner.id)!.realName).filter({ has: ui.page.getByRole('link', { name: 'summer.csv' }) })
    await shared.waitFor()
    const file = sandbox.world().slack.files.find((f) => f.filename === 'summer.csv')!
    expect([file.uploadedBy, file.channel]).toEqual([dataOwner.id, campaigns])

    await ui.send(`/campaign metrics import ${name}`)
    const preview = ui.dialog(m.metricImport.preview.title)
    await preview.getByText('summer.csv').waitFor()
    await expect.poll(() => preview.textContent()).toContain('2 new days')
    await ui.pressAndClose(preview, m.metricImport.preview.close)
  }, 60_000)

  it("shows a campaign's own channel to the people invited to it, and not once it is archived", async () => {
    const { slack, client } = sandbox.world()
    const name = `Autumn tea ${++serial}`
    const channelName = `autumn-tea-${serial}`
    // Proposed and approved by the seeded people through the sandbox's own Slack client (the forms
    // are clicked in pageInBrowser.test.ts); the page is what this test looks at.
    const since = slack.calls.length
    await client.send(owner.id, campaigns, '/campaign new')
    await slack.waitFor('views.open', (c) => c.result?.ok === true, { since })
    const form = client.modalsOf(owner.id).at(-1)!.view
    const b = campaignChannelBlockIds
    await client.submit(owner.id, form.id, {
      ...formValues(validForm({ name, startDate: '2027-03-20', endDate: '2027-03-27', channelId: campaigns, ownerId: owner.id, approverId: approver.id })),
      [b.create]: { value: { type: 'checkboxes', selected_options: [{ value: 'create', text: { type: 'plain_text', text: 'Create' } }] } },
      [b.name]: { value: plainText(channelName) },
      [b.privacy]: { value: { type: 'radio_buttons', selected_option: { value: 'private' } } },
    })
    expect(client.modalsOf(owner.id)).toEqual([])
    const card = await slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes(name) && JSON.stringify(c.args.blocks ?? '').includes('proposal_approve'), { since })
    type Block = { block_id?: string; elements?: Array<{ action_id?: string; value?: string }> }
    const blocks = (typeof card.args.blocks === 'string' ? JSON.parse(card.args.blocks) : card.args.blocks) as Block[]
    const actions = blocks.find((block) => block.elements?.some((e) => e.action_id === 'proposal_approve'))!
    const button = actions.elements!.find((e) => e.action_id === 'proposal_approve')!
    await client.act(approver.id, { kind: 'message', channel: campaigns, ts: card.result.ts }, { action_id: 'proposal_approve', block_id: actions.block_id!, type: 'button', value: button.value })
    await slack.waitFor('conversations.invite', (c) => c.result?.ok === true && String(c.args.users).includes(owner.id))
    const created = [...slack.channels.values()].find((c) => c.name === channelName)!
    expect(created.isPrivate).toBe(true)

    // The owner sees it in the sidebar, the plan message in it; a designer who was not invited does not.
    await ui.actAs(owner.realName)
    const sidebar = ui.page.getByRole('navigation', { name: 'Sidebar' })
    await ui.goTo(channelName)
    await ui.message(m.plan.header(name)).waitFor()
    await ui.actAs(designer.realName)
    await sidebar.getByRole('button', { name: 'campaigns', exact: true }).waitFor()
    expect(await sidebar.getByRole('button', { name: channelName, exact: true }).count()).toBe(0)

    // Archived (as the owner's press does, with conversations.archive), it leaves the sidebar.
    await ui.actAs(owner.realName)
    await sidebar.getByRole('button', { name: channelName, exact: true }).waitFor()
    const archived = await fetch(`${slack.apiUrl}conversations.archive`, {
      method: 'POST', headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel: created.id }),
    }).then((r) => r.json() as Promise<{ ok: boolean }>)
    expect(archived.ok).toBe(true)
    await sidebar.getByRole('button', { name: channelName, exact: true }).waitFor({ state: 'detached' })
    expect(ui.problems, 'script errors on the page').toEqual([])
  }, 60_000)

  it('shows the admin the portfolio of the live campaigns, and its picture in the channel', async () => {
    const admin = sandboxPeople.find((p) => p.isAdmin)!
    await ui.actAs(admin.realName)
    await ui.goTo('campaigns')
    await ui.send('/campaign portfolio')
    const portfolio = ui.page.getByRole('main').getByRole('article').filter({ hasText: 'Spring orders 1' }).filter({ hasText: 'Summer orders 2' }).filter({ hasText: 'Only visible to you' })
    await portfolio.waitFor()
    await ui.send('/campaign portfolio chart')
    // The picture, posted in the channel (the page names it by the file's title, as Slack does).
    await ui.page.getByRole('main').getByRole('img', { name: m.portfolio.chart.title(0).split(' · ')[0] }).waitFor()
    expect(ui.problems, 'script errors on the page').toEqual([])
  }, 60_000)

  it('serves the figures API on the page\'s own port, as the guide\'s curl line says', async () => {
    const guide = ui.page.getByRole('complementary', { name: 'Getting started' })
    expect(await guide.textContent()).toContain(`curl -X POST ${sandbox.url.replace('localhost', '127.0.0.1')}/api/v1/metrics`)
    const openapi = await fetch(`${sandbox.url}/api/v1/openapi.json`)
    expect(openapi.status).toBe(200)
    expect(((await openapi.json()) as { paths: object }).paths).toHaveProperty('/api/v1/metrics')
    // No key: the API's own refusal, in JSON, passed through unchanged.
    const refused = await fetch(`${sandbox.url}/api/v1/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toHaveProperty('error')
  })
})

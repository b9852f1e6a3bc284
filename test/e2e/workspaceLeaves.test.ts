// A workspace that leaves (issue 16 §3): app_uninstalled or tokens_revoked delete its tokens at once
// and stop everything queued or planned for it, and nothing else; its campaigns wait
// DATA_RETENTION_DAYS for a reinstall (which finds them again), then the scheduler deletes them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { castWorkspace, installWorkspace } from '../support/install.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'

const day = 86_400_000

/** A live campaign in the workspace, whose digest is due at 09:30 Shanghai (the rig starts at 10:00). */
async function liveCampaignIn(rig: Rig, teamId: string, name: string) {
  const cast = castWorkspace(rig, teamId)
  await seedLiveCampaign(rig, {
    teamId, name, channelId: cast.channel, ownerId: cast.owner, approverId: cast.approver, startDate: '2026-11-25', endDate: '2026-12-24',
    timeZone: 'Asia/Shanghai', tasks: [{ dueDate: '2026-12-20', ownerId: cast.owner }], goals: [{ dataOwnerId: cast.owner }],
  })
  return cast
}

const outboxOf = (rig: Rig, teamId: string) => withDatabase(rig, (prisma) => prisma.outboxMessage.findMany({ where: { teamId }, orderBy: { id: 'asc' } }))
const installationOf = (rig: Rig, teamId: string) => withDatabase(rig, (prisma) => prisma.installation.findUnique({ where: { installKey: `team:${teamId}` } }))
const campaignsOf = (rig: Rig, teamId: string) => withDatabase(rig, (prisma) => prisma.campaign.findMany({ where: { teamId } }))

/** Bolt acks an event before its listener runs: wait until the departure is recorded. */
/** No deadline of its own: the test's timeout bounds it. */
async function departed(rig: Rig, teamId: string): Promise<void> {
  while (!(await installationOf(rig, teamId))?.uninstalledAt) await new Promise((resolve) => setTimeout(resolve, 20))
}

/** How many events the app has finished with (its request middleware counts each once its listener is done). */
async function eventsHandled(rig: Rig): Promise<number> {
  const text = await (await fetch(`${rig.app.operationsUrl}/metrics`)).text()
  return text.split('\n').filter((line) => line.startsWith('campaign_desk_slack_requests_total{kind="event"')).reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)
}

function later(rig: Rig, ms: number): void {
  rig.clock.set(new Date(rig.clock.now().getTime() + ms).toISOString())
}

describe.each(testProviders())('a workspace that leaves, on %s', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig(provider, { oauth: {} })
  })
  afterEach(async () => rig.close())

  it('app_uninstalled deletes its tokens and stops its queued posts at once; the other workspace is served on', async () => {
    // Slack is down: both digests wait in the outbox. Down and installed before the campaigns
    // exist, so that the scheduler's own minute tick, should it fall in between, plans them the same.
    rig.slack.failAlways('chat.postMessage', { status: 503 })
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    await installWorkspace(rig, { teamId: 'T3', teamName: 'Gamma' })
    const beta = await liveCampaignIn(rig, 'T2', 'Beta launch')
    const gamma = await liveCampaignIn(rig, 'T3', 'Gamma launch')
    await rig.app.scheduler.tick()
    expect((await outboxOf(rig, 'T2')).map((row) => row.status)).toContain('pending')
    expect((await outboxOf(rig, 'T3')).map((row) => row.status)).toContain('pending')

    rig.slack.uninstall('T2')
    expect((await rig.client.event({ teamId: 'T2', event: { type: 'app_uninstalled' } })).status).toBe(200)
    await departed(rig, 'T2')
    // An attempt already under way when the departure was written may still arrive (and be refused):
    // let every delivery under way finish first.
    await rig.app.deliverDue()
    const left = rig.slack.calls.length
    const installation = await installationOf(rig, 'T2')
    expect([installation!.botToken, installation!.botRefreshToken]).toEqual([null, null])
    expect(installation!.uninstalledAt).not.toBeNull()
    expect(new Set((await outboxOf(rig, 'T2')).map((row) => row.status))).toEqual(new Set(['uninstalled']))

    // Slack comes back: Gamma's digest goes out with Gamma's token; nothing more for Beta, ever.
    rig.slack.clearFailures()
    const digest = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === gamma.channel, { since: left, timeoutMs: 20_000 })
    expect(digest.token).toBe(rig.slack.tokensOf('T3')[0]!.token)
    later(rig, day)
    await rig.app.scheduler.tick()
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === gamma.channel, { since: rig.slack.calls.indexOf(digest) + 1, timeoutMs: 20_000 })
    expect((await outboxOf(rig, 'T2')).filter((row) => row.status !== 'uninstalled')).toEqual([])
    const betaTokens = new Set(rig.slack.tokensOf('T2').map((t) => t.token))
    expect(rig.slack.calls.slice(left).filter((c) => (c.token && betaTokens.has(c.token)) || c.args.channel === beta.channel)).toEqual([])

    // A person of Beta is told to install the app again.
    const answer = await rig.client.slashCommand({ teamId: 'T2', userId: beta.owner, channelId: beta.channel, text: 'list' })
    expect(answer.body.text).toMatch(/^Campaign Desk is not installed in this workspace \(or it was removed\)/)
  })

  it('tokens_revoked naming the bot does the same; one naming only people changes nothing', async () => {
    castWorkspace(rig, 'T2')
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    const handled = await eventsHandled(rig)
    await rig.client.event({ teamId: 'T2', event: { type: 'tokens_revoked', tokens: { oauth: ['U201'] } } })
    // Bolt acks before its listener runs: check once the listener is done with it.
    await expect.poll(() => eventsHandled(rig), { timeout: 30_000, interval: 20 }).toBeGreaterThan(handled)
    expect((await installationOf(rig, 'T2'))!.botToken).not.toBeNull()
    await rig.client.event({ teamId: 'T2', event: { type: 'tokens_revoked', tokens: { bot: ['UBOT'] } } })
    await departed(rig, 'T2')
    expect((await installationOf(rig, 'T2'))!.botToken).toBeNull()
  })

  it('keeps a departed workspace campaigns for the retention, a reinstall finds them, then the scheduler deletes them', async () => {
    const beta = await liveCampaignIn(rig, 'T2', 'Beta launch')
    await liveCampaignIn(rig, 'T3', 'Gamma launch')
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    await installWorkspace(rig, { teamId: 'T3', teamName: 'Gamma' })
    await rig.client.event({ teamId: 'T2', event: { type: 'app_uninstalled' } })
    await rig.client.event({ teamId: 'T3', event: { type: 'app_uninstalled' } })
    await departed(rig, 'T2')
    await departed(rig, 'T3')

    // 29 days on, both are kept, and nothing is planned for either.
    later(rig, 29 * day)
    const rowsBefore = (await outboxOf(rig, 'T2')).length
    await rig.app.scheduler.tick()
    expect(await campaignsOf(rig, 'T2')).toHaveLength(1)
    expect(await campaignsOf(rig, 'T3')).toHaveLength(1)
    expect(await outboxOf(rig, 'T2')).toHaveLength(rowsBefore)

    // Beta installs the app again: its campaign is there, and its digest is planned again.
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    const since = rig.slack.responses.length
    await rig.client.slashCommand({ teamId: 'T2', userId: beta.owner, channelId: beta.channel, text: 'list' })
    await rig.slack.waitForResponse((r) => JSON.stringify(r.body).includes('Beta launch'), { since })
    await rig.app.scheduler.tick()
    expect((await outboxOf(rig, 'T2')).length).toBeGreaterThan(rowsBefore)

    // Past 30 days, Gamma's data is deleted, and Beta's (back) is not.
    later(rig, 2 * day)
    await rig.app.scheduler.tick()
    expect(await campaignsOf(rig, 'T3')).toEqual([])
    expect(await outboxOf(rig, 'T3')).toEqual([])
    expect(await installationOf(rig, 'T3')).toBeNull()
    expect(await withDatabase(rig, (prisma) => prisma.task.count({ where: { teamId: 'T3' } }))).toBe(0)
    expect(await campaignsOf(rig, 'T2')).toHaveLength(1)
    expect((await installationOf(rig, 'T2'))!.uninstalledAt).toBeNull()
  })
})

describe.each(testProviders())('an admin deletes the workspace data, on %s', (provider) => {
  let rig: Rig
  beforeEach(async () => {
    rig = await startRig(provider, { oauth: {} })
  })
  afterEach(async () => rig.close())

  it('names what will go, asks for the workspace name, deletes only that workspace data in one go and says what went', async () => {
    const beta = await liveCampaignIn(rig, 'T2', 'Beta launch')
    await liveCampaignIn(rig, 'T3', 'Gamma launch')
    rig.slack.addUser({ id: 'U209', teamId: 'T2', name: 'beta-admin', isAdmin: true })
    await installWorkspace(rig, { teamId: 'T2', teamName: 'Beta' })
    await installWorkspace(rig, { teamId: 'T3', teamName: 'Gamma' })
    await rig.app.scheduler.tick() // digests: outbox rows in both
    const gammaBefore = await outboxOf(rig, 'T3')

    // Not an admin: refused, in words.
    let since = rig.slack.responses.length
    await rig.client.slashCommand({ teamId: 'T2', userId: beta.owner, channelId: beta.channel, text: 'settings delete-data' })
    expect(JSON.stringify((await rig.slack.waitForResponse(() => true, { since })).body)).toContain("Only a workspace admin can delete the workspace's data.")

    since = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T2', userId: 'U209', channelId: beta.channel, text: 'settings delete-data' })
    const opened = await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })
    const view = opened.result.view
    expect(JSON.stringify(view.blocks)).toContain('everything Campaign Desk keeps for *Beta*: 1 campaign with their plans')
    expect(JSON.stringify(view.blocks)).toContain("Type the workspace's name, Beta, to confirm")

    const typed = (value: string) => ({ workspace_name: { typed_name: { type: 'plain_text_input', value } } })
    const wrong = await rig.client.viewSubmission({ teamId: 'T2', userId: 'U209', view, values: typed('Gamma') })
    expect(wrong.body).toEqual({ response_action: 'errors', errors: { workspace_name: "That is not the workspace's name: type Beta exactly." } })
    expect(await campaignsOf(rig, 'T2')).toHaveLength(1)

    const done = await rig.client.viewSubmission({ teamId: 'T2', userId: 'U209', view, values: typed(' beta ') })
    expect(done.body.response_action).toBe('update')
    expect(JSON.stringify(done.body.view.blocks)).toContain('Everything Campaign Desk kept for *Beta* is deleted: 1 campaign, 0 ideas')
    expect(await campaignsOf(rig, 'T2')).toEqual([])
    expect(await outboxOf(rig, 'T2')).toEqual([])
    expect(await withDatabase(rig, (prisma) => prisma.task.count({ where: { teamId: 'T2' } }))).toBe(0)
    // The app stays installed, and the other workspace keeps everything.
    expect((await installationOf(rig, 'T2'))!.botToken).not.toBeNull()
    expect(await campaignsOf(rig, 'T3')).toHaveLength(1)
    expect((await outboxOf(rig, 'T3')).length).toBeGreaterThanOrEqual(gammaBefore.length)
  })
})

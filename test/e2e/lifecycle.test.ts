// The live stage's lifecycle end to end: Scheduled campaigns in Asia/Shanghai and America/New_York
// go live at their own local midnight of the start date and end after the end date, driven by the
// injected clock and the scheduler's tick, each posted once however often it ticks, on two
// instances or after a restart; the owner starts early, pauses, resumes and ends early (with a
// reason), anyone else is refused; and `/campaign settings` with bad input answered on its fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/database.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { approvedCampaign, checks, pick, text } from '../support/plans.ts'
import { castTheUsualPeople, visibleText } from '../support/proposals.ts'

type Json = Record<string, any>

describe.each(testProviders())('the campaign lifecycle on %s', (provider) => {
  let rig: Rig
  let serial = 0
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U5', name: 'nora', tz: 'America/New_York' })
    rig.slack.addUser({ id: 'UADM', name: 'root', isAdmin: true })
    rig.slack.addUser({ id: 'U6', name: 'li', locale: 'zh-CN' })
  })
  afterAll(async () => rig.close())

  /** Test setup: the plan marked ready, straight in the database (plan.test.ts walks the Ready flow). */
  async function scheduledCampaign(overrides: Json = {}): Promise<{ campaignId: number; planTs: string; name: string }> {
    const name = `Lantern sale ${++serial}`
    const { campaignId, planTs } = await approvedCampaign(rig, { name, ...overrides })
    const database = await openDatabase(rig.config.database)
    try {
      await (database.prisma as any).campaign.update({ where: { id: campaignId }, data: { stage: 'scheduled' } })
    } finally {
      await database.close()
    }
    return { campaignId, planTs, name }
  }

  /**
   * The plan message once an edit matching `predicate` reached Slack, found by its content: the
   * dispatcher has been seen posting a plan message twice (see the report), so not by its ts.
   */
  async function planEdited(campaignId: number, predicate: (text: string) => boolean): Promise<Json> {
    const call = await rig.slack.waitFor('chat.update', (c) => {
      const blocks = JSON.stringify(c.args.blocks ?? '')
      return c.result?.ok === true && blocks.includes(`"plan_section_open","value":"${campaignId}:purpose"`) && predicate(blocks)
    }, { timeoutMs: 20_000 })
    return { text: call.args.text, blocks: call.args.blocks }
  }

  async function stageOf(campaignId: number): Promise<{ stage: string; pausedAt: Date | null }> {
    const database = await openDatabase(rig.config.database)
    try {
      return await (database.prisma as any).campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { stage: true, pausedAt: true } })
    } finally {
      await database.close()
    }
  }

  const channelPosts = (pattern: RegExp) =>
    rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok === true && c.args.channel === 'C1' && pattern.test(String(c.args.text)))

  async function waitForPost(pattern: RegExp) {
    return rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C1' && pattern.test(String(c.args.text)), { timeoutMs: 20_000 })
  }

  async function click(actionId: string, campaignId: number, planTs: string, userId: string) {
    const since = rig.slack.responses.length
    await rig.client.blockAction({ teamId: 'T1', userId, actionId, value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    return since
  }

  async function ephemeralAfter(since: number): Promise<string> {
    return String((await rig.slack.waitForResponse(() => true, { since })).body.text)
  }

  it('goes live at local midnight of the start date in each campaign\'s zone, and ends after the end date, once', async () => {
    rig.clock.set('2026-12-01T02:00:00Z')
    const shanghai = await scheduledCampaign({ startDate: '2026-12-10', endDate: '2026-12-17' })
    const newYork = await scheduledCampaign({ startDate: '2026-12-10', endDate: '2026-12-17', ownerId: 'U5' })
    const live = (name: string) => new RegExp(`\\*${name}\\* is live`)
    // The line at the end (the retrospective's prompt the next morning also says it ended, and asks for answers).
    const ended = (name: string) => new RegExp(`\\*${name}\\* ended on 2026-12-17\\. Time for the retrospective\\.`)

    // A minute before Shanghai's midnight (16:00Z): nothing.
    rig.clock.set('2026-12-09T15:59:00Z')
    await rig.app.scheduler.tick()
    expect((await stageOf(shanghai.campaignId)).stage).toBe('scheduled')

    // Shanghai's midnight: Shanghai goes live, New York (11:00 on the 9th) does not.
    rig.clock.set('2026-12-09T16:00:30Z')
    await Promise.all([rig.app.scheduler.tick(), rig.app.scheduler.tick()])
    expect((await stageOf(shanghai.campaignId)).stage).toBe('live')
    expect((await stageOf(newYork.campaignId)).stage).toBe('scheduled')
    expect(String((await waitForPost(live(shanghai.name))).args.text)).toContain('2026-12-10 (Asia/Shanghai)')
    const edited = await planEdited(shanghai.campaignId, (t) => t.includes('Stage: Live'))
    expect(visibleText(edited)).toContain('plan_pause')
    expect(visibleText(edited)).toContain('plan_end_early')
    expect(visibleText(edited)).not.toContain('plan_start_now')

    // New York's midnight is 05:00Z: a minute before, nothing; after, live, on its owner's Slack zone.
    rig.clock.set('2026-12-10T04:59:00Z')
    await rig.app.scheduler.tick()
    expect((await stageOf(newYork.campaignId)).stage).toBe('scheduled')
    rig.clock.set('2026-12-10T05:00:30Z')
    await rig.app.scheduler.tick()
    expect(String((await waitForPost(live(newYork.name))).args.text)).toContain('(America/New_York)')
    await planEdited(newYork.campaignId, (t) => t.includes('Stage: Live'))

    // Ticking again, on another instance (PostgreSQL) and after a restart, posts nothing more.
    if (provider === 'postgresql') await (await rig.startAnotherInstance()).app.scheduler.tick()
    await rig.restart()
    await rig.app.scheduler.tick()
    await rig.app.scheduler.tick()
    expect(channelPosts(live(shanghai.name))).toHaveLength(1)
    expect(channelPosts(live(newYork.name))).toHaveLength(1)

    // The end date is over in Shanghai at 16:00Z on the 17th; in New York at 05:00Z on the 18th.
    rig.clock.set('2026-12-17T15:59:00Z')
    await rig.app.scheduler.tick()
    expect((await stageOf(shanghai.campaignId)).stage).toBe('live')
    rig.clock.set('2026-12-17T16:00:30Z')
    await Promise.all([rig.app.scheduler.tick(), rig.app.scheduler.tick()])
    expect((await stageOf(shanghai.campaignId)).stage).toBe('retrospective')
    expect((await stageOf(newYork.campaignId)).stage).toBe('live')
    await waitForPost(ended(shanghai.name))
    await planEdited(shanghai.campaignId, (t) => t.includes('Stage: Retrospective'))
    rig.clock.set('2026-12-18T05:00:30Z')
    await rig.app.scheduler.tick()
    await waitForPost(ended(newYork.name))
    await rig.restart()
    await rig.app.scheduler.tick()
    expect(channelPosts(ended(shanghai.name))).toHaveLength(1)
    expect(channelPosts(ended(newYork.name))).toHaveLength(1)
  })

  // The clock only moves forward through the file: the outbox's leases and retries follow it.
  it('lets the owner start early, pause, resume and end early with a reason; refuses anyone else', async () => {
    rig.clock.set('2026-12-19T02:00:00Z')
    const { campaignId, planTs, name } = await scheduledCampaign({ startDate: '2027-01-05', endDate: '2027-01-15' })

    // A bystander cannot start it; the owner can, once.
    expect(await ephemeralAfter(await click('plan_start_now', campaignId, planTs, 'U3'))).toMatch(/Only the campaign's owner or a workspace admin/)
    expect((await stageOf(campaignId)).stage).toBe('scheduled')
    await click('plan_start_now', campaignId, planTs, 'U1')
    await waitForPost(new RegExp(`started \\*${name}\\* early`))
    expect((await stageOf(campaignId)).stage).toBe('live')
    expect(await ephemeralAfter(await click('plan_start_now', campaignId, planTs, 'U1'))).toMatch(/Only a scheduled campaign/)
    // The scheduler, ticking on its start date, posts no second go-live.
    rig.clock.set('2027-01-04T16:00:30Z')
    await rig.app.scheduler.tick()
    expect(channelPosts(new RegExp(`\\*${name}\\* (is live|early)`))).toHaveLength(1)

    // Pause and resume: a bystander is refused; the plan message shows it.
    expect(await ephemeralAfter(await click('plan_pause', campaignId, planTs, 'U3'))).toMatch(/Only the campaign's owner/)
    await click('plan_pause', campaignId, planTs, 'U1')
    await waitForPost(new RegExp(`paused \\*${name}\\*`))
    expect((await stageOf(campaignId)).pausedAt).not.toBeNull()
    const paused = await planEdited(campaignId, (t) => t.includes('(Paused)'))
    expect(visibleText(paused)).toContain('plan_resume')
    expect(await ephemeralAfter(await click('plan_pause', campaignId, planTs, 'U1'))).toMatch(/already paused/)
    await click('plan_resume', campaignId, planTs, 'UADM')
    await waitForPost(new RegExp(`resumed \\*${name}\\*`))
    expect((await stageOf(campaignId)).pausedAt).toBeNull()

    // End early: a bystander is refused the modal; the owner must give a reason.
    expect(await ephemeralAfter(await click('plan_end_early', campaignId, planTs, 'U3'))).toMatch(/Only the campaign's owner/)
    const viewsBefore = rig.slack.calls.length
    await click('plan_end_early', campaignId, planTs, 'U1')
    const opened = await rig.slack.waitFor('views.open', (c) => c.result?.ok === true && c.args.view?.callback_id === 'campaign_end_early', { since: viewsBefore })
    const view = opened.result.view
    const empty = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: { end_reason: { value: { type: 'plain_text_input', value: '   ' } } } })
    expect(empty.body).toMatchObject({ response_action: 'errors', errors: { end_reason: 'Please give a reason.' } })
    const stranger = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U3', view, values: { end_reason: { value: { type: 'plain_text_input', value: 'mine now' } } } })
    expect(stranger.body).toMatchObject({ response_action: 'errors' })
    expect((await stageOf(campaignId)).stage).toBe('live')
    const done = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view, values: { end_reason: { value: { type: 'plain_text_input', value: 'Stock ran out <early>' } } } })
    expect(done.body).toBeNull()
    expect(String((await waitForPost(new RegExp(`ended \\*${name}\\* early`))).args.text)).toContain('Stock ran out &lt;early&gt;')
    expect((await stageOf(campaignId)).stage).toBe('retrospective')
    await planEdited(campaignId, (t) => t.includes('Stage: Retrospective'))
    // Its end date passing later posts no second end.
    rig.clock.set('2027-01-20T00:00:00Z')
    await rig.app.scheduler.tick()
    expect(channelPosts(new RegExp(`\\*${name}\\* (ended|early)`)).filter((c) => /ended/.test(String(c.args.text)))).toHaveLength(1)
  })

  async function settingsModal(userId: string, rest = ''): Promise<{ view: Json | null; answer: string | null }> {
    const since = rig.slack.calls.length
    const responses = rig.slack.responses.length
    const responseUrl = rig.slack.newResponseUrl()
    await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C1', text: `settings ${rest}`.trim(), responseUrl })
    const outcome = await Promise.race([
      rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since, timeoutMs: 20_000 }).then((c) => ({ view: c.result.view as Json, answer: null })),
      rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since: responses, timeoutMs: 20_000 }).then((r) => ({ view: null, answer: String(r.body.text) })),
    ])
    return outcome
  }

  it('lets only admins change the workspace settings, and answers bad input on its fields in the person\'s language', async () => {
    expect((await settingsModal('U1')).answer).toMatch(/Only a workspace admin/)
    const { view } = await settingsModal('UADM')
    expect(view?.callback_id).toBe('live_settings_workspace')
    const values = (overrides: Json = {}) => ({
      timeZone: text('Europe/London'), country: pick('GB'), workingDays: checks('1', '2', '3', '4', '5'), digestTime: text('09:30'),
      promptTime: text('17:00'), reminderLeadDays: text('1'), quietDigests: checks(), language: pick('each'), currency: text('GBP'), ...overrides,
    })
    const bad = await rig.client.viewSubmission({
      teamId: 'T1', userId: 'UADM', view: view!,
      values: values({ timeZone: text('Mars/Olympus'), digestTime: text('25:00'), workingDays: checks(), reminderLeadDays: text('99'), currency: text('XX1') }),
    })
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: {
        timeZone: expect.stringMatching(/not a time zone we know/), digestTime: expect.stringMatching(/HH:MM/),
        workingDays: 'Choose at least one working day.', reminderLeadDays: expect.stringMatching(/0 to 14/), currency: expect.stringMatching(/ISO 4217/),
      },
    })
    // A non-admin submitting the same view is refused.
    expect((await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view: view!, values: values() })).body).toMatchObject({ response_action: 'errors' })
    expect((await rig.client.viewSubmission({ teamId: 'T1', userId: 'UADM', view: view!, values: values({ quietDigests: checks('quiet') }) })).body).toBeNull()
    const reopened = await settingsModal('UADM')
    expect(JSON.stringify(reopened.view)).toContain('Europe/London')

    // In Chinese for a Chinese-speaking admin.
    rig.slack.addUser({ id: 'UADMZH', name: 'wang', locale: 'zh-CN', isAdmin: true })
    const zh = await settingsModal('UADMZH')
    const badZh = await rig.client.viewSubmission({ teamId: 'T1', userId: 'UADMZH', view: zh.view!, values: values({ promptTime: text('5pm') }) })
    expect(badZh.body).toMatchObject({ response_action: 'errors', errors: { promptTime: expect.stringMatching(/24 小时制/) } })
  })

  it("lets a campaign's owner set its own zone, and the scheduler follows it", async () => {
    rig.clock.set('2027-01-21T02:00:00Z')
    const { campaignId, name } = await scheduledCampaign({ startDate: '2027-02-01', endDate: '2027-02-10' })
    expect((await settingsModal('U3', `#${campaignId}`)).answer).toMatch(/Only the campaign’s owner/)
    const { view } = await settingsModal('U1', `#${campaignId}`)
    expect(view?.callback_id).toBe('live_settings_campaign')
    const bad = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view: view!, values: { timeZone: text('Nowhere/Land'), digestTime: text('9:3'), promptTime: text(null), quietDigests: pick('inherit') } })
    expect(bad.body).toMatchObject({ response_action: 'errors', errors: { timeZone: expect.any(String), digestTime: expect.any(String) } })
    expect((await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view: view!, values: { timeZone: text('America/New_York'), digestTime: text(null), promptTime: text(null), quietDigests: pick('inherit') } })).body).toBeNull()
    // Its own zone wins over the workspace's (Europe/London, set above): live at New York's midnight.
    rig.clock.set('2027-02-01T04:59:00Z')
    await rig.app.scheduler.tick()
    expect((await stageOf(campaignId)).stage).toBe('scheduled')
    rig.clock.set('2027-02-01T05:00:30Z')
    await rig.app.scheduler.tick()
    expect((await stageOf(campaignId)).stage).toBe('live')
    await waitForPost(new RegExp(`\\*${name}\\* is live`))
  })

  // After the settings above: the workspace's zone is Europe/London, and posts speak each owner's language.
  it('says "started on <date>", not "today", when it goes live the day after its start date (the app was down)', async () => {
    const cases = [
      { owner: 'U1', created: '2027-02-02T12:00:00Z', startDate: '2027-02-03', back: '2027-02-04T11:00:00Z', late: 'it started on 2027-02-03 (Europe/London) and runs', today: 'today' },
      { owner: 'U6', created: '2027-02-05T12:00:00Z', startDate: '2027-02-06', back: '2027-02-07T11:00:00Z', late: '已于 2027-02-06（Europe/London）开始', today: '今天' },
    ]
    for (const { owner, created, startDate, back, late, today } of cases) {
      rig.clock.set(created)
      const { campaignId, name } = await scheduledCampaign({ startDate, endDate: '2027-02-20', ownerId: owner })
      // Down through the whole start date; back at 11:00 the day after.
      rig.clock.set(back)
      await rig.app.scheduler.tick()
      expect((await stageOf(campaignId)).stage).toBe('live')
      const line = String((await waitForPost(new RegExp(`\\*${name}\\* (is live|已上线)`))).args.text)
      expect(line).toContain(late)
      expect(line).not.toContain(today)
    }
  })
})

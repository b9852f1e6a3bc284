// The portfolio end to end (issue 17, part 3): `/campaign portfolio` with twenty campaigns, the App
// Home's section and its See all, and the weekly summary chosen in `/campaign settings`, across a
// week with two instances (posted exactly once) and a week with nothing live (not posted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conversationPicked } from '../../src/sandbox/slackRequests.ts'
import { testProviders } from '../support/databases.ts'
import { checkMessage, checkView } from '../support/blockKitLimits.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { checks, pick, text } from '../support/plans.ts'
import { buttonsOf, castTheUsualPeople, visibleText } from '../support/proposals.ts'

type Json = Record<string, any>

describe.each(testProviders())('the portfolio on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    // Monday 7 December 2026, 10:00 in Shanghai.
    rig = await startRig(provider, { now: '2026-12-07T02:00:00Z' })
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'UADM', name: 'root', isAdmin: true })
    rig.slack.addUser({ id: 'UZH', name: 'wang', locale: 'zh-CN', isAdmin: true })
    rig.slack.addChannel({ id: 'C_SUM', name: 'marketing-weekly', members: ['UADM', rig.slack.botUserId] })
    rig.slack.addChannel({ id: 'C_PF', name: 'campaigns', members: ['U1', 'U2', 'UADM', rig.slack.botUserId] })

    // Twenty campaigns in flight: sixteen live (one far behind, two behind, the rest on pace or
    // without figures), four scheduled; plus a closed one and another workspace's, not shown.
    const window = { startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Asia/Shanghai', channelId: 'C_PF' }
    const far = await seedLiveCampaign(rig, { ...window, name: 'Far <behind>', ownerId: 'U1', goals: [{ metric: 'signups', targetValue: 1000 }, { metric: 'revenue', targetMinor: 500_000n }],
      tasks: [{ dueDate: '2026-12-03' }, { dueDate: '2026-12-04' }, { dueDate: '2026-12-20' }] })
    const behind = await seedLiveCampaign(rig, { ...window, name: 'Behind a bit', ownerId: 'U3', goals: [{ metric: 'orders', targetValue: 100 }] })
    const ahead = await seedLiveCampaign(rig, { ...window, name: 'Ahead', goals: [{ metric: 'visits', targetValue: 1000 }] })
    const onPace: number[] = []
    for (let i = 0; i < 13; i++) {
      const seeded = await seedLiveCampaign(rig, { ...window, name: `Live ${i + 1}`, goals: i % 2 === 0 ? [{ metric: 'followers', targetValue: 500 }] : [] })
      onPace.push(...seeded.goalIds)
    }
    for (let i = 0; i < 4; i++) await seedLiveCampaign(rig, { ...window, stage: 'scheduled', startDate: '2026-12-14', endDate: '2026-12-31', name: `Scheduled ${i + 1}` })
    await seedLiveCampaign(rig, { ...window, stage: 'closed', name: 'Closed one' })
    await seedLiveCampaign(rig, { ...window, teamId: 'T2', name: 'Other workspace' })
    await withDatabase(rig, async (prisma) => {
      // Six of twenty days over by the 6th: 300 sign-ups, $1,500 and 30 orders expected, 300 visits.
      await prisma.goal.update({ where: { id: far.goalIds[0]! }, data: { actualValue: 60, actualAsOf: '2026-12-06' } })
      await prisma.goal.update({ where: { id: far.goalIds[1]! }, data: { actualMinor: 30_000n, actualAsOf: '2026-12-06' } })
      await prisma.goal.update({ where: { id: behind.goalIds[0]! }, data: { actualValue: 20, actualAsOf: '2026-12-06' } })
      await prisma.goal.update({ where: { id: ahead.goalIds[0]! }, data: { actualValue: 420, actualAsOf: '2026-12-06' } })
      await prisma.goal.updateMany({ where: { id: { in: onPace } }, data: { actualValue: 150, actualAsOf: '2026-12-06' } })
      // The far-behind campaign's chosen scenario: $2,000 in two lines, spend not recorded (only the retro records it).
      await prisma.budgetScenario.create({ data: { campaignId: far.campaignId, name: 'Lean', chosen: true, lines: { create: [
        { category: 'promotion', channel: 'weibo', amountMinor: 150_000n }, { category: 'prizes', amountMinor: 50_000n },
      ] } } })
      await prisma.budgetScenario.create({ data: { campaignId: far.campaignId, name: 'Big', chosen: false, lines: { create: [{ category: 'promotion', channel: 'weibo', amountMinor: 900_000n }] } } })
    })
  })
  afterAll(async () => rig.close())

  async function ask(userId: string, text: string): Promise<Json> {
    const responses = rig.slack.responses.length
    const responseUrl = rig.slack.newResponseUrl()
    await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C_PF', text, responseUrl })
    return (await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since: responses, timeoutMs: 20_000 })).body
  }

  it('answers /campaign portfolio with every scheduled and live campaign, most behind first, within Block Kit\'s limits', async () => {
    const answer = await ask('U1', 'portfolio')
    expect(checkMessage(answer)).toBeNull()
    expect(answer.response_type).toBe('ephemeral')
    expect(answer.text).toBe('Portfolio: 16 live, 4 scheduled, 2 behind')
    const rows = (answer.blocks as Json[]).filter((block) => block.type === 'section').map((block) => String(block.text.text))
    expect(rows).toHaveLength(20)
    expect(rows[0]).toContain('*Far &lt;behind&gt;* · Live · 14 days left · owner <@U1>')
    expect(rows[0]).toContain(':red_circle: Behind · sign-ups: behind (20 % of pace) · revenue: behind (20 % of pace)')
    expect(rows[0]).toContain('2 overdue tasks · budget $2,000.00 (chosen scenario; spend not recorded)')
    expect(rows[1]).toMatch(/^\*Behind a bit\*.*owner <@U3>\n:red_circle: Behind · orders: behind \(67 % of pace\)/)
    // Then those on pace, live before scheduled; the one ahead of its pace is the least behind of all.
    expect(rows.slice(15, 19).every((row) => /Scheduled \d\* · Scheduled · starts in 7 days/.test(row))).toBe(true)
    expect(rows[19]).toMatch(/^\*Ahead\*.*\n:large_green_circle: On track · visits: ahead \(140 % of pace\)/)
    const shown = visibleText(answer)
    expect(shown).not.toContain('Closed one')
    expect(shown).not.toContain('Other workspace')
    expect(shown).toContain('no budget scenario chosen')

    // In Chinese for a Chinese-speaking person.
    const zh = await ask('UZH', 'portfolio')
    expect(zh.text).toBe('活动总览：进行中 16，待开始 4，落后 2')
    expect(visibleText(zh)).toMatch(/预算 [^（]*2,000\.00（所选方案；未记录花费）/)
  })

  it('posts the picture, one panel per campaign, where it was asked', async () => {
    const since = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C_PF', text: 'portfolio chart', responseUrl: rig.slack.newResponseUrl() })
    const done = await rig.slack.waitFor('files.completeUploadExternal', (c) => c.result?.ok === true, { since, timeoutMs: 20_000 })
    expect(JSON.stringify(done.args)).toContain('C_PF')
  }, 30_000)

  it('shows the five most behind on an admin\'s or approver\'s Home, and See all opens the whole portfolio', async () => {
    const openHome = async (userId: string) => {
      const since = rig.slack.homePublished.length
      await rig.client.appHomeOpened({ teamId: 'T1', userId, tab: 'home' })
      return rig.slack.waitForHome(userId, () => true, { since })
    }
    const admin = await openHome('UADM')
    expect(checkView(admin)).toBeNull()
    const text = visibleText(admin)
    expect(text).toContain('Portfolio: most behind')
    expect(text.indexOf('Far &lt;behind&gt;')).toBeLessThan(text.indexOf('Behind a bit'))
    expect(text).not.toContain('Live 13')
    // U2 approves the seeded campaigns; U3 only owns one.
    expect(visibleText(await openHome('U2'))).toContain('Portfolio: most behind')
    expect(visibleText(await openHome('U3'))).not.toContain('Portfolio: most behind')

    const seeAll = buttonsOf(admin).find((b) => b.action_id === 'portfolio_see_all')!
    const since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'UADM', actionId: seeAll.action_id, value: seeAll.value, view: { id: admin.id, type: 'home', hash: admin.hash } })
    const opened = await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })
    expect(checkView(opened.args.view)).toBeNull()
    expect((opened.args.view.blocks as Json[]).filter((block) => block.type === 'section')).toHaveLength(20)
  })

  it('posts the weekly summary in the chosen channel once across two instances, and nothing in a week with nothing live', async () => {
    // An admin chooses the channel (Monday 09:30 by default) and the workspace's zone.
    const since = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'UADM', channelId: 'C_PF', text: 'settings', responseUrl: rig.slack.newResponseUrl() })
    const view = (await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })).result.view as Json
    expect(JSON.stringify(view)).toContain('portfolioChannel')
    const values = {
      timeZone: text('Asia/Shanghai'), country: pick('none'), workingDays: checks('1', '2', '3', '4', '5'), digestTime: text(null),
      promptTime: text(null), reminderLeadDays: text(null), quietDigests: checks(), language: pick('each'), currency: text(null),
      portfolioChannel: { value: conversationPicked('C_SUM') }, portfolioWeekday: pick('1'), portfolioTime: text(null),
    }
    const bad = await rig.client.viewSubmission({ teamId: 'T1', userId: 'UADM', view, values: { ...values, portfolioTime: text('9h') } })
    expect(bad.body).toMatchObject({ response_action: 'errors', errors: { portfolioTime: expect.stringMatching(/HH:MM/) } })
    expect((await rig.client.viewSubmission({ teamId: 'T1', userId: 'UADM', view, values })).body).toBeNull()

    const second = await rig.startAnotherInstance()
    const summaries = () => rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok === true && c.args.channel === 'C_SUM')
    // PostgreSQL: both instances at once. SQLite: one after the other — two instances in one test
    // process share its thread, and the live stage's Prisma transactions then wait out the lock.
    const tickBoth = async (iso: string) => {
      rig.clock.set(iso)
      for (let pass = 0; pass < 2; pass++) {
        if (provider === 'postgresql') await Promise.all([rig.app.scheduler.tick(), second.app.scheduler.tick()])
        else for (const app of [rig.app, second.app]) await app.scheduler.tick()
      }
    }
    // Monday 14 December: 09:29 in Shanghai nothing; 09:31 the summary, once.
    await tickBoth('2026-12-14T01:29:00Z')
    expect(summaries()).toHaveLength(0)
    await tickBoth('2026-12-14T01:31:00Z')
    const posted = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C_SUM')
    expect(checkMessage(posted.args)).toBeNull()
    expect(visibleText(posted.args)).toContain('Weekly portfolio')
    expect(posted.args.text).toMatch(/^Portfolio: 20 live, 0 scheduled/)
    // The rest of the week, both instances ticking: nothing more.
    for (const day of ['2026-12-14T05:00:00Z', '2026-12-15T01:31:00Z', '2026-12-17T01:31:00Z', '2026-12-20T15:00:00Z']) await tickBoth(day)
    await rig.app.deliverDue()
    expect(summaries()).toHaveLength(1)
    expect(await withDatabase(rig, (prisma) => prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'portfolio_summary:' } } }))).toBe(1)

    // A week with nothing live: settled, not posted.
    await withDatabase(rig, (prisma) => prisma.campaign.updateMany({ where: { teamId: 'T1', stage: { in: ['live', 'scheduled'] } }, data: { stage: 'closed', activeNameKey: null } }))
    await tickBoth('2027-01-04T01:31:00Z')
    await tickBoth('2027-01-04T03:00:00Z')
    expect(summaries()).toHaveLength(1)
    expect(await withDatabase(rig, (prisma) => prisma.workspaceSettings.findUnique({ where: { teamId: 'T1' }, select: { portfolioLastWeek: true } })))
      .toEqual({ portfolioLastWeek: '2027-01-04' })
  }, 60_000)
})

// The daily digest, the behind-pace alert and the owner's away / gone notices end to end: the
// scheduler ticks on the injected clock, the dispatcher renders each row when it delivers it, and
// the fake Slack records what was posted (and refuses what breaks Block Kit's limits).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { checkMessage } from '../support/blockKitLimits.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase, type SeedTask } from '../support/live.ts'
import { checks, pick, text } from '../support/plans.ts'
import { buttonsOf, castTheUsualPeople, visibleText } from '../support/proposals.ts'

type Json = Record<string, any>

describe.each(testProviders())('the daily digest and pace alerts on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U5', name: 'nora' })
    rig.slack.addUser({ id: 'U6', name: 'li', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'U7', name: 'away' })
    rig.slack.addUser({ id: 'U8', name: 'gone', deleted: true })
    rig.slack.addUser({ id: 'UADM', name: 'root', isAdmin: true })
    for (const id of ['C_DIG', 'C_PACE', 'C_QUIET', 'C_PAUSE', 'C_BIG', 'C_NOTE', 'C_ZH']) {
      rig.slack.addChannel({ id, name: id.toLowerCase(), members: ['U1', 'U2', 'U3', rig.slack.botUserId] })
    }
  })
  afterAll(async () => rig.close())
  // Each test's campaigns are closed after it, so that later days in the next tests do not end
  // them (retrospectives, reports) or remind their people: the dispatcher then has only this test's posts.
  afterEach(async () => {
    await withDatabase(rig, (prisma) => prisma.campaign.updateMany({ where: { stage: { not: 'closed' } }, data: { stage: 'closed', activeNameKey: null } }))
  })

  const posted = (channel: string, pattern: RegExp) => rig.slack.calls.filter((c) =>
    c.method === 'chat.postMessage' && c.result?.ok === true && c.args.channel === channel && pattern.test(String(c.args.text)))

  async function tickAt(iso: string, times = 1): Promise<void> {
    rig.clock.set(iso)
    for (let i = 0; i < times; i++) await rig.app.scheduler.tick()
  }

  const outboxRow = (key: string) => withDatabase(rig, (prisma) => prisma.outboxMessage.findFirst({ where: { dedupeKey: key } }))

  it('posts the digest at 09:30 in the campaign\'s zone on a working day, with what is done, due, overdue and how each goal keeps pace', async () => {
    const { campaignId, goalIds } = await seedLiveCampaign(rig, {
      name: 'Winter <sale>', channelId: 'C_DIG', timeZone: 'Asia/Shanghai', startDate: '2026-12-01', endDate: '2026-12-20',
      tasks: [
        { title: 'Brief the designers', stage: 'creative', dueDate: '2026-12-03', status: 'done', ownerId: 'U1' },
        { title: 'Write the launch post', stage: 'content', dueDate: '2026-12-07', ownerId: 'U3' },
        { title: 'Book the KOLs', stage: 'promotion', dueDate: '2026-12-04', ownerId: 'U5' },
        { title: 'Banner', stage: 'design', dueDate: '2026-12-15', status: 'in_progress', ownerId: 'U1' },
      ],
      goals: [{ metric: 'signups', targetValue: 1000 }, { metric: 'revenue', targetMinor: 500_000n }],
      promoterIds: ['U5'],
    })
    await withDatabase(rig, async (prisma) => {
      // Six of twenty days over by the 6th: 300 sign-ups expected (100 is behind), $1,500 (2,000 is ahead).
      await prisma.goal.update({ where: { id: goalIds[0]! }, data: { actualValue: 100, actualAsOf: '2026-12-06' } })
      await prisma.goal.update({ where: { id: goalIds[1]! }, data: { actualMinor: 200_000n, actualAsOf: '2026-12-06' } })
    })

    // Saturday 09:31 in Shanghai: no digest at the weekend.
    await tickAt('2026-12-05T01:31:00Z', 2)
    expect(await outboxRow(`digest:${campaignId}:2026-12-05`)).toBeNull()
    // Monday 09:29: not yet; 09:31: the digest.
    await tickAt('2026-12-07T01:29:00Z')
    expect(await outboxRow(`digest:${campaignId}:2026-12-07`)).toBeNull()
    await tickAt('2026-12-07T01:31:00Z', 2)
    const call = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C_DIG' && /Daily digest/.test(String(c.args.text)))
    const shown = visibleText(call.args)
    expect(call.args.text).toMatch(/Winter &lt;sale&gt;.*behind/)
    expect(shown).toContain('14 days left')
    expect(shown).toContain('1 / 4 done')
    expect(shown).toMatch(/Creative 1\/1 · Content 0\/1 · Design 0\/1 · Promotion 0\/1/)
    expect(shown).toMatch(/\*Due today\* \(1\)\\n• Write the launch post — <@U3>/)
    expect(shown).toMatch(/\*Overdue\* \(1\)\\n• Book the KOLs — <@U5> \(due 2026-12-04\)/)
    expect(shown).toMatch(/sign-ups\*: 100 of 1,000 \(10 %\) · pace by 2026-12-06: 300 · heading for 333\.33/)
    expect(shown).toMatch(/revenue\*: \$2,000\.00 of \$5,000\.00 \(40 %\) · pace by 2026-12-06: \$1,500\.00 · heading for \$6,666\.67/)
    expect(shown).toMatch(/:red_circle: \*Behind\*/)
    expect(buttonsOf(call.args)).toEqual([
      expect.objectContaining({ action_id: 'metrics_enter', value: String(campaignId) }),
      expect.objectContaining({ action_id: 'home_open_plan', value: String(campaignId) }),
    ])
    // Once, however often it ticks.
    await tickAt('2026-12-07T03:00:00Z', 3)
    expect(posted('C_DIG', /Daily digest/)).toHaveLength(1)
  })

  it('alerts the channel once a day about a goal behind its pace, mentioning the promoters', async () => {
    const { goalIds } = await seedLiveCampaign(rig, {
      channelId: 'C_PACE', timeZone: 'Asia/Shanghai', startDate: '2026-12-07', endDate: '2026-12-16',
      goals: [{ metric: 'orders', targetValue: 500 }, { metric: 'visits', targetValue: 100 }], promoterIds: ['U5', 'U6', 'U5'],
    })
    await withDatabase(rig, async (prisma) => {
      // By the 10th (4 of 10 days) 200 orders are expected: 90 is behind; 60 visits of 40 expected is ahead.
      await prisma.goal.update({ where: { id: goalIds[0]! }, data: { actualValue: 90, actualAsOf: '2026-12-10' } })
      await prisma.goal.update({ where: { id: goalIds[1]! }, data: { actualValue: 60, actualAsOf: '2026-12-10' } })
    })
    for (const minute of ['31', '40', '55']) await tickAt(`2026-12-11T01:${minute}:00Z`, 3)
    const alert = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C_PACE' && /behind its pace/.test(String(c.args.text)))
    const shown = visibleText(alert.args)
    expect(shown).toMatch(/\*orders\* is behind its pace/)
    expect(shown).toMatch(/90 against 200 expected by 2026-12-10 \(45 % of pace\)/)
    expect(shown).toMatch(/ends at 225 of 500/)
    expect(shown).toContain('<@U5> <@U6>: the figures are in, so promotion can adjust')
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C_PACE' && /Daily digest/.test(String(c.args.text)))
    expect(posted('C_PACE', /behind its pace/)).toHaveLength(1)

    // The next working day, still behind: one more; caught up by the day after: none.
    await tickAt('2026-12-14T01:31:00Z', 3)
    await vi.waitFor(() => expect(posted('C_PACE', /behind its pace/)).toHaveLength(2), { timeout: 10_000 })
    await withDatabase(rig, async (prisma) => {
      await prisma.goal.update({ where: { id: goalIds[0]! }, data: { actualValue: 400, actualAsOf: '2026-12-14' } })
      await prisma.goal.update({ where: { id: goalIds[1]! }, data: { actualValue: 80, actualAsOf: '2026-12-14' } })
    })
    await tickAt('2026-12-15T01:31:00Z', 3)
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C_PACE' && visibleText(c.args).includes('2 days left'))
    expect(posted('C_PACE', /behind its pace/)).toHaveLength(2)
    expect(await outboxRow(`pace:${goalIds[0]}:2026-12-15`)).toBeNull()
  })

  it('with quiet digests, posts none on a day when nothing is due, overdue, behind or changed, and one when something changed', async () => {
    const { campaignId, taskIds } = await seedLiveCampaign(rig, {
      channelId: 'C_QUIET', timeZone: 'Asia/Shanghai', startDate: '2026-12-16', endDate: '2026-12-31', quietDigests: true,
      tasks: [{ dueDate: '2026-12-30', stage: 'data' }, { dueDate: '2026-12-29', stage: 'launch' }],
    })
    // The first day: nothing was said yet, so it is posted.
    await tickAt('2026-12-16T01:31:00Z', 2)
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C_QUIET' && /Daily digest/.test(String(c.args.text)))
    // The next day nothing happened: the day is settled without a post.
    await tickAt('2026-12-17T01:31:00Z', 3)
    expect(await outboxRow(`digest:${campaignId}:2026-12-17`)).toBeNull()
    expect((await withDatabase(rig, (prisma) => prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } }))).lastDigestOn).toBe('2026-12-17')
    // A task is finished: the next day's digest is posted, and shows it.
    await withDatabase(rig, (prisma) => prisma.task.update({ where: { id: taskIds[0]! }, data: { status: 'done', doneAt: new Date() } }))
    await tickAt('2026-12-18T01:31:00Z', 2)
    await vi.waitFor(() => expect(posted('C_QUIET', /Daily digest/)).toHaveLength(2), { timeout: 10_000 })
    expect(visibleText(posted('C_QUIET', /Daily digest/)[1]!.args)).toContain('1 / 2 done')
  })

  it('drops a digest whose campaign was paused before it could be delivered', async () => {
    const { campaignId } = await seedLiveCampaign(rig, { channelId: 'C_PAUSE', timeZone: 'Asia/Shanghai', startDate: '2026-12-16', endDate: '2026-12-31' })
    const key = `digest:${campaignId}:2026-12-21`
    rig.slack.failAlways('chat.postMessage', { status: 500 })
    try {
      const since = rig.slack.calls.length
      await tickAt('2026-12-21T01:31:00Z')
      await rig.slack.waitFor('chat.postMessage', (c) => c.failed === true && c.args.channel === 'C_PAUSE', { since })
      await withDatabase(rig, (prisma) => prisma.campaign.update({ where: { id: campaignId }, data: { pausedAt: new Date() } }))
      await vi.waitFor(async () => expect(await outboxRow(key)).toMatchObject({ status: 'superseded', lastError: 'not_live' }), { timeout: 10_000 })
    } finally {
      rig.slack.clearFailures()
    }
    expect(posted('C_PAUSE', /./)).toHaveLength(0)
  })

  it('drops a pace alert whose goal caught up before it could be delivered', async () => {
    const { goalIds } = await seedLiveCampaign(rig, {
      channelId: 'C_PAUSE', timeZone: 'Asia/Shanghai', startDate: '2026-12-21', endDate: '2026-12-30', goals: [{ targetValue: 100 }], promoterIds: ['U5'],
    })
    // 10 of 20 expected by the 22nd: behind.
    await withDatabase(rig, (prisma) => prisma.goal.update({ where: { id: goalIds[0]! }, data: { actualValue: 10, actualAsOf: '2026-12-22' } }))
    const key = `pace:${goalIds[0]}:2026-12-23`
    rig.slack.failAlways('chat.postMessage', { status: 500 })
    try {
      const since = rig.slack.calls.length
      await tickAt('2026-12-23T01:31:00Z')
      await rig.slack.waitFor('chat.postMessage', (c) => c.failed === true && c.args.channel === 'C_PAUSE' && /behind its pace/.test(String(c.args.text)), { since })
      // Today's figure comes in: 30 by the 23rd, 30 expected.
      await withDatabase(rig, (prisma) => prisma.goal.update({ where: { id: goalIds[0]! }, data: { actualValue: 30, actualAsOf: '2026-12-23' } }))
      await vi.waitFor(async () => expect(await outboxRow(key)).toMatchObject({ status: 'superseded', lastError: 'caught_up' }), { timeout: 10_000 })
    } finally {
      rig.slack.clearFailures()
    }
    expect(posted('C_PAUSE', /behind its pace/)).toHaveLength(0)
  })

  it('tells the campaign owner once who is away and who has left, in a DM with the plan', async () => {
    await withDatabase(rig, (prisma) => prisma.person.upsert({
      where: { teamId_userId: { teamId: 'T1', userId: 'U7' } },
      create: { teamId: 'T1', userId: 'U7', awayUntil: '2027-01-04', updatedAt: new Date() },
      update: { awayUntil: '2027-01-04' },
    }))
    const { campaignId } = await seedLiveCampaign(rig, {
      name: 'New year push', channelId: 'C_NOTE', timeZone: 'Asia/Shanghai', ownerId: 'U1', startDate: '2026-12-28', endDate: '2027-01-08',
      tasks: [{ dueDate: '2026-12-29', ownerId: 'U7' }, { dueDate: '2026-12-29', ownerId: 'U8' }, { dueDate: '2026-12-30', ownerId: 'U8' }],
    })
    // Their reminders fall due at 09:00 on the 29th: the owner is told instead.
    await tickAt('2026-12-29T01:01:00Z', 2)
    const away = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && /<@U7> is away until 2027-01-04/.test(String(c.args.text)), { timeoutMs: 20_000 })
    const gone = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && /<@U8>’s Slack account is deactivated/.test(String(c.args.text)), { timeoutMs: 20_000 })
    // Later that day and the next (another of U8's tasks falls due), nothing more: told once.
    await tickAt('2026-12-29T02:00:00Z', 2)
    await tickAt('2026-12-30T01:35:00Z', 2)
    await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C_NOTE' && /Daily digest/.test(String(c.args.text)) && visibleText(c.args).includes('10 days left'), { timeoutMs: 20_000 })
    for (const notice of [away, gone]) {
      expect(String(notice.args.text)).toContain('*New year push*')
      expect(buttonsOf(notice.args)).toEqual([expect.objectContaining({ action_id: 'home_open_plan', value: String(campaignId) })])
    }
    expect(rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok && /<@U(7|8)>(’s Slack account| is away)/.test(String(c.args.text)))).toHaveLength(2)
  })

  it("speaks the campaign owner's language in the channel while the workspace has not chosen one", async () => {
    const { campaignId } = await seedLiveCampaign(rig, {
      name: '春节促销', channelId: 'C_ZH', ownerId: 'U6', timeZone: 'Asia/Shanghai', startDate: '2026-12-28', endDate: '2027-01-08',
      tasks: [{ title: '写文案', dueDate: '2026-12-30', ownerId: 'U3' }], goals: [{ metric: 'revenue', targetMinor: 1_000_000n }], currency: 'CNY',
    })
    await tickAt('2026-12-30T01:40:00Z', 2)
    const call = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'C_ZH', { timeoutMs: 20_000 })
    const shown = visibleText(call.args)
    expect(call.args.text).toMatch(/^\*春节促销\* 每日日报/)
    expect(shown).toContain('*还剩 10 天*（2027-01-08 结束）')
    expect(shown).toContain('*今天到期*（1）\\n• 写文案 — <@U3>')
    expect(shown).toMatch(/\*销售额\*: ¥0\.00 \/ ¥10,000\.00/)
    expect(buttonsOf(call.args).map((b) => b.value)).toEqual([String(campaignId), String(campaignId)])
    expect(shown).toContain('填报数据')
  })

  it('lets an admin set the pace margin, refusing 0 and 120 on its field', async () => {
    const since = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'UADM', channelId: 'C1', text: 'settings', responseUrl: rig.slack.newResponseUrl() })
    const view = (await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since })).result.view as Json
    const values = (margin: string | null) => ({
      timeZone: text(null), country: pick('none'), workingDays: checks('1', '2', '3', '4', '5'), digestTime: text(null), promptTime: text(null),
      reminderLeadDays: text(null), paceMarginPercent: text(margin), quietDigests: checks(), language: pick('each'), currency: text(null),
    })
    for (const wrong of ['0', '120', 'lots']) {
      const answer = await rig.client.viewSubmission({ teamId: 'T1', userId: 'UADM', view, values: values(wrong) })
      expect(answer.body).toEqual({ response_action: 'errors', errors: { paceMarginPercent: 'Use a whole number from 1 to 90.' } })
    }
    expect((await rig.client.viewSubmission({ teamId: 'T1', userId: 'UADM', view, values: values('25') })).body).toBeNull()
    expect((await withDatabase(rig, (prisma) => prisma.workspaceSettings.findUniqueOrThrow({ where: { teamId: 'T1' } }))).paceMarginPercent).toBe(25)
    const again = rig.slack.calls.length
    await rig.client.slashCommand({ teamId: 'T1', userId: 'UADM', channelId: 'C1', text: 'settings', responseUrl: rig.slack.newResponseUrl() })
    const reopened = (await rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since: again })).result.view as Json
    const field = reopened.blocks.find((block: Json) => block.block_id === 'paceMarginPercent')
    expect(field.element.initial_value).toBe('25')
  })

  // Last: its 68 open tasks' reminders keep the dispatcher busy for a while.
  it('keeps a digest of a campaign with 80 tasks within Block Kit\'s limits', async () => {
    const tasks: SeedTask[] = Array.from({ length: 80 }, (_, i) => ({
      title: `${'Long task title that goes on and on '.repeat(4)}${i}`, stage: ['creative', 'content', 'design', 'promotion', 'data'][i % 5]!,
      ownerId: ['U1', 'U3', 'U5'][i % 3]!, dueDate: i < 40 ? '2027-01-13' : i < 70 ? '2027-01-15' : '2027-01-22', status: i % 7 === 0 ? 'done' : 'todo',
    }))
    const goals = Array.from({ length: 14 }, (_, i) => ({ metric: 'custom', customMetric: `Metric ${i}`, unit: 'clicks', targetValue: 1000 + i }))
    await seedLiveCampaign(rig, { channelId: 'C_BIG', timeZone: 'Asia/Shanghai', startDate: '2027-01-11', endDate: '2027-01-26', tasks, goals })
    await tickAt('2027-01-15T01:31:00Z', 2)
    const call = await rig.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C_BIG' && c.args.text !== undefined && /Daily digest/.test(String(c.args.text)), { timeoutMs: 90_000 })
    expect(call.result?.ok).toBe(true)
    expect(checkMessage(call.args)).toBeNull()
    const shown = visibleText(call.args)
    expect(shown).toContain('12 / 80 done')
    // 34 open tasks overdue, 26 due today, 14 goals: ten of each shown, the rest counted.
    expect(shown).toMatch(/\*Due today\* \(26\).*…and 16 more/)
    expect(shown).toMatch(/\*Overdue\* \(34\).*…and 24 more/)
    expect(shown).toMatch(/\*Metric 9\*.*…and 4 more/)
  }, 120_000)
})

// The compiled retrospective report end to end on both databases: a campaign in its retrospective
// with goals, entries, a chosen budget with actuals, estimates, tasks done on time and late, and
// several people's retros; `/campaign report` says who has answered and offers the owner Compile
// report now; the owner's click on two instances at once compiles once: one report message (its
// overflow as thread replies), the goals chart as a real PNG in its thread, the campaign Closed and
// its name freed; `/campaign report` shows it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaDb } from '../../src/store/database.ts'
import { testProviders } from '../support/databases.ts'
import type { ApiCall } from '../support/fakeSlack.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople } from '../support/proposals.ts'

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const stages = ['creative', 'content', 'design', 'promotion'] as const
const day = (n: number) => new Date(Date.UTC(2026, 10, n)).toISOString().slice(0, 10) // November n

/**
 * A 28-day campaign (Nov 3 – Nov 30) in its retrospective, seen on Dec 1 before its prompt: U1 owns
 * it, U2 approves, U3 owns tasks and the data and promotes. U1 and U2 answered (long answers, so
 * the report needs its thread); U3 has not, so the scheduler compiles nothing by itself.
 */
async function seedRetrospective(prisma: PrismaDb, name: string): Promise<number> {
  const { campaignId, goalIds } = await seedCampaign(prisma, {
    name, stage: 'retrospective', startDate: day(3), endDate: day(30), currency: 'CNY', promoterIds: ['U3'],
    goals: [{ metric: 'signups', targetValue: 1000 }, { metric: 'revenue', targetMinor: 5_000_000n }],
    tasks: [
      { stage: 'content', dueDate: day(10), ownerId: 'U3', status: 'done', doneAt: new Date('2026-11-10T20:00:00Z') },
      { stage: 'content', dueDate: day(10), ownerId: 'U3', status: 'done', doneAt: new Date('2026-11-12T08:00:00Z') },
      { stage: 'design', dueDate: day(8), ownerId: 'U1', status: 'done', doneAt: new Date('2026-11-07T08:00:00Z') },
      { stage: 'promotion', dueDate: day(20), ownerId: 'U3', status: 'in_progress' },
    ],
  })
  const [signups, revenue] = goalIds as [number, number]
  const now = new Date()
  // Sign-ups: 40 a day for 28 days = 1120 (running total), final figure 1200. Revenue: ¥1,500.00 a day, no final.
  const days = Array.from({ length: 28 }, (_, i) => day(3 + i))
  await prisma.metricEntry.createMany({ data: days.map((onDate) => ({ campaignId, goalId: signups, onDate, mode: 'day', value: 40, reportedBy: 'U3', createdAt: now, updatedAt: now })) })
  await prisma.metricEntry.createMany({ data: days.map((onDate) => ({ campaignId, goalId: revenue, onDate, mode: 'day', valueMinor: 150_000n, reportedBy: 'U3', createdAt: now, updatedAt: now })) })
  await prisma.goal.update({ where: { id: signups }, data: { actualValue: 1120, actualAsOf: day(30), finalValue: 1200 } })
  await prisma.goal.update({ where: { id: revenue }, data: { actualMinor: 4_200_000n, actualAsOf: day(30) } })
  await prisma.budgetScenario.create({ data: { campaignId, name: 'Lean', position: 0, lines: { create: [{ category: 'promotion', channel: 'kol', amountMinor: 800_000n }] } } })
  await prisma.budgetScenario.create({
    data: {
      campaignId, name: 'Balanced', chosen: true, position: 1,
      lines: { create: [
        { category: 'promotion', channel: 'weibo', amountMinor: 500_000n, actualMinor: 540_000n, position: 0 },
        { category: 'promotion', channel: 'wechat', amountMinor: 300_000n, actualMinor: 250_000n, position: 1 },
        { category: 'prizes', amountMinor: 200_000n, actualMinor: 180_000n, note: 'Tea sets', position: 2 },
      ] },
    },
  })
  await prisma.effectEstimate.create({ data: { campaignId, channel: 'weibo', metric: 'signups', expected: 400 } })
  await prisma.effectEstimate.create({ data: { campaignId, channel: 'wechat', metric: 'signups', expected: 600 } })
  const long = (who: string, what: string) => `${who} on ${what}: ${'the teaser schedule & the <landing> page '.repeat(22)}`.slice(0, 990)
  for (const [respondentId, effect, lesson, again] of [['U1', 5, 'KOLs beat paid search', 'yes'], ['U2', 4, 'Start the teasers a week earlier', 'with_changes']] as const) {
    await prisma.retro.create({
      data: {
        campaignId, respondentId, overallEffect: effect, biggestLesson: lesson, wouldRunAgain: again, submittedAt: now, updatedAt: now,
        entries: { create: stages.map((stage) => ({ stage, worked: long(respondentId, `${stage} worked`), failed: long(respondentId, `${stage} failed`) })) },
      },
    })
  }
  return campaignId
}

describe.each(testProviders())('the compiled retrospective report on %s', (provider) => {
  let rig: Rig
  let serial = 0
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
  })
  afterAll(async () => rig?.close())

  async function report(userId: string, text: string) {
    const responseUrl = rig.slack.newResponseUrl()
    const since = rig.slack.responses.length
    const answer = await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C1', text: `report ${text}`, responseUrl })
    expect(answer.status).toBe(200)
    const first = await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since })
    return { first, responseUrl, all: () => rig.slack.responses.slice(since).filter((r) => responseUrl.endsWith(r.id)) }
  }

  const reportPosts = (campaignName: string): ApiCall[] =>
    rig.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes(`Retrospective: ${campaignName}`))

  it('before it is compiled, /campaign report says who answered; the owner compiles it from two instances at once: posted once, the chart in its thread, the campaign closed', async () => {
    const name = `双十一茶节 ${++serial}`
    const campaignId = await withDatabase(rig, (prisma) => seedRetrospective(prisma, name))

    // Not compiled yet: who answered, who not, and the owner's button.
    const waiting = await report('U1', name)
    expect(waiting.first.body.text).toContain('not compiled yet')
    expect(waiting.first.body.text).toMatch(/Answered:\* <@U1>, <@U2>/)
    expect(waiting.first.body.text).toMatch(/Not yet:\* <@U3>/)
    const button = JSON.stringify(waiting.first.body.blocks)
    expect(button).toContain(`"action_id":"retro_compile","value":"${campaignId}"`)
    // Anyone else sees no button, and is refused if they click one.
    expect(JSON.stringify((await report('U3', name)).first.body.blocks ?? [])).not.toContain('retro_compile')
    const refusalUrl = rig.slack.newResponseUrl()
    await rig.client.blockAction({ teamId: 'T1', userId: 'U3', actionId: 'retro_compile', value: String(campaignId), responseUrl: refusalUrl, channelId: 'C1' })
    expect((await rig.slack.waitForResponse((r) => refusalUrl.endsWith(r.id))).body.text).toContain('Only the campaign')

    // The owner clicks on two instances at once.
    const other = await rig.startAnotherInstance()
    const [urlA, urlB] = [rig.slack.newResponseUrl(), rig.slack.newResponseUrl()]
    await Promise.all([
      rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'retro_compile', value: String(campaignId), responseUrl: urlA, channelId: 'C1' }),
      other.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'retro_compile', value: String(campaignId), responseUrl: urlB, channelId: 'C1' }),
    ])
    const answers = await Promise.all([urlA, urlB].map((url) => rig.slack.waitForResponse((r) => url.endsWith(r.id))))
    const texts = answers.map((a) => String(a.body.text)).sort()
    expect(texts[0]).toContain('is compiled and posted in <#C1>')
    expect(texts[1]).toContain('was already compiled')

    // One report message in the channel; its overflow and the chart in its thread.
    const posted = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes(`Retrospective: ${name}`))
    const parentTs = String(posted.result.ts)
    // Drawn after the report's parts are out (one post a second in a channel), the chart libraries loaded on first use.
    const chart = await rig.slack.waitForFile((f) => f.filename === `retro-goals-${campaignId}.png`, { timeoutMs: 30_000 })
    expect(chart.bytes.subarray(0, 8).equals(pngSignature)).toBe(true)
    expect(chart.bytes.length).toBe(chart.declaredLength)
    expect(chart.png!.width).toBeGreaterThan(1000)
    expect(chart.channel).toBe('C1')
    expect(chart.threadTs).toBe(parentTs)
    // The picture ends each goal at the figure the text states, and its alt text says which figure that is.
    expect(chart.altText).toContain('each ending at the figure the report states: sign-ups, final figure 1,200; revenue (CNY), last running total CN¥42,000.00')
    const replies = await withDatabase(rig, async (prisma) => {
      for (;;) {
        const rows = await prisma.outboxMessage.findMany({ where: { campaignId, dedupeKey: { startsWith: `retro-report:${campaignId}` } }, orderBy: { id: 'asc' } })
        if (rows.every((row) => row.status === 'sent')) return rows
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })
    expect(replies.length).toBeGreaterThan(1) // long answers: the report needed its thread
    const threadPosts = rig.slack.messagesIn('C1').filter((m) => m.threadTs === parentTs && !m.files)
    expect(threadPosts).toHaveLength(replies.length - 1)
    for (const message of [posted.args, ...threadPosts]) {
      const blocks = (message.blocks ?? []) as Array<{ type: string; text?: { text: string } }>
      expect(blocks.length).toBeLessThanOrEqual(50)
      for (const block of blocks) if (block.text) expect([...block.text.text].length).toBeLessThanOrEqual(3000)
    }
    expect(String(threadPosts[0]!.text)).toContain(`continued (2/${replies.length})`)

    // The figures, against the data seeded above.
    const everything = [posted.args, ...threadPosts].map((m) => JSON.stringify(m.blocks)).join('\n')
    expect(everything).toContain('*sign-ups*: 1,200 of 1,000 (120%)') // the final figure
    expect(everything).toContain('*revenue*: CN¥42,000.00 of CN¥50,000.00 (84%)') // the running total
    expect(everything).toContain('Promotion · Weibo: planned CN¥5,000.00, spent CN¥5,400.00 (+CN¥400.00)')
    expect(everything).toContain('*Total*: planned CN¥10,000.00, spent CN¥9,700.00 (−CN¥300.00)')
    // Weibo: ¥5,000 / 400 = ¥12.50 estimated; ¥5,400 / 480 (1200 × 400/1000) = ¥11.25 actual.
    expect(everything).toContain('*Weibo* (sign-ups): CN¥11.25 per result, estimated CN¥12.50')
    expect(everything).toContain('*2 of 4* tasks done on time')
    expect(everything).toContain('*Content*: 1 on time, 1 late')
    expect(everything).toContain('*Promotion*: 0 on time, 1 late (1 never done)')
    expect(everything).toContain('*4.5* / 5 on average (2 answers)')
    expect(everything).toContain('<@U2>: Start the teasers a week earlier')
    expect(everything).toContain('&lt;landing&gt;') // what people wrote is escaped
    expect(everything).not.toContain('<landing>')

    // Closed once, its name free again, the transition recorded.
    await withDatabase(rig, async (prisma) => {
      const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })
      expect(campaign).toMatchObject({ stage: 'closed', activeNameKey: null })
      expect(campaign.reportCompiledAt).not.toBeNull()
      const transitions = await prisma.stageTransition.findMany({ where: { campaignId, toStage: 'closed' } })
      expect(transitions).toEqual([expect.objectContaining({ fromStage: 'retrospective', actorId: 'U1', reason: 'owner' })])
    })
    expect(reportPosts(name)).toHaveLength(1)
    expect(rig.slack.files.filter((f) => f.filename === `retro-goals-${campaignId}.png`)).toHaveLength(1)

    // Shown again, to the person who asks only.
    const again = await report('U2', name)
    expect(again.first.body.response_type).toBe('ephemeral')
    expect(JSON.stringify(again.first.body.blocks)).toContain(`Retrospective: ${name}`)
    expect(JSON.stringify(again.first.body.blocks)).toContain('Compiled on 2026-12-01 by <@U1>')
    expect(reportPosts(name)).toHaveLength(1)
  })

  it('in a workspace whose channel language is Chinese, a short report is one message in Chinese, its chart in its thread', async () => {
    const name = `Tea week ${++serial}`
    const { campaignId } = await withDatabase(rig, async (prisma) => {
      await prisma.workspaceSettings.upsert({ where: { teamId: 'T1' }, create: { teamId: 'T1', locale: 'zh-CN' }, update: { locale: 'zh-CN' } })
      const seeded = await seedCampaign(prisma, { name, stage: 'retrospective', startDate: day(3), endDate: day(9), goals: [{ metric: 'orders', targetValue: 70 }] })
      await prisma.metricEntry.createMany({ data: [3, 4, 5].map((n) => ({ campaignId: seeded.campaignId, goalId: seeded.goalIds[0]!, onDate: day(n), mode: 'day', value: 10, reportedBy: 'U3', createdAt: new Date(), updatedAt: new Date() })) })
      await prisma.goal.update({ where: { id: seeded.goalIds[0]! }, data: { actualValue: 30, actualAsOf: day(5) } })
      return seeded
    })
    const url = rig.slack.newResponseUrl()
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'retro_compile', value: String(campaignId), responseUrl: url, channelId: 'C1' })
    const chart = await rig.slack.waitForFile((f) => f.filename === `retro-goals-${campaignId}.png`, { timeoutMs: 30_000 })
    const posted = rig.slack.callsTo('chat.postMessage').filter((c) => c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes(`复盘报告：${name}`))
    expect(posted).toHaveLength(1)
    expect(chart.threadTs).toBe(posted[0]!.result.ts)
    expect(chart.title).toBe(`${name}：目标`)
    expect(chart.altText).toContain('终点为报告所列数据：订单数（最后累计 30）')
    const text = JSON.stringify(posted[0]!.args.blocks)
    expect(text).toContain('*订单数*：30 / 目标 70（42.9%）')
    expect(text).toContain('没有人填写复盘。')
    expect(rig.slack.messagesIn('C1').filter((m) => m.threadTs === posted[0]!.result.ts && !m.files)).toHaveLength(0)
    await withDatabase(rig, (prisma) => prisma.workspaceSettings.update({ where: { teamId: 'T1' }, data: { locale: null } }))
  })

  it('a campaign still live has no report yet, and Compile report now refuses it', async () => {
    const name = `Spring launch ${++serial}`
    const { campaignId } = await withDatabase(rig, (prisma) => seedCampaign(prisma, { name, stage: 'live', startDate: day(20), endDate: '2026-12-20' }))
    expect((await report('U1', name)).first.body.text).toContain('has no retrospective report: it is')
    const url = rig.slack.newResponseUrl()
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'retro_compile', value: String(campaignId), responseUrl: url, channelId: 'C1' })
    expect((await rig.slack.waitForResponse((r) => url.endsWith(r.id))).body.text).toContain('is not in its retrospective')
    await withDatabase(rig, async (prisma) => expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).stage).toBe('live'))
  })
})

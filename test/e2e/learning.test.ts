// The learning loop and the export end to end, on SQLite and PostgreSQL: suggestions for a goal
// from a workspace's closed campaigns (never another workspace's), Use as basis, lessons in the
// proposal modal and in `/campaign lessons`, and `/campaign export`'s files parsed back.
import ExcelJS from 'exceljs'
import type { Heading } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase, type SeedCampaign } from '../support/live.ts'
import { approvedCampaign, clickInModal, openSection, pick, submit, text, user } from '../support/plans.ts'
import { castTheUsualPeople, openNewProposal, visibleText } from '../support/proposals.ts'

type ClosedSeed = Omit<SeedCampaign, 'goals' | 'stage'> & {
  finals?: Array<{ metric: string; final?: number; finalMinor?: bigint; actual?: number }>
  lessons?: Array<{ respondentId: string; lesson: string }>
}

/** A closed campaign with its goals' final figures and its retros' lessons. */
async function seedClosed(rig: Rig, seed: ClosedSeed): Promise<number> {
  const finals = seed.finals ?? []
  const { campaignId, goalIds } = await seedLiveCampaign(rig, {
    ...seed, stage: 'closed',
    goals: finals.map((f) => (f.finalMinor !== undefined ? { metric: f.metric, targetMinor: 100_000n } : { metric: f.metric, targetValue: 1000 })),
  })
  await withDatabase(rig, async (prisma) => {
    for (const [index, f] of finals.entries()) {
      await prisma.goal.update({
        where: { id: goalIds[index]! },
        data: { finalValue: f.final ?? null, finalMinor: f.finalMinor ?? null, actualValue: f.actual ?? null },
      })
    }
    for (const l of seed.lessons ?? []) {
      await prisma.retro.create({ data: { campaignId, respondentId: l.respondentId, overallEffect: 4, biggestLesson: l.lesson, wouldRunAgain: 'yes', submittedAt: new Date(), updatedAt: new Date() } })
    }
  })
  return campaignId
}

async function ephemeralAnswer(rig: Rig, userId: string, text: string, channelId = 'C1'): Promise<string> {
  const since = rig.slack.responses.length
  const answer = await rig.client.slashCommand({ teamId: userId === 'V1' ? 'T2' : 'T1', userId, channelId, text })
  expect(answer.status).toBe(200)
  const posted = await rig.slack.waitForResponse(() => true, { since })
  return visibleText(posted.body)
}

describe.each(testProviders())('the learning loop on %s', (provider) => {
  let rig: Rig
  const ids: Record<string, number> = {}
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', name: 'li', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'V1', teamId: 'T2', name: 'victor' })
    // Sales on Weibo: three alike; one brand campaign on our own site; another workspace's, alike in everything.
    ids.spring = await seedClosed(rig, {
      name: 'Spring sale', kind: 'platform', platform: 'weibo', purpose: 'sales', startDate: '2026-03-01', endDate: '2026-03-20',
      finals: [{ metric: 'signups', final: 400 }, { metric: 'revenue', finalMinor: 500_000n }],
      lessons: [{ respondentId: 'U1', lesson: 'Book the KOLs a month ahead' }, { respondentId: 'U2', lesson: '奖品要提前备货' }],
    })
    ids.summer = await seedClosed(rig, {
      name: 'Summer sale', kind: 'platform', platform: 'weibo', purpose: 'sales', startDate: '2026-06-01', endDate: '2026-06-20',
      finals: [{ metric: 'signups', final: 100 }], lessons: [{ respondentId: 'U1', lesson: 'Start the teasers earlier' }],
    })
    ids.autumn = await seedClosed(rig, {
      name: 'Autumn sale', kind: 'platform', platform: 'douyin', purpose: 'sales', startDate: '2026-09-01', endDate: '2026-09-20',
      // No final figure entered: the last running total counts.
      finals: [{ metric: 'signups', actual: 300 }], lessons: [{ respondentId: 'U3', lesson: 'Douyin needs vertical video' }],
    })
    ids.brand = await seedClosed(rig, {
      name: 'Brand week', kind: 'own_site', purpose: 'brand_awareness', startDate: '2026-10-01', endDate: '2026-10-07',
      finals: [{ metric: 'visits', final: 9000 }], lessons: [{ respondentId: 'U2', lesson: 'Measure reach daily' }],
    })
    ids.other = await seedClosed(rig, {
      teamId: 'T2', ownerId: 'V1', approverId: 'V1', channelId: 'C9', name: 'Other workspace sale', kind: 'platform', platform: 'weibo', purpose: 'sales',
      startDate: '2026-07-01', endDate: '2026-07-20', finals: [{ metric: 'signups', final: 100_000 }], lessons: [{ respondentId: 'V1', lesson: 'Secret of T2' }],
    })
  })
  afterAll(async () => rig.close())

  it('lists lessons newest first, filtered by a purpose, kind or platform in either language, never another workspace\'s', async () => {
    const all = await ephemeralAnswer(rig, 'U1', 'lessons')
    const order = ['Measure reach daily', 'Douyin needs vertical video', 'Start the teasers earlier', 'Book the KOLs a month ahead'].map((l) => all.indexOf(l))
    expect(order.every((at) => at >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(all).toContain('奖品要提前备货')
    expect(all).not.toContain('Secret of T2')

    const weibo = await ephemeralAnswer(rig, 'U4', 'lessons 微博')
    expect(weibo).toContain('Book the KOLs a month ahead')
    expect(weibo).toContain('Start the teasers earlier')
    expect(weibo).not.toContain('Douyin needs vertical video')
    expect(weibo).toContain('过往活动的经验教训')

    const brand = await ephemeralAnswer(rig, 'U1', 'lessons brand_awareness')
    expect(brand).toContain('Measure reach daily')
    expect(brand).not.toContain('Book the KOLs')
    const ownSite = await ephemeralAnswer(rig, 'U1', 'lessons 自有网站或 App')
    expect(ownSite).toContain('Measure reach daily')
    expect(ownSite).not.toContain('Douyin')

    expect(await ephemeralAnswer(rig, 'U1', 'lessons tiktok')).toContain('No closed campaign')
    expect(await ephemeralAnswer(rig, 'U1', 'lessons nonsense')).toContain('as a purpose, a kind or a platform')
    const t2 = await ephemeralAnswer(rig, 'V1', 'lessons', 'C9')
    expect(t2).toContain('Secret of T2')
    expect(t2).not.toContain('Book the KOLs')
  })

  it('suggests targets in the goal form from similar closed campaigns of this workspace only, and Use as basis fills the basis', async () => {
    const { campaignId, planTs } = await approvedCampaign(rig, { name: 'Winter sale', kind: 'platform', platform: 'weibo' })
    await withDatabase(rig, (prisma) => prisma.plan.update({ where: { campaignId }, data: { purpose: 'sales' } }))
    const goals = await openSection(rig, campaignId, 'goals', planTs)
    // The section modal shows the lessons of the three most similar closed campaigns (not the brand week's, not T2's).
    const lessons = visibleText(goals)
    expect(lessons).toContain('Lessons from similar past campaigns')
    for (const lesson of ['Start the teasers earlier', 'Book the KOLs a month ahead', 'Douyin needs vertical video']) expect(lessons).toContain(lesson)
    expect(lessons).not.toContain('Measure reach daily')
    expect(lessons).not.toContain('Secret of T2')

    const form = await clickInModal(rig, goals, 'plan_form_open', JSON.stringify({ c: campaignId, f: 'goal', i: null }))
    const shown = visibleText(form)
    // Sign-ups reached 100 (Summer), 400 (Spring), 300 (Autumn, its last running total): median 300, lower quartile 200.
    expect(shown).toContain('median *300*, lower quartile *200* (Summer sale, Spring sale, Autumn sale)')
    expect(shown).toContain('median *$5,000.00*')
    expect(shown).not.toContain('100,000')
    expect(shown).not.toContain('Other workspace sale')

    const since = rig.slack.calls.length
    await rig.client.blockAction({
      teamId: 'T1', userId: 'U1', actionId: 'learning_use_basis', value: 'signups',
      view: { id: form.id, type: 'modal', callback_id: form.callback_id, private_metadata: form.private_metadata, hash: form.hash },
      values: { target: text('280'), basis: text('typed before') },
    })
    const updated = (await rig.slack.waitFor('views.update', (c) => c.args.view_id === form.id && c.result?.ok === true, { since })).result.view
    const block = (id: string) => (updated.blocks as Array<{ block_id: string; element?: Record<string, any> }>).find((b) => b.block_id === id)?.element
    const pastIds = [ids.summer, ids.spring, ids.autumn].map(String)
    expect(block('basisKind~1')?.initial_option?.value).toBe('past_campaigns')
    expect(block('metric~1')?.initial_option?.value).toBe('signups')
    expect(block('basis~1')?.initial_value).toBe('past campaigns: Summer sale, Spring sale, Autumn sale (median 300, lower quartile 200)')
    expect(block('pastCampaignIds~1')?.initial_options.map((o: { value: string }) => o.value).sort()).toEqual([...pastIds].sort())
    // What the person typed stays: the target keeps its block id.
    expect(block('target')).toBeTruthy()

    const saved = await submit(rig, updated, {
      'metric~1': pick('signups'), target: text('280'), unit: text('people'), 'basisKind~1': pick('past_campaigns'),
      'basis~1': text(block('basis~1')!.initial_value), dataOwnerId: user('U3'),
      'pastCampaignIds~1': { value: { type: 'multi_static_select', selected_options: pastIds.map((value) => ({ value, text: { type: 'plain_text', text: value } })) } },
    })
    expect(saved.body).toBeNull()
    const goal = await withDatabase(rig, (prisma) => prisma.goal.findFirstOrThrow({ where: { campaignId } }))
    expect(goal).toMatchObject({ metric: 'signups', targetValue: 280, basisKind: 'past_campaigns', pastCampaignIds: pastIds.join(','), basis: 'past campaigns: Summer sale, Spring sale, Autumn sale (median 300, lower quartile 200)' })

    // A field error after Use as basis lands on the block the form shows.
    const bad = await submit(rig, updated, { 'metric~1': pick('signups'), target: text('280'), 'basisKind~1': pick('past_campaigns'), 'basis~1': text('x') })
    expect(Object.keys(bad.body.errors)).toEqual(['pastCampaignIds~1'])
  })

  it('shows another workspace only its own lessons', async () => {
    const view = await openNewProposal(rig, 'V1', 'T2', 'C9')
    expect(visibleText(view)).toContain('Secret of T2')
    expect(visibleText(view)).not.toContain('Book the KOLs')
  })

  it('shows the lessons of the most similar closed campaigns in the proposal modal', async () => {
    const view = await openNewProposal(rig, 'U1')
    const shown = visibleText(view)
    expect(shown).toContain('Lessons from similar past campaigns')
    // A new proposal is on our own site until said otherwise: the brand week first.
    expect(shown.indexOf('Measure reach daily')).toBeGreaterThan(-1)
    expect(shown.indexOf('Measure reach daily')).toBeLessThan(shown.indexOf('Douyin needs vertical video'))
    expect(shown).not.toContain('Secret of T2')
  })

  it('exports a campaign as a workbook and a Markdown document in its channel, Chinese intact', async () => {
    const { campaignId, goalIds } = await seedLiveCampaign(rig, {
      name: '双十一大促', kind: 'platform', platform: 'weibo', purpose: 'sales', currency: 'CNY', startDate: '2026-11-01', endDate: '2026-11-11',
      tasks: [{ title: '设计海报', stage: 'design', dueDate: '2026-11-03', ownerId: 'U4' }, { title: 'Write the launch post', stage: 'content', dueDate: '2026-11-05' }],
      goals: [{ metric: 'signups', targetValue: 500 }, { metric: 'revenue', targetMinor: 1_000_000n }],
    })
    await withDatabase(rig, async (prisma) => {
      const scenario = await prisma.budgetScenario.create({ data: { campaignId, name: '保守方案', chosen: true } })
      await prisma.budgetLine.create({ data: { scenarioId: scenario.id, category: 'promotion', channel: 'weibo', amountMinor: 200_000n, actualMinor: 180_050n, note: '微博推广' } })
      const at = new Date()
      await prisma.metricEntry.create({ data: { campaignId, goalId: goalIds[0]!, onDate: '2026-11-02', value: 120, reportedBy: 'U3', createdAt: at, updatedAt: at } })
      await prisma.metricEntry.create({ data: { campaignId, goalId: goalIds[1]!, onDate: '2026-11-02', valueMinor: 250_000n, reportedBy: 'U3', createdAt: at, updatedAt: at } })
      const retro = await prisma.retro.create({ data: { campaignId, respondentId: 'U4', overallEffect: 5, biggestLesson: '早点开始预热', wouldRunAgain: 'with_changes', submittedAt: at, updatedAt: at } })
      await prisma.retroEntry.create({ data: { retroId: retro.id, stage: 'design', worked: '海报很受欢迎', failed: null } })
    })

    const filesBefore = rig.slack.files.length
    expect(await ephemeralAnswer(rig, 'U4', `export #${campaignId}`, 'C2')).toContain('<#C1>')
    const xlsx = await rig.slack.waitForFile((f) => f.filename.endsWith('.xlsx'), { since: filesBefore })
    const md = await rig.slack.waitForFile((f) => f.filename.endsWith('.md'), { since: filesBefore })
    expect(xlsx.channel).toBe('C1')
    expect(md.channel).toBe('C1')
    expect(xlsx.ts).toBe(md.ts) // one message with both files

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.bytes as never)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['提案', '执行方案', '目标', '任务', '预算', '数据记录', '复盘'])
    const rows = (name: string) => workbook.getWorksheet(name)!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1))
    expect(rows('提案').some((row) => row[1] === '双十一大促')).toBe(true)
    expect(rows('任务')[0]).toEqual(expect.arrayContaining(['任务', '阶段', '负责人']))
    expect(rows('任务').slice(1).map((r) => r[0])).toEqual(['设计海报', 'Write the launch post'])
    const goals = rows('目标')
    expect(goals[1]!.slice(0, 3)).toEqual(['注册数', undefined, 500])
    expect(goals[2]!.slice(0, 3)).toEqual(['销售额', 'CNY', 10_000]) // 1,000,000 fen = ¥10,000
    const budget = rows('预算')
    expect(budget[0]).toEqual(['方案', '选定', '类别', '渠道', '计划 (CNY)', '实际 (CNY)', '备注'])
    expect(budget[1]).toEqual(['保守方案', '是', '推广费', '微博', 2000, 1800.5, '微博推广'])
    const entries = rows('数据记录')
    expect(entries.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([['注册数', '2026-11-02', 120], ['销售额', '2026-11-02', 2500]])
    const retro = rows('复盘')
    expect(retro[1]).toEqual(expect.arrayContaining([5, '早点开始预热', '改进后会', '海报很受欢迎']))

    const tree = fromMarkdown(md.bytes.toString('utf8'))
    const headings = tree.children.filter((n): n is Heading => n.type === 'heading').map((h) => [h.depth, h.children.map((c) => ('value' in c ? c.value : '')).join('')])
    expect(headings[0]).toEqual([1, '双十一大促'])
    expect(headings.filter(([depth]) => depth === 2).map(([, text]) => text)).toEqual(['提案', '执行方案', '目标', '预算', '任务', '数据记录', '复盘', '经验教训'])
    const text = md.bytes.toString('utf8')
    expect(text).toContain('设计海报')
    expect(text).toContain('早点开始预热')
    expect(text).toContain('| 保守方案 |')
  })

  it('sends the export as a DM when asked, and when the app cannot post in the channel', async () => {
    const { campaignId } = await seedLiveCampaign(rig, { name: 'Private launch', startDate: '2026-11-01', endDate: '2026-11-11' })
    let since = rig.slack.files.length
    const answer = await ephemeralAnswer(rig, 'U1', `export #${campaignId} dm`)
    expect(answer).toContain('direct messages')
    const dm = await rig.slack.waitForFile((f) => f.filename.endsWith('.md'), { since })
    expect(dm.channel).toBe('DU1')

    const hidden = await seedLiveCampaign(rig, { name: 'Hidden launch', channelId: 'G7', startDate: '2026-11-01', endDate: '2026-11-11' })
    rig.slack.addChannel({ id: 'G7', name: 'secret', isPrivate: true, members: ['U1'] })
    since = rig.slack.files.length
    const refused = await ephemeralAnswer(rig, 'U1', `export #${hidden.campaignId}`)
    expect(refused).toContain('direct message')
    const fallback = await rig.slack.waitForFile((f) => f.filename.endsWith('.xlsx'), { since })
    expect(fallback.channel).toBe('DU1')
  })
})

// The retrospective's prompts and forms end to end, on both databases, driven by the injected
// clock: a campaign in New York that ended on Friday 30 October 2026 (clocks go back on Sunday 1
// November) is prompted on Monday at 09:30 local (14:30 UTC), once across ticks and two instances;
// nobody away or deactivated is messaged; the reminder two working days later goes only to those who
// have not answered; forms filled by several people (bad input answered field by field), the owner's
// actuals stored; the report compiled on the last answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PrismaDb } from '../../src/store/database.ts'
import { compileRetroReport } from '../../src/slack/retroReport/compile.ts'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { pick, text } from '../support/plans.ts'
import { castTheUsualPeople } from '../support/proposals.ts'

// The real compile, watched: the test sees when it is asked for (and why).
vi.mock('../../src/slack/retroReport/compile.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/slack/retroReport/compile.ts')>()
  return { ...actual, compileRetroReport: vi.fn(actual.compileRetroReport) }
})

type View = Record<string, any>

describe.each(testProviders())('the retrospective on %s', (provider) => {
  let rig: Rig
  let campaignId: number
  let goalIds: number[]
  let lineId: number
  let prizeId: number
  const name = `Autumn tea week ${provider}`
  const compile = vi.mocked(compileRetroReport)

  beforeAll(async () => {
    compile.mockClear()
    rig = await startRig(provider, { now: '2026-11-02T12:00:00Z' })
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: 'away-promoter', tz: 'America/New_York' })
    rig.slack.addUser({ id: 'U5', teamId: 'T1', name: 'gone-designer', deleted: true })
    rig.slack.addUser({ id: 'U6', teamId: 'T1', name: 'promoter', tz: 'America/New_York', locale: 'zh-CN' })
    rig.slack.addUser({ id: 'U9', teamId: 'T1', name: 'bystander' })
    rig.slack.addUser({ id: 'U10', teamId: 'T1', name: 'bystander-zh', locale: 'zh-CN' })
    const seeded = await seedLiveCampaign(rig, {
      name, stage: 'retrospective', startDate: '2026-10-19', endDate: '2026-10-30', timeZone: 'America/New_York',
      tasks: [
        { dueDate: '2026-10-20', stage: 'content', ownerId: 'U3', status: 'done' },
        { dueDate: '2026-10-22', stage: 'design', ownerId: 'U5', status: 'done' },
        { dueDate: '2026-10-23', stage: 'promotion', ownerId: 'U6', status: 'done' },
        { dueDate: '2026-10-30', stage: 'retrospective', ownerId: 'U1' },
      ],
      goals: [{ metric: 'revenue', targetMinor: 500_000n, dataOwnerId: 'U3' }, { metric: 'signups', targetValue: 1000, dataOwnerId: 'U3' }],
      promoterIds: ['U4'],
    })
    campaignId = seeded.campaignId
    goalIds = seeded.goalIds
    await withDatabase(rig, async (prisma) => {
      await prisma.goal.update({ where: { id: goalIds[0]! }, data: { actualMinor: 412_350n, actualAsOf: '2026-10-30' } })
      await prisma.goal.update({ where: { id: goalIds[1]! }, data: { actualValue: 870, actualAsOf: '2026-10-30' } })
      const scenario = await prisma.budgetScenario.create({ data: { campaignId, name: 'Lean', chosen: true } })
      await prisma.budgetScenario.create({ data: { campaignId, name: 'Bold', chosen: false, position: 1, lines: { create: [{ category: 'other', amountMinor: 1n }] } } })
      lineId = (await prisma.budgetLine.create({ data: { scenarioId: scenario.id, category: 'promotion', channel: 'weibo', amountMinor: 200_000n } })).id
      prizeId = (await prisma.prize.create({ data: { campaignId, name: 'Tea set', quantity: 20, valueMinor: 5_000n, howGiven: 'Draw' } })).id
      const now = new Date()
      await prisma.person.create({ data: { teamId: 'T1', userId: 'U4', awayUntil: '2026-11-03', updatedAt: now } })
      await prisma.person.create({ data: { teamId: 'T1', userId: 'U5', deactivated: true, updatedAt: now } })
    })
  })
  afterAll(async () => rig.close())

  const retroRows = (prisma: PrismaDb) => prisma.outboxMessage.findMany({
    where: { campaignId, OR: [{ dedupeKey: { startsWith: 'retro-' } }, { dedupeKey: { startsWith: 'away:' } }, { dedupeKey: { startsWith: 'gone:' } }] },
    orderBy: { id: 'asc' },
  })
  const keysNow = () => withDatabase(rig, async (prisma) => (await retroRows(prisma)).map((row) => row.dedupeKey).sort())
  const retroPosts = () => rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok === true && JSON.stringify(c.args.blocks ?? '').includes('"action_id":"retro_open"'))

  /** Polls the outbox until every retro post is sent; the test's timeout bounds it. */
  async function allSent(): Promise<void> {
    for (;;) {
      const pending = await withDatabase(rig, async (prisma) => (await retroRows(prisma)).filter((row) => row.dedupeKey.startsWith('retro-') && row.status !== 'sent'))
      if (pending.length === 0) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** Clicks Fill in the retro (on a DM) or runs `/campaign retro`; the modal Slack opened, or the ephemeral answer. */
  async function openForm(userId: string, how: 'button' | 'command' = 'button'): Promise<{ view?: View; refused?: any }> {
    const since = rig.slack.calls.length
    const responsesSince = rig.slack.responses.length
    const responseUrl = rig.slack.newResponseUrl()
    const answer = how === 'button'
      ? await rig.client.blockAction({ teamId: 'T1', userId, actionId: 'retro_open', value: String(campaignId), responseUrl, message: { ts: '1.000001', channel: `D${userId}` } })
      : await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C1', text: `retro ${name}`, responseUrl })
    expect(answer.status).toBe(200)
    const outcome = await Promise.race([
      rig.slack.waitFor('views.open', (c) => !c.failed, { since }).then((c) => ({ view: c.result.view as View })),
      rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since: responsesSince }).then((r) => ({ refused: r.body })),
    ])
    return outcome
  }

  const submitForm = (userId: string, view: View, values: Record<string, unknown>) =>
    rig.client.viewSubmission({ teamId: 'T1', userId, view, values: values as never })

  const goodAnswer = (stages: string[], lesson: string) => ({
    overallEffect: pick('4'), biggestLesson: text(lesson), wouldRunAgain: pick('with_changes'),
    ...Object.fromEntries(stages.flatMap((stage) => [[`worked:${stage}`, text(`${stage} went well`)], [`failed:${stage}`, text(null)]])),
  })
  const stagesAsked = ['content', 'design', 'promotion']

  it('prompts the channel and each participant on Monday 09:30 New York time (after the clocks went back), once across ticks and instances, nobody away or gone', async () => {
    // 09:30 in New York was 13:30 UTC the week before; on 2 November it is 14:30.
    rig.clock.set('2026-11-02T13:30:00Z')
    await rig.app.scheduler.tick()
    rig.clock.set('2026-11-02T14:29:00Z')
    await rig.app.scheduler.tick()
    expect(await keysNow()).toEqual([])

    rig.clock.set('2026-11-02T14:30:00Z')
    const other = await rig.startAnotherInstance()
    await Promise.all([rig.app.scheduler.tick(), other.app.scheduler.tick()])
    await rig.app.scheduler.tick()
    // Delivered before the clock moves on (a claim's lease runs on the same clock).
    await allSent()
    rig.clock.set('2026-11-02T16:00:00Z')
    await Promise.all([rig.app.scheduler.tick(), other.app.scheduler.tick()])
    await other.app.stop()

    expect(await keysNow()).toEqual([
      `away:${campaignId}:U4:2026-11-03`, `gone:${campaignId}:U5`,
      `retro-dm:${campaignId}:U1`, `retro-dm:${campaignId}:U2`, `retro-dm:${campaignId}:U3`, `retro-dm:${campaignId}:U6`,
      `retro-prompt:${campaignId}`,
    ].sort())
    await allSent()
    const posts = retroPosts()
    expect(posts.map((c) => c.args.channel).sort()).toEqual(['C1', 'DU1', 'DU2', 'DU3', 'DU6'])
    const channelPost = posts.find((c) => c.args.channel === 'C1')!
    expect(channelPost.args.text).toContain(name)
    expect(channelPost.args.text).toContain('<@U2>')
    expect(channelPost.args.text).not.toContain('<@U4>')
    // The promoter reads Chinese.
    expect(JSON.stringify(posts.find((c) => c.args.channel === 'DU6')!.args.blocks)).toContain('填写复盘')
    const marker = await withDatabase(rig, (prisma) => prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { retroPromptOn: true, retroReminderOn: true } }))
    expect(marker).toEqual({ retroPromptOn: '2026-11-02', retroReminderOn: null })
  })

  it('refuses the form to someone who did not take part, and for a campaign not ended', async () => {
    const stranger = await openForm('U9')
    expect(stranger.refused).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('did not take part') })
    // A participant's form submitted by a stranger is refused with a title that says why, not "Out of date".
    const { view: participantsForm } = await openForm('U2')
    for (const [userId, title, text] of [['U9', 'Not a participant', 'You did not take part'], ['U10', '未参与此活动', '你没有参与']] as const) {
      const refused = await submitForm(userId, participantsForm!, goodAnswer(stagesAsked, 'Not mine to say'))
      expect(refused.body).toMatchObject({ response_action: 'update', view: { title: { text: title } } })
      expect(JSON.stringify(refused.body.view.blocks)).toContain(text)
    }
    expect(await withDatabase(rig, (prisma) => prisma.retro.count({ where: { campaignId } }))).toBe(0)
    const live = await seedLiveCampaign(rig, { name: `Still running ${provider}`, startDate: '2026-10-26', endDate: '2026-11-20', timeZone: 'America/New_York' })
    const since = rig.slack.responses.length
    const responseUrl = rig.slack.newResponseUrl()
    await rig.client.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: `retro #${live.campaignId}`, responseUrl })
    const refused = await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since })
    expect(refused.body.text).toContain('has not ended yet')
  })

  it('answers bad input field by field, then saves; an edit replaces the answer', async () => {
    const { view } = await openForm('U2')
    expect(view).toBeTruthy()
    const blockIds = view!.blocks.map((block: any) => block.block_id).filter(Boolean)
    expect(blockIds).toEqual(expect.arrayContaining(['overallEffect', 'worked:content', 'failed:design', 'worked:promotion', 'biggestLesson', 'wouldRunAgain']))
    expect(blockIds.some((id: string) => id.includes('retrospective') || id.startsWith('goal:'))).toBe(false)

    const bad = await submitForm('U2', view!, { overallEffect: pick('9'), 'worked:content': text('x'.repeat(1001)), biggestLesson: text('   ') })
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: { overallEffect: expect.any(String), 'worked:content': expect.stringContaining('1000'), biggestLesson: 'Please fill this in.', wouldRunAgain: 'Please fill this in.' },
    })
    const good = await submitForm('U2', view!, goodAnswer(stagesAsked, 'Book the KOL earlier'))
    expect(good.body).toMatchObject({ response_action: 'update', view: { title: { text: 'Saved' } } })

    // Opened again: prefilled; saved again: one retro, version 1, entries replaced.
    const { view: again } = await openForm('U2', 'command')
    const lesson = again!.blocks.find((block: any) => block.block_id === 'biggestLesson')
    expect(lesson.element.initial_value).toBe('Book the KOL earlier')
    await submitForm('U2', again!, { ...goodAnswer(['content'], 'Book the KOL much earlier'), overallEffect: pick('3') })
    const retros = await withDatabase(rig, (prisma) => prisma.retro.findMany({ where: { campaignId, respondentId: 'U2' }, include: { entries: true } }))
    expect(retros).toHaveLength(1)
    expect(retros[0]).toMatchObject({ overallEffect: 3, biggestLesson: 'Book the KOL much earlier', wouldRunAgain: 'with_changes', version: 1 })
    expect(retros[0]!.entries.map((entry) => [entry.stage, entry.worked, entry.failed])).toEqual([['content', 'content went well', null]])
    // A form opened before that save is out of date.
    const stale = await submitForm('U2', view!, goodAnswer(stagesAsked, 'Old tab'))
    expect(JSON.stringify(stale.body)).toContain('elsewhere')
  })

  it('lets the others answer (the away promoter too, by command)', async () => {
    for (const userId of ['U3', 'U4']) {
      const { view } = await openForm(userId, userId === 'U4' ? 'command' : 'button')
      const saved = await submitForm(userId, view!, goodAnswer(stagesAsked, `Lesson of ${userId}`))
      expect(saved.body).toMatchObject({ response_action: 'update' })
    }
    expect(compile).not.toHaveBeenCalled()
  })

  it('reminds, two working days after the prompt, only those who have not answered, once', async () => {
    rig.clock.set('2026-11-04T14:29:00Z')
    await rig.app.scheduler.tick()
    expect((await keysNow()).filter((key) => key.startsWith('retro-reminder'))).toEqual([])
    rig.clock.set('2026-11-04T14:30:00Z')
    await rig.app.scheduler.tick()
    await rig.app.scheduler.tick()
    expect((await keysNow()).filter((key) => key.startsWith('retro-reminder'))).toEqual([`retro-reminder:${campaignId}:U1`, `retro-reminder:${campaignId}:U6`])
    await allSent()
    const reminders = retroPosts().filter((c) => String(c.args.text).includes('reminder') || String(c.args.text).includes('提醒'))
    expect(reminders.map((c) => c.args.channel).sort()).toEqual(['DU1', 'DU6'])
  })

  it('stores the owner\'s actuals (checked field by field) and compiles the report on the last answer', async () => {
    const { view: promoterForm } = await openForm('U6')
    expect(promoterForm!.title.text).toBe('活动复盘')
    await submitForm('U6', promoterForm!, goodAnswer(stagesAsked, '早点联系达人'))
    expect(compile).not.toHaveBeenCalled()

    const { view } = await openForm('U1')
    const byId = (id: string) => view!.blocks.find((block: any) => block.block_id === id)
    expect(byId(`goal:${goalIds[0]}`).element.initial_value).toBe('4123.50')
    expect(byId(`goal:${goalIds[1]}`).element.initial_value).toBe('870')
    expect(byId(`line:${lineId}`)).toBeTruthy()
    expect(byId(`prize:${prizeId}`).label.text).toContain('Tea set')

    const bad = await submitForm('U1', view!, {
      ...goodAnswer(stagesAsked, 'Plan prizes with logistics'),
      [`goal:${goalIds[0]}`]: text('4,123.505'), [`goal:${goalIds[1]}`]: text('-1'), [`line:${lineId}`]: text('lots'), [`prize:${prizeId}`]: text('201'),
    })
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: {
        [`goal:${goalIds[0]}`]: 'Too many decimal places.', [`goal:${goalIds[1]}`]: 'Please enter zero or more.',
        [`line:${lineId}`]: expect.stringContaining('number'), [`prize:${prizeId}`]: 'At most 200.',
      },
    })
    expect(compile).not.toHaveBeenCalled()

    const good = await submitForm('U1', view!, {
      ...goodAnswer(stagesAsked, 'Plan prizes with logistics'),
      [`goal:${goalIds[0]}`]: text('4,200.00'), [`goal:${goalIds[1]}`]: text('901'), [`line:${lineId}`]: text('1,850.25'), [`prize:${prizeId}`]: text('18'),
    })
    expect(good.body).toMatchObject({ response_action: 'update' })
    await vi.waitFor(() => expect(compile).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ teamId: 'T1', campaignId, reason: 'all_answered' })))

    const stored = await withDatabase(rig, async (prisma) => ({
      goals: await prisma.goal.findMany({ where: { campaignId }, orderBy: { position: 'asc' }, select: { finalMinor: true, finalValue: true } }),
      line: await prisma.budgetLine.findUniqueOrThrow({ where: { id: lineId }, select: { actualMinor: true } }),
      prize: await prisma.prize.findUniqueOrThrow({ where: { id: prizeId }, select: { givenOut: true } }),
      retros: await prisma.retro.count({ where: { campaignId } }),
    }))
    expect(stored).toEqual({
      goals: [{ finalMinor: 420_000n, finalValue: null }, { finalMinor: null, finalValue: 901 }],
      line: { actualMinor: 185_025n }, prize: { givenOut: 18 }, retros: 5,
    })
    // Editable until compiled: then refused in words.
    await vi.waitFor(async () => expect(await withDatabase(rig, (prisma) => prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { reportCompiledAt: true } }))).not.toEqual({ reportCompiledAt: null }), { timeout: 30_000 })
    const late = await openForm('U2')
    expect(late.refused?.text).toContain('already compiled')
  })

  it('compiles another campaign by the three-day rule: once its third working day after the end is over, at the digest time', async () => {
    const other = await seedLiveCampaign(rig, {
      name: `Quiet campaign ${provider}`, stage: 'retrospective', startDate: '2026-10-19', endDate: '2026-10-30', timeZone: 'America/New_York',
      tasks: [{ dueDate: '2026-10-20', stage: 'content', ownerId: 'U3', status: 'done' }],
    })
    const deadlineCalls = () => compile.mock.calls.filter(([, input]) => input.campaignId === other.campaignId)
    rig.clock.set('2026-11-05T14:29:00Z') // Thursday 09:29 in New York
    await rig.app.scheduler.tick()
    expect(deadlineCalls()).toEqual([])
    expect(await withDatabase(rig, (prisma) => prisma.campaign.findUniqueOrThrow({ where: { id: other.campaignId }, select: { retroPromptOn: true } }))).toEqual({ retroPromptOn: '2026-11-05' })
    rig.clock.set('2026-11-05T14:30:00Z')
    await rig.app.scheduler.tick()
    expect(deadlineCalls().map(([, input]) => input.reason)).toEqual(['deadline'])
  })
})

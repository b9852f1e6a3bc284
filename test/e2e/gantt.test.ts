// The Gantt surface end to end: the plan message's Gantt button and `/campaign gantt` upload a real
// PNG of the campaign's tasks into its channel (files.getUploadURLExternal, the bytes, then
// files.completeUploadExternal), for a Chinese- and an English-named campaign; a campaign without
// tasks, an unknown one and Slack refusing the upload are answered in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Campaign } from '../../src/domain/campaign.ts'
import type { Task } from '../../src/domain/tasks.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { ganttChartOf } from '../../src/slack/plan/gantt.ts'
import { emptyPlanRecord } from '../../src/slack/plan/notifications.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { planStore, type TaskDraft } from '../../src/store/plans.ts'
import { taskSectionChanges } from '../../src/store/tasks.ts'
import { testProviders } from '../support/databases.ts'
import type { FakeFile } from '../support/fakeSlack.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { approvedCampaign, planMessageOf } from '../support/plans.ts'
import { buttonsOf, castTheUsualPeople } from '../support/proposals.ts'

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Tasks of a campaign from 2026-12-10 to 2026-12-24, seen on 2026-12-01 (the rig's today): the first two are overdue. */
function tasks(count: number, language: 'zh' | 'en', ownerId: string): TaskDraft[] {
  const stages = ['creative', 'content', 'design', 'build', 'promotion', 'launch', 'data', 'customer_service', 'retrospective'] as const
  return Array.from({ length: count }, (_, i) => {
    const start = 26 + i // from 2026-11-26, four days each
    const day = (n: number) => new Date(Date.UTC(2026, 10, n)).toISOString().slice(0, 10)
    return {
      title: language === 'zh' ? `任务 ${i + 1}：制作活动海报与文案` : `Task ${i + 1}: teaser posts and landing page`,
      stage: stages[i % stages.length]!,
      ownerId,
      startDate: day(start),
      dueDate: day(start + 3),
    }
  })
}

describe.each(testProviders())('the Gantt chart on %s', (provider) => {
  let rig: Rig
  let database: Database
  let serial = 0
  beforeAll(async () => {
    rig = await startRig(provider)
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'U4', teamId: 'T1', name: '李娜', realName: 'Li Na', locale: 'zh-CN' })
    rig.slack.addChannel({ id: 'C2', name: 'elsewhere', members: ['U1', 'U2', 'U3', 'U4', rig.slack.botUserId] })
    // Test setup beside the template's Accept button: many tasks, at chosen (even impossible) dates, straight into the store.
    database = await openDatabase(rig.config.database)
  })
  afterAll(async () => {
    await database?.close()
    await rig?.close()
  })

  async function addTasks(campaignId: number, drafts: TaskDraft[]): Promise<void> {
    const plans = planStore(database.prisma)
    for (const draft of drafts) {
      const result = await plans.changeSection({
        teamId: 'T1', campaignId, section: 'tasks', actorId: 'U1', at: rig.clock.now(), change: taskSectionChanges.add('T1', draft, rig.clock.now(), {}), outbox: () => [],
      })
      expect(result.outcome).toBe('changed')
    }
  }

  /** The owner uses the task template offered by DM on approval, as a person would. */
  async function acceptTemplate(campaignId: number, ownerId: string): Promise<void> {
    const offer = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === `D${ownerId}`
      && JSON.stringify(c.args.blocks ?? '').includes(`"action_id":"task_template_accept","value":"${campaignId}"`))
    const responseUrl = rig.slack.newResponseUrl()
    const since = rig.slack.responses.length
    await rig.client.blockAction({ teamId: 'T1', userId: ownerId, actionId: 'task_template_accept', value: String(campaignId), responseUrl, message: { ts: offer.result.ts, channel: offer.result.channel } })
    expect((await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since })).body.replace_original).toBe(true)
  }

  async function clickGantt(campaignId: number, userId: string, planTs: string) {
    const answer = await rig.client.blockAction({ teamId: 'T1', userId, actionId: 'plan_gantt', value: String(campaignId), message: { ts: planTs, channel: 'C1' } })
    expect(answer.status).toBe(200)
  }

  async function command(text: string, userId = 'U3', channelId = 'C1') {
    const answer = await rig.client.slashCommand({ teamId: 'T1', userId, channelId, text })
    expect(answer.status).toBe(200)
  }

  const answered = (since: number, includes: string) =>
    rig.slack.waitForResponse((r) => typeof r.body?.text === 'string' && r.body.text.includes(includes), { since })

  function expectRealPng(file: FakeFile) {
    expect(file.bytes.subarray(0, 8).equals(pngSignature)).toBe(true)
    expect(file.bytes.length).toBe(file.declaredLength)
    expect(file.png).not.toBeNull()
    // Drawn at twice the CSS size: a 900-px plot with its labels, a row per task.
    expect(file.png!.width).toBeGreaterThan(1200)
    expect(file.png!.width).toBeLessThan(4000)
    expect(file.png!.height).toBeGreaterThan(200)
  }

  it('the owner of a Chinese-named campaign uses the task template and clicks Gantt: a PNG in its channel, with a Chinese comment; more tasks, a taller picture', async () => {
    const name = `双十一茶节 ${++serial}`
    const { campaignId, planTs } = await approvedCampaign(rig, { name, ownerId: 'U4' })
    expect(buttonsOf(planMessageOf(rig, planTs))).toContainEqual(expect.objectContaining({ action_id: 'plan_gantt', value: String(campaignId) }))
    await acceptTemplate(campaignId, 'U4')

    const since = rig.slack.files.length
    await clickGantt(campaignId, 'U4', planTs)
    const small = await rig.slack.waitForFile((f) => f.title === name, { since })
    expectRealPng(small)
    expect(small.channel).toBe('C1')
    expect(small.filename).toMatch(new RegExp(`^gantt-${campaignId}-2026-12-01\\.png$`))
    expect(small.initialComment).toContain(`*${name}* 的甘特图`)
    expect(small.initialComment).toContain('<@U4>')
    const templateTasks = Number(/共 (\d+) 项任务/.exec(small.altText ?? '')?.[1])
    expect(templateTasks).toBeGreaterThan(5)
    // The template dates nothing before today: none overdue.
    expect(small.altText).not.toContain('逾期')
    // The share is a message in the channel that carries the file.
    expect(rig.slack.messagesIn('C1').find((m) => m.ts === small.ts)?.files).toEqual([small.id])

    await addTasks(campaignId, tasks(20, 'zh', 'U1'))
    const later = rig.slack.files.length
    await clickGantt(campaignId, 'U4', planTs)
    const large = await rig.slack.waitForFile((f) => f.title === name, { since: later })
    expectRealPng(large)
    expect(large.altText).toContain(`共 ${templateTasks + 20} 项任务，2 项已逾期`)
    // Each task is a row of 22 CSS pixels (44 at 2×).
    expect(large.png!.height - small.png!.height).toBeGreaterThanOrEqual(20 * 40)
  })

  it('anyone may ask with /campaign gantt: an English-named campaign, in English, told where it went when asked elsewhere', async () => {
    const name = `Tea festival ${++serial}`
    const { campaignId } = await approvedCampaign(rig, { name })
    await addTasks(campaignId, tasks(5, 'en', 'U1'))

    let since = rig.slack.files.length
    await command(`gantt ${name}`, 'U3', 'C1')
    const file = await rig.slack.waitForFile((f) => f.title === name, { since })
    expectRealPng(file)
    expect(file.channel).toBe('C1')
    expect(file.initialComment).toBe(`Gantt chart of *${name}*, asked for by <@U3>.`)
    // 2 of the 5 are due before 2026-12-01: overdue.
    expect(file.altText).toBe(`Gantt chart of ${name}: 5 tasks, 2 overdue; the campaign runs 2026-12-10 to 2026-12-24.`)

    // Asked from another channel: the picture still goes to the campaign's, and the person is told so.
    since = rig.slack.files.length
    const responses = rig.slack.responses.length
    await command(`gantt #${campaignId}`, 'U3', 'C2')
    expect((await rig.slack.waitForFile((f) => f.title === name, { since })).channel).toBe('C1')
    expect((await answered(responses, 'is in <#C1>')).body.response_type).toBe('ephemeral')
  })

  it('a campaign without tasks gets an explanation, not an empty picture; an unknown one and a missing name are answered too', async () => {
    const name = `Empty plan ${++serial}`
    const { campaignId, planTs } = await approvedCampaign(rig, { name })
    const files = rig.slack.files.length
    let since = rig.slack.responses.length
    await clickGantt(campaignId, 'U3', planTs)
    const empty = await answered(since, 'no tasks yet')
    expect(empty.body.response_type).toBe('ephemeral')
    expect(empty.body.text).toContain('accept the template')

    since = rig.slack.responses.length
    await command(`gantt #${campaignId}`, 'U4')
    expect((await answered(since, '还没有任务')).body.text).toContain(name)

    since = rig.slack.responses.length
    await command('gantt No such campaign')
    await answered(since, 'No such campaign')
    since = rig.slack.responses.length
    await command('gantt')
    await answered(since, '`/campaign gantt &lt;name or id&gt;`')
    since = rig.slack.responses.length
    await clickGantt(999_999, 'U3', planTs)
    await answered(since, '999999')
    expect(rig.slack.files).toHaveLength(files)

    const help = await rig.client.slashCommand({ teamId: 'T1', userId: 'U3', channelId: 'C1', text: 'help' })
    expect(help.body.text).toContain('`/campaign gantt &lt;name or id&gt;`')
  })

  it('Slack failing the upload gets words: no answer, a refusal; a public channel the app was removed from is joined again', async () => {
    const name = `Launch week ${++serial}`
    const { campaignId, planTs } = await approvedCampaign(rig, { name })
    await addTasks(campaignId, tasks(2, 'en', 'U1'))
    const files = rig.slack.files.length

    let since = rig.slack.responses.length
    rig.slack.failNext('files.completeUploadExternal', { status: 500 })
    await clickGantt(campaignId, 'U1', planTs)
    await answered(since, 'Slack did not answer just now')

    since = rig.slack.responses.length
    rig.slack.failNext('files.completeUploadExternal', { error: 'internal_error' })
    await command(`gantt #${campaignId}`, 'U4')
    expect((await answered(since, 'internal_error')).body.text).toContain('Slack 拒绝了这张图片')
    expect(rig.slack.files).toHaveLength(files)

    // The app was removed from the public channel: it joins again and uploads once more.
    const channel = rig.slack.channels.get('C1')!
    channel.members = channel.members.filter((member) => member !== rig.slack.botUserId)
    const calls = rig.slack.calls.length
    await clickGantt(campaignId, 'U1', planTs)
    const file = await rig.slack.waitForFile((f) => f.title === name, { since: files })
    expect(file.channel).toBe('C1')
    const after = rig.slack.calls.slice(calls).map((c) => `${c.method}:${c.result?.error ?? 'ok'}`).filter((c) => /files\.complete|join/.test(c))
    expect(after).toEqual(['files.completeUploadExternal:not_in_channel', 'conversations.join:ok', 'files.completeUploadExternal:ok'])
  })

  it('a picture that cannot be drawn is answered in words, and nothing is uploaded', async () => {
    const { campaignId, planTs } = await approvedCampaign(rig, { name: `Bad dates ${++serial}` })
    // A date no form lets through (the store takes it as given): the renderer refuses it.
    await addTasks(campaignId, [{ ...tasks(1, 'en', 'U1')[0]!, dueDate: '2026-11-31' }])
    const calls = rig.slack.calls.length
    const since = rig.slack.responses.length
    await clickGantt(campaignId, 'U1', planTs)
    await answered(since, 'I could not draw the Gantt chart')
    expect(rig.slack.calls.slice(calls).filter((c) => c.method.startsWith('files.'))).toHaveLength(0)
  })

  it('a private channel the app is no longer in: told to invite it, and no join is tried', async () => {
    rig.slack.addChannel({ id: 'C9', name: 'secret-launch', isPrivate: true, members: ['U1', 'U2', rig.slack.botUserId] })
    const name = `Secret launch ${++serial}`
    const { campaignId, planTs } = await approvedCampaign(rig, { name, channelId: 'C9' })
    await addTasks(campaignId, tasks(2, 'en', 'U1'))
    const channel = rig.slack.channels.get('C9')!
    channel.members = channel.members.filter((member) => member !== rig.slack.botUserId)
    const calls = rig.slack.calls.length
    const since = rig.slack.responses.length
    await clickGantt(campaignId, 'U1', planTs)
    expect((await answered(since, '/invite @Campaign Desk')).body.text).toContain('<#C9>')
    expect(rig.slack.calls.slice(calls).filter((c) => c.method === 'conversations.join')).toHaveLength(0)
  })
})

describe('ganttChartOf', () => {
  const campaign = { id: 7, teamId: 'T1', name: '春茶上新', stage: 'planning', startDate: '2027-03-01', endDate: '2027-03-14', channelId: 'C1', ownerId: 'U1' } as Campaign
  const task = (id: number, fields: Partial<Task>): Task => ({
    id, campaignId: 7, title: `T${id}`, stage: 'design', ownerId: 'U1', startDate: '2027-02-20', dueDate: '2027-02-25', status: 'todo', blockedReason: null, version: 0, ...fields,
  })

  it('draws each task with its owner by display name and its stage in the reader language, soonest start first', () => {
    const record = emptyPlanRecord(campaign, 'CNY')
    record.snapshot.tasks = [
      task(1, { startDate: '2027-02-26', dueDate: '2027-03-02', ownerId: 'U2', stage: 'promotion' }),
      task(2, { status: 'done' }),
      task(3, { startDate: '2027-02-18' }),
    ]
    const chart = ganttChartOf(record, '2027-02-27', new Map([['U1', '小王'], ['U2', 'Ada']]), messagesFor('zh-CN'))
    expect(chart.title).toBe('春茶上新')
    expect(chart.window).toEqual({ startDate: '2027-03-01', endDate: '2027-03-14' })
    expect(chart.labels.today).toBe('今天')
    expect(chart.bars.map((b) => [b.id, b.ownerName, b.stageLabel, b.done, b.overdue])).toEqual([
      [3, '小王', messagesFor('zh-CN').workStage.design, false, true],
      [2, '小王', messagesFor('zh-CN').workStage.design, true, false],
      [1, 'Ada', messagesFor('zh-CN').workStage.promotion, false, false],
    ])
  })
})

// A workspace's own holidays and working days end to end, on both databases: an admin writes them
// in `/campaign settings` (a malformed line answered under the field, in the admin's language; a
// non-admin refused and nothing saved), they are kept per workspace and shown back as written,
// and the scheduler and the marketing calendar follow them: with 2027's schedule not yet
// published, an admin enters the rest of the Spring Festival break and a make-up Saturday, and a
// task due on the Monday after is reminded on that Saturday, not on the Friday the statutory days
// alone would give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { checks, pick, text } from '../support/plans.ts'
import { castTheUsualPeople, visibleText } from '../support/proposals.ts'

type Json = Record<string, any>

// 09:00 in Shanghai (UTC+8) on a day, as an instant.
const shanghaiAt = (day: string, time: string) => new Date(new Date(`${day}T${time}:00Z`).getTime() - 8 * 3_600_000).toISOString()

describe.each(testProviders())("a workspace's own holidays and working days on %s", (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider, { now: '2027-01-04T02:00:00Z' })
    castTheUsualPeople(rig)
    rig.slack.addUser({ id: 'UADM', name: 'root', isAdmin: true, tz: 'Asia/Shanghai' })
    rig.slack.addUser({ id: 'UADMZH', name: 'wang', locale: 'zh-CN', isAdmin: true, tz: 'Asia/Shanghai' })
    rig.slack.addUser({ id: 'USH', name: 'mei', locale: 'zh-CN', tz: 'Asia/Shanghai' })
  })
  afterAll(async () => rig.close())

  async function settingsModal(userId: string): Promise<{ view: Json | null; answer: string | null }> {
    const since = rig.slack.calls.length
    const responses = rig.slack.responses.length
    const responseUrl = rig.slack.newResponseUrl()
    await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C1', text: 'settings', responseUrl })
    return Promise.race([
      rig.slack.waitFor('views.open', (c) => c.result?.ok === true, { since, timeoutMs: 20_000 }).then((c) => ({ view: c.result.view as Json, answer: null })),
      rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since: responses, timeoutMs: 20_000 }).then((r) => ({ view: null, answer: String(r.body.text) })),
    ])
  }

  const values = (calendarDays: string | null, overrides: Json = {}) => ({
    timeZone: text('Asia/Shanghai'), country: pick('CN'), workingDays: checks('1', '2', '3', '4', '5'), calendarDays: text(calendarDays),
    digestTime: text(null), promptTime: text(null), reminderLeadDays: text('1'), quietDigests: checks(), language: pick('each'), currency: text(null), ...overrides,
  })

  const stored = () => withDatabase(rig, (prisma) => prisma.workspaceSettings.findUnique({ where: { teamId: 'T1' }, select: { calendarDays: true } }))

  const fieldOf = (view: Json, blockId: string): Json => (view.blocks as Json[]).find((block) => block.block_id === blockId) ?? {}

  it('lets an admin write them in the settings, answers a malformed line under the field, refuses anyone else', async () => {
    expect((await settingsModal('U1')).answer).toMatch(/Only a workspace admin/)
    const { view } = await settingsModal('UADM')
    const field = fieldOf(view!, 'calendarDays')
    expect(field).toMatchObject({ type: 'input', optional: true, label: { text: 'Holidays and working days of your own' }, element: { type: 'plain_text_input', multiline: true } })
    expect(field.hint.text).toContain('2027-02-20 workday')

    const bad = await rig.client.viewSubmission({
      teamId: 'T1', userId: 'UADM', view: view!, values: values('2027-02-09 holiday\n2027-02-30 holiday\n2027-02-20 vacation'),
    })
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: { calendarDays: 'Line 2: “2027-02-30” is not a date. Write YYYY-MM-DD, e.g. 2027-02-06. Line 3: “vacation” is neither holiday nor workday.' },
    })
    expect((await stored())?.calendarDays ?? null).toBeNull()

    // A non-admin submitting the admin's form is refused; nothing is saved.
    const stranger = await rig.client.viewSubmission({ teamId: 'T1', userId: 'U1', view: view!, values: values('2027-02-09 holiday') })
    expect(stranger.body).toMatchObject({ response_action: 'errors', errors: { timeZone: expect.stringMatching(/Only a workspace admin/) } })
    expect((await stored())?.calendarDays ?? null).toBeNull()

    // In Chinese for a Chinese-speaking admin, the kinds in Chinese too.
    const zh = await settingsModal('UADMZH')
    expect(fieldOf(zh.view!, 'calendarDays').label.text).toBe('本工作区自定的假日和工作日')
    const badZh = await rig.client.viewSubmission({ teamId: 'T1', userId: 'UADMZH', view: zh.view!, values: values('2027-02-09 放假 春节\n2027-02-20') })
    expect(badZh.body).toEqual({ response_action: 'errors', errors: { calendarDays: '第 2 行：请在日期后写 holiday（休）或 workday（班）。' } })

    // Saved as written back: sorted, a span as first..last, the kinds in English; shown so when reopened.
    const saved = await rig.client.viewSubmission({ teamId: 'T1', userId: 'UADMZH', view: zh.view!, values: values('2027-02-20 班\n2027-02-09 至 2027-02-12 休 春节') })
    expect(saved.body).toBeNull()
    expect((await stored())?.calendarDays).toBe('2027-02-09..2027-02-12 holiday 春节\n2027-02-20 workday')
    const reopened = await settingsModal('UADM')
    expect(fieldOf(reopened.view!, 'calendarDays').element.initial_value).toBe('2027-02-09..2027-02-12 holiday 春节\n2027-02-20 workday')
  })

  it('the reminders follow them: due Monday 22 February 2027, reminded on the make-up Saturday the admin entered, not on Friday', async () => {
    const { view } = await settingsModal('UADM')
    expect((await rig.client.viewSubmission({
      teamId: 'T1', userId: 'UADM', view: view!, values: values('2027-02-09..2027-02-12 holiday 春节\n2027-02-20 workday'),
    })).body).toBeNull()
    const { taskIds: [taskId] } = await seedLiveCampaign(rig, {
      startDate: '2027-02-01', endDate: '2027-03-15', timeZone: 'Asia/Shanghai', ownerId: 'U1',
      tasks: [{ title: 'Lantern Festival landing page', dueDate: '2027-02-22', ownerId: 'USH' }],
    })
    const reminderKeys = async () => (await withDatabase(rig, (prisma) => prisma.outboxMessage.findMany({
      where: { dedupeKey: { startsWith: `reminder:${taskId}:` } }, select: { dedupeKey: true },
    }))).map((row) => row.dedupeKey)

    // Friday 19 February: the working day before the due date by the statutory days alone (5–8 February off).
    rig.clock.set(shanghaiAt('2027-02-19', '09:05'))
    await rig.app.scheduler.tick()
    expect(await reminderKeys()).toEqual([])

    rig.clock.set(shanghaiAt('2027-02-20', '09:05'))
    await rig.app.scheduler.tick()
    expect(await reminderKeys()).toEqual([`reminder:${taskId}:2027-02-20:2027-02-22`])
    const dm = await rig.slack.waitFor('chat.postMessage', (c) => c.result?.ok === true && c.args.channel === 'DUSH'
      && JSON.stringify(c.args.blocks ?? '').includes(`"value":"${taskId}"`), { timeoutMs: 20_000 })
    expect(String(dm.args.text)).toMatch(/即将到期：\*Lantern Festival landing page\*.*2027-02-22/)
  })

  it('the marketing calendar shows them: Spring Festival to the last day off the admin entered, and the Saturday worked', async () => {
    rig.clock.set('2027-01-04T02:00:00Z')
    const responseUrl = rig.slack.newResponseUrl()
    await rig.client.slashCommand({ teamId: 'T1', userId: 'USH', channelId: 'C1', text: 'calendar 2', responseUrl })
    const message = (await rig.slack.waitForResponse((r) => responseUrl.endsWith(`/${r.id}`))).body
    const festival = (message.blocks as Json[]).find((b) => b.accessory?.value === 'CN:2027-02-05:spring_festival')
    expect(festival?.text.text).toContain('*2月5日–12日*  春节')
    expect(visibleText(message)).toContain(':briefcase: 调休上班：2月20日（周六）')
  })
})

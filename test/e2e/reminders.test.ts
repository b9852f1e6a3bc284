// Deadline reminders end to end, driven by the injected clock and the scheduler's tick through
// the fake Slack, on both databases: each owner's own 09:00 in New York and Shanghai, before /
// due / overdue on working days only (the campaign's owner mentioned from the second overdue
// day), each once however often the tick runs; Done, Snooze 1 day and Open; a reminder finished
// or left pending past its day while Slack was down is not sent late; `/campaign away` and the
// Home's Away line hold reminders until the person is back. Each test its own people and week.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testProviders } from '../support/databases.ts'
import { startRig, type Rig } from '../support/harness.ts'
import { seedLiveCampaign, withDatabase } from '../support/live.ts'
import { castTheUsualPeople } from '../support/proposals.ts'
import { date, pick, submit, text, user } from '../support/plans.ts'
import { datePicked } from '../support/slackRequests.ts'

type Json = Record<string, any>

// Local 09:00 in December: New York is UTC-5, Shanghai UTC+8.
const nyAt = (day: string, time: string) => new Date(new Date(`${day}T${time}:00Z`).getTime() + 5 * 3_600_000).toISOString()
const shAt = (day: string, time: string) => new Date(new Date(`${day}T${time}:00Z`).getTime() - 8 * 3_600_000).toISOString()

describe.each(testProviders())('deadline reminders on %s', (provider) => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig(provider, { now: '2026-12-06T12:00:00Z' })
    castTheUsualPeople(rig)
    for (const id of ['UNY', 'UDONE', 'USNZ', 'UMOVE', 'UFIN', 'USTALE', 'UAWAY', 'UHOME']) rig.slack.addUser({ id, teamId: 'T1', tz: 'America/New_York' })
    rig.slack.addUser({ id: 'USH', teamId: 'T1', tz: 'Asia/Shanghai', locale: 'zh-CN' })
  })
  afterAll(async () => rig.close())

  const campaignFor = (ownerId: string, dueDate: string) => seedLiveCampaign(rig, {
    startDate: '2026-12-01', endDate: '2027-01-31', timeZone: 'Asia/Shanghai', ownerId: 'U1',
    tasks: [{ title: `Landing page for ${ownerId}`, dueDate, ownerId }],
  })

  async function tickAt(iso: string, times = 1): Promise<void> {
    rig.clock.set(iso)
    for (let i = 0; i < times; i++) await rig.app.scheduler.tick()
  }

  const rows = (taskId: number) => withDatabase(rig, (prisma) =>
    prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `reminder:${taskId}:` } }, orderBy: { id: 'asc' } }))

  /** The task's reminder rows once none is waiting any more (sent, dropped or failed). Polls the
   * outbox with no deadline of its own: the test's timeout bounds it. */
  async function settled(taskId: number, check: (found: Json[]) => boolean = () => true) {
    for (;;) {
      const found = await rows(taskId)
      if (found.every((row) => row.status !== 'pending') && check(found)) return found
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** Waits until the dispatcher has tried the task's reminder at least once (Slack failing it). */
  async function tried(taskId: number): Promise<void> {
    while (!(await rows(taskId)).some((row) => row.attempts > 0)) await new Promise((resolve) => setTimeout(resolve, 50))
  }

  /** Reminder DMs Slack accepted for this task, oldest first. */
  const posted = (taskId: number) => rig.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.result?.ok === true
    && JSON.stringify(c.args.blocks ?? '').includes(`"action_id":"reminder_done","value":"${taskId}"`))

  async function clickOnReminder(userId: string, actionId: string, value: string, message: { ts: string; channel: string }) {
    const responseUrl = rig.slack.newResponseUrl()
    const since = rig.slack.responses.length
    const answer = await rig.client.blockAction({ teamId: 'T1', userId, actionId, value, responseUrl, message })
    expect(answer.status).toBe(200)
    return (await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since })).body
  }

  const messageOf = (call: Json) => ({ ts: call.result.ts as string, channel: call.result.channel as string })
  const buttonValue = (call: Json, actionId: string) =>
    (call.args.blocks as Json[]).flatMap((block) => block.elements ?? []).find((element: Json) => element.action_id === actionId)?.value as string

  async function command(userId: string, text: string): Promise<string> {
    const responseUrl = rig.slack.newResponseUrl()
    const since = rig.slack.responses.length
    await rig.client.slashCommand({ teamId: 'T1', userId, channelId: 'C1', text, responseUrl })
    return String((await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id), { since })).body.text)
  }

  const taskRow = (id: number) => withDatabase(rig, (prisma) => prisma.task.findUniqueOrThrow({ where: { id } }))

  it('reminds each owner at their own 09:00 the working day before, on the day and each working day after, once, in their language', async () => {
    const ny = (await campaignFor('UNY', '2026-12-09')).taskIds[0]!
    const sh = (await campaignFor('USH', '2026-12-09')).taskIds[0]!
    // day → what each owner gets that morning (null: nothing); 12-12 and 12-13 are a weekend.
    const week: Array<[string, RegExp | null, RegExp | null]> = [
      ['2026-12-07', null, null],
      ['2026-12-08', /Coming up: \*Landing page for UNY\* .* due on \*2026-12-09\*/, /即将到期：\*Landing page for USH\*.*2026-12-09/],
      ['2026-12-09', /Due today \(2026-12-09\)/, /今天（2026-12-09）到期/],
      ['2026-12-10', /Overdue by 1 working day:/, /已逾期 1 个工作日/],
      ['2026-12-11', /Overdue by 2 working days:[\s\S]*<@U1> FYI/, /已逾期 2 个工作日[\s\S]*<@U1> 请知悉/],
      ['2026-12-12', null, null],
      ['2026-12-13', null, null],
      ['2026-12-14', /Overdue by 3 working days:[\s\S]*<@U1> FYI/, /已逾期 3 个工作日[\s\S]*<@U1>/],
    ]
    const expected = new Map([[ny, 0], [sh, 0]])
    for (const [day, forNy, forSh] of week) {
      // Shanghai's morning comes first in UTC; New York's the same UTC day, later.
      for (const [taskId, at, wanted] of [[sh, shAt, forSh], [ny, nyAt, forNy]] as const) {
        await tickAt(at(day, '08:59'))
        expect((await rows(taskId)).map((row) => row.dedupeKey), `nothing before 09:00 on ${day}`).not.toContain(`reminder:${taskId}:${day}:2026-12-09`)
        await tickAt(at(day, '09:00'), 2)
        await tickAt(at(day, '11:00'))
        if (wanted) expected.set(taskId, expected.get(taskId)! + 1)
        const found = await settled(taskId, (all) => all.filter((row) => row.status === 'sent').length === expected.get(taskId))
        expect(found.filter((row) => row.dedupeKey === `reminder:${taskId}:${day}:2026-12-09`)).toHaveLength(wanted ? 1 : 0)
        const dms = posted(taskId)
        expect(dms, `reminders of task ${taskId} up to ${day}`).toHaveLength(expected.get(taskId)!)
        if (wanted) {
          const last = dms.at(-1)!
          expect(String(last.args.text)).toMatch(wanted)
          expect(last.args.channel).toBe(taskId === ny ? 'DUNY' : 'DUSH')
          const mentions = day >= '2026-12-11'
          expect(String(last.args.text).includes('<@U1>')).toBe(mentions)
          expect((last.args.blocks as Json[]).flatMap((b) => b.elements ?? []).map((e: Json) => e.action_id)).toEqual(['reminder_done', 'reminder_snooze', 'tasks_open'])
        }
      }
    }
  }, 180_000)

  it('Done closes the task from the reminder (owner, campaign owner or admin only) and no more reminders come; Open opens the task\'s modal', async () => {
    const { campaignId, taskIds: [taskId] } = await campaignFor('UDONE', '2026-12-15')
    await tickAt(nyAt('2026-12-15', '09:00'), 2)
    await settled(taskId!, (all) => all.some((row) => row.status === 'sent'))
    const reminder = posted(taskId!)[0]!
    expect(String(reminder.args.text)).toMatch(/Due today/)

    // Open: the tasks modal, on the page of this task.
    const since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'UDONE', actionId: 'tasks_open', value: buttonValue(reminder, 'tasks_open'), responseUrl: rig.slack.newResponseUrl(), message: messageOf(reminder) })
    const opened = await rig.slack.waitFor('views.open', (c) => !c.failed, { since })
    expect(JSON.stringify(opened.result.view.blocks)).toContain('Landing page for UDONE')
    expect(buttonValue(reminder, 'tasks_open')).toBe(`${campaignId}:${taskId}`)

    // Someone else, a forged value, a task that is not there: answered, nothing changed.
    expect(String((await clickOnReminder('U2', 'reminder_done', String(taskId), messageOf(reminder))).text)).toMatch(/Only the task's owner/)
    expect(String((await clickOnReminder('UDONE', 'reminder_done', '99999999999', messageOf(reminder))).text)).toMatch(/out of date/)
    expect(String((await clickOnReminder('UDONE', 'reminder_snooze', '1e3', messageOf(reminder))).text)).toMatch(/out of date/)
    expect(String((await clickOnReminder('UDONE', 'reminder_done', '2147483000', messageOf(reminder))).text)).toMatch(/no longer exists/)
    expect((await taskRow(taskId!)).status).toBe('todo')

    const answer = await clickOnReminder('UDONE', 'reminder_done', String(taskId), messageOf(reminder))
    expect(answer.replace_original).toBe(true)
    expect(String(answer.text)).toMatch(/Landing page for UDONE\* is done \(marked by <@UDONE>\)/)
    expect(answer.blocks ?? []).toEqual([])
    const done = await taskRow(taskId!)
    expect(done.status).toBe('done')
    expect(done.doneAt).not.toBeNull()
    // A second press (or a press on an older reminder) says it is done already.
    expect(String((await clickOnReminder('UDONE', 'reminder_done', String(taskId), messageOf(reminder))).text)).toMatch(/already done/)

    await tickAt(nyAt('2026-12-16', '09:00'), 2)
    await tickAt(nyAt('2026-12-17', '09:00'), 2)
    expect((await rows(taskId!)).map((row) => row.dedupeKey)).toEqual([`reminder:${taskId}:2026-12-15:2026-12-15`])
    expect(posted(taskId!)).toHaveLength(1)
  })

  it('Snooze 1 day skips the next day\'s reminder, then they come again', async () => {
    const { taskIds: [taskId] } = await campaignFor('USNZ', '2026-12-18')
    await tickAt(nyAt('2026-12-17', '09:00'), 2)
    await settled(taskId!, (all) => all.some((row) => row.status === 'sent'))
    const reminder = posted(taskId!)[0]!
    expect(String(reminder.args.text)).toMatch(/Coming up/)
    const answer = await clickOnReminder('USNZ', 'reminder_snooze', String(taskId), messageOf(reminder))
    expect(String(answer.text)).toMatch(/Snoozed: no reminder about \*Landing page for USNZ\* before 2026-12-19/)
    expect((await taskRow(taskId!)).snoozedUntil).toBe('2026-12-19')

    await tickAt(nyAt('2026-12-18', '09:00'), 3)
    await tickAt(nyAt('2026-12-18', '17:00'), 1)
    expect((await rows(taskId!)).map((row) => row.dedupeKey)).toEqual([`reminder:${taskId}:2026-12-17:2026-12-18`])
    await tickAt(nyAt('2026-12-21', '09:00'), 2)
    await settled(taskId!, (all) => all.length === 2)
    expect(String(posted(taskId!).at(-1)!.args.text)).toMatch(/Overdue by 1 working day/)
  })

  it('a task finished while its reminder waited for Slack is not reminded when Slack is back', async () => {
    const { taskIds: [taskId] } = await campaignFor('UFIN', '2026-12-22')
    rig.slack.failAlways('chat.postMessage', { status: 500 })
    try {
      await tickAt(nyAt('2026-12-22', '09:00'), 2)
      await tried(taskId!)
      // Finished from the task's own DM button (the tasks surface's path), while Slack still fails.
      const responseUrl = rig.slack.newResponseUrl()
      await rig.client.blockAction({ teamId: 'T1', userId: 'UFIN', actionId: 'task_dm_complete', value: String(taskId), responseUrl, message: { ts: '1.000001', channel: 'DUFIN' } })
      await rig.slack.waitForResponse((r) => responseUrl.endsWith(r.id))
      expect((await taskRow(taskId!)).status).toBe('done')
    } finally {
      rig.slack.clearFailures()
    }
    // Superseded by the click's own transaction (an attempt failing meanwhile may still note its error).
    expect(await settled(taskId!)).toMatchObject([{ dedupeKey: `reminder:${taskId}:2026-12-22:2026-12-22`, status: 'superseded' }])
    await tickAt(nyAt('2026-12-22', '09:30'), 1)
    expect(posted(taskId!)).toHaveLength(0)
  })

  /** The campaign's owner gives the task a new due date from its modal (opened from the reminder's Open). */
  async function moveDueDate(reminder: Json, taskId: number, dueDate: string): Promise<void> {
    let since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'U1', actionId: 'tasks_open', value: buttonValue(reminder, 'tasks_open'), responseUrl: rig.slack.newResponseUrl(), message: messageOf(reminder) })
    const tasks = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view as Json
    const edit = (tasks.blocks as Json[]).flatMap((block) => (block.accessory?.type === 'overflow' ? block.accessory.options : []) as Json[])
      .map((option) => option.value as string).find((value) => JSON.parse(value).t === taskId && JSON.parse(value).o === 'edit')!
    since = rig.slack.calls.length
    await rig.client.blockAction({
      teamId: 'T1', userId: 'U1', actionId: 'task_menu', view: { id: tasks.id, type: 'modal', callback_id: tasks.callback_id, private_metadata: tasks.private_metadata, hash: tasks.hash },
      action: { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'x' }, value: edit } },
    })
    const form = (await rig.slack.waitFor('views.push', (c) => !c.failed, { since })).result.view as Json
    const saved = await submit(rig, form, { title: text('Landing page for UMOVE'), stage: pick('content'), ownerId: user('UMOVE'), startDate: date('2026-12-01'), dueDate: date(dueDate) })
    expect(saved.body).toBeNull()
    expect((await taskRow(taskId)).dueDate).toBe(dueDate)
  }

  it('a task moved to today after its morning reminder is reminded of the new date that day, once per date', async () => {
    const { taskIds: [taskId] } = await campaignFor('UMOVE', '2027-01-06')
    await tickAt(nyAt('2027-01-05', '09:00'), 2)
    await settled(taskId!, (all) => all.some((row) => row.status === 'sent'))
    const reminder = posted(taskId!)[0]!
    expect(String(reminder.args.text)).toMatch(/Coming up/)

    rig.clock.set(nyAt('2027-01-05', '10:00'))
    await moveDueDate(reminder, taskId!, '2027-01-05')
    await tickAt(nyAt('2027-01-05', '10:01'), 2)
    await settled(taskId!, (all) => all.filter((row) => row.status === 'sent').length === 2)
    expect(String(posted(taskId!).at(-1)!.args.text)).toMatch(/Due today \(2027-01-05\)/)

    // Moved back: that date's reminder came this morning already.
    await moveDueDate(reminder, taskId!, '2027-01-06')
    await tickAt(nyAt('2027-01-05', '11:00'), 2)
    expect((await settled(taskId!)).map((row) => [row.dedupeKey, row.status])).toEqual([
      [`reminder:${taskId}:2027-01-05:2027-01-06`, 'sent'], [`reminder:${taskId}:2027-01-05:2027-01-05`, 'sent'],
    ])
    expect(posted(taskId!)).toHaveLength(2)
  })

  it('a reminder left pending past its day is dropped, not sent late; the next day\'s comes', async () => {
    const { taskIds: [taskId] } = await campaignFor('USTALE', '2026-12-23')
    rig.slack.failAlways('chat.postMessage', { status: 503 })
    try {
      await tickAt(nyAt('2026-12-23', '09:00'), 2)
      await tried(taskId!)
      // Slack is out until past midnight in New York.
      rig.clock.set(nyAt('2026-12-24', '00:05'))
      await settled(taskId!)
    } finally {
      rig.slack.clearFailures()
    }
    await tickAt(nyAt('2026-12-24', '00:06'), 1)
    expect(await rows(taskId!)).toMatchObject([{ dedupeKey: `reminder:${taskId}:2026-12-23:2026-12-23`, status: 'superseded', lastError: 'stale' }])
    expect(posted(taskId!)).toHaveLength(0)

    await tickAt(nyAt('2026-12-24', '09:00'), 2)
    await settled(taskId!, (all) => all.length === 2)
    expect(posted(taskId!)).toHaveLength(1)
    expect(String(posted(taskId!)[0]!.args.text)).toMatch(/Overdue by 1 working day/)
  })

  it('/campaign away holds reminders until the person is back, and bad dates are answered', async () => {
    const { taskIds: [taskId] } = await campaignFor('UAWAY', '2026-12-29')
    rig.clock.set(nyAt('2026-12-28', '08:00'))
    expect(await command('UAWAY', 'away')).toMatch(/Usage: `\/campaign away YYYY-MM-DD`/)
    expect(await command('UAWAY', 'away soon')).toMatch(/Usage/)
    expect(await command('UAWAY', 'away 2026-02-30')).toMatch(/“2026-02-30” is not a date/)
    expect(await command('UAWAY', 'away 2026-12-27')).toMatch(/That day has passed: pick today \(2026-12-28\)/)
    expect(await command('UAWAY', 'away 2028-01-05')).toMatch(/more than a year ahead: pick a day up to 2027-12-29/)
    expect(await command('UAWAY', 'away 2026-12-31')).toMatch(/You are away up to and including \*2026-12-31\*/)

    for (const day of ['2026-12-28', '2026-12-29']) await tickAt(nyAt(day, '09:00'), 2)
    expect(await rows(taskId!)).toEqual([])
    // The campaign's owner is told once.
    const notices = await withDatabase(rig, (prisma) => prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'away:' }, payload: { contains: '"awayUserId":"UAWAY"' } } }))
    expect(notices).toHaveLength(1)
    expect(notices[0]!.target).toBe('U1')

    rig.clock.set(nyAt('2026-12-30', '08:00'))
    expect(await command('UAWAY', 'away back')).toMatch(/Welcome back/)
    expect(await command('UAWAY', 'away back')).toMatch(/not marked away/)
    await tickAt(nyAt('2026-12-30', '09:00'), 2)
    await settled(taskId!, (all) => all.length === 1)
    expect(posted(taskId!)).toHaveLength(1)
    expect(String(posted(taskId!)[0]!.args.text)).toMatch(/Overdue by 1 working day/)
  })

  it('App Home shows Away until …, sets it with a date picker (checked) and clears it', async () => {
    rig.clock.set(nyAt('2026-12-30', '10:00'))
    const homeOf = (since: number) => rig.slack.waitForHome('UHOME', () => true, { since })
    const openHome = async () => {
      const since = rig.slack.homePublished.length
      await rig.client.event({ teamId: 'T1', event: { type: 'app_home_opened', user: 'UHOME', channel: 'DUHOME', tab: 'home' } })
      return homeOf(since)
    }
    const home = await openHome()
    expect(JSON.stringify(home.blocks)).toContain('Going away?')

    let since = rig.slack.calls.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'UHOME', actionId: 'home_away_set', value: 'set', container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home' } })
    const modal = (await rig.slack.waitFor('views.open', (c) => !c.failed, { since })).result.view as Json
    const submit = (date: string) => rig.client.viewSubmission({ teamId: 'T1', userId: 'UHOME', view: modal, values: { awayUntil: { value: datePicked(date) } } })

    const refused = await submit('2026-12-01')
    expect(refused.body).toMatchObject({ response_action: 'errors', errors: { awayUntil: expect.stringMatching(/That day has passed/) } })
    since = rig.slack.homePublished.length
    const saved = await submit('2027-01-08')
    expect(saved.status).toBe(200)
    expect(JSON.stringify((await homeOf(since)).blocks)).toContain('Away until 2027-01-08')
    expect((await withDatabase(rig, (prisma) => prisma.person.findUniqueOrThrow({ where: { teamId_userId: { teamId: 'T1', userId: 'UHOME' } } }))).awayUntil).toBe('2027-01-08')

    since = rig.slack.homePublished.length
    await rig.client.blockAction({ teamId: 'T1', userId: 'UHOME', actionId: 'home_away_clear', value: 'clear', container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home' } })
    expect(JSON.stringify((await homeOf(since)).blocks)).toContain('Going away?')
    expect((await withDatabase(rig, (prisma) => prisma.person.findUniqueOrThrow({ where: { teamId_userId: { teamId: 'T1', userId: 'UHOME' } } }))).awayUntil).toBeNull()
  })
})

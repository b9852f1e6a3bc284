// The live planner, minute by minute: digests at each campaign's own local time (on ordinary days
// and on both daylight-saving switch days of New York and London), reminders at each person's own
// morning, nothing twice, nothing to the away or the departed, quiet digests only when there is news.
import { describe, expect, it } from 'vitest'
import { effectiveSettings } from '../../src/domain/liveSettings.ts'
import {
  personKey, planLive, type DueItem, type LiveSnapshot, type PlannedCampaign, type PlannedGoal, type PlannedPerson, type PlannedTask,
} from '../../src/domain/livePlanner.ts'
import { instantOf } from '../../src/domain/localTime.ts'

const everyDay = [1, 2, 3, 4, 5, 6, 7] as const

function campaign(id: number, timeZone: string, overrides: Partial<PlannedCampaign> = {}, settings: { workingDays?: readonly (1 | 2 | 3 | 4 | 5 | 6 | 7)[]; country?: string | null; quietDigests?: boolean } = {}): PlannedCampaign {
  return {
    id, teamId: 'T1', stage: 'live', paused: false, startDate: '2026-01-01', endDate: '2027-12-31', ownerId: 'UOWNER', channelId: `C${id}`,
    lastDigestOn: null, lastDigestState: null,
    settings: {
      ...effectiveSettings({
        timeZone, country: settings.country ?? null, workingDays: settings.workingDays ?? null, digestTime: null, promptTime: null,
        reminderLeadDays: null, quietDigests: settings.quietDigests ?? false, locale: null, currency: null,
      }, null, null),
      paceMarginPercent: 15,
    },
    ...overrides,
  }
}

/**
 * Runs the planner once a minute from `from` to `to`, remembering what it wrote as the store does,
 * and returns every item with the instant it was first due.
 */
function simulate(snapshot: { campaigns: PlannedCampaign[]; openTasks?: PlannedTask[]; goals?: PlannedGoal[]; people?: Map<string, PlannedPerson> }, from: string, to: string, stepMinutes = 1) {
  const written = new Map<string, { item: DueItem; at: Date }>()
  const state: LiveSnapshot = {
    campaigns: snapshot.campaigns, openTasks: snapshot.openTasks ?? [], goals: snapshot.goals ?? [], tallies: [], people: snapshot.people ?? new Map(),
  }
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += stepMinutes * 60_000) {
    const now = new Date(t)
    const plan = planLive(state, now)
    for (const item of plan.items) {
      if (!written.has(item.key)) written.set(item.key, { item, at: now })
      if (item.kind === 'digest') {
        const c = state.campaigns.find((x) => x.id === item.campaignId)!
        c.lastDigestOn = item.day
        c.lastDigestState = item.state
      } else if (item.kind === 'reminder') {
        state.openTasks.find((x) => x.id === item.taskId)!.lastReminderOn = item.day
      } else if (item.kind === 'metric_prompt') {
        for (const id of item.goalIds) state.goals.find((x) => x.id === id)!.lastPromptOn = item.day
      } else if (item.kind === 'pace_alert') {
        state.goals.find((x) => x.id === item.goalId)!.lastAlertOn = item.day
      }
    }
    for (const quiet of plan.quietDigests) {
      const c = state.campaigns.find((x) => x.id === quiet.campaignId)!
      c.lastDigestOn = quiet.day
      c.lastDigestState = quiet.state
    }
  }
  return [...written.values()]
}

const digestsOf = (written: ReturnType<typeof simulate>, campaignId: number) =>
  written.filter(({ item }) => item.kind === 'digest' && item.campaignId === campaignId).map(({ item, at }) => ({ day: item.day, at: at.toISOString() }))

describe('planLive: digests in each campaign\'s own zone', () => {
  it('posts each digest once, at 09:30 local, in Shanghai, New York and London on ordinary working days', () => {
    const written = simulate({ campaigns: [campaign(1, 'Asia/Shanghai'), campaign(2, 'America/New_York'), campaign(3, 'Europe/London')] }, '2026-12-07T00:00:00Z', '2026-12-09T23:59:00Z')
    for (const [id, zone] of [[1, 'Asia/Shanghai'], [2, 'America/New_York'], [3, 'Europe/London']] as const) {
      const digests = digestsOf(written, id)
      const days = digests.map((d) => d.day)
      expect(new Set(days).size, `${zone}: one per day`).toBe(days.length)
      for (const digest of digests) expect(digest.at, `${zone} ${digest.day}`).toBe(instantOf(digest.day, '09:30', zone).toISOString())
    }
    // Monday 7 to Wednesday 9 December in UTC: Shanghai's 10th begins at 16:00Z on the 9th, before 09:30 there.
    expect(digestsOf(written, 1).map((d) => d.day)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09'])
    expect(digestsOf(written, 2).map((d) => d.day)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09'])
  })

  it.each([
    ['America/New_York', 'spring forward', '2027-03-13T05:00:00Z', '2027-03-16T03:59:00Z', ['2027-03-13', '2027-03-14', '2027-03-15']],
    ['America/New_York', 'fall back', '2027-11-06T04:00:00Z', '2027-11-09T04:59:00Z', ['2027-11-06', '2027-11-07', '2027-11-08']],
    ['Europe/London', 'spring forward', '2027-03-27T00:00:00Z', '2027-03-29T23:59:00Z', ['2027-03-27', '2027-03-28', '2027-03-29']],
    ['Europe/London', 'fall back', '2027-10-30T00:00:00Z', '2027-11-01T23:59:00Z', ['2027-10-30', '2027-10-31', '2027-11-01']],
  ])('in %s around the %s switch: one digest a day at 09:30 local, none twice, none skipped', (zone, _switch, from, to, days) => {
    const written = simulate({ campaigns: [campaign(1, zone, {}, { workingDays: everyDay })] }, from, to)
    const digests = digestsOf(written, 1)
    expect(digests.map((d) => d.day)).toEqual(days)
    for (const digest of digests) expect(digest.at).toBe(instantOf(digest.day, '09:30', zone).toISOString())
    // The switch day's 09:30 is 13:30Z in New York before the spring switch and 13:30Z after fall-back; the offsets differ.
    const offsets = digests.map((d) => new Date(d.at).getUTCHours())
    expect(new Set(offsets).size).toBe(2)
  })

  it('a digest set inside the hour a spring-forward day skips (02:30) goes out as that hour ends (03:00)', () => {
    const c = campaign(1, 'America/New_York', {}, { workingDays: everyDay })
    c.settings.digestTime = '02:30'
    const digests = digestsOf(simulate({ campaigns: [c] }, '2027-03-14T05:00:00Z', '2027-03-14T09:00:00Z'), 1)
    expect(digests).toEqual([{ day: '2027-03-14', at: '2027-03-14T07:00:00.000Z' }]) // 03:00 EDT, the first minute past 02:30
  })

  it('skips weekends and the workspace country\'s public holidays, and is caught up later the same day but never the next', () => {
    const written = simulate({ campaigns: [campaign(1, 'Asia/Shanghai', {}, { country: 'CN' })] }, '2026-09-30T00:00:00Z', '2026-10-11T23:59:00Z', 5)
    const days = digestsOf(written, 1).map((d) => d.day)
    // China's National Day break of 2026 is 1–7 October; Saturday 10 October is worked in its place (调休), Sunday 11 is not.
    expect(days).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10'])

    // Down from 09:00 to 15:00 on Monday: caught up at the first pass after, that day.
    const late = planLive({ campaigns: [campaign(2, 'Asia/Shanghai')], openTasks: [], goals: [], tallies: [], people: new Map() }, new Date('2026-12-07T07:00:00Z'))
    expect(late.items.map((i) => i.key)).toEqual(['digest:2-2026-12-07'.replace('-', ':')])
    // Monday's digest not written by midnight: on Tuesday at 00:10 nothing is due (not Monday's, not yet Tuesday's).
    expect(planLive({ campaigns: [campaign(3, 'Asia/Shanghai')], openTasks: [], goals: [], tallies: [], people: new Map() }, new Date('2026-12-07T16:10:00Z')).items).toEqual([])
  })

  it('stays quiet on a quiet day, but speaks when something is due, behind or changed', () => {
    const c = campaign(1, 'Asia/Shanghai', { lastDigestOn: '2026-12-06', lastDigestState: null }, { quietDigests: true })
    const nine30 = new Date('2026-12-07T01:30:00Z')
    const first = planLive({ campaigns: [c], openTasks: [], goals: [], tallies: [], people: new Map() }, nine30)
    // The state differs from the last digest's (none): posted.
    expect(first.items.map((i) => i.kind)).toEqual(['digest'])
    const state = (first.items[0] as Extract<DueItem, { kind: 'digest' }>).state
    const quiet = planLive({ campaigns: [{ ...c, lastDigestState: state }], openTasks: [], goals: [], tallies: [], people: new Map() }, nine30)
    expect(quiet.items).toEqual([])
    expect(quiet.quietDigests).toEqual([{ campaignId: 1, day: '2026-12-07', state }])
    // A task due today (reminded already, so not among the open tasks read): the digest speaks.
    const dueToday = { campaignId: 1, done: 0, total: 1, firstOpenDue: '2026-12-07', lastChange: 0 }
    const withTask = planLive({ campaigns: [{ ...c, lastDigestState: state }], openTasks: [], goals: [], tallies: [dueToday], people: new Map() }, nine30)
    expect(withTask.items.map((i) => i.kind)).toEqual(['digest'])
    // A task finished since the last digest changes the state, even with nothing due.
    const finished = { campaignId: 1, done: 1, total: 1, firstOpenDue: null, lastChange: 1 }
    const settled = (withTask.items[0] as Extract<DueItem, { kind: 'digest' }>).state
    expect(planLive({ campaigns: [{ ...c, lastDigestState: settled }], openTasks: [], goals: [], tallies: [finished], people: new Map() }, nine30).items.map((i) => i.kind)).toEqual(['digest'])
  })

  it('says nothing for a paused campaign, or one outside its window', () => {
    const paused = campaign(1, 'UTC', { paused: true })
    const ended = campaign(2, 'UTC', { endDate: '2026-12-06' })
    expect(planLive({ campaigns: [paused, ended], openTasks: [], goals: [], tallies: [], people: new Map() }, new Date('2026-12-07T12:00:00Z')).items).toEqual([])
  })
})

describe('planLive: deadline reminders at each person\'s morning', () => {
  const people = new Map<string, PlannedPerson>([
    [personKey('T1', 'UNY'), { timeZone: 'America/New_York', deactivated: false, awayUntil: null }],
    [personKey('T1', 'USH'), { timeZone: 'Asia/Shanghai', deactivated: false, awayUntil: null }],
  ])

  it('the working day before, on the day and each working day after (owner mentioned from the second), at 09:00 in the owner\'s zone', () => {
    // Due Monday 14 December 2026: the reminder before comes on Friday the 11th.
    const tasks: PlannedTask[] = [
      { id: 1, campaignId: 1, ownerId: 'UNY', dueDate: '2026-12-14', lastReminderOn: null, snoozedUntil: null },
      { id: 2, campaignId: 1, ownerId: 'USH', dueDate: '2026-12-14', lastReminderOn: null, snoozedUntil: null },
    ]
    const written = simulate({ campaigns: [campaign(1, 'Europe/London')], openTasks: tasks, people }, '2026-12-10T00:00:00Z', '2026-12-17T23:59:00Z', 1)
    const reminders = (userId: string) => written.filter(({ item }) => item.kind === 'reminder' && item.userId === userId)
      .map(({ item, at }) => { const r = item as Extract<DueItem, { kind: 'reminder' }>; return [r.day, r.when, r.overdueDays, r.mentionOwnerId, at.toISOString()] })
    expect(reminders('UNY')).toEqual([
      ['2026-12-11', 'before', 0, null, '2026-12-11T14:00:00.000Z'],
      ['2026-12-14', 'due', 0, null, '2026-12-14T14:00:00.000Z'],
      ['2026-12-15', 'overdue', 1, null, '2026-12-15T14:00:00.000Z'],
      ['2026-12-16', 'overdue', 2, 'UOWNER', '2026-12-16T14:00:00.000Z'],
      ['2026-12-17', 'overdue', 3, 'UOWNER', '2026-12-17T14:00:00.000Z'],
    ])
    expect(reminders('USH').map((r) => [r[0], r[4]])).toEqual([
      ['2026-12-11', '2026-12-11T01:00:00.000Z'],
      ['2026-12-14', '2026-12-14T01:00:00.000Z'],
      ['2026-12-15', '2026-12-15T01:00:00.000Z'],
      ['2026-12-16', '2026-12-16T01:00:00.000Z'],
      ['2026-12-17', '2026-12-17T01:00:00.000Z'],
    ])
  })

  it("follows China's official schedule: the working day before a due date after the Spring Festival break is the make-up Saturday, and overdue days count it", () => {
    // 2026: 15–23 February off, Saturdays 14 and 28 February worked.
    const tasks: PlannedTask[] = [
      { id: 1, campaignId: 1, ownerId: 'USH', dueDate: '2026-02-24', lastReminderOn: null, snoozedUntil: null },
      { id: 2, campaignId: 1, ownerId: 'USH', dueDate: '2026-02-13', lastReminderOn: null, snoozedUntil: null },
    ]
    const written = simulate({ campaigns: [campaign(1, 'Asia/Shanghai', {}, { country: 'CN' })], openTasks: tasks, people }, '2026-02-11T16:00:00Z', '2026-02-28T04:00:00Z', 10)
    const reminders = (taskId: number) => written.filter(({ item }) => item.kind === 'reminder' && item.taskId === taskId)
      .map(({ item }) => { const r = item as Extract<DueItem, { kind: 'reminder' }>; return [r.day, r.when, r.overdueDays] })
    expect(reminders(1)).toEqual([['2026-02-14', 'before', 0], ['2026-02-24', 'due', 0], ['2026-02-25', 'overdue', 1], ['2026-02-26', 'overdue', 2], ['2026-02-27', 'overdue', 3], ['2026-02-28', 'overdue', 4]])
    // Due Friday 13 February: overdue on the Saturday worked, then not again until the break is over.
    expect(reminders(2)).toEqual([
      ['2026-02-12', 'before', 0], ['2026-02-13', 'due', 0], ['2026-02-14', 'overdue', 1], ['2026-02-24', 'overdue', 2], ['2026-02-25', 'overdue', 3],
      ['2026-02-26', 'overdue', 4], ['2026-02-27', 'overdue', 5], ['2026-02-28', 'overdue', 6],
    ])
  })

  it("follows a workspace's own days: a day it takes off has no reminder, a Saturday it works has one", () => {
    const c = campaign(1, 'Asia/Shanghai')
    c.settings.calendarDays = [
      { from: '2026-12-11', to: '2026-12-11', kind: 'holiday', name: 'Offsite' },
      { from: '2026-12-12', to: '2026-12-12', kind: 'workday', name: null },
    ]
    const task: PlannedTask = { id: 1, campaignId: 1, ownerId: 'USH', dueDate: '2026-12-14', lastReminderOn: null, snoozedUntil: null }
    const written = simulate({ campaigns: [c], openTasks: [task], people }, '2026-12-09T16:00:00Z', '2026-12-14T04:00:00Z', 10)
    expect(written.filter(({ item }) => item.kind === 'reminder').map(({ item }) => [item.day, (item as Extract<DueItem, { kind: 'reminder' }>).when])).toEqual([
      ['2026-12-12', 'before'], ['2026-12-14', 'due'],
    ])
  })

  it('arrives at the person\'s own 09:00 on a New York switch day, not an hour early or late', () => {
    const c = campaign(1, 'UTC', {}, { workingDays: everyDay })
    const task: PlannedTask = { id: 1, campaignId: 1, ownerId: 'UNY', dueDate: '2027-03-14', lastReminderOn: null, snoozedUntil: null }
    const written = simulate({ campaigns: [c], openTasks: [task], people }, '2027-03-13T00:00:00Z', '2027-03-15T23:59:00Z')
    expect(written.filter(({ item }) => item.kind === 'reminder').map(({ item, at }) => [item.day, at.toISOString()])).toEqual([
      ['2027-03-13', '2027-03-13T14:00:00.000Z'], // 09:00 EST
      ['2027-03-14', '2027-03-14T13:00:00.000Z'], // 09:00 EDT, the day the clocks went forward
      ['2027-03-15', '2027-03-15T13:00:00.000Z'],
    ])
  })

  it('holds while snoozed, and never reminds of a day that has passed', () => {
    const task: PlannedTask = { id: 1, campaignId: 1, ownerId: 'USH', dueDate: '2026-12-14', lastReminderOn: null, snoozedUntil: '2026-12-15' }
    const written = simulate({ campaigns: [campaign(1, 'Asia/Shanghai')], openTasks: [task], people }, '2026-12-14T00:00:00Z', '2026-12-15T23:59:00Z', 5)
    expect(written.map(({ item }) => item.key).filter((key) => key.startsWith('reminder:'))).toEqual(['reminder:1:2026-12-15:2026-12-14'])
    // Friday's reminder-before was never written (the app was down): on Monday only Monday's is due.
    const monday = planLive({ campaigns: [campaign(1, 'Asia/Shanghai')], openTasks: [{ ...task, snoozedUntil: null }], goals: [], tallies: [], people }, new Date('2026-12-14T02:00:00Z'))
    expect(monday.items.filter((i) => i.kind === 'reminder').map((i) => i.key)).toEqual(['reminder:1:2026-12-14:2026-12-14'])
  })

  it('reminds of a Scheduled campaign\'s preparation tasks too, but of no paused campaign\'s', () => {
    const task: PlannedTask = { id: 1, campaignId: 1, ownerId: 'USH', dueDate: '2026-12-14', lastReminderOn: null, snoozedUntil: null }
    const at = new Date('2026-12-14T02:00:00Z')
    expect(planLive({ campaigns: [campaign(1, 'Asia/Shanghai', { stage: 'scheduled' })], openTasks: [task], goals: [], tallies: [], people }, at).items).toHaveLength(1)
    expect(planLive({ campaigns: [campaign(1, 'Asia/Shanghai', { paused: true })], openTasks: [task], goals: [], tallies: [], people }, at).items).toHaveLength(0)
  })
})

describe('planLive: the away and the departed', () => {
  it('holds an away person\'s reminders and prompts until they are back, and tells the owner once per absence', () => {
    const people = new Map<string, PlannedPerson>([[personKey('T1', 'USH'), { timeZone: 'Asia/Shanghai', deactivated: false, awayUntil: '2026-12-15' }]])
    const tasks: PlannedTask[] = [
      { id: 1, campaignId: 1, ownerId: 'USH', dueDate: '2026-12-14', lastReminderOn: null, snoozedUntil: null },
      { id: 2, campaignId: 1, ownerId: 'USH', dueDate: '2026-12-15', lastReminderOn: null, snoozedUntil: null },
    ]
    const goals: PlannedGoal[] = [{ id: 1, campaignId: 1, dataOwnerId: 'USH', target: 100, actual: 0, actualAsOf: null, curve: 'linear', lastPromptOn: null, lastAlertOn: null }]
    const written = simulate({ campaigns: [campaign(1, 'Asia/Shanghai')], openTasks: tasks, goals, people }, '2026-12-14T00:00:00Z', '2026-12-16T12:00:00Z', 5)
    const keys = written.map(({ item }) => item.key)
    expect(keys.filter((k) => k.startsWith('away:'))).toEqual(['away:1:USH:2026-12-15'])
    expect(keys.filter((k) => k.startsWith('reminder:'))).toEqual(['reminder:1:2026-12-16:2026-12-14', 'reminder:2:2026-12-16:2026-12-15'])
    expect(keys.filter((k) => k.startsWith('metric-prompt:'))).toEqual(['metric-prompt:1:USH:2026-12-16'])
  })

  it('never messages a deactivated person: the owner is told once, and nobody is told of the owner themself', () => {
    const people = new Map<string, PlannedPerson>([
      [personKey('T1', 'UGONE'), { timeZone: null, deactivated: true, awayUntil: null }],
      [personKey('T1', 'UOWNER'), { timeZone: null, deactivated: false, awayUntil: '2099-01-01' }],
    ])
    const tasks: PlannedTask[] = [
      { id: 1, campaignId: 1, ownerId: 'UGONE', dueDate: '2026-12-14', lastReminderOn: null, snoozedUntil: null },
      { id: 2, campaignId: 1, ownerId: 'UOWNER', dueDate: '2026-12-14', lastReminderOn: null, snoozedUntil: null },
    ]
    const written = simulate({ campaigns: [campaign(1, 'UTC')], openTasks: tasks, people }, '2026-12-14T00:00:00Z', '2026-12-16T12:00:00Z', 5)
    expect(written.map(({ item }) => item.key).filter((k) => !k.startsWith('digest:'))).toEqual(['gone:1:UGONE'])
  })
})

describe('planLive: metric prompts and pace alerts', () => {
  const goal = (overrides: Partial<PlannedGoal> = {}): PlannedGoal => ({
    id: 1, campaignId: 1, dataOwnerId: 'USH', target: 1000, actual: 0, actualAsOf: null, curve: 'linear', lastPromptOn: null, lastAlertOn: null, ...overrides,
  })
  const people = new Map<string, PlannedPerson>([[personKey('T1', 'USH'), { timeZone: 'Asia/Shanghai', deactivated: false, awayUntil: null }]])
  const window = { startDate: '2026-12-01', endDate: '2026-12-10' }

  it('asks the data owner at 17:00 in their zone on working days while live, not once today\'s figure is in', () => {
    const written = simulate({ campaigns: [campaign(1, 'Europe/London', window)], goals: [goal({ actual: 800, actualAsOf: '2026-12-06' })], people }, '2026-12-07T00:00:00Z', '2026-12-08T23:59:00Z')
    expect(written.filter(({ item }) => item.kind === 'metric_prompt').map(({ item, at }) => [item.key, at.toISOString()])).toEqual([
      ['metric-prompt:1:USH:2026-12-07', '2026-12-07T09:00:00.000Z'],
      ['metric-prompt:1:USH:2026-12-08', '2026-12-08T09:00:00.000Z'],
    ])
    const entered = planLive({ campaigns: [campaign(1, 'Europe/London', window)], openTasks: [], goals: [goal({ actualAsOf: '2026-12-07' })], tallies: [], people }, new Date('2026-12-07T10:00:00Z'))
    expect(entered.items.filter((i) => i.kind === 'metric_prompt')).toEqual([])
  })

  it('alerts once a day, from the digest time, when a goal is more than the margin behind its pace', () => {
    // Day 6 of 10, figure as of day 5 (5 December): expected 500; 420 is 16 % behind, 430 is 14 %.
    const at = new Date('2026-12-06T10:00:00Z')
    const plan = (actual: number) => planLive({ campaigns: [campaign(1, 'UTC', window, { workingDays: everyDay })], openTasks: [], goals: [goal({ actual, actualAsOf: '2026-12-05', lastPromptOn: '2026-12-06' })], tallies: [], people }, at)
    expect(plan(420).items.filter((i) => i.kind === 'pace_alert').map((i) => i.key)).toEqual(['pace:1:2026-12-06'])
    expect(plan(430).items.filter((i) => i.kind === 'pace_alert')).toEqual([])
    const written = simulate({ campaigns: [campaign(1, 'UTC', window, { workingDays: everyDay })], goals: [goal({ actual: 100, actualAsOf: '2026-12-05' })], people }, '2026-12-06T00:00:00Z', '2026-12-06T23:59:00Z')
    expect(written.filter(({ item }) => item.kind === 'pace_alert').map(({ at: when }) => when.toISOString())).toEqual(['2026-12-06T09:30:00.000Z'])
  })
})

import { describe, expect, it } from 'vitest'
import {
  composeDigest, daysLeft, distinctPeople, dueAndOverdue, firstOf, goalStanding, tallyByStage, type DigestGoal, type DigestTask,
} from '../../src/domain/digest.ts'
import { checkLiveSettings } from '../../src/domain/liveSettings.ts'

let nextId = 0
const task = (over: Partial<DigestTask> & { dueDate: string }): DigestTask => ({
  id: ++nextId, title: `Task ${nextId}`, stage: 'content', ownerId: 'U1', status: 'todo', ...over,
})
const goal = (over: Partial<DigestGoal> = {}): DigestGoal => ({
  id: ++nextId, metric: 'signups', customMetric: null, unit: null, money: false, target: 1000, actual: 0, actualAsOf: null, curve: 'linear', ...over,
})
// A ten-day window: by the end of the 4th day a linear goal of 1000 should be at 400.
const window = { startDate: '2026-12-01', endDate: '2026-12-10' }

describe('days left', () => {
  it('counts today, is 1 on the last day and 0 after', () => {
    expect(daysLeft('2026-12-01', '2026-12-10')).toBe(10)
    expect(daysLeft('2026-12-10', '2026-12-10')).toBe(1)
    expect(daysLeft('2026-12-11', '2026-12-10')).toBe(0)
  })
})

describe('tasks by stage of work', () => {
  it('tallies done / total in the order work happens, leaving out stages without tasks', () => {
    const tasks = [
      task({ dueDate: '2026-12-02', stage: 'promotion', status: 'done' }), task({ dueDate: '2026-12-02', stage: 'creative', status: 'done' }),
      task({ dueDate: '2026-12-03', stage: 'promotion' }), task({ dueDate: '2026-12-03', stage: 'creative', status: 'blocked' }),
      task({ dueDate: '2026-12-03', stage: 'data', status: 'in_progress' }),
    ]
    expect(tallyByStage(tasks)).toEqual([
      { stage: 'creative', done: 1, total: 2 }, { stage: 'promotion', done: 1, total: 2 }, { stage: 'data', done: 0, total: 1 },
    ])
  })
})

describe('due today and overdue', () => {
  it('takes open tasks only, overdue oldest first', () => {
    const today = '2026-12-04'
    const late = task({ dueDate: '2026-12-03' })
    const later = task({ dueDate: '2026-12-01', status: 'blocked' })
    const dueNow = task({ dueDate: today })
    const tasks = [late, later, dueNow, task({ dueDate: today, status: 'done' }), task({ dueDate: '2026-12-02', status: 'done' }), task({ dueDate: '2026-12-05' })]
    expect(dueAndOverdue(tasks, today)).toEqual({ dueToday: [dueNow], overdue: [later, late] })
  })
})

describe('a goal against its pace', () => {
  it('is on track, at risk or behind by the margin, judged on the last full day', () => {
    const today = '2026-12-05' // the last full day is the 4th: 400 expected
    expect(goalStanding(goal({ actual: 420, actualAsOf: '2026-12-04' }), window, today, 15).pace).toMatchObject({ status: 'on_track', expected: 400, asOf: '2026-12-04' })
    expect(goalStanding(goal({ actual: 350, actualAsOf: '2026-12-04' }), window, today, 15).pace?.status).toBe('at_risk')
    expect(goalStanding(goal({ actual: 330, actualAsOf: '2026-12-04' }), window, today, 15).pace?.status).toBe('behind')
    // A wider margin tolerates more.
    expect(goalStanding(goal({ actual: 330, actualAsOf: '2026-12-04' }), window, today, 30).pace?.status).toBe('at_risk')
    // Projected end: 330 after 40 % of a linear window heads for 825.
    expect(goalStanding(goal({ actual: 330, actualAsOf: '2026-12-04' }), window, today, 15).pace?.projected).toBeCloseTo(825)
  })

  it('has no pace without a target, and none before the first day is over', () => {
    expect(goalStanding(goal({ target: null }), window, '2026-12-05', 15).pace).toBeNull()
    expect(goalStanding(goal(), window, '2026-12-01', 15).pace?.status).toBe('not_started')
  })
})

describe('the digest', () => {
  it('puts it together with a verdict: the worst of the goals and the overdue tasks', () => {
    const today = '2026-12-05'
    const base = { ...window, today, marginPercent: 15 }
    const onTrack = goal({ actual: 500, actualAsOf: '2026-12-04' })
    const tasks = [task({ dueDate: '2026-12-02', status: 'done' }), task({ dueDate: today })]
    const calm = composeDigest({ ...base, tasks, goals: [onTrack] })
    expect(calm).toMatchObject({ daysLeft: 6, done: 1, total: 2, verdict: 'on_track', overdue: [] })
    expect(calm.dueToday).toHaveLength(1)

    expect(composeDigest({ ...base, tasks: [...tasks, task({ dueDate: '2026-12-03' })], goals: [onTrack] }).verdict).toBe('at_risk')
    expect(composeDigest({ ...base, tasks, goals: [onTrack, goal({ actual: 100, actualAsOf: '2026-12-04' })] }).verdict).toBe('behind')
    // A goal without a target does not sway it.
    expect(composeDigest({ ...base, tasks, goals: [onTrack, goal({ target: null })] }).verdict).toBe('on_track')
  })

  it('shows the first few of a long list and counts the rest', () => {
    expect(firstOf([1, 2, 3, 4, 5], 3)).toEqual({ shown: [1, 2, 3], more: 2 })
    expect(firstOf([1, 2], 3)).toEqual({ shown: [1, 2], more: 0 })
  })

  it('mentions each promoter once', () => {
    expect(distinctPeople(['U5', 'U6', 'U5', '', 'U7', 'U6'])).toEqual(['U5', 'U6', 'U7'])
  })
})

describe('the pace margin setting', () => {
  it('takes a whole number from 1 to 90', () => {
    expect(checkLiveSettings({ paceMarginPercent: 1 })).toEqual({})
    expect(checkLiveSettings({ paceMarginPercent: 90 })).toEqual({})
    expect(checkLiveSettings({ paceMarginPercent: null })).toEqual({})
    for (const wrong of [0, 91, 120, 12.5, -5]) expect(checkLiveSettings({ paceMarginPercent: wrong })).toEqual({ paceMarginPercent: 'margin_out_of_range' })
  })
})

import { describe, expect, it } from 'vitest'
import {
  checkRetro, checkRetroActuals, dueRetroSteps, everyoneAnswered, retroCalendar, retroParticipants, retroStages, type RetroCandidate,
} from '../../src/domain/retro.ts'
import { mondayToFriday } from '../../src/domain/localTime.ts'

const newYork = { timeZone: 'America/New_York', digestTime: '09:30', workingDays: mondayToFriday, country: null }

function candidate(over: Partial<RetroCandidate> = {}): RetroCandidate {
  return {
    id: 7, teamId: 'T1', ownerId: 'U1', channelId: 'C1', endDate: '2026-10-30', settings: newYork,
    retroPromptOn: null, retroReminderOn: null, participants: ['U1', 'U2', 'U3'], answered: [], gone: [], ...over,
  }
}

describe('who takes part', () => {
  it('is the owner, approver, task owners, data owners and promoters, each once, owner first', () => {
    expect(retroParticipants({
      ownerId: 'U1', approverId: 'U2', taskOwnerIds: ['U3', 'U1', 'U3'], dataOwnerIds: ['U4', null, 'U2'], promoterIds: ['U5', 'U4'],
    })).toEqual(['U1', 'U2', 'U3', 'U4', 'U5'])
  })

  it('asks about the stages the campaign had tasks in, in the method\'s order, never the retrospective itself', () => {
    expect(retroStages(['promotion', 'content', 'retrospective', 'content', 'bogus'])).toEqual(['content', 'promotion'])
  })

  it('does not wait for people who left', () => {
    expect(everyoneAnswered(['U1', 'U2'], ['U1'])).toBe(false)
    expect(everyoneAnswered(['U1', 'U2'], ['U1'], ['U2'])).toBe(true)
  })
})

describe('the retro form', () => {
  const actuals = { fractionDigits: 2, goals: [{ id: 1, money: true }, { id: 2, money: false }], lines: [{ id: 5 }], prizes: [{ id: 9, quantity: 10 }] }

  it('reads a good answer and the owner\'s actuals (money in minor units)', () => {
    const checked = checkRetro({
      overallEffect: '4', 'worked:content': ' Posts landed ', 'failed:content': '', biggestLesson: 'Start promotion earlier', wouldRunAgain: 'with_changes',
      'goal:1': '1,234.50', 'goal:2': '812', 'line:5': '¥300', 'prize:9': '',
    }, ['content'], actuals)
    expect(checked).toEqual({
      ok: true,
      value: {
        answer: { overallEffect: 4, biggestLesson: 'Start promotion earlier', wouldRunAgain: 'with_changes', entries: [{ stage: 'content', worked: 'Posts landed', failed: null }] },
        actuals: { goals: [{ id: 1, money: true, final: 123450 }, { id: 2, money: false, final: 812 }], lines: [{ id: 5, actualMinor: 30000 }], prizes: [{ id: 9, givenOut: null }] },
      },
    })
  })

  it('answers bad input field by field', () => {
    const checked = checkRetro({
      overallEffect: '7', 'worked:design': 'x'.repeat(1001), biggestLesson: '  ', wouldRunAgain: 'maybe',
      'goal:1': '12.345', 'goal:2': '-3', 'line:5': 'lots', 'prize:9': '101',
    }, ['design'], actuals)
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.errors).toMatchObject({
      overallEffect: { code: 'required' },
      'worked:design': { code: 'too_long', max: 1000 },
      biggestLesson: { code: 'required' },
      wouldRunAgain: { code: 'required' },
      'goal:1': { code: 'too_many_decimals' },
      'goal:2': { code: 'negative' },
      'line:5': { code: 'not_a_number' },
      'prize:9': { code: 'too_many', max: 100 },
    })
    expect(Object.keys(checked.errors)).toHaveLength(8)
  })

  it('asks nobody but the owner for actuals, and reads a prize count as a whole number', () => {
    const answer = { overallEffect: '3', biggestLesson: 'ok', wouldRunAgain: 'yes' }
    expect(checkRetro({ ...answer, 'goal:1': 'garbage' }, [], null)).toMatchObject({ ok: true, value: { actuals: null } })
    expect(checkRetroActuals({ 'prize:9': '2.5' }, actuals)).toEqual({ ok: false, errors: { 'prize:9': { code: 'not_a_whole_number' } } })
    expect(checkRetro('not a form', [], null)).toMatchObject({ ok: false, errors: { overallEffect: { code: 'required' }, biggestLesson: { code: 'required' } } })
  })
})

describe('what an ended campaign is owed', () => {
  it('runs by working days after the end: prompt on the first, reminder two after the prompt, deadline when the third is over', () => {
    // Friday 30 October 2026 → Monday 2, Wednesday 4, Thursday 5 November.
    expect(retroCalendar('2026-10-30', newYork)).toEqual({ promptDay: '2026-11-02', reminderDay: '2026-11-04', deadlineDay: '2026-11-05' })
    expect(retroCalendar('2026-10-30', newYork, '2026-11-03').reminderDay).toBe('2026-11-05')
  })

  it('prompts at the digest time of the morning after, in the campaign\'s zone, across the change back from daylight saving', () => {
    // Clocks go back in New York on Sunday 1 November 2026: 09:30 on Monday is 14:30 UTC, no longer 13:30.
    expect(dueRetroSteps([candidate()], new Date('2026-10-31T13:30:00Z'))).toEqual([]) // Saturday
    expect(dueRetroSteps([candidate()], new Date('2026-11-02T13:30:00Z'))).toEqual([])
    expect(dueRetroSteps([candidate()], new Date('2026-11-02T14:29:00Z'))).toEqual([])
    expect(dueRetroSteps([candidate()], new Date('2026-11-02T14:30:00Z'))).toEqual([{ kind: 'prompt', teamId: 'T1', campaignId: 7, day: '2026-11-02' }])
    // Late (the app was down): still prompted, with the day it happens.
    expect(dueRetroSteps([candidate()], new Date('2026-11-03T20:00:00Z'))).toEqual([{ kind: 'prompt', teamId: 'T1', campaignId: 7, day: '2026-11-03' }])
    // Once prompted, nothing more until the reminder.
    expect(dueRetroSteps([candidate({ retroPromptOn: '2026-11-02' })], new Date('2026-11-03T15:00:00Z'))).toEqual([])
  })

  it('prompts by the spring-forward morning too', () => {
    // Clocks go forward on Sunday 8 March 2026: Monday 09:30 is 13:30 UTC.
    const spring = candidate({ endDate: '2026-03-06' })
    expect(dueRetroSteps([spring], new Date('2026-03-09T13:29:00Z'))).toEqual([])
    expect(dueRetroSteps([spring], new Date('2026-03-09T13:30:00Z'))).toMatchObject([{ kind: 'prompt', day: '2026-03-09' }])
  })

  it('reminds those who have not answered (and have not left) two working days after the prompt, once', () => {
    const prompted = candidate({ retroPromptOn: '2026-11-02', answered: ['U2'], participants: ['U1', 'U2', 'U3', 'U4'], gone: ['U4'] })
    expect(dueRetroSteps([prompted], new Date('2026-11-04T14:29:00Z'))).toEqual([])
    expect(dueRetroSteps([prompted], new Date('2026-11-04T14:30:00Z'))).toEqual([
      { kind: 'reminder', teamId: 'T1', campaignId: 7, day: '2026-11-04', userIds: ['U1', 'U3'] },
    ])
    expect(dueRetroSteps([{ ...prompted, retroReminderOn: '2026-11-04' }], new Date('2026-11-04T20:00:00Z'))).toEqual([])
  })

  it('compiles when everyone answered, or once the deadline comes, whichever first', () => {
    const all = candidate({ retroPromptOn: '2026-11-02', answered: ['U1', 'U2', 'U3'] })
    expect(dueRetroSteps([all], new Date('2026-11-02T16:00:00Z'))).toEqual([{ kind: 'compile', teamId: 'T1', campaignId: 7, reason: 'all_answered' }])
    const some = candidate({ retroPromptOn: '2026-11-02', retroReminderOn: '2026-11-04', answered: ['U1'] })
    expect(dueRetroSteps([some], new Date('2026-11-05T14:29:00Z'))).toEqual([])
    expect(dueRetroSteps([some], new Date('2026-11-05T14:30:00Z'))).toEqual([{ kind: 'compile', teamId: 'T1', campaignId: 7, reason: 'deadline' }])
    // Never prompted (down for days): the deadline still compiles rather than prompt late.
    expect(dueRetroSteps([candidate()], new Date('2026-11-06T15:00:00Z'))).toMatchObject([{ kind: 'compile', reason: 'deadline' }])
  })
})

import { describe, expect, it } from 'vitest'
import { CampaignStage } from '../../src/domain/campaign.ts'
import { awayInForce, mayAnswerReminder, readAwayRequest, reminderDropReason, snoozedUntil, type ReminderFacts } from '../../src/domain/reminders.ts'

const live: ReminderFacts = {
  task: { status: 'todo', dueDate: '2026-12-09', ownerId: 'U3' },
  campaign: { stage: CampaignStage.Live, paused: false },
}
const planned = { day: '2026-12-08', dueDate: '2026-12-09', userId: 'U3' }

describe('reminderDropReason', () => {
  it('sends a reminder for an open task of a running campaign on its own day', () => {
    expect(reminderDropReason(live, planned, '2026-12-08')).toBeNull()
    expect(reminderDropReason({ ...live, campaign: { stage: CampaignStage.Scheduled, paused: false } }, planned, '2026-12-08')).toBeNull()
  })

  it('drops it when the task is gone or done', () => {
    expect(reminderDropReason({ ...live, task: null }, planned, '2026-12-08')).toBe('task_done')
    expect(reminderDropReason({ ...live, task: { ...live.task!, status: 'done' } }, planned, '2026-12-08')).toBe('task_done')
  })

  it('drops it when the due date moved or the task changed hands', () => {
    expect(reminderDropReason({ ...live, task: { ...live.task!, dueDate: '2026-12-10' } }, planned, '2026-12-08')).toBe('rescheduled')
    expect(reminderDropReason({ ...live, task: { ...live.task!, ownerId: 'U4' } }, planned, '2026-12-08')).toBe('reassigned')
  })

  it('drops it when the campaign is paused, ended or gone', () => {
    expect(reminderDropReason({ ...live, campaign: { stage: CampaignStage.Live, paused: true } }, planned, '2026-12-08')).toBe('not_active')
    expect(reminderDropReason({ ...live, campaign: { stage: CampaignStage.Retrospective, paused: false } }, planned, '2026-12-08')).toBe('not_active')
    expect(reminderDropReason({ ...live, campaign: null }, planned, '2026-12-08')).toBe('not_active')
  })

  it('drops a reminder whose day has passed in the owner\'s zone, never sends it late', () => {
    expect(reminderDropReason(live, planned, '2026-12-09')).toBe('stale')
  })
})

describe('snoozedUntil', () => {
  it('skips the next day once today\'s reminder came', () => {
    expect(snoozedUntil('2026-12-10', '2026-12-10')).toBe('2026-12-12')
    expect(snoozedUntil('2026-12-31', '2026-12-31')).toBe('2027-01-02')
  })

  it('skips today\'s when pressed on an older reminder before today\'s came', () => {
    expect(snoozedUntil('2026-12-10', '2026-12-09')).toBe('2026-12-11')
    expect(snoozedUntil('2026-12-10', null)).toBe('2026-12-11')
  })
})

describe('mayAnswerReminder', () => {
  const campaign = { ownerId: 'U1' }
  const task = { ownerId: 'U3' }
  it('lets the task\'s owner, the campaign\'s owner and an admin answer, nobody else', () => {
    expect(mayAnswerReminder(campaign, task, { userId: 'U3', isWorkspaceAdmin: false })).toBe(true)
    expect(mayAnswerReminder(campaign, task, { userId: 'U1', isWorkspaceAdmin: false })).toBe(true)
    expect(mayAnswerReminder(campaign, task, { userId: 'U9', isWorkspaceAdmin: true })).toBe(true)
    expect(mayAnswerReminder(campaign, task, { userId: 'U2', isWorkspaceAdmin: false })).toBe(false)
  })
})

describe('readAwayRequest', () => {
  const today = '2026-12-08'
  it('reads a real date from today to a year ahead, and back', () => {
    expect(readAwayRequest('2026-12-08', today)).toEqual({ ok: true, until: '2026-12-08' })
    expect(readAwayRequest(' 2026-12-24 ', today)).toEqual({ ok: true, until: '2026-12-24' })
    expect(readAwayRequest('2027-12-09', today)).toEqual({ ok: true, until: '2027-12-09' })
    expect(readAwayRequest('back', today)).toEqual({ ok: true, until: null })
    expect(readAwayRequest('BACK', today)).toEqual({ ok: true, until: null })
  })

  it('says what is wrong with anything else', () => {
    const problem = (text: string) => { const read = readAwayRequest(text, today); return read.ok ? null : read.problem }
    expect(problem('')).toBe('usage')
    expect(problem('tomorrow')).toBe('usage')
    expect(problem('2026-02-30')).toBe('not_a_date')
    expect(problem('24/12/2026')).toBe('not_a_date')
    expect(problem('2026-12-07')).toBe('past')
    expect(problem('2027-12-10')).toBe('too_far')
    expect(readAwayRequest('2030-01-01', today)).toMatchObject({ latest: '2027-12-09' })
  })
})

describe('awayInForce', () => {
  it('is the date while it has not passed', () => {
    expect(awayInForce('2026-12-10', '2026-12-10')).toBe('2026-12-10')
    expect(awayInForce('2026-12-10', '2026-12-11')).toBeNull()
    expect(awayInForce(null, '2026-12-11')).toBeNull()
  })
})

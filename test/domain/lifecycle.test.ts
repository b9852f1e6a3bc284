import { describe, expect, it } from 'vitest'
import { dueLifecycle, refusalToRunLifecycle, startedEarlyReason, startOnStartNow, startsToday, type LifecycleCampaign } from '../../src/domain/lifecycle.ts'

const shanghai: LifecycleCampaign = { id: 1, teamId: 'T1', stage: 'scheduled', startDate: '2026-12-01', endDate: '2026-12-14', timeZone: 'Asia/Shanghai' }
const newYork: LifecycleCampaign = { id: 2, teamId: 'T1', stage: 'scheduled', startDate: '2026-12-01', endDate: '2026-12-14', timeZone: 'America/New_York' }

describe('dueLifecycle', () => {
  it('goes live at local midnight of the start date, zone by zone', () => {
    // 2026-11-30T16:00Z is 2026-12-01 00:00 in Shanghai, still 11:00 on the 30th in New York.
    expect(dueLifecycle([shanghai, newYork], new Date('2026-11-30T15:59:00Z'))).toEqual([])
    expect(dueLifecycle([shanghai, newYork], new Date('2026-11-30T16:00:00Z'))).toEqual([
      { campaignId: 1, teamId: 'T1', kind: 'go_live', from: 'scheduled', to: 'live' },
    ])
    // New York's midnight is 05:00Z in December.
    expect(dueLifecycle([newYork], new Date('2026-12-01T04:59:00Z'))).toEqual([])
    expect(dueLifecycle([newYork], new Date('2026-12-01T05:00:00Z'))).toHaveLength(1)
  })

  it('ends a live campaign once its end date is over in its zone', () => {
    const live = { ...newYork, stage: 'live' as const }
    expect(dueLifecycle([live], new Date('2026-12-15T04:59:00Z'))).toEqual([])
    expect(dueLifecycle([live], new Date('2026-12-15T05:00:00Z'))).toEqual([
      { campaignId: 2, teamId: 'T1', kind: 'end', from: 'live', to: 'retrospective' },
    ])
  })

  it('leaves other stages alone', () => {
    expect(dueLifecycle([{ ...shanghai, stage: 'planning' }, { ...shanghai, stage: 'retrospective' }], new Date('2027-06-01T00:00:00Z'))).toEqual([])
  })

  it('goes live on a DST switch day at local midnight (London, spring forward)', () => {
    const london = { ...shanghai, startDate: '2027-03-28', endDate: '2027-04-10', timeZone: 'Europe/London' }
    expect(dueLifecycle([london], new Date('2027-03-27T23:59:00Z'))).toEqual([])
    expect(dueLifecycle([london], new Date('2027-03-28T00:00:00Z'))).toHaveLength(1)
  })
})

describe('startsToday', () => {
  it('is the start date only on that day in the campaign\'s zone', () => {
    // 2026-12-01T16:30Z: 00:30 on the 2nd in Shanghai, 11:30 on the 1st in New York.
    expect(startsToday('2026-12-01', new Date('2026-12-01T16:30:00Z'), 'Asia/Shanghai')).toBe(false)
    expect(startsToday('2026-12-02', new Date('2026-12-01T16:30:00Z'), 'Asia/Shanghai')).toBe(true)
    expect(startsToday('2026-12-01', new Date('2026-12-01T16:30:00Z'), 'America/New_York')).toBe(true)
    // Back from a day down: going live on the 9th for a start on the 8th is not "today".
    expect(startsToday('2026-12-08', new Date('2026-12-09T03:00:00Z'), 'Asia/Shanghai')).toBe(false)
  })
})

describe('startOnStartNow', () => {
  it('a campaign started before its planned start starts that day; the end is not its business', () => {
    expect(startOnStartNow('2026-12-14', '2026-12-01')).toEqual({ startDate: '2026-12-01', early: true })
    expect(startOnStartNow('2027-01-05', '2026-12-31')).toEqual({ startDate: '2026-12-31', early: true })
  })

  it('started on or after its planned start (the scheduler had not run yet), the planned date stands', () => {
    expect(startOnStartNow('2026-12-14', '2026-12-14')).toEqual({ startDate: '2026-12-14', early: false })
    expect(startOnStartNow('2026-12-14', '2026-12-15')).toEqual({ startDate: '2026-12-14', early: false })
  })

  it('the history keeps the date it replaced', () => {
    expect(startedEarlyReason('2026-12-14')).toBe('started_early; planned start 2026-12-14')
  })
})

describe('refusalToRunLifecycle', () => {
  const owner = { userId: 'U_OWNER', isWorkspaceAdmin: false }
  const admin = { userId: 'U_ADMIN', isWorkspaceAdmin: true }
  const other = { userId: 'U_OTHER', isWorkspaceAdmin: false }
  const scheduled = { ownerId: 'U_OWNER', stage: 'scheduled' as const }
  const live = { ownerId: 'U_OWNER', stage: 'live' as const, pausedAt: null }

  it('lets the owner and an admin, no one else', () => {
    expect(refusalToRunLifecycle(scheduled, owner, 'start')).toBeNull()
    expect(refusalToRunLifecycle(scheduled, admin, 'start')).toBeNull()
    expect(refusalToRunLifecycle(scheduled, other, 'start')).toBe('not_the_owner')
  })

  it('checks the stage and pause state', () => {
    expect(refusalToRunLifecycle(live, owner, 'start')).toBe('not_scheduled')
    expect(refusalToRunLifecycle(scheduled, owner, 'pause')).toBe('not_live')
    expect(refusalToRunLifecycle(live, owner, 'pause')).toBeNull()
    expect(refusalToRunLifecycle(live, owner, 'resume')).toBe('not_paused')
    expect(refusalToRunLifecycle({ ...live, pausedAt: new Date() }, owner, 'pause')).toBe('already_paused')
    expect(refusalToRunLifecycle({ ...live, pausedAt: new Date() }, owner, 'resume')).toBeNull()
    expect(refusalToRunLifecycle(live, owner, 'end')).toBeNull()
  })
})

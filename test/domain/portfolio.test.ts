import { describe, expect, it } from 'vitest'
import type { DigestGoal } from '../../src/domain/digest.ts'
import {
  budgetUsedPercent, composePortfolio, dueSummaryWeek, portfolioRow, summaryIsQuiet, type PortfolioSource, type SummarySchedule,
} from '../../src/domain/portfolio.ts'

const goal = (over: Partial<DigestGoal> = {}): DigestGoal => ({
  id: 1, metric: 'signups', customMetric: null, unit: null, money: false, target: 1000, actual: 0, actualAsOf: null, curve: 'linear', ...over,
})

const campaign = (over: Partial<PortfolioSource> = {}): PortfolioSource => ({
  id: 1, name: 'Winter sale', stage: 'live', startDate: '2026-12-01', endDate: '2026-12-20', ownerId: 'U1', channelId: 'C1',
  currency: 'USD', timeZone: 'UTC', goals: [], openTaskDueDates: [], budget: null, ...over,
})

// Monday 7 December 2026, 10:00 UTC: six of twenty days over by yesterday (300 of 1,000 expected).
const now = new Date('2026-12-07T10:00:00Z')

describe('a portfolio row', () => {
  it('reads each goal as behind, on pace or ahead with its share of pace, using the digest\'s pace', () => {
    const row = portfolioRow(campaign({
      goals: [
        goal({ id: 1, actual: 100, actualAsOf: '2026-12-06' }), // 33 % of 300: behind
        goal({ id: 2, actual: 290, actualAsOf: '2026-12-06' }), // 97 %: within the 15 % margin, on pace
        goal({ id: 3, actual: 600, actualAsOf: '2026-12-06' }), // 200 %: ahead
        goal({ id: 4, target: null }),
      ],
    }), now, 15)
    expect(row.goals.map((g) => [g.word, g.percentOfPace])).toEqual([['behind', 33], ['on_pace', 97], ['ahead', 200], [null, null]])
    expect(row.verdict).toBe('behind')
    expect(row.worstRatio).toBeCloseTo(1 / 3)
    expect(row.daysLeft).toBe(14)
    expect(row.daysToStart).toBeNull()
  })

  it('counts overdue tasks by the campaign\'s own date, and days to the start of a scheduled one', () => {
    // 12:00 UTC is already 8 December in Auckland (UTC+13): a task due on the 7th is overdue there, not in UTC.
    const noon = new Date('2026-12-07T12:00:00Z')
    const dueDates = ['2026-12-06', '2026-12-07', '2026-12-09']
    expect(portfolioRow(campaign({ openTaskDueDates: dueDates }), noon, 15).overdueTasks).toBe(1)
    expect(portfolioRow(campaign({ openTaskDueDates: dueDates, timeZone: 'Pacific/Auckland' }), noon, 15).overdueTasks).toBe(2)
    const scheduled = portfolioRow(campaign({ stage: 'scheduled', startDate: '2026-12-10', endDate: '2026-12-24', goals: [goal()] }), now, 15)
    expect(scheduled).toMatchObject({ daysLeft: null, daysToStart: 3, verdict: 'on_track' })
    expect(scheduled.goals[0]!.word).toBe('not_started')
  })

  it('says what share of the chosen budget was spent, or nothing when spend is not recorded', () => {
    expect(budgetUsedPercent({ chosenTotalMinor: 200_000, spentMinor: 50_000 })).toBe(25)
    expect(budgetUsedPercent({ chosenTotalMinor: 200_000, spentMinor: null })).toBeNull()
    expect(budgetUsedPercent(null)).toBeNull()
  })
})

describe('the portfolio', () => {
  it('puts the campaigns most behind first: behind by how far, then at risk, then on track (ahead last), live before scheduled', () => {
    const behind = (id: number, actual: number) => campaign({ id, name: `behind ${actual}`, goals: [goal({ actual, actualAsOf: '2026-12-06' })] })
    const portfolio = composePortfolio([
      campaign({ id: 1, name: 'on track', goals: [goal({ actual: 400, actualAsOf: '2026-12-06' })] }),
      campaign({ id: 2, name: 'scheduled', stage: 'scheduled', startDate: '2026-12-20', endDate: '2026-12-30' }),
      behind(3, 200),
      campaign({ id: 4, name: 'overdue', openTaskDueDates: ['2026-12-01'] }),
      behind(5, 50),
      campaign({ id: 6, name: 'quiet live' }),
    ], now, 15)
    expect(portfolio.rows.map((row) => row.campaign.name)).toEqual(['behind 50', 'behind 200', 'overdue', 'quiet live', 'scheduled', 'on track'])
    expect(portfolio).toMatchObject({ live: 5, scheduled: 1, behind: 2 })
    expect(summaryIsQuiet(portfolio)).toBe(false)
    expect(summaryIsQuiet(composePortfolio([campaign({ stage: 'scheduled' })], now, 15))).toBe(true)
  })
})

describe('the weekly summary', () => {
  const schedule = (over: Partial<SummarySchedule> = {}): SummarySchedule => ({
    channelId: 'C9', weekday: null, time: null, timeZone: 'Asia/Shanghai', lastWeek: null, ...over,
  })
  it('is due from Monday 09:30 in the workspace\'s zone, once a week, and not when hours late or without a channel', () => {
    expect(dueSummaryWeek(schedule(), new Date('2026-12-07T01:29:00Z'))).toBeNull()
    expect(dueSummaryWeek(schedule(), new Date('2026-12-07T01:30:00Z'))).toBe('2026-12-07')
    expect(dueSummaryWeek(schedule({ lastWeek: '2026-12-07' }), new Date('2026-12-07T05:00:00Z'))).toBeNull()
    expect(dueSummaryWeek(schedule({ lastWeek: '2026-11-30' }), new Date('2026-12-07T05:00:00Z'))).toBe('2026-12-07')
    // More than twelve hours late: skipped, not posted on Tuesday.
    expect(dueSummaryWeek(schedule(), new Date('2026-12-07T14:00:00Z'))).toBeNull()
    expect(dueSummaryWeek(schedule({ channelId: null }), new Date('2026-12-07T01:30:00Z'))).toBeNull()
    // Sunday in Shanghai is still last week's; nothing due.
    expect(dueSummaryWeek(schedule(), new Date('2026-12-06T02:00:00Z'))).toBeNull()
  })
  it('follows a chosen day and time, in UTC when the workspace has no zone', () => {
    const friday = schedule({ weekday: 5, time: '16:00', timeZone: null })
    expect(dueSummaryWeek(friday, new Date('2026-12-11T15:59:00Z'))).toBeNull()
    expect(dueSummaryWeek(friday, new Date('2026-12-11T16:00:00Z'))).toBe('2026-12-11')
    expect(dueSummaryWeek(friday, new Date('2026-12-07T16:00:00Z'))).toBeNull()
  })
})

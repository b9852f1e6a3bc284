// The retrospective report's figures from chosen data: goals achieved vs target (the final figure,
// else the last running total), budget totals in minor units, cost per result per channel against
// the conservative estimate, tasks on time / late by stage in the campaign's zone, and what people said.
import { describe, expect, it } from 'vitest'
import { compileRetro, goalSeries, type ReportGoal, type RetroReportData } from '../../src/domain/retroReport.ts'

const goal = (over: Partial<ReportGoal>): ReportGoal => ({
  id: 1, metric: 'signups', customMetric: null, unit: null, isMoney: false, target: 1000, curve: 'linear',
  actual: null, actualAsOf: null, final: null, entries: [], ...over,
})

function data(over: Partial<RetroReportData> = {}): RetroReportData {
  return {
    campaign: {
      id: 7, teamId: 'T1', name: 'Tea festival', channelId: 'C1', ownerId: 'U1', approverId: 'U2',
      startDate: '2026-12-01', endDate: '2026-12-10', stage: 'retrospective', reportCompiledAt: null,
    },
    compiled: null,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    goals: [
      // Final figure entered: 1200 of 1000.
      goal({ id: 1, metric: 'signups', target: 1000, actual: 1100, final: 1200 }),
      // No final figure: the last running total of its entries (day 300, day 200, total 700, day 50 → 750).
      goal({
        id: 2, metric: 'visits', target: 1000, entries: [
          { onDate: '2026-12-01', mode: 'day', value: 300 }, { onDate: '2026-12-02', mode: 'day', value: 200 },
          { onDate: '2026-12-03', mode: 'total', value: 700 }, { onDate: '2026-12-04', mode: 'day', value: 50 },
        ],
      }),
      // Revenue in minor units: ¥12,345.67 of ¥10,000.00.
      goal({ id: 3, metric: 'revenue', isMoney: true, target: 1_000_000, actual: 1_234_567 }),
      // Nothing reported.
      goal({ id: 4, metric: 'orders', target: 50 }),
    ],
    scenario: {
      name: 'Lean',
      lines: [
        { id: 1, category: 'promotion', channel: 'weibo', amountMinor: 500_000, actualMinor: 540_000, note: null },
        { id: 2, category: 'promotion', channel: 'wechat', amountMinor: 300_000, actualMinor: 250_000, note: null },
        { id: 3, category: 'prizes', channel: null, amountMinor: 199_999, actualMinor: null, note: 'Tea sets' },
        { id: 4, category: 'production', channel: null, amountMinor: 100_001, actualMinor: 100_001, note: null },
      ],
    },
    estimates: [
      { channel: 'weibo', metric: 'signups', customMetric: null, expected: 400 },
      { channel: 'wechat', metric: 'signups', customMetric: null, expected: 600 },
      { channel: 'xiaohongshu', metric: 'visits', customMetric: null, expected: 100 }, // no budget line: left out
    ],
    tasks: [
      // Done 23:30 Shanghai on its due day (15:30 UTC): on time.
      { id: 1, title: 'Copy', stage: 'content', dueDate: '2026-12-05', status: 'done', doneAt: new Date('2026-12-05T15:30:00Z') },
      // Done 00:30 Shanghai the day after: late.
      { id: 2, title: 'Posts', stage: 'content', dueDate: '2026-12-05', status: 'done', doneAt: new Date('2026-12-05T16:30:00Z') },
      // Never done: late.
      { id: 3, title: 'Banner', stage: 'design', dueDate: '2026-12-03', status: 'in_progress', doneAt: null },
      { id: 4, title: 'Poster', stage: 'design', dueDate: '2026-12-03', status: 'done', doneAt: new Date('2026-12-02T02:00:00Z') },
    ],
    retros: [
      {
        respondentId: 'U2', overallEffect: 4, biggestLesson: 'Start the teasers a week earlier', wouldRunAgain: 'with_changes', submittedAt: new Date('2026-12-12T02:00:00Z'),
        entries: [{ stage: 'design', worked: 'The poster', failed: null }, { stage: 'content', worked: null, failed: '  ' }],
      },
      {
        respondentId: 'U1', overallEffect: 5, biggestLesson: 'KOLs beat paid search', wouldRunAgain: 'yes', submittedAt: new Date('2026-12-11T02:00:00Z'),
        entries: [{ stage: 'content', worked: 'Copy landed', failed: 'Posts were late' }, { stage: 'design', worked: null, failed: 'Banner never shipped' }],
      },
      {
        respondentId: 'U3', overallEffect: 4, biggestLesson: '', wouldRunAgain: 'yes', submittedAt: new Date('2026-12-12T03:00:00Z'), entries: [],
      },
    ],
    participantIds: ['U1', 'U2', 'U3', 'U4'],
    ...over,
  }
}

describe('the retrospective report', () => {
  const report = compileRetro(data())

  it('takes the final figure, else the last running total, and says how far each goal got', () => {
    expect(report.goals.map((g) => [g.goal.id, g.achieved, g.source, g.percent, g.met])).toEqual([
      [1, 1200, 'final', 120, true],
      [2, 750, 'running_total', 75, false],
      [3, 1_234_567, 'running_total', 123.5, true],
      [4, null, 'none', null, false],
    ])
  })

  it('adds the budget in minor units, leaving lines without an actual out of the spent total', () => {
    expect(report.budget).toMatchObject({ scenarioName: 'Lean', plannedMinor: 1_100_000, actualMinor: 890_001, linesWithoutActual: 1, differenceMinor: -10_000 })
    expect(report.budget!.lines.map((line) => line.differenceMinor)).toEqual([40_000, -50_000, null, 0])
  })

  it('costs each channel per result against its conservative estimate, sharing a goal among its channels by their estimates', () => {
    // 1200 sign-ups shared 400:600 → weibo 480, wechat 720.
    expect(report.costs).toEqual([
      {
        channel: 'weibo', metric: 'signups', customMetric: null, expected: 400, plannedSpendMinor: 500_000, actualSpendMinor: 540_000,
        estimatedCostMinor: 1250, results: 480, actualCostMinor: 1125, verdict: 'better',
      },
      {
        channel: 'wechat', metric: 'signups', customMetric: null, expected: 600, plannedSpendMinor: 300_000, actualSpendMinor: 250_000,
        estimatedCostMinor: 500, results: 720, actualCostMinor: 347, verdict: 'better', // 250000 / 720 = 347.2
      },
    ])
  })

  it('says a channel whose spend is not entered, or whose metric no goal measured, has no actual cost', () => {
    const costs = compileRetro(data({
      scenario: { name: 'S', lines: [
        { id: 1, category: 'promotion', channel: 'weibo', amountMinor: 1000, actualMinor: null, note: null },
        { id: 2, category: 'promotion', channel: 'kol', amountMinor: 3000, actualMinor: 4000, note: null },
      ] },
      estimates: [
        { channel: 'weibo', metric: 'signups', customMetric: null, expected: 10 },
        { channel: 'kol', metric: 'reposts', customMetric: null, expected: 3 },
      ],
    })).costs
    expect(costs.map((c) => [c.channel, c.estimatedCostMinor, c.actualSpendMinor, c.results, c.actualCostMinor, c.verdict])).toEqual([
      ['weibo', 100, null, 1200, null, null],
      ['kol', 1000, 4000, null, null, null],
    ])
  })

  it('counts tasks on time and late by stage in the campaign zone, never-done ones as late', () => {
    expect(report.tasks).toEqual([
      { stage: 'content', total: 2, onTime: 1, late: 1, notDone: 0 },
      { stage: 'design', total: 2, onTime: 1, late: 1, notDone: 1 },
    ])
    expect(report.taskTotals).toEqual({ total: 4, onTime: 2, late: 2 })
    // In UTC the 00:30-Shanghai task was done on its due day.
    expect(compileRetro(data({ timeZone: 'UTC' })).taskTotals.onTime).toBe(3)
  })

  it('gathers what worked and what failed by stage with who said it, the lessons, the mean score and the tally', () => {
    expect(report.remarks).toEqual([
      { stage: 'content', worked: [{ respondentId: 'U1', text: 'Copy landed' }], failed: [{ respondentId: 'U1', text: 'Posts were late' }] },
      { stage: 'design', worked: [{ respondentId: 'U2', text: 'The poster' }], failed: [{ respondentId: 'U1', text: 'Banner never shipped' }] },
    ])
    expect(report.lessons).toEqual([
      { respondentId: 'U1', text: 'KOLs beat paid search' },
      { respondentId: 'U2', text: 'Start the teasers a week earlier' },
    ])
    expect(report.averageEffect).toBe(4.3) // 13 / 3
    expect(report.wouldRunAgain).toEqual({ yes: 2, with_changes: 1, no: 0 })
    expect(report.respondentIds).toEqual(['U1', 'U2', 'U3'])
    expect(report.missingIds).toEqual(['U4'])
    expect(compileRetro(data({ retros: [] })).averageEffect).toBeNull()
  })

  it('draws each goal along its pace curve, with its running total carried over days without entries', () => {
    const series = goalSeries(data().goals[1]!, { startDate: '2026-12-01', endDate: '2026-12-05' })
    expect(series.points).toEqual([
      { date: '2026-12-01', pace: 200, actual: 300 },
      { date: '2026-12-02', pace: 400, actual: 500 },
      { date: '2026-12-03', pace: 600, actual: 700 },
      { date: '2026-12-04', pace: 800, actual: 750 },
      { date: '2026-12-05', pace: 1000, actual: 750 },
    ])
    const front = goalSeries(goal({ curve: 'front_loaded', target: 100 }), { startDate: '2026-12-01', endDate: '2026-12-02' })
    expect(front.points.map((p) => [p.pace, p.actual])).toEqual([[75, null], [100, null]])
  })

  it('ends each goal at the figure the report states: the final one over a lower running total, else the last running total, else nothing', () => {
    const window = { startDate: '2026-12-01', endDate: '2026-12-05' }
    const entries = [{ onDate: '2026-12-01', mode: 'day' as const, value: 3900 }]
    const final = goalSeries(goal({ target: 4000, actual: 3900, final: 4200, entries }), window)
    expect(final.points.at(-1)!.actual).toBe(3900) // the running total, carried flat
    expect(final.ending).toEqual({ date: '2026-12-05', value: 4200, source: 'final' })
    // A stored running total the entries do not add up to: the report's figure, not the entries'.
    expect(goalSeries(goal({ target: 4000, actual: 4100, entries }), window).ending).toEqual({ date: '2026-12-05', value: 4100, source: 'running_total' })
    expect(goalSeries(data().goals[1]!, window).ending).toEqual({ date: '2026-12-05', value: 750, source: 'running_total' })
    // A final figure without any entry still ends the chart.
    expect(goalSeries(goal({ final: 800 }), window).ending).toEqual({ date: '2026-12-05', value: 800, source: 'final' })
    expect(goalSeries(goal({}), window).ending).toBeNull()
  })
})

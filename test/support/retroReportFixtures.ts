// A campaign in its retrospective as the report's store reads it, synthetic: 80 tasks, 10 goals with
// 28 days of entries, 12 answers in Chinese with every stage filled in. For the report's tests and
// bench/retroReport.ts.
import type { ReportGoal, ReportTask, RetroReportData } from '../../src/domain/retroReport.ts'
import { workStages } from '../../src/domain/tasks.ts'

const TASKS = 80
const GOALS = 10
const DAYS = 28
const ANSWERS = 12

const day = (n: number) => new Date(Date.UTC(2026, 10, 3 + n)).toISOString().slice(0, 10)
const people = Array.from({ length: ANSWERS }, (_, i) => `U${100 + i}`)
const metrics = ['signups', 'visits', 'orders', 'revenue', 'reposts', 'followers', 'custom'] as const
const remark = (who: string, what: string) => `${who} 关于${what}：预热节奏和落地页的问题需要提前两周准备，KOL 合作效果好于预期。`.repeat(3)

export function syntheticRetro(): RetroReportData {
  const goals: ReportGoal[] = Array.from({ length: GOALS }, (_, g) => {
    const metric = metrics[g % metrics.length]!
    const isMoney = metric === 'revenue'
    const target = isMoney ? 5_000_000 : 1000 * (g + 1)
    return {
      id: g + 1, metric, customMetric: metric === 'custom' ? `自定义指标 ${g}` : null, unit: isMoney ? null : '人', isMoney, target,
      curve: g % 2 === 0 ? 'linear' : 'front_loaded', actual: null, actualAsOf: null, final: g % 3 === 0 ? target * 1.1 : null,
      entries: Array.from({ length: DAYS }, (_, d) => ({ onDate: day(d), mode: 'day' as const, value: Math.round((target / DAYS) * (0.6 + ((d * 7 + g) % 10) / 10)) })),
    }
  })
  const tasks: ReportTask[] = Array.from({ length: TASKS }, (_, t) => ({
    id: t + 1, title: `任务 ${t + 1}`, stage: workStages[t % workStages.length]!, dueDate: day(t % DAYS),
    status: t % 7 === 0 ? 'in_progress' : 'done', doneAt: new Date(Date.UTC(2026, 10, 3 + (t % DAYS) + (t % 4 === 0 ? 1 : 0), 4)),
  }))
  return {
    campaign: {
      id: 1, teamId: 'T1', name: '双十一茶节', channelId: 'C1', ownerId: people[0]!, approverId: people[1]!,
      startDate: day(0), endDate: day(DAYS - 1), stage: 'retrospective', reportCompiledAt: null,
    },
    compiled: null,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    goals,
    scenario: {
      name: '均衡方案',
      lines: [
        { id: 1, category: 'promotion', channel: 'weibo', amountMinor: 500_000, actualMinor: 540_000, note: null },
        { id: 2, category: 'promotion', channel: 'wechat', amountMinor: 300_000, actualMinor: 250_000, note: null },
        { id: 3, category: 'promotion', channel: 'kol', amountMinor: 800_000, actualMinor: 820_000, note: '两位达人' },
        { id: 4, category: 'prizes', channel: null, amountMinor: 200_000, actualMinor: 180_000, note: '茶具' },
        { id: 5, category: 'production', channel: null, amountMinor: 150_000, actualMinor: null, note: null },
      ],
    },
    estimates: [
      { channel: 'weibo', metric: 'signups', customMetric: null, expected: 400 },
      { channel: 'wechat', metric: 'signups', customMetric: null, expected: 600 },
      { channel: 'kol', metric: 'visits', customMetric: null, expected: 5000 },
    ],
    tasks,
    retros: people.map((respondentId, i) => ({
      respondentId, overallEffect: 1 + (i % 5), biggestLesson: `教训 ${i}：${remark(respondentId, '整体')}`, wouldRunAgain: (['yes', 'with_changes', 'no'] as const)[i % 3]!,
      submittedAt: new Date(Date.UTC(2026, 11, 1, i)),
      entries: workStages.filter((stage) => stage !== 'retrospective').map((stage) => ({ stage, worked: remark(respondentId, `${stage} 做得好`), failed: remark(respondentId, `${stage} 不足`) })),
    })),
    participantIds: people,
  }
}

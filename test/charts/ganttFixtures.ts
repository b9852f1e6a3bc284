// Made-up campaigns of any size for the Gantt tests and bench: realistic names, stages in the method's
// order, a mix of done, overdue and upcoming tasks around a fixed "today".
import type { GanttBar, GanttChart } from '../../src/charts/gantt.ts'

const stages = ['creative', 'content', 'design', 'build', 'promotion', 'launch', 'data', 'customer_service', 'retrospective'] as const

const words = {
  en: {
    title: 'Spring Sale 2027 — member week',
    stages: ['Creative', 'Content', 'Design', 'Build', 'Promotion', 'Launch', 'Data', 'Customer service', 'Retrospective'],
    tasks: ['Theme and key message', 'Prize list and rules', 'Key visual', 'Landing page', 'Newsletter send', 'Go live checklist',
      'Daily sign-up report', 'Support macros', 'Retro session', 'Banner set for partners', 'Push notification copy', 'Coupon engine setup'],
    owners: ['Ana Souza', 'Bo Lindqvist', 'Chen Jing', 'Dmitri Volkov', 'Emeka Obi', 'Fatima Zahra'],
    labels: { today: 'Today', window: 'Campaign window', overdue: 'Overdue', done: 'Done' },
  },
  zh: {
    title: '2027 春季会员周大促',
    stages: ['创意', '内容', '设计', '开发', '推广', '上线', '数据', '客服', '复盘'],
    tasks: ['确定活动主题与核心信息', '奖品清单与活动规则', '主视觉设计', '活动落地页开发', '会员邮件推送', '上线检查清单',
      '每日报名数据反馈', '客服话术准备', '活动复盘会', '合作方横幅素材', '推送文案撰写', '优惠券系统配置'],
    owners: ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊'],
    labels: { today: '今天', window: '活动期', overdue: '已逾期', done: '已完成' },
  },
} as const

export type FixtureLanguage = keyof typeof words

/** `count` tasks spread over a campaign that runs 2027-03-01 → 03-21, seen on 2027-03-10. */
export function syntheticGantt(count: number, language: FixtureLanguage): GanttChart {
  const w = words[language]
  const today = '2027-03-10'
  const bars: GanttBar[] = []
  for (let i = 0; i < count; i++) {
    const stageIndex = Math.min(stages.length - 1, Math.floor((i * stages.length) / Math.max(1, count)))
    const startDay = 1 + ((i * 29) % 24) - 8 // some tasks start before the window (preparation)
    const length = (i * 7) % 6 // 0..5 extra days; 0 = due the day it starts
    const start = dateOf(2027, 3, startDay)
    const due = dateOf(2027, 3, startDay + length)
    const done = due < today && i % 5 !== 0
    bars.push({
      id: 1000 + i,
      label: `${w.tasks[i % w.tasks.length]}${i >= w.tasks.length ? ` ${Math.floor(i / w.tasks.length) + 1}` : ''}`,
      stage: stages[stageIndex]!,
      stageLabel: w.stages[stageIndex]!,
      ownerName: w.owners[i % w.owners.length]!,
      startDate: start,
      dueDate: due,
      done,
      overdue: !done && due < today,
    })
  }
  return { title: w.title, today, window: { startDate: '2027-03-01', endDate: '2027-03-21' }, bars, labels: { ...w.labels } }
}

function dateOf(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10)
}

// Draws the sample Gantt pictures in docs/ (one campaign in English, the same one in Chinese), so a
// reader sees what the app posts. Run: npx tsx scripts/render-sample-gantts.ts
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderGanttPng, type GanttBar, type GanttChart } from '../src/charts/gantt.ts'

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs')

// A Singles' Day campaign on the company's own shop, seen on its sixth day. Each task: stage, English
// and Chinese name, owner, start, due, done.
type SampleTask = [stage: string, en: string, zh: string, owner: number, start: string, due: string, done: boolean]
const tasks: SampleTask[] = [
  ['creative', 'Creative brief', '创意简报', 0, '10-12', '10-14', true],
  ['creative', 'Campaign theme and key message', '活动主题与核心信息', 0, '10-15', '10-17', true],
  ['content', 'Rules, prizes and how they are given out', '活动规则、奖品及发放方式', 1, '10-16', '10-20', true],
  ['content', 'Campaign copy (site, email, social)', '活动文案（官网、邮件、社交媒体）', 1, '10-18', '10-23', true],
  ['design', 'Key visual', '主视觉设计', 2, '10-18', '10-24', true],
  ['design', 'Banner set for partners', '合作方横幅素材', 2, '10-25', '10-28', true],
  ['design', 'Landing page mock-ups', '落地页设计稿', 2, '10-22', '10-26', true],
  ['build', 'Landing page', '活动落地页开发', 3, '10-27', '10-31', true],
  ['build', 'Coupon engine setup', '优惠券系统配置', 3, '10-28', '10-30', true],
  ['build', 'QA on mobile and desktop', '移动端与桌面端测试', 3, '10-30', '10-31', true],
  ['data', 'Tracking and UTM links', '埋点与推广链接', 4, '10-26', '10-29', true],
  ['promotion', 'Pre-heat posts and teaser email', '预热推文与预告邮件', 5, '10-25', '10-31', true],
  ['promotion', 'KOL partnerships', '达人合作投放', 5, '10-28', '11-05', false],
  ['customer_service', 'Support FAQ and reply scripts', '客服常见问题与话术', 6, '10-29', '10-31', true],
  ['launch', 'Go-live check', '上线检查', 3, '11-01', '11-01', true],
  ['launch', 'Launch', '正式上线', 0, '11-01', '11-01', true],
  ['promotion', 'Member newsletter', '会员邮件推送', 5, '11-01', '11-03', true],
  ['promotion', 'Paid social ads', '社交媒体付费广告', 5, '11-01', '11-11', false],
  ['promotion', 'Adjust promotion from the data', '根据数据调整推广', 5, '11-02', '11-11', false],
  ['data', 'Daily data feedback', '每日数据反馈', 4, '11-01', '11-11', false],
  ['data', 'Mid-campaign dashboard review', '活动中期数据复盘', 4, '11-04', '11-05', false],
  ['customer_service', 'Customer service on call', '客服值守', 6, '11-01', '11-11', false],
  ['content', 'Winners announcement', '中奖名单公布', 1, '11-10', '11-12', false],
  ['customer_service', 'Prize delivery follow-up', '奖品发放跟进', 6, '11-12', '11-16', false],
  ['retrospective', 'Retro survey', '复盘问卷', 0, '11-12', '11-13', false],
  ['retrospective', 'Retrospective meeting and report', '复盘会议与总结报告', 0, '11-14', '11-15', false],
]

const owners = {
  en: ['Ana Souza', 'Bo Lindqvist', 'Chen Jing', 'Dmitri Volkov', 'Emeka Obi', 'Fatima Zahra', 'Grace Kim'],
  zh: ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏'],
}
const stageLabels: Record<'en' | 'zh', Record<string, string>> = {
  en: { creative: 'Creative', content: 'Content', design: 'Design', build: 'Build', promotion: 'Promotion', launch: 'Launch', data: 'Data', customer_service: 'Customer service', retrospective: 'Retrospective' },
  zh: { creative: '创意', content: '内容', design: '设计', build: '开发', promotion: '推广', launch: '上线', data: '数据', customer_service: '客服', retrospective: '复盘' },
}
const today = '2026-11-06'

function sample(language: 'en' | 'zh'): GanttChart {
  const bars: GanttBar[] = tasks.map(([stage, en, zh, owner, start, due, done], index) => ({
    id: 101 + index,
    label: language === 'en' ? en : zh,
    stage,
    stageLabel: stageLabels[language][stage]!,
    ownerName: owners[language][owner]!,
    startDate: `2026-${start}`,
    dueDate: `2026-${due}`,
    done,
    overdue: !done && `2026-${due}` < today,
  }))
  return language === 'en'
    ? { title: "Singles' Day 2026 — member sale", today, window: { startDate: '2026-11-01', endDate: '2026-11-11' }, bars, labels: { today: 'Today', window: 'Campaign window', overdue: 'Overdue', done: 'Done' } }
    : { title: '2026 双十一会员大促', today, window: { startDate: '2026-11-01', endDate: '2026-11-11' }, bars, labels: { today: '今天', window: '活动期', overdue: '已逾期', done: '已完成' } }
}

fs.mkdirSync(docs, { recursive: true })
for (const language of ['en', 'zh'] as const) {
  const file = path.join(docs, `gantt-${language}.png`)
  fs.writeFileSync(file, await renderGanttPng(sample(language)))
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`)
}

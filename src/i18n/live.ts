// The live stage's channel posts (issue 7): the daily digest, pace alerts, and the notices to a
// campaign's owner about people who are away or have left.
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn
type Verdict = 'on_track' | 'at_risk' | 'behind'

export type LiveMessages = {
  liveDigest: {
    /** Plain text (header). */
    title: (name: string) => string
    fallback: (name: M, verdict: string) => string
    daysLeft: (days: number, endDate: string) => string
    verdict: Record<Verdict, string>
    verdictLine: Record<Verdict, string>
    tasks: (done: number, total: number) => string
    noTasks: string
    stage: (stage: string, done: number, total: number) => string
    dueToday: (count: number) => string
    overdue: (count: number) => string
    task: (title: M, owner: M) => string
    overdueTask: (title: M, owner: M, dueDate: string) => string
    more: (count: number) => string
    goals: string
    goalName: (name: M) => string
    figure: (actual: string, target: string, percent: number) => string
    noTarget: (actual: string) => string
    pace: (expected: string, asOf: string) => string
    notStarted: string
    projected: (value: string) => string
    figuresAsOf: (date: string) => string
    noFigures: string
    openPlan: string
  }
  paceAlert: {
    fallback: (goal: M, name: M) => string
    text: (goal: M, name: M) => string
    figures: (actual: string, expected: string, asOf: string, percent: number) => string
    projected: (value: string, target: string) => string
    promoters: (mentions: M) => string
    noPromoters: string
  }
  liveNotice: {
    away: (user: M, until: string, name: M) => string
    gone: (user: M, name: M) => string
    openPlan: string
  }
  /** To a campaign's owner: its live posts cannot go into its channel (reason: common deliveryReason). */
  liveChannelTrouble: (name: M, channel: M, reason: string) => string
}

const en: LiveMessages = {
  liveDigest: {
    title: (name) => `Daily digest: ${name}`,
    fallback: (name, verdict) => `Daily digest for *${name}*: ${verdict}`,
    daysLeft: (days, endDate) => (days === 1 ? `*Last day* (ends ${endDate})` : `*${days} days left* (ends ${endDate})`),
    verdict: { on_track: 'on track', at_risk: 'at risk', behind: 'behind' },
    verdictLine: {
      on_track: ':large_green_circle: *On track*: the figures keep pace and nothing is overdue.',
      at_risk: ':large_yellow_circle: *At risk*: a goal is under its pace or a task is overdue.',
      behind: ':red_circle: *Behind*: a goal is well under its pace; promotion should adjust.',
    },
    tasks: (done, total) => `*Tasks:* ${done} / ${total} done`,
    noTasks: '*Tasks:* none planned',
    stage: (stage, done, total) => `${stage} ${done}/${total}`,
    dueToday: (count) => `*Due today* (${count})`,
    overdue: (count) => `*Overdue* (${count})`,
    task: (title, owner) => `• ${title} — ${owner}`,
    overdueTask: (title, owner, dueDate) => `• ${title} — ${owner} (due ${dueDate})`,
    more: (count) => `…and ${count} more`,
    goals: '*Goals*',
    goalName: (name) => `*${name}*`,
    figure: (actual, target, percent) => `${actual} of ${target} (${percent} %)`,
    noTarget: (actual) => `${actual} (no target)`,
    pace: (expected, asOf) => `pace by ${asOf}: ${expected}`,
    notStarted: 'pace starts after the first day',
    projected: (value) => `heading for ${value}`,
    figuresAsOf: (date) => `figures as of ${date}`,
    noFigures: 'no figures entered yet',
    openPlan: 'Open plan',
  },
  paceAlert: {
    fallback: (goal, name) => `${goal} is behind its pace in ${name}`,
    text: (goal, name) => `:warning: *${goal}* is behind its pace in *${name}*.`,
    figures: (actual, expected, asOf, percent) => `${actual} against ${expected} expected by ${asOf} (${percent} % of pace).`,
    projected: (value, target) => `At this rate it ends at ${value} of ${target}.`,
    promoters: (mentions) => `${mentions}: the figures are in, so promotion can adjust.`,
    noPromoters: 'No promotion owner is planned yet: whoever runs promotion, please adjust.',
  },
  liveNotice: {
    away: (user, until, name) => `${user} is away until ${until}: their reminders and prompts for *${name}* wait until they are back.`,
    gone: (user, name) => `${user}’s Slack account is deactivated: nothing is sent to them. In *${name}*, give their tasks and goals to someone else.`,
    openPlan: 'Open plan',
  },
  liveChannelTrouble: (name, channel, reason) =>
    `:warning: I cannot post *${name}*’s digests and alerts in ${channel}: ${reason} Until that is fixed they are not posted; the campaign itself runs on.`,
}

const zh: LiveMessages = {
  liveDigest: {
    title: (name) => `每日日报：${name}`,
    fallback: (name, verdict) => `*${name}* 每日日报：${verdict}`,
    daysLeft: (days, endDate) => (days === 1 ? `*最后一天*（${endDate} 结束）` : `*还剩 ${days} 天*（${endDate} 结束）`),
    verdict: { on_track: '进度正常', at_risk: '有风险', behind: '落后' },
    verdictLine: {
      on_track: ':large_green_circle: *进度正常*：数据跟上进度，没有逾期任务。',
      at_risk: ':large_yellow_circle: *有风险*：有目标低于应有进度，或有任务逾期。',
      behind: ':red_circle: *落后*：有目标明显低于应有进度，推广需要调整。',
    },
    tasks: (done, total) => `*任务：* 已完成 ${done} / ${total}`,
    noTasks: '*任务：* 暂无',
    stage: (stage, done, total) => `${stage} ${done}/${total}`,
    dueToday: (count) => `*今天到期*（${count}）`,
    overdue: (count) => `*已逾期*（${count}）`,
    task: (title, owner) => `• ${title} — ${owner}`,
    overdueTask: (title, owner, dueDate) => `• ${title} — ${owner}（截止 ${dueDate}）`,
    more: (count) => `……还有 ${count} 项`,
    goals: '*目标*',
    goalName: (name) => `*${name}*`,
    figure: (actual, target, percent) => `${actual} / ${target}（${percent}%）`,
    noTarget: (actual) => `${actual}（未设目标）`,
    pace: (expected, asOf) => `截至 ${asOf} 应达 ${expected}`,
    notStarted: '第一天结束后开始计算进度',
    projected: (value) => `预计最终 ${value}`,
    figuresAsOf: (date) => `数据截至 ${date}`,
    noFigures: '尚未填报数据',
    openPlan: '打开方案',
  },
  paceAlert: {
    fallback: (goal, name) => `${name} 的 ${goal} 落后于应有进度`,
    text: (goal, name) => `:warning: *${name}* 的 *${goal}* 落后于应有进度。`,
    figures: (actual, expected, asOf, percent) => `目前 ${actual}，截至 ${asOf} 应达 ${expected}（进度的 ${percent}%）。`,
    projected: (value, target) => `照此速度，最终约为 ${value}（目标 ${target}）。`,
    promoters: (mentions) => `${mentions}：数据已更新，请据此调整推广。`,
    noPromoters: '方案中还没有推广负责人：请负责推广的同事据此调整。',
  },
  liveNotice: {
    away: (user, until, name) => `${user} 休假至 ${until}：在 TA 回来之前，*${name}* 给 TA 的提醒和数据填报请求都会暂停。`,
    gone: (user, name) => `${user} 的 Slack 账号已停用：不会再给 TA 发送任何消息。请在 *${name}* 中把 TA 的任务和目标交给其他人。`,
    openPlan: '打开方案',
  },
  liveChannelTrouble: (name, channel, reason) =>
    `:warning: 无法在 ${channel} 发布 *${name}* 的每日简报和提醒：${reason}在问题解决之前这些消息不会发出；活动本身照常进行。`,
}

export const liveMessages: Record<Locale, LiveMessages> = { en, 'zh-CN': zh }

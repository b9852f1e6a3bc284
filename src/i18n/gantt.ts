// The Gantt picture of a campaign's tasks (`/campaign gantt`, the plan message's Gantt button):
// the words drawn on it, the comment it is posted with, and the answers when it cannot be.
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type GanttMessages = {
  gantt: {
    /** mrkdwn: `<` and `>` written as entities, or Slack reads them as a link. */
    usage: string
    /** Drawn on the picture (plain text). */
    labels: { today: string; window: string; overdue: string; done: string }
    /** Posted with the picture in the campaign's channel. */
    comment: (name: M, asker: M) => string
    /** Read aloud by screen readers (plain text, at most 1000 characters). */
    altText: (name: string, tasks: number, overdue: number, start: string, end: string) => string
    noTasks: (name: M) => string
    notApproved: (name: M, stage: string) => string
    drawing: (name: M) => string
    alreadyDrawing: (name: M) => string
    postedIn: (name: M, channel: M) => string
    drawFailed: string
    notInChannel: (channel: M) => string
    channelGone: (channel: M) => string
    archived: (channel: M) => string
    slackRefused: (error: string) => string
  }
}

const en: GanttMessages = {
  gantt: {
    usage: 'Which campaign? `/campaign gantt &lt;name or id&gt;`, e.g. `/campaign gantt #12`.',
    labels: { today: 'Today', window: 'Campaign', overdue: 'Overdue', done: 'Done' },
    comment: (name, asker) => `Gantt chart of *${name}*, asked for by ${asker}.`,
    altText: (name, tasks, overdue, start, end) =>
      `Gantt chart of ${name}: ${tasks} task${tasks === 1 ? '' : 's'}${overdue > 0 ? `, ${overdue} overdue` : ''}; the campaign runs ${start} to ${end}.`,
    noTasks: (name) => `*${name}* has no tasks yet — add some from the plan or accept the template, then ask for the Gantt chart again.`,
    notApproved: (name, stage) => `*${name}* has no task plan yet: its proposal is not approved (now: ${stage}).`,
    drawing: (name) => `Drawing the Gantt chart of *${name}*…`,
    alreadyDrawing: (name) => `The Gantt chart of *${name}* is being drawn right now; it will appear in the campaign's channel in a moment.`,
    postedIn: (name, channel) => `The Gantt chart of *${name}* is in ${channel}.`,
    drawFailed: 'I could not draw the Gantt chart. Nothing was posted; please try again, and tell your admin if it keeps failing.',
    notInChannel: (channel) => `I cannot post in ${channel}: invite me there first (\`/invite @Campaign Desk\`), then ask again.`,
    channelGone: (channel) => `I cannot see the campaign's channel ${channel}: it may be private without me in it, or deleted. Invite me there (\`/invite @Campaign Desk\`), then ask again.`,
    archived: (channel) => `The campaign's channel ${channel} is archived, so I cannot post the Gantt chart there.`,
    slackRefused: (error) => `Slack refused the picture (${error}). Nothing was posted; please try again in a moment.`,
  },
}

const zhCN: GanttMessages = {
  gantt: {
    usage: '要看哪个活动？`/campaign gantt &lt;名称或编号&gt;`，例如 `/campaign gantt #12`。',
    labels: { today: '今天', window: '活动期', overdue: '已逾期', done: '已完成' },
    comment: (name, asker) => `*${name}* 的甘特图（${asker} 请求）。`,
    altText: (name, tasks, overdue, start, end) =>
      `${name} 的甘特图：共 ${tasks} 项任务${overdue > 0 ? `，${overdue} 项已逾期` : ''}；活动期 ${start} 至 ${end}。`,
    noTasks: (name) => `*${name}* 还没有任务——请先在活动方案里添加任务或采用任务模板，然后再生成甘特图。`,
    notApproved: (name, stage) => `*${name}* 还没有任务计划：提案尚未通过（当前：${stage}）。`,
    drawing: (name) => `正在绘制 *${name}* 的甘特图…`,
    alreadyDrawing: (name) => `*${name}* 的甘特图正在绘制中，稍后会出现在活动频道里。`,
    postedIn: (name, channel) => `*${name}* 的甘特图已发到 ${channel}。`,
    drawFailed: '甘特图没有画出来，也没有发布任何内容。请重试；如果一直失败，请告诉管理员。',
    notInChannel: (channel) => `我无法在 ${channel} 发消息：请先邀请我加入（\`/invite @Campaign Desk\`），然后再试。`,
    channelGone: (channel) => `我看不到活动频道 ${channel}：它可能是我不在其中的私有频道，或已被删除。请邀请我加入（\`/invite @Campaign Desk\`），然后再试。`,
    archived: (channel) => `活动频道 ${channel} 已归档，无法在那里发布甘特图。`,
    slackRefused: (error) => `Slack 拒绝了这张图片（${error}），没有发布任何内容。请稍后重试。`,
  },
}

export const ganttMessages: Record<Locale, GanttMessages> = { en, 'zh-CN': zhCN }

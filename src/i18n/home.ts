// App Home: the person's open tasks and campaigns, its buttons, and what a refused click says.
import type { HomeRole } from '../domain/home.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type HomeMessages = {
  home: {
    title: string
    intro: string
    newCampaign: string
    tasksHeader: (count: number) => string
    noTasks: string
    task: (title: M, campaign: M, status: string, due: string) => string
    overdue: string
    blocked: (reason: M) => string
    start: string
    complete: string
    moreTasks: (more: number) => string
    campaignsHeader: (count: number) => string
    noCampaigns: string
    campaign: (name: M, stage: string) => string
    role: Record<HomeRole, string>
    completeness: (complete: number, total: number) => string
    yourOpenTasks: (count: number) => string
    openPlan: string
    moreCampaigns: (more: number) => string
    planTitle: string
    close: string
    noticeTitle: string
    campaignGone: string
  }
}

const en: HomeMessages = {
  home: {
    title: 'Campaign Desk',
    intro: 'Your open tasks and the campaigns you own, approve or work on. This page updates itself when something of yours changes.',
    newCampaign: 'Propose a campaign',
    tasksHeader: (count) => `Your open tasks (${count})`,
    noTasks: 'No open tasks. :tada:',
    task: (title, campaign, status, due) => `*${title}*\n${campaign} · ${status} · due ${due}`,
    overdue: ':red_circle: *overdue*',
    blocked: (reason) => `Blocked: ${reason}`,
    start: 'Start',
    complete: 'Complete',
    moreTasks: (more) => `…and ${more} more open task${more === 1 ? '' : 's'}: see them all with \`/campaign mine\`.`,
    campaignsHeader: (count) => `Your campaigns (${count})`,
    noCampaigns: 'No campaigns in flight that you own, approve or work on. Propose one with the button above.',
    campaign: (name, stage) => `*${name}* · ${stage}`,
    role: { owner: 'owner', approver: 'approver', tasks: 'tasks' },
    completeness: (complete, total) => `plan ${complete}/${total} sections complete`,
    yourOpenTasks: (count) => `${count} open task${count === 1 ? '' : 's'} of yours`,
    openPlan: 'Open plan',
    moreCampaigns: (more) => `…and ${more} more campaign${more === 1 ? '' : 's'}: see them all with \`/campaign list\`.`,
    planTitle: 'Campaign plan',
    close: 'Close',
    noticeTitle: 'Campaign Desk',
    campaignGone: 'This campaign no longer exists.',
  },
}

const zhCN: HomeMessages = {
  home: {
    title: 'Campaign Desk 活动台',
    intro: '你的未完成任务，以及你负责、审批或参与的活动。与你有关的内容有变化时，本页会自动更新。',
    newCampaign: '提议新活动',
    tasksHeader: (count) => `你的未完成任务（${count}）`,
    noTasks: '没有未完成的任务。:tada:',
    task: (title, campaign, status, due) => `*${title}*\n${campaign} · ${status} · 截止 ${due}`,
    overdue: ':red_circle: *已逾期*',
    blocked: (reason) => `受阻：${reason}`,
    start: '开始',
    complete: '完成',
    moreTasks: (more) => `……还有 ${more} 项未完成任务：用 \`/campaign mine\` 查看全部。`,
    campaignsHeader: (count) => `你的活动（${count}）`,
    noCampaigns: '没有你负责、审批或参与的进行中活动。可以用上方的按钮提议一个。',
    campaign: (name, stage) => `*${name}* · ${stage}`,
    role: { owner: '负责人', approver: '审批人', tasks: '有任务' },
    completeness: (complete, total) => `计划已完成 ${complete}/${total} 部分`,
    yourOpenTasks: (count) => `你有 ${count} 项未完成任务`,
    openPlan: '打开计划',
    moreCampaigns: (more) => `……还有 ${more} 个活动：用 \`/campaign list\` 查看全部。`,
    planTitle: '活动计划',
    close: '关闭',
    noticeTitle: 'Campaign Desk',
    campaignGone: '该活动已不存在。',
  },
}

export const homeMessages: Record<Locale, HomeMessages> = { en, 'zh-CN': zhCN }

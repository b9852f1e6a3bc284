// Stage 2 surfaces for tasks: stages of work, statuses, the template offered on approval, the
// tasks modal and forms, the assignment DM, `/campaign tasks` and `/campaign mine`.
import type { TaskStatus, TaskTransitionRefusal, TemplateTaskKey, WorkStage } from '../domain/tasks.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type TaskMessages = {
  workStage: Record<WorkStage, string>
  taskStatus: Record<TaskStatus, string>
  template: {
    title: Record<TemplateTaskKey, string>
    offer: (name: M, kind: string, count: number) => string
    accept: string
    review: string
    skip: string
    accepted: (by: M, name: M, count: number) => string
    skipped: (by: M, name: M) => string
    reviewed: (name: M, count: number) => string
    alreadyAnswered: (decision: string) => string
    decision: { accepted: string; skipped: string }
    onlyOwner: string
    reviewTitle: string
    reviewIntro: (name: M, kind: string) => string
    reviewTask: (n: number, title: string, stage: string) => string
    leaveOut: string
    create: string
  }
  tasks: {
    modalTitle: string
    add: string
    empty: string
    overdue: string
    blockedBecause: (reason: M) => string
    dates: (start: string, due: string) => string
    more: (count: number) => string
    menu: { edit: string; start: string; complete: string; block: string; reopen: string; delete: string }
    done: { start: (title: M) => string; complete: (title: M) => string; block: (title: M) => string; reopen: (title: M) => string; delete: (title: M) => string; saved: (title: M) => string }
    refusal: Record<TaskTransitionRefusal, string>
    gone: string
    form: { newTitle: string; editTitle: string; title: string; stage: string; owner: string; start: string; due: string }
    blockModal: { title: string; intro: (title: M) => string; reason: string; placeholder: string; submit: string }
    assigned: (by: M, title: M, campaign: M, stage: string, start: string, due: string) => string
    dm: { start: string; complete: string; open: string; status: (status: string) => string }
    command: {
      usage: string
      header: (name: string) => string
      none: (name: M) => string
      notApproved: (name: M, stage: string) => string
      mineHeader: string
      mineEmpty: string
      mineCount: (count: number, overdue: number) => string
      open: string
    }
  }
}

const en: TaskMessages = {
  workStage: {
    creative: 'Creative', content: 'Content', design: 'Design', build: 'Build', promotion: 'Promotion', launch: 'Launch',
    data: 'Data', customer_service: 'Customer service', retrospective: 'Retrospective',
  },
  taskStatus: { todo: 'To do', in_progress: 'In progress', done: 'Done', blocked: 'Blocked' },
  template: {
    title: {
      creative_brief: 'Creative brief', campaign_theme: 'Settle the theme and key message', platform_rules_check: "Check the platform's campaign rules",
      campaign_copy: 'Write the campaign copy', visual_design: 'Visual design', platform_content: 'Prepare the platform posts',
      landing_page_build: 'Build the campaign page', account_setup: 'Set up the platform account and page', tracking_setup: 'Set up tracking of the goals',
      qa_test: 'Test the page end to end', promotion_preheat: 'Pre-heat promotion', customer_service_brief: 'Brief customer service',
      launch: 'Launch', daily_data_report: 'Report the figures daily', promotion_adjustments: 'Adjust promotion from the figures',
      customer_service: 'Answer participants', retrospective: 'Retrospective',
    },
    offer: (name, kind, count) => `*${name}* is approved. Start its task plan from the template for “${kind}” campaigns: ${count} tasks dated around the window, all assigned to you to hand out?`,
    accept: 'Use the template',
    review: 'Review first',
    skip: 'Skip',
    accepted: (by, name, count) => `:white_check_mark: ${by} started the task plan of *${name}* from the template: ${count} task${count === 1 ? '' : 's'} added.`,
    skipped: (by, name) => `${by} skipped the task template of *${name}*: tasks are added one by one.`,
    reviewed: (name, count) => `:white_check_mark: ${count} task${count === 1 ? '' : 's'} of the template added to *${name}*.`,
    alreadyAnswered: (decision) => `The task template was already answered (${decision}): nothing more was changed.`,
    decision: { accepted: 'used', skipped: 'skipped' },
    onlyOwner: "Only the campaign's owner or a workspace admin can answer the task template.",
    reviewTitle: 'Task template',
    reviewIntro: (name, kind) => `The template for *${name}* (${kind}). Change owners and dates, tick the tasks to leave out, then create the rest.`,
    reviewTask: (n, title, stage) => `${n}. ${title} (${stage})`,
    leaveOut: 'Leave this one out',
    create: 'Create tasks',
  },
  tasks: {
    modalTitle: 'Tasks',
    add: 'Add task',
    empty: 'No tasks yet.',
    overdue: ':warning: overdue',
    blockedBecause: (reason) => `Blocked: ${reason}`,
    dates: (start, due) => `${start} → ${due}`,
    more: (count) => `… and ${count} more.`,
    menu: { edit: 'Edit', start: 'Start', complete: 'Complete', block: 'Block…', reopen: 'Reopen', delete: 'Delete' },
    done: {
      start: (title) => `Started: *${title}*.`,
      complete: (title) => `:white_check_mark: Done: *${title}*.`,
      block: (title) => `Blocked: *${title}*.`,
      reopen: (title) => `Reopened: *${title}*.`,
      delete: (title) => `Deleted: *${title}*.`,
      saved: (title) => `Saved: *${title}*.`,
    },
    refusal: {
      already_in_progress: 'This task is already in progress.',
      already_done: 'This task is already done.',
      already_blocked: 'This task is already blocked.',
      not_done: 'Only a finished task can be reopened.',
      reason_required: 'Say what is in the way.',
      reason_too_long: 'Please keep the reason to 500 characters.',
    },
    gone: 'This task no longer exists: nothing was changed.',
    form: { newTitle: 'New task', editTitle: 'Edit task', title: 'Task', stage: 'Stage of work', owner: 'Owner', start: 'Start date', due: 'Due date' },
    blockModal: {
      title: 'Block task', intro: (title) => `*${title}* cannot go on. What is in the way?`, reason: 'Reason',
      placeholder: 'e.g. waiting for the platform to approve the page', submit: 'Block',
    },
    assigned: (by, title, campaign, stage, start, due) => `${by} assigned you *${title}* in *${campaign}* (${stage}): ${start} → ${due}.`,
    dm: { start: 'Start', complete: 'Complete', open: 'Open', status: (status) => `Now: ${status}.` },
    command: {
      usage: 'Which campaign? `/campaign tasks &lt;name or id&gt;`',
      header: (name) => `Tasks · ${name}`,
      none: (name) => `*${name}* has no tasks yet.`,
      notApproved: (name, stage) => `*${name}* has no task plan yet: its proposal is not approved (now: ${stage}).`,
      mineHeader: 'Your open tasks',
      mineEmpty: 'You have no open tasks. :tada:',
      mineCount: (count, overdue) => `${count} open${overdue > 0 ? ` · ${overdue} overdue` : ''}, soonest due first.`,
      open: 'Open tasks',
    },
  },
}

const zhCN: TaskMessages = {
  workStage: {
    creative: '创意', content: '内容', design: '设计', build: '搭建', promotion: '推广', launch: '上线',
    data: '数据', customer_service: '客服', retrospective: '总结',
  },
  taskStatus: { todo: '待开始', in_progress: '进行中', done: '已完成', blocked: '受阻' },
  template: {
    title: {
      creative_brief: '创意简报', campaign_theme: '确定主题和核心信息', platform_rules_check: '核对平台活动规则',
      campaign_copy: '撰写活动文案', visual_design: '视觉设计', platform_content: '准备平台发布内容',
      landing_page_build: '搭建活动页面', account_setup: '开通平台账号与页面', tracking_setup: '配置目标数据追踪',
      qa_test: '页面完整测试', promotion_preheat: '推广预热', customer_service_brief: '客服培训',
      launch: '活动上线', daily_data_report: '每日反馈数据', promotion_adjustments: '根据数据调整推广',
      customer_service: '答复参与者', retrospective: '活动总结',
    },
    offer: (name, kind, count) => `*${name}* 已通过审批。要用“${kind}”活动的模板开始任务计划吗？共 ${count} 项任务，按活动时间排好日期，先都分配给你再分派。`,
    accept: '使用模板',
    review: '先看看',
    skip: '跳过',
    accepted: (by, name, count) => `:white_check_mark: ${by} 用模板建立了 *${name}* 的任务计划：新增 ${count} 项任务。`,
    skipped: (by, name) => `${by} 跳过了 *${name}* 的任务模板：任务请逐项添加。`,
    reviewed: (name, count) => `:white_check_mark: 已为 *${name}* 添加模板中的 ${count} 项任务。`,
    alreadyAnswered: (decision) => `任务模板已经处理过了（${decision}）：没有再做更改。`,
    decision: { accepted: '已使用', skipped: '已跳过' },
    onlyOwner: '只有活动负责人或工作区管理员可以处理任务模板。',
    reviewTitle: '任务模板',
    reviewIntro: (name, kind) => `*${name}* 的任务模板（${kind}）。可修改负责人和日期，勾选不需要的任务，然后创建其余任务。`,
    reviewTask: (n, title, stage) => `${n}. ${title}（${stage}）`,
    leaveOut: '不要这一项',
    create: '创建任务',
  },
  tasks: {
    modalTitle: '任务',
    add: '添加任务',
    empty: '还没有任务。',
    overdue: ':warning: 已逾期',
    blockedBecause: (reason) => `受阻：${reason}`,
    dates: (start, due) => `${start} → ${due}`,
    more: (count) => `…… 还有 ${count} 项。`,
    menu: { edit: '编辑', start: '开始', complete: '完成', block: '标记受阻…', reopen: '重新打开', delete: '删除' },
    done: {
      start: (title) => `已开始：*${title}*。`,
      complete: (title) => `:white_check_mark: 已完成：*${title}*。`,
      block: (title) => `已标记受阻：*${title}*。`,
      reopen: (title) => `已重新打开：*${title}*。`,
      delete: (title) => `已删除：*${title}*。`,
      saved: (title) => `已保存：*${title}*。`,
    },
    refusal: {
      already_in_progress: '这项任务已经在进行中。',
      already_done: '这项任务已经完成。',
      already_blocked: '这项任务已经标记为受阻。',
      not_done: '只有已完成的任务才能重新打开。',
      reason_required: '请说明受阻的原因。',
      reason_too_long: '原因请控制在 500 个字符以内。',
    },
    gone: '这项任务已不存在：没有做任何更改。',
    form: { newTitle: '新任务', editTitle: '编辑任务', title: '任务', stage: '工作环节', owner: '负责人', start: '开始日期', due: '截止日期' },
    blockModal: {
      title: '标记受阻', intro: (title) => `*${title}* 无法继续。卡在哪里？`, reason: '原因',
      placeholder: '例如：等待平台审核活动页面', submit: '标记受阻',
    },
    assigned: (by, title, campaign, stage, start, due) => `${by} 把 *${campaign}* 的任务 *${title}*（${stage}）分配给了你：${start} → ${due}。`,
    dm: { start: '开始', complete: '完成', open: '打开', status: (status) => `当前状态：${status}。` },
    command: {
      usage: '要查看哪个活动的任务？`/campaign tasks &lt;名称或编号&gt;`',
      header: (name) => `任务 · ${name}`,
      none: (name) => `*${name}* 还没有任务。`,
      notApproved: (name, stage) => `*${name}* 还没有任务计划：提案尚未通过（当前：${stage}）。`,
      mineHeader: '我的未完成任务',
      mineEmpty: '你没有未完成的任务。:tada:',
      mineCount: (count, overdue) => `共 ${count} 项未完成${overdue > 0 ? `，其中 ${overdue} 项已逾期` : ''}，按截止日期排序。`,
      open: '打开任务',
    },
  },
}

export const taskMessages: Record<Locale, TaskMessages> = { en, 'zh-CN': zhCN }

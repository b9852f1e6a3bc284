// Stage 2 surfaces: the plan message, the section modals and their fields, the Ready step.
import { currencyFractionDigits } from '../domain/money.ts'
import type { CampaignStage } from '../domain/campaign.ts'
import type { PlanRefusal } from '../domain/planPermissions.ts'
import type { BasisKind, GoalMetric, Lever, Level, PlanFieldErrorCode, Purpose } from '../domain/plan.ts'
import type { PromotionChannel } from '../domain/planPromotion.ts'
import type { BudgetCategory } from '../domain/planBudget.ts'
import type { PlanSection, PlanWarning } from '../domain/planCompleteness.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type PlanMessages = {
  planCommand: { usage: string; notApproved: (name: M, stage: string) => string }
  plan: {
    section: Record<PlanSection, string>
    state: { done: string; missing: string; warnings: string }
    warning: Record<PlanWarning, string>
    header: (name: string) => string
    fallback: (name: M) => string
    progress: (done: number, total: number) => string
    stageLine: (stage: string) => string
    notWritten: string
    open: string
    ready: string
    backToPlanning: string
    gantt: string
    tasks: string
    readyHint: string
    scheduledLine: (by: M, start: string) => string
    summary: {
      purpose: (purpose: string, levers: string) => string
      /** `goals`: the first few, each from `goal`. */
      goals: (count: number, goals: readonly string[]) => string
      /** `target`: the figure with its unit ("8,000 people") or the amount of money. */
      goal: (metric: string, target: string) => string
      targetUsers: (who: M) => string
      window: (start: string, end: string, days: number) => string
      promotion: (items: number, channels: number) => string
      contentRules: (description: M, prizes: number) => string
      budget: (chosen: M, total: string, scenarios: number) => string
      budgetNoneChosen: (scenarios: number) => string
      risks: (count: number, high: number) => string
      tasks: (done: number, total: number, overdue: number) => string
    }
    readyRefused: (missing: string) => string
    /**
     * Ready or Back to planning pressed when someone was quicker (a second press, another
     * instance): where the plan stands now. `stageName` is `stage` in words.
     */
    alreadyMoved: (stage: CampaignStage, stageName: string, startDate: string) => string
    scheduledDm: (by: M, name: M, start: string) => string
    backToPlanningDone: (by: M, name: M) => string
    staleCopy: (by: M) => string
    itemGone: string
    campaignGone: string
    planClosed: (stage: string) => string
    refusal: Record<PlanRefusal, string>
    formOutdated: string
    /** A plan form whose inputs are not those of the form its metadata names. */
    formMismatch: string
    outdatedTitle: string
  }
  names: {
    purpose: Record<Purpose, string>
    lever: Record<Lever, string>
    metric: Record<GoalMetric, string>
    basisKind: Record<BasisKind, string>
    channel: Record<PromotionChannel, string>
    category: Record<BudgetCategory, string>
    level: Record<Level, string>
  }
  forms: {
    save: string
    cancel: string
    done: string
    add: string
    edit: string
    delete: string
    choose: string
    chosen: string
    nextPage: string
    previousPage: string
    page: (page: number, pages: number) => string
    nothingYet: string
    viewOnly: string
    currencyHint: (currency: string) => string
    titles: {
      purpose: string; goal: string; targetUsers: string; window: string; promotionItem: string; contentRules: string
      prize: string; scenario: string; estimate: string; risk: string; servicePlan: string
      goals: string; promotion: string; contentRulesList: string; budget: string; risks: string
    }
    purpose: { purpose: string; levers: string; productState: string; productStateHint: string }
    goal: {
      metric: string; customMetric: string; customMetricHint: string; unit: string; unitHint: string; target: string; targetHint: string
      basisKind: string; basis: string; basisHint: string; dataOwner: string; dataOwnerHint: string
    }
    targetUsers: { who: string; needs: string; ageRange: string; occupations: string; otherTraits: string }
    window: { start: string; end: string; hint: string }
    promotionItem: { channel: string; channelOther: string; what: string; onDate: string; onDateHint: string; promoter: string }
    contentRules: { description: string; descriptionHint: string; entryDeadline: string; eligibility: string; eligibilityHint: string; editRules: string; prizes: string }
    prize: { name: string; quantity: string; value: string; howGiven: string }
    scenario: { name: string; line: (n: number) => string; category: string; channel: string; amount: string; note: string; linesHint: string; moreLines: string }
    estimate: { channel: string; metric: string; customMetric: string; expected: string; expectedHint: string; title: string; none: string; missing: (channels: string) => string }
    risk: { description: string; likelihood: string; impact: string; mitigation: string; owner: string }
    servicePlan: { responder: string; feedbackProcess: string; title: string; edit: string; none: string }
    budgetTotals: (name: M, total: string, chosen: boolean) => string
    costPerResult: (channel: string, cost: string, metric: string) => string
    tooManyScenarios: string
    lineSummary: (category: string, channel: string, amount: string) => string
  }
  planFieldError: (code: PlanFieldErrorCode, max?: number) => string
  money: (minor: number, currency: string) => string
  number: (value: number) => string
}

// One formatter per language (and currency), made once: building an Intl.NumberFormat costs far
// more than formatting with it, and a digest or report formats hundreds of figures.
const number = (locale: string) => {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  return (value: number) => format.format(value)
}
const money = (locale: string) => {
  const formats = new Map<string, Intl.NumberFormat>()
  return (minor: number, currency: string) => {
    let format = formats.get(currency)
    if (!format) formats.set(currency, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })))
    // Integer minor units to the major unit only for display; sums are done on integers elsewhere.
    return format.format(minor / 10 ** currencyFractionDigits(currency))
  }
}

const en: PlanMessages = {
  planCommand: {
    usage: 'Which campaign? `/campaign plan &lt;name or id&gt;`',
    notApproved: (name, stage) => `*${name}* has no plan yet: its proposal is not approved (now: ${stage}).`,
  },
  plan: {
    section: {
      purpose: 'Purpose', goals: 'Goals', targetUsers: 'Target users', window: 'Time window', promotion: 'Promotion plan',
      contentRules: 'Content rules & prizes', budget: 'Budget & effect', risks: 'Risks & service', tasks: 'Tasks',
    },
    state: { done: ':white_check_mark: done', missing: ':white_circle: missing', warnings: ':warning: has warnings' },
    warning: {
      window_too_short: 'shorter than a week',
      window_too_long: 'longer than four weeks',
      goal_without_data_owner: 'a goal has no data owner',
      promotion_after_window: 'a promotion item is dated after the window',
      deadline_outside_window: 'the entry deadline is outside the window',
      budget_single_scenario: 'only one scenario: the method compares two or three',
      budget_none_chosen: 'no scenario chosen',
      budget_several_chosen: 'several scenarios chosen',
      channel_without_estimate: 'a promotion channel has no effect estimate',
      prizes_over_budget: 'the prizes cost more than the prize budget',
      no_service_plan: 'no customer-service plan',
      task_overdue: 'tasks overdue',
      task_blocked: 'tasks blocked',
    },
    header: (name) => `Plan: ${name}`,
    fallback: (name) => `Execution plan of ${name}`,
    progress: (done, total) => `Tasks: ${done} of ${total} done`,
    stageLine: (stage) => `Stage: ${stage}`,
    notWritten: 'Not written yet.',
    open: 'Open',
    ready: 'Ready to go live',
    backToPlanning: 'Back to planning',
    gantt: 'Gantt chart',
    tasks: 'Tasks',
    readyHint: 'When every section is done, the owner presses *Ready to go live*: the campaign is then scheduled to start on its start date.',
    scheduledLine: (by, start) => `:calendar: Scheduled by ${by}: goes live on ${start}.`,
    summary: {
      purpose: (purpose, levers) => `${purpose} · ${levers}`,
      goals: (count, goals) => `${count} goal${count === 1 ? '' : 's'} — ${goals.join('; ')}`,
      // The metric names what is counted and the unit belongs to the figure: "sign-ups: 8,000 people".
      goal: (metric, target) => `${metric}: ${target}`,
      targetUsers: (who) => who,
      window: (start, end, days) => `${start} – ${end} (${days} days)`,
      promotion: (items, channels) => `${items} item${items === 1 ? '' : 's'} on ${channels} channel${channels === 1 ? '' : 's'}`,
      contentRules: (description, prizes) => `${description} · ${prizes} prize${prizes === 1 ? '' : 's'}`,
      budget: (chosen, total, scenarios) => `Chosen: ${chosen}, ${total} (${scenarios} scenario${scenarios === 1 ? '' : 's'})`,
      budgetNoneChosen: (scenarios) => `${scenarios} scenario${scenarios === 1 ? '' : 's'}, none chosen`,
      risks: (count, high) => `${count} risk${count === 1 ? '' : 's'}${high > 0 ? ` (${high} high)` : ''}`,
      tasks: (done, total, overdue) => `${done} of ${total} done${overdue > 0 ? ` · ${overdue} overdue` : ''}`,
    },
    readyRefused: (missing) => `Not ready yet. Still missing: ${missing}.`,
    alreadyMoved: (stage, stageName, startDate) => stage === 'scheduled' ? `The plan is already scheduled: it goes live on ${startDate}.`
      : stage === 'planning' ? 'The plan is already back in planning.' : `The plan has already moved on (now: ${stageName}).`,
    scheduledDm: (by, name, start) => `:calendar: ${by} marked *${name}* ready: it goes live on ${start}.`,
    backToPlanningDone: (by, name) => `:leftwards_arrow_with_hook: ${by} took *${name}* back to planning.`,
    staleCopy: (by) => `:warning: ${by} changed this since you opened it. Here is the newer copy: make your change again and save.`,
    itemGone: 'This item was deleted meanwhile: nothing was saved.',
    campaignGone: 'This campaign no longer exists: nothing was saved.',
    planClosed: (stage) => `The plan can no longer be changed (the campaign is now: ${stage}).`,
    refusal: {
      not_owner_or_approver: "Only the campaign's owner, its approver or a workspace admin can change the plan.",
      not_the_owner: "Only the campaign's owner or a workspace admin can do this.",
      not_task_owner: "Only the task's owner, the campaign's owner or approver, or a workspace admin can change this task.",
      plan_closed: 'The plan can no longer be changed at this stage.',
      tasks_closed: 'Tasks can no longer be changed at this stage.',
      not_in_planning: 'The campaign is not in planning.',
      not_scheduled: 'The campaign is not scheduled.',
    },
    formOutdated: 'This form is out of date. Close it and open it again from the plan (`/campaign plan &lt;name&gt;`).',
    formMismatch: 'This form is not the one it claims to be (it may come from an older version of Campaign Desk), so nothing was saved. Close it and open it again from the plan (`/campaign plan &lt;name&gt;`).',
    outdatedTitle: 'Out of date',
  },
  names: {
    purpose: { brand_awareness: 'Brand awareness', sales: 'Sales' },
    lever: { acquisition: 'Acquisition', activation: 'Activation', exposure: 'Exposure' },
    metric: { visits: 'visits', signups: 'sign-ups', orders: 'orders', revenue: 'revenue', reposts: 'reposts', followers: 'followers', custom: 'custom metric' },
    basisKind: { reasoned: 'Reasoned (explain below)', past_campaigns: 'Past campaigns (name them below)' },
    channel: {
      own_platform: 'Our own platform', weibo: 'Weibo', wechat: 'WeChat', douyin: 'Douyin', xiaohongshu: 'Xiaohongshu', bilibili: 'Bilibili',
      email: 'Email', sms: 'SMS', paid_search: 'Paid search', kol: 'KOL', community: 'Community', other: 'Other',
    },
    category: { promotion: 'Promotion', prizes: 'Prizes & gifts', production: 'Production', other: 'Other' },
    level: { low: 'Low', medium: 'Medium', high: 'High' },
  },
  forms: {
    save: 'Save',
    cancel: 'Cancel',
    done: 'Done',
    add: 'Add',
    edit: 'Edit',
    delete: 'Delete',
    choose: 'Choose this scenario',
    chosen: 'chosen',
    nextPage: 'Next page',
    previousPage: 'Previous page',
    page: (page, pages) => `Page ${page} of ${pages}`,
    nothingYet: 'Nothing here yet.',
    viewOnly: 'You can look; only the owner, the approver or an admin can change the plan.',
    currencyHint: (currency) => `Amounts in ${currency}.`,
    titles: {
      purpose: 'Purpose', goal: 'Goal', targetUsers: 'Target users', window: 'Time window', promotionItem: 'Promotion item',
      contentRules: 'Content rules', prize: 'Prize', scenario: 'Budget scenario', estimate: 'Effect estimate', risk: 'Risk',
      servicePlan: 'Customer service', goals: 'Goals', promotion: 'Promotion plan', contentRulesList: 'Content & prizes',
      budget: 'Budget & effect', risks: 'Risks & service',
    },
    purpose: { purpose: 'Main purpose', levers: 'Levers', productState: "The product's current state", productStateHint: 'Where the product stands now: what this campaign starts from.' },
    goal: {
      metric: 'Metric', customMetric: 'Name of the custom metric', customMetricHint: 'Only for a custom metric.',
      unit: 'Unit', unitHint: 'e.g. people, %, posts (not for revenue).', target: 'Target', targetHint: 'A number; revenue in the plan currency.',
      basisKind: 'Basis', basis: 'Why this target', basisHint: 'The method asks for reasons: past campaigns with their figures, or your reasoning.',
      dataOwner: 'Data owner', dataOwnerHint: 'Who reports this figure while the campaign is live.',
    },
    targetUsers: { who: 'Who they are', needs: 'Their needs', ageRange: 'Age range', occupations: 'Occupations', otherTraits: 'Other traits' },
    window: { start: 'Start date', end: 'End date', hint: 'Campaigns usually run 1–4 weeks: longer tires people out, especially on fast media like Weibo.' },
    promotionItem: { channel: 'Channel', channelOther: 'Other channel', what: 'What', onDate: 'When', onDateHint: 'Inside the window, or before it to warm up.', promoter: 'Promoter' },
    contentRules: {
      description: 'The campaign in 1–2 sentences', descriptionHint: 'Precise: what people do and what they get.', entryDeadline: 'Entry deadline',
      eligibility: 'Who may take part, and on what conditions', eligibilityHint: 'e.g. registered users in mainland China, one entry per person.',
      editRules: 'Edit rules', prizes: 'Prizes',
    },
    prize: { name: 'Prize', quantity: 'Quantity', value: 'Value of one', howGiven: 'How it is given out' },
    scenario: {
      name: 'Scenario name', line: (n) => `Line ${n}`, category: 'Category', channel: 'Channel (promotion lines)', amount: 'Amount',
      note: 'Note', linesHint: 'Leave a line empty to drop it.', moreLines: 'More lines',
    },
    estimate: {
      channel: 'Channel', metric: 'Metric it drives', customMetric: 'Name of the custom metric', expected: 'Expected result (conservative)',
      expectedHint: 'A cautious figure: the method asks for a conservative estimate.', title: 'Conservative effect estimates',
      none: 'No estimates yet.', missing: (channels) => `No estimate yet for: ${channels}.`,
    },
    risk: { description: 'Risk', likelihood: 'Likelihood', impact: 'Impact', mitigation: 'Mitigation', owner: 'Owner' },
    servicePlan: {
      responder: 'Who answers participants', feedbackProcess: 'How problems are reported back', title: 'Customer service & incidents',
      edit: 'Edit service plan', none: 'No customer-service plan yet.',
    },
    budgetTotals: (name, total, chosen) => `*${name}*${chosen ? ' :white_check_mark:' : ''} · total ${total}`,
    costPerResult: (channel, cost, metric) => `${channel}: ${cost} per expected ${metric}`,
    tooManyScenarios: 'Three scenarios is the most the method compares: delete one first.',
    lineSummary: (category, channel, amount) => `${category}${channel ? ` (${channel})` : ''}: ${amount}`,
  },
  planFieldError: (code, max) => ({
    required: 'Please fill this in.',
    too_long: `Please keep this to ${max ?? 'fewer'} characters.`,
    too_many_sentences: 'Please say it in one or two sentences.',
    invalid_date: 'Please pick a valid date.',
    start_in_past: 'The start date is in the past: pick today or later.',
    end_not_after_start: 'The end date must be after the start date.',
    platform_required: 'Pick the platform.',
    platform_other_required: 'Name the platform.',
    timing_note_required: 'Please add a note.',
    name_taken: 'This name is already taken.',
    user_is_bot: 'Pick a person, not an app.',
    user_deactivated: 'This person has been deactivated: pick someone else.',
    user_unknown: 'Slack does not know this person: pick someone else.',
    channel_unreachable: 'I cannot post in this channel.',
    not_offered: 'That is not one of the choices this form offers: pick one from the list.',
    not_a_number: 'Please enter a number, e.g. 1200 or 1,200.50.',
    negative: 'Please enter zero or more.',
    too_many_decimals: 'Too many decimal places.',
    too_large: 'This number is too large.',
    must_be_positive: 'Please enter a number above zero.',
    not_a_whole_number: 'Please enter a whole number.',
    too_many: `At most ${max ?? 'a few'}.`,
    custom_metric_required: 'Name the custom metric.',
    channel_other_required: 'Name the channel.',
    channel_required: 'Pick the channel this promotion money goes to.',
    past_campaigns_required: 'Name the past campaigns.',
    after_window: 'This date is after the campaign ends.',
    outside_window: 'Pick a date within the campaign window.',
    due_before_start: 'The due date cannot be before the start date.',
  } satisfies Record<PlanFieldErrorCode, string>)[code],
  money: money('en'),
  number: number('en'),
}

const zhCN: PlanMessages = {
  planCommand: {
    usage: '要查看哪个活动的方案？`/campaign plan &lt;名称或编号&gt;`',
    notApproved: (name, stage) => `*${name}* 还没有执行方案：提案尚未通过（当前：${stage}）。`,
  },
  plan: {
    section: {
      purpose: '活动目的', goals: '活动目标', targetUsers: '目标用户', window: '活动时间', promotion: '推广方案',
      contentRules: '内容细则与奖品', budget: '预算与效果预估', risks: '风险与客服', tasks: '任务计划',
    },
    state: { done: ':white_check_mark: 已完成', missing: ':white_circle: 未填写', warnings: ':warning: 有提醒' },
    warning: {
      window_too_short: '不足一周',
      window_too_long: '超过四周',
      goal_without_data_owner: '有目标没有数据负责人',
      promotion_after_window: '有推广安排在活动结束之后',
      deadline_outside_window: '参与截止日期不在活动时间内',
      budget_single_scenario: '只有一个方案：方法建议比较 2–3 个',
      budget_none_chosen: '还没有选定方案',
      budget_several_chosen: '选定了多个方案',
      channel_without_estimate: '有推广渠道没有效果预估',
      prizes_over_budget: '奖品成本超出奖品预算',
      no_service_plan: '还没有客服预案',
      task_overdue: '有任务逾期',
      task_blocked: '有任务受阻',
    },
    header: (name) => `执行方案：${name}`,
    fallback: (name) => `${name} 的执行方案`,
    progress: (done, total) => `任务：已完成 ${done}/${total}`,
    stageLine: (stage) => `阶段：${stage}`,
    notWritten: '尚未填写。',
    open: '打开',
    ready: '准备上线',
    backToPlanning: '退回策划',
    gantt: '甘特图',
    tasks: '任务',
    readyHint: '所有部分完成后，由负责人点击“准备上线”：活动将在开始日期自动上线。',
    scheduledLine: (by, start) => `:calendar: ${by} 已安排上线：${start} 开始。`,
    summary: {
      purpose: (purpose, levers) => `${purpose} · ${levers}`,
      goals: (count, goals) => `${count} 个目标：${goals.join('；')}`,
      goal: (metric, target) => `${metric} ${target}`,
      targetUsers: (who) => who,
      window: (start, end, days) => `${start} 至 ${end}（${days} 天）`,
      promotion: (items, channels) => `${channels} 个渠道，${items} 项推广`,
      contentRules: (description, prizes) => `${description} · ${prizes} 种奖品`,
      budget: (chosen, total, scenarios) => `选定：${chosen}，${total}（共 ${scenarios} 个方案）`,
      budgetNoneChosen: (scenarios) => `${scenarios} 个方案，尚未选定`,
      risks: (count, high) => `${count} 项风险${high > 0 ? `（${high} 项高）` : ''}`,
      tasks: (done, total, overdue) => `已完成 ${done}/${total}${overdue > 0 ? ` · ${overdue} 项逾期` : ''}`,
    },
    readyRefused: (missing) => `还不能上线，尚缺：${missing}。`,
    alreadyMoved: (stage, stageName, startDate) => stage === 'scheduled' ? `方案已经安排上线：${startDate} 开始。`
      : stage === 'planning' ? '方案已经退回策划阶段。' : `方案已进入下一阶段（当前：${stageName}）。`,
    scheduledDm: (by, name, start) => `:calendar: ${by} 已将 *${name}* 标记为准备就绪：${start} 上线。`,
    backToPlanningDone: (by, name) => `:leftwards_arrow_with_hook: ${by} 已将 *${name}* 退回策划阶段。`,
    staleCopy: (by) => `:warning: 在你打开之后，${by} 修改了这里。下面是最新内容：请重新修改后保存。`,
    itemGone: '这一项已被删除：没有保存任何内容。',
    campaignGone: '这个活动已不存在：没有保存任何内容。',
    planClosed: (stage) => `方案已不能修改（活动当前阶段：${stage}）。`,
    refusal: {
      not_owner_or_approver: '只有活动负责人、审批人或工作区管理员可以修改方案。',
      not_the_owner: '只有活动负责人或工作区管理员可以执行此操作。',
      not_task_owner: '只有任务负责人、活动负责人或审批人、工作区管理员可以修改这个任务。',
      plan_closed: '当前阶段已不能修改方案。',
      tasks_closed: '当前阶段已不能修改任务。',
      not_in_planning: '活动不在策划阶段。',
      not_scheduled: '活动不在待上线阶段。',
    },
    formOutdated: '这个表单已过期。请关闭后从方案中重新打开（`/campaign plan &lt;名称&gt;`）。',
    formMismatch: '这个表单与它声称的表单不一致（可能来自旧版本的 Campaign Desk），内容没有保存。请关闭后从方案中重新打开（`/campaign plan &lt;名称&gt;`）。',
    outdatedTitle: '表单已过期',
  },
  names: {
    purpose: { brand_awareness: '品牌知名度', sales: '销售' },
    lever: { acquisition: '拉新', activation: '促活', exposure: '品牌曝光' },
    metric: { visits: '访问量', signups: '注册数', orders: '订单数', revenue: '销售额', reposts: '转发数', followers: '粉丝数', custom: '自定义指标' },
    basisKind: { reasoned: '推理依据（在下方说明）', past_campaigns: '过往活动（在下方写明）' },
    channel: {
      own_platform: '自有平台', weibo: '微博', wechat: '微信', douyin: '抖音', xiaohongshu: '小红书', bilibili: 'B站',
      email: '邮件', sms: '短信', paid_search: '搜索广告', kol: 'KOL', community: '社群', other: '其他',
    },
    category: { promotion: '推广费', prizes: '奖品礼品', production: '制作费', other: '其他' },
    level: { low: '低', medium: '中', high: '高' },
  },
  forms: {
    save: '保存',
    cancel: '取消',
    done: '完成',
    add: '添加',
    edit: '编辑',
    delete: '删除',
    choose: '选定此方案',
    chosen: '已选定',
    nextPage: '下一页',
    previousPage: '上一页',
    page: (page, pages) => `第 ${page}/${pages} 页`,
    nothingYet: '还没有内容。',
    viewOnly: '你可以查看；只有负责人、审批人或管理员可以修改方案。',
    currencyHint: (currency) => `金额单位：${currency}。`,
    titles: {
      purpose: '活动目的', goal: '活动目标', targetUsers: '目标用户', window: '活动时间', promotionItem: '推广安排',
      contentRules: '内容细则', prize: '奖品', scenario: '预算方案', estimate: '效果预估', risk: '风险',
      servicePlan: '客服预案', goals: '活动目标', promotion: '推广方案', contentRulesList: '内容细则与奖品',
      budget: '预算与效果预估', risks: '风险与客服',
    },
    purpose: { purpose: '主要目的', levers: '着力点', productState: '产品现状', productStateHint: '产品目前的情况：本次活动的出发点。' },
    goal: {
      metric: '指标', customMetric: '自定义指标名称', customMetricHint: '仅用于自定义指标。',
      unit: '单位', unitHint: '例如：人、%、条（销售额不填）。', target: '目标值', targetHint: '填数字；销售额按方案币种。',
      basisKind: '依据', basis: '为什么定这个目标', basisHint: '方法要求目标有理有据：过往同类活动的数据，或你的推算。',
      dataOwner: '数据负责人', dataOwnerHint: '活动上线后负责反馈这个数据的人。',
    },
    targetUsers: { who: '目标用户是谁', needs: '他们的需求', ageRange: '年龄段', occupations: '职业', otherTraits: '其他特征' },
    window: { start: '开始日期', end: '结束日期', hint: '活动一般持续 1–4 周：太长容易让用户疲劳，微博等快节奏媒体尤其如此。' },
    promotionItem: { channel: '渠道', channelOther: '其他渠道', what: '推广内容', onDate: '时间', onDateHint: '在活动时间内，或提前预热。', promoter: '推广负责人' },
    contentRules: {
      description: '用 1–2 句话说明活动', descriptionHint: '准确说明：用户做什么、得到什么。', entryDeadline: '参与截止日期',
      eligibility: '谁可以参与，需满足什么条件', eligibilityHint: '例如：中国大陆注册用户，每人限参与一次。',
      editRules: '编辑细则', prizes: '奖品',
    },
    prize: { name: '奖品', quantity: '数量', value: '单价', howGiven: '发放方式' },
    scenario: {
      name: '方案名称', line: (n) => `第 ${n} 项`, category: '类别', channel: '渠道（推广费）', amount: '金额',
      note: '备注', linesHint: '留空的行会被忽略。', moreLines: '更多行',
    },
    estimate: {
      channel: '渠道', metric: '带来的指标', customMetric: '自定义指标名称', expected: '预期效果（保守）',
      expectedHint: '请给出相对保守的数字。', title: '保守效果预估',
      none: '还没有效果预估。', missing: (channels) => `以下渠道还没有预估：${channels}。`,
    },
    risk: { description: '风险', likelihood: '可能性', impact: '影响', mitigation: '应对措施', owner: '负责人' },
    servicePlan: {
      responder: '谁来答复参与者', feedbackProcess: '问题如何反馈', title: '客服与突发情况',
      edit: '编辑客服预案', none: '还没有客服预案。',
    },
    budgetTotals: (name, total, chosen) => `*${name}*${chosen ? ' :white_check_mark:' : ''} · 合计 ${total}`,
    costPerResult: (channel, cost, metric) => `${channel}：每个预期${metric} ${cost}`,
    tooManyScenarios: '最多比较三个方案：请先删除一个。',
    lineSummary: (category, channel, amount) => `${category}${channel ? `（${channel}）` : ''}：${amount}`,
  },
  planFieldError: (code, max) => ({
    required: '请填写此项。',
    too_long: `请不要超过 ${max ?? ''} 个字符。`,
    too_many_sentences: '请用一到两句话说明。',
    invalid_date: '请选择有效的日期。',
    start_in_past: '开始日期已经过去：请选择今天或之后。',
    end_not_after_start: '结束日期必须晚于开始日期。',
    platform_required: '请选择平台。',
    platform_other_required: '请填写平台名称。',
    timing_note_required: '请补充说明。',
    name_taken: '这个名称已被使用。',
    user_is_bot: '请选择一个人，而不是应用。',
    user_deactivated: '此人已被停用：请选择其他人。',
    user_unknown: 'Slack 找不到此人：请选择其他人。',
    channel_unreachable: '我无法在这个频道发消息。',
    not_offered: '这不是表单提供的选项：请从列表中选择。',
    not_a_number: '请输入数字，例如 1200 或 1,200.50。',
    negative: '请输入零或正数。',
    too_many_decimals: '小数位数太多。',
    too_large: '数字太大。',
    must_be_positive: '请输入大于零的数字。',
    not_a_whole_number: '请输入整数。',
    too_many: `最多 ${max ?? ''} 项。`,
    custom_metric_required: '请填写自定义指标的名称。',
    channel_other_required: '请填写渠道名称。',
    channel_required: '请选择这笔推广费投放的渠道。',
    past_campaigns_required: '请写明参考的过往活动。',
    after_window: '这个日期在活动结束之后。',
    outside_window: '请选择活动时间内的日期。',
    due_before_start: '截止日期不能早于开始日期。',
  } satisfies Record<PlanFieldErrorCode, string>)[code],
  money: money('zh-CN'),
  number: number('zh-CN'),
}

export const planMessages: Record<Locale, PlanMessages> = { en, 'zh-CN': zhCN }

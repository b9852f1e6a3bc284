// Strings shared by every surface: help, names of stages, kinds, platforms and timing nodes,
// field errors, refusals, trouble, and the campaign list.
import type { CampaignKind, CampaignStage, Platform, TimingNode } from '../domain/campaign.ts'
import type { LengthWarning } from '../domain/dates.ts'
import type { FieldErrorCode } from '../domain/proposal.ts'
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type CommonMessages = {
  help: { title: string; lines: Array<[command: string, what: string]>; footer: string; unknown: (subcommand: M) => string }
  stage: Record<CampaignStage, string>
  kind: Record<CampaignKind, string>
  platform: Record<Platform, string>
  timingNode: Record<TimingNode, string>
  fieldError: (code: FieldErrorCode, max?: number) => string
  lengthWarning: (warning: LengthWarning) => string
  refusal: {
    notTheApprover: (approver: M) => string
    notTheOwner: string
    alreadyDecided: (stage: string) => string
    notSentBack: string
    campaignNotFound: (query: M) => string
  }
  trouble: {
    generic: string
    database: string
    slack: string
    modalExpired: string
  }
  /** A form whose private_metadata we cannot read (forged, or from an older version): nothing was done. */
  formOutdated: string
  deliveryReason: (slackError: string) => string
  list: { title: string; empty: string; item: (id: number, name: M, owner: M, start: string, end: string) => string; showHint: string }
  show: { usage: string; several: (query: M) => string; stage: string; createdBy: string }
}

const en: CommonMessages = {
  help: {
    title: 'Campaign Desk: plan and run campaigns from the first idea to the retrospective.',
    lines: [
      ['/campaign new', 'Propose a campaign: theme, basic content, timing, channel, owner and approver.'],
      ['/campaign list', 'Every campaign of this workspace, grouped by stage.'],
      ['/campaign show <name or id>', 'One campaign in detail.'],
      ['/campaign plan <name or id>', 'The execution plan of an approved campaign: each section, its state, a button to edit it.'],
      ['/campaign tasks <name or id>', "A campaign's tasks by stage of work, overdue ones marked."],
      ['/campaign mine', 'Your open tasks across campaigns, soonest due first.'],
      ['/campaign gantt <name or id>', "Post a Gantt chart of a campaign's tasks in its channel."],
      ['/campaign idea <text> [#timing_node]', "Add an idea to the workspace's board (a last word like #Double_11 tags its timing node); on a message, use the shortcut Add to campaign ideas."],
      ['/campaign ideas', 'Post the board of ideas here, most votes first: vote, and make one a proposal.'],
      ['/campaign brainstorm <topic> [until <YYYY-MM-DD>]', 'Call for ideas in this channel until a deadline (three days unless told); the top three are posted when it closes.'],
      ['/campaign calendar [country] [months] [chart]', 'The coming holidays, e-commerce dates and shopping seasons (3 months unless told, up to 12), the last day to propose for each, and a button to plan a campaign for it; `chart` posts it as a picture here.'],
      ['/campaign settings [campaign]', 'Workspace admins: time zone, holidays, working days, digest and prompt times, reminder lead, quiet digests, channel language, currency. With a campaign, its owner sets its own zone, times and quiet digests. `delete-data`: an admin deletes all of the workspace’s data. `api-keys`: an admin makes and revokes keys for sending figures by API.'],
      ['/campaign metrics <name or id>', "A live campaign's figures so far, goal by goal against target and pace, and a button to enter today's."],
      ['/campaign metrics import [name or id]', 'Figures from the CSV or .xlsx file you last shared in this channel: a preview first, then Record.'],
      ['/campaign portfolio [chart]', 'Every scheduled and live campaign of the workspace, most behind first: stage, days left, each goal against its pace, overdue tasks, budget and owner; `chart` posts one small chart per campaign here.'],
      ['/campaign away <YYYY-MM-DD> | back', 'Away until that day (included): your reminders and prompts wait until you are back, and the campaign owners are told.'],
      ['/campaign retro <name or id>', 'Fill in (or edit) your retrospective of a campaign that has ended.'],
      ['/campaign report <name or id>', "A campaign's compiled retrospective report."],
      ['/campaign lessons [purpose | kind | platform]', 'Lessons of past campaigns, with the campaigns they come from.'],
      ['/campaign export <name or id> [dm]', 'A campaign as a spreadsheet workbook and a Markdown document, uploaded to its channel (or to you with `dm`).'],
      ['/campaign help', 'This help.'],
    ],
    footer: 'A proposal is posted in its channel for the approver; once approved, its plan message opens there and the owner fills in the plan. Your open tasks and campaigns are also on the app’s Home tab.',
    unknown: (subcommand) => `I don't know \`/campaign ${subcommand}\`. Here is what I can do:`,
  },
  stage: {
    proposed: 'Proposed', sent_back: 'Sent back', planning: 'Planning', scheduled: 'Scheduled', live: 'Live',
    retrospective: 'Retrospective', closed: 'Closed', cancelled: 'Cancelled',
  },
  kind: { own_site: 'Our own site or app', platform: 'Another platform' },
  platform: {
    weibo: 'Weibo', wechat: 'WeChat', douyin: 'Douyin', bilibili: 'Bilibili', xiaohongshu: 'Xiaohongshu',
    youtube: 'YouTube', instagram: 'Instagram', tiktok: 'TikTok', x: 'X', other: 'Other',
  },
  timingNode: {
    holiday: 'Holiday', sales_peak: 'Sales peak season', periodic_promotion: 'Periodic promotion',
    competitor_response: "Response to a competitor's move", other: 'Other',
  },
  fieldError: (code, max) => ({
    required: 'Please fill this in.',
    too_long: `Please keep this to ${max ?? 'fewer'} characters.`,
    too_many_sentences: 'Please describe the campaign in one or two sentences.',
    invalid_date: 'Please pick a valid date.',
    start_in_past: 'The start date is in the past: pick today or later.',
    end_not_after_start: 'The end date must be after the start date.',
    platform_required: 'Pick the platform the campaign runs on.',
    platform_other_required: 'Name the platform.',
    timing_note_required: 'Say which holiday, which competitor move, or what else sets the timing.',
    name_taken: 'A campaign with this name is already planned or live in this workspace.',
    user_is_bot: 'Pick a person: apps and bots cannot approve.',
    user_deactivated: 'This person has been deactivated: pick someone else.',
    user_unknown: 'Slack does not know this person: pick someone else.',
    channel_unreachable: 'I am not in this private channel: invite me there first (/invite @Campaign Desk), or pick another channel.',
    not_offered: 'That is not one of the choices this form offers: pick one from the list.',
  })[code],
  lengthWarning: (w) => w.kind === 'too_short'
    ? `:warning: This campaign runs ${w.days} day${w.days === 1 ? '' : 's'}: campaigns usually need at least a week to build reach.`
    : `:warning: This campaign runs ${w.days} days: longer than four weeks tends to tire people out, especially on fast media like Weibo.`,
  refusal: {
    notTheApprover: (approver) => `Only the approver (${approver}) or a workspace admin can decide on this proposal.`,
    notTheOwner: 'Only the owner of the campaign or a workspace admin can revise it.',
    alreadyDecided: (stage) => `This proposal has already been decided (now: ${stage}).`,
    notSentBack: 'This proposal is not sent back, so there is nothing to revise.',
    campaignNotFound: (query) => `No campaign matches "${query}". Try \`/campaign list\`.`,
  },
  trouble: {
    generic: 'Something went wrong on our side. Nothing was changed; please try again.',
    database: 'Campaign Desk cannot reach its database right now. Nothing was changed; please try again in a minute.',
    slack: 'Slack did not answer just now. Please try again in a moment.',
    modalExpired: 'That took too long for Slack. Please run the command again.',
  },
  formOutdated: 'This form is out of date, so nothing was changed: close it and open it again from where you opened it.',
  deliveryReason: (error) => ({
    channel_not_found: 'the channel does not exist or I cannot see it.',
    not_in_channel: 'I am not a member and cannot join it (invite me with /invite @Campaign Desk).',
    is_archived: 'the channel is archived.',
    method_not_supported_for_channel_type: 'it is a private channel I am not in (invite me with /invite @Campaign Desk).',
    restricted_action: 'the workspace does not allow me to post there.',
  } as Record<string, string>)[error] ?? `Slack said "${error}".`,
  list: {
    title: 'Campaigns',
    empty: 'No campaigns yet. Start one with `/campaign new`.',
    item: (id, name, owner, start, end) => `#${id} *${name}* · ${owner} · ${start} – ${end}`,
    showHint: 'See one with `/campaign show &lt;name or id&gt;`.',
  },
  show: {
    usage: 'Which campaign? `/campaign show &lt;name or id&gt;`',
    several: (query) => `Several campaigns match "${query}":`,
    stage: 'Stage',
    createdBy: 'Proposed by',
  },
}

const zhCN: CommonMessages = {
  help: {
    title: 'Campaign Desk：从创意到活动总结，在 Slack 里策划并执行线上活动。',
    lines: [
      ['/campaign new', '提交活动提案：创意主题、基本内容、时间节点、频道、负责人和审批人。'],
      ['/campaign list', '按阶段列出本工作区的所有活动。'],
      ['/campaign show <名称或编号>', '查看某个活动的详情。'],
      ['/campaign plan <名称或编号>', '查看已通过活动的执行方案：每一部分的状态，以及编辑按钮。'],
      ['/campaign tasks <名称或编号>', '按工作环节列出活动的任务，标出已逾期的任务。'],
      ['/campaign mine', '列出你在各活动中未完成的任务，按截止日期排序。'],
      ['/campaign gantt <名称或编号>', '把活动的任务甘特图发到活动频道。'],
      ['/campaign idea <创意> [#时间节点]', '把创意加入工作区的创意看板（最后一个词如 #双十一 标注时间节点）；对某条消息可用快捷方式“添加到活动创意”。'],
      ['/campaign ideas', '在当前频道发布创意看板，按票数排列：投票，或把创意转为提案。'],
      ['/campaign brainstorm <主题> [until <YYYY-MM-DD>]', '在当前频道发起创意征集，直到截止时间（默认三天）；截止后公布前三名。'],
      ['/campaign calendar [国家] [月数] [chart]', '查看接下来的节假日、电商节点和购物季（默认 3 个月，最多 12 个月），每个节点的提案截止日，以及为它策划活动的按钮；加上 `chart` 则把日历以图片发到当前频道。'],
      ['/campaign settings [活动]', '工作区管理员：时区、公共假期、工作日、日报和数据填报时间、提前提醒天数、安静日报、频道语言、币种。加上活动名称，活动负责人可以设置该活动自己的时区、时间和安静日报。`delete-data`：管理员删除工作区的全部数据。`api-keys`：管理员创建和吊销通过 API 提交数据的密钥。'],
      ['/campaign metrics <名称或编号>', '查看进行中活动的数据：每个目标对照目标值和进度，并可填报今天的数据。'],
      ['/campaign metrics import [名称或编号]', '导入你最近在本频道分享的 CSV 或 .xlsx 文件中的数据：先预览，再记录。'],
      ['/campaign portfolio [chart]', '本工作区所有已排期和进行中的活动，落后最多的排在前面：阶段、剩余天数、每个目标对照进度、逾期任务、预算和负责人；加上 `chart` 则在当前频道发布每个活动的小图。'],
      ['/campaign away <YYYY-MM-DD> | back', '请假到该日（含）：你的提醒和数据填报会等你回来再发，并告知活动负责人。'],
      ['/campaign retro <名称或编号>', '填写（或修改）已结束活动的复盘表。'],
      ['/campaign report <名称或编号>', '查看活动的复盘总结报告。'],
      ['/campaign lessons [目的 | 类型 | 平台]', '查看过往活动的经验教训及其出处。'],
      ['/campaign export <名称或编号> [dm]', '把活动导出为电子表格和 Markdown 文档，上传到活动频道（加上 `dm` 则私信发给你）。'],
      ['/campaign help', '显示本帮助。'],
    ],
    footer: '提案会发到活动频道等待审批；通过后频道里会出现执行方案消息，由负责人填写方案。你的任务和活动也显示在应用的主页标签中。',
    unknown: (subcommand) => `没有 \`/campaign ${subcommand}\` 这个命令。可用的命令如下：`,
  },
  stage: {
    proposed: '提案中', sent_back: '已退回', planning: '方案策划', scheduled: '待上线', live: '进行中',
    retrospective: '活动总结', closed: '已结束', cancelled: '已取消',
  },
  kind: { own_site: '自有网站或 App', platform: '其他平台' },
  platform: {
    weibo: '微博', wechat: '微信', douyin: '抖音', bilibili: '哔哩哔哩', xiaohongshu: '小红书',
    youtube: 'YouTube', instagram: 'Instagram', tiktok: 'TikTok', x: 'X', other: '其他',
  },
  timingNode: {
    holiday: '节假日', sales_peak: '销售旺季', periodic_promotion: '定期优惠活动',
    competitor_response: '应对竞争对手', other: '其他',
  },
  fieldError: (code, max) => ({
    required: '请填写此项。',
    too_long: `请控制在 ${max ?? ''} 个字符以内。`,
    too_many_sentences: '请用一两句话描述活动。',
    invalid_date: '请选择有效的日期。',
    start_in_past: '开始日期已过，请选择今天或之后的日期。',
    end_not_after_start: '结束日期必须晚于开始日期。',
    platform_required: '请选择活动所在的平台。',
    platform_other_required: '请填写平台名称。',
    timing_note_required: '请说明是哪个节日、竞品的哪个动作，或其他时间依据。',
    name_taken: '本工作区已有同名活动正在筹备或进行中。',
    user_is_bot: '请选择一位成员：应用和机器人不能审批。',
    user_deactivated: '该成员已被停用，请选择其他人。',
    user_unknown: 'Slack 找不到该成员，请选择其他人。',
    channel_unreachable: '我不在这个私有频道里：请先邀请我（/invite @Campaign Desk），或选择其他频道。',
    not_offered: '这不是表单提供的选项：请从列表中选择。',
  })[code],
  lengthWarning: (w) => w.kind === 'too_short'
    ? `:warning: 活动只持续 ${w.days} 天：通常至少需要一周才能形成传播。`
    : `:warning: 活动持续 ${w.days} 天：超过四周容易使用户疲劳，微博等快速传播媒体尤甚。`,
  refusal: {
    notTheApprover: (approver) => `只有审批人（${approver}）或工作区管理员可以审批此提案。`,
    notTheOwner: '只有活动负责人或工作区管理员可以修改提案。',
    alreadyDecided: (stage) => `此提案已有审批结果（当前：${stage}）。`,
    notSentBack: '此提案未被退回，无需修改。',
    campaignNotFound: (query) => `没有找到与“${query}”匹配的活动。试试 \`/campaign list\`。`,
  },
  trouble: {
    generic: '我们这边出了点问题，没有做任何更改，请重试。',
    database: 'Campaign Desk 暂时无法连接数据库，没有做任何更改，请稍后重试。',
    slack: 'Slack 暂时没有响应，请稍后重试。',
    modalExpired: '操作超时，请重新输入命令。',
  },
  formOutdated: '这个表单已过期，所以没有做任何更改：请关闭它，再从原来的地方重新打开。',
  deliveryReason: (error) => ({
    channel_not_found: '频道不存在或我无权查看。',
    not_in_channel: '我不是频道成员，也无法加入（请用 /invite @Campaign Desk 邀请我）。',
    is_archived: '频道已归档。',
    method_not_supported_for_channel_type: '这是我不在的私有频道（请用 /invite @Campaign Desk 邀请我）。',
    restricted_action: '工作区不允许我在那里发消息。',
  } as Record<string, string>)[error] ?? `Slack 返回“${error}”。`,
  list: {
    title: '活动列表',
    empty: '还没有活动。用 `/campaign new` 创建第一个。',
    item: (id, name, owner, start, end) => `#${id} *${name}* · ${owner} · ${start} 至 ${end}`,
    showHint: '用 `/campaign show &lt;名称或编号&gt;` 查看详情。',
  },
  show: {
    usage: '要查看哪个活动？`/campaign show &lt;名称或编号&gt;`',
    several: (query) => `有多个活动与“${query}”匹配：`,
    stage: '阶段',
    createdBy: '提案人',
  },
}

export const commonMessages: Record<Locale, CommonMessages> = { en, 'zh-CN': zhCN }

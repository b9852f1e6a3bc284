// Every string a person reads in Slack, in English and Simplified Chinese.
// Parameters typed Mrkdwn must already be escaped (src/slack/blocks/mrkdwn.ts); plain strings
// here end up in plain_text objects, where Slack shows them as they are.
import type { CampaignKind, CampaignStage, Platform, TimingNode } from '../domain/campaign.ts'
import type { LengthWarning } from '../domain/dates.ts'
import type { FieldErrorCode } from '../domain/proposal.ts'
import type { Mrkdwn } from '../slack/blocks/mrkdwn.ts'

export const supportedLocales = ['en', 'zh-CN'] as const
export type Locale = (typeof supportedLocales)[number]

/** Slack's locale (e.g. 'zh-CN', 'zh-TW', 'en-US') → the catalogue to use; English when unknown. */
export function localeFromSlack(slackLocale: string | null | undefined): Locale {
  return slackLocale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

type M = Mrkdwn

export type Messages = {
  help: { title: string; lines: Array<[command: string, what: string]>; footer: string; unknown: (subcommand: M) => string }
  stage: Record<CampaignStage, string>
  kind: Record<CampaignKind, string>
  platform: Record<Platform, string>
  timingNode: Record<TimingNode, string>
  proposalModal: {
    titleNew: string
    titleRevise: string
    submitNew: string
    submitRevise: string
    close: string
    intro: string
    name: { label: string; placeholder: string }
    theme: { label: string; placeholder: string; hint: string }
    basicContent: { label: string; placeholder: string; hint: string }
    kind: { label: string }
    platform: { label: string; hint: string }
    platformOther: { label: string; hint: string }
    timingNode: { label: string }
    timingNote: { label: string; placeholder: string; hint: string }
    startDate: { label: string }
    endDate: { label: string; hint: string }
    channel: { label: string; hint: string }
    owner: { label: string }
    approver: { label: string; hint: string }
  }
  fieldError: (code: FieldErrorCode, max?: number) => string
  lengthWarning: (warning: LengthWarning) => string
  card: {
    fallback: (name: M) => string
    header: (name: string) => string
    theme: string
    basicContent: string
    where: string
    timing: string
    window: string
    windowValue: (start: string, end: string, days: number) => string
    owner: string
    approver: string
    waitingFor: (approver: M) => string
    approved: (by: M, when: string) => string
    sentBack: (by: M, when: string, reason: M) => string
    revised: (revision: number) => string
    approve: string
    sendBack: string
  }
  dm: {
    reviewRequest: (owner: M, name: M, channel: M) => string
    reviewAgain: (owner: M, name: M, channel: M, revision: number) => string
    approved: (by: M, name: M) => string
    sentBack: (by: M, name: M, reason: M) => string
    revise: string
    deliveryFailed: (name: M, channel: M, reason: string) => string
  }
  sendBackModal: { title: string; submit: string; close: string; label: string; placeholder: string; intro: (name: M) => string }
  savedModal: { title: string; close: string; postPending: (name: M, channel: M) => string }
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
  deliveryReason: (slackError: string) => string
  list: { title: string; empty: string; item: (id: number, name: M, owner: M, start: string, end: string) => string; showHint: string }
  show: { usage: string; several: (query: M) => string; stage: string; createdBy: string }
}

const en: Messages = {
  help: {
    title: 'Campaign Desk: plan and run campaigns from the first idea to the retrospective.',
    lines: [
      ['/campaign new', 'Propose a campaign: theme, basic content, timing, channel, owner and approver.'],
      ['/campaign list', 'Every campaign of this workspace, grouped by stage.'],
      ['/campaign show <name or id>', 'One campaign in detail.'],
      ['/campaign help', 'This help.'],
    ],
    footer: 'A proposal is posted in its channel for the approver; once approved it moves on to planning.',
    unknown: (subcommand) => `I don't know \`/campaign ${subcommand}\`. Here is what I can do:`,
  },
  stage: {
    proposed: 'Proposed', sent_back: 'Sent back', planning: 'Planning', live: 'Live',
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
  proposalModal: {
    titleNew: 'New campaign',
    titleRevise: 'Revise proposal',
    submitNew: 'Submit',
    submitRevise: 'Resubmit',
    close: 'Cancel',
    intro: 'A proposal fixes the creative theme and the basic content with its timing. Once approved, the campaign moves on to its full plan.',
    name: { label: 'Campaign name', placeholder: 'e.g. Double 11 tea festival' },
    theme: { label: 'Creative theme', placeholder: 'The idea in a few words', hint: 'What the campaign is about, the hook people remember.' },
    basicContent: { label: 'Basic content', placeholder: 'What happens, for whom, in one or two sentences.', hint: 'One or two precise sentences.' },
    kind: { label: 'Where it runs' },
    platform: { label: 'Platform', hint: 'Needed when the campaign runs on another platform.' },
    platformOther: { label: 'Other platform', hint: 'Its name, when the platform is "Other".' },
    timingNode: { label: 'Timing node' },
    timingNote: { label: 'About the timing', placeholder: "e.g. Mid-Autumn Festival, or the competitor's launch on 1 Dec", hint: 'Which holiday, which competitor move… (required for those and for Other).' },
    startDate: { label: 'Start date' },
    endDate: { label: 'End date', hint: 'Campaigns usually run 1–4 weeks: longer tires people out.' },
    channel: { label: 'Campaign channel', hint: 'The proposal is posted here. For a private channel, invite the app first.' },
    owner: { label: 'Owner' },
    approver: { label: 'Approver', hint: 'Who approves or sends back the proposal.' },
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
  })[code],
  lengthWarning: (w) => w.kind === 'too_short'
    ? `:warning: This campaign runs ${w.days} day${w.days === 1 ? '' : 's'}: campaigns usually need at least a week to build reach.`
    : `:warning: This campaign runs ${w.days} days: longer than four weeks tends to tire people out, especially on fast media like Weibo.`,
  card: {
    fallback: (name) => `Campaign proposal: ${name}`,
    header: (name) => `Campaign proposal: ${name}`,
    theme: 'Creative theme',
    basicContent: 'Basic content',
    where: 'Where',
    timing: 'Timing',
    window: 'Window',
    windowValue: (start, end, days) => `${start} – ${end} (${days} days)`,
    owner: 'Owner',
    approver: 'Approver',
    waitingFor: (approver) => `:hourglass_flowing_sand: Waiting for ${approver} to approve or send back.`,
    approved: (by, when) => `:white_check_mark: Approved by ${by} on ${when}. Next: the full execution plan.`,
    sentBack: (by, when, reason) => `:leftwards_arrow_with_hook: Sent back by ${by} on ${when}: ${reason}`,
    revised: (revision) => `Revision ${revision}`,
    approve: 'Approve',
    sendBack: 'Send back',
  },
  dm: {
    reviewRequest: (owner, name, channel) => `${owner} proposes *${name}* in ${channel} and asks you to approve or send it back.`,
    reviewAgain: (owner, name, channel, revision) => `${owner} revised *${name}* (revision ${revision}) in ${channel}: please have another look.`,
    approved: (by, name) => `:white_check_mark: ${by} approved *${name}*. Next comes the full execution plan.`,
    sentBack: (by, name, reason) => `:leftwards_arrow_with_hook: ${by} sent back *${name}*: ${reason}`,
    revise: 'Revise',
    deliveryFailed: (name, channel, reason) => `:warning: I could not post the proposal *${name}* in ${channel}: ${reason} The campaign is saved; run \`/campaign show\` to see it.`,
  },
  sendBackModal: {
    title: 'Send back proposal',
    submit: 'Send back',
    close: 'Cancel',
    label: 'What should change?',
    placeholder: 'The owner sees this and can revise the proposal.',
    intro: (name) => `Send *${name}* back to its owner with a reason.`,
  },
  savedModal: {
    title: 'Proposal saved',
    close: 'Close',
    postPending: (name, channel) => `*${name}* is saved. Slack did not accept the post in ${channel} just now; I will keep trying and post it there as soon as Slack answers. Nothing to redo.`,
  },
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
    showHint: 'See one with `/campaign show <name or id>`.',
  },
  show: {
    usage: 'Which campaign? `/campaign show <name or id>`',
    several: (query) => `Several campaigns match "${query}":`,
    stage: 'Stage',
    createdBy: 'Proposed by',
  },
}

const zhCN: Messages = {
  help: {
    title: 'Campaign Desk：从创意到活动总结，在 Slack 里策划并执行线上活动。',
    lines: [
      ['/campaign new', '提交活动提案：创意主题、基本内容、时间节点、频道、负责人和审批人。'],
      ['/campaign list', '按阶段列出本工作区的所有活动。'],
      ['/campaign show <名称或编号>', '查看某个活动的详情。'],
      ['/campaign help', '显示本帮助。'],
    ],
    footer: '提案会发到活动频道等待审批；通过后进入活动执行全案阶段。',
    unknown: (subcommand) => `没有 \`/campaign ${subcommand}\` 这个命令。可用的命令如下：`,
  },
  stage: {
    proposed: '提案中', sent_back: '已退回', planning: '方案策划', live: '进行中',
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
  proposalModal: {
    titleNew: '新建活动提案',
    titleRevise: '修改提案',
    submitNew: '提交',
    submitRevise: '重新提交',
    close: '取消',
    intro: '提案确定两点：创意主题，以及活动的基本内容和时间点。提案通过后，进入活动执行全案阶段。',
    name: { label: '活动名称', placeholder: '例如：双十一茶叶节' },
    theme: { label: '创意主题', placeholder: '用几个词概括创意', hint: '活动的核心创意，让人记住的点。' },
    basicContent: { label: '基本内容', placeholder: '用一两句话说明活动内容和对象。', hint: '用 1-2 句话准确描述，切忌含糊。' },
    kind: { label: '活动载体' },
    platform: { label: '平台', hint: '依托其他平台时必填。' },
    platformOther: { label: '其他平台', hint: '平台选“其他”时填写名称。' },
    timingNode: { label: '时间节点' },
    timingNote: { label: '时间节点说明', placeholder: '例如：中秋节，或竞品 12 月 1 日的新品发布', hint: '哪个节日、竞品的哪个动作……（节假日、应对竞品和其他时必填）。' },
    startDate: { label: '开始日期' },
    endDate: { label: '结束日期', hint: '活动周期通常为 1~4 周，时间太长易使用户疲劳。' },
    channel: { label: '活动频道', hint: '提案会发到这里。私有频道请先邀请本应用。' },
    owner: { label: '负责人' },
    approver: { label: '审批人', hint: '负责通过或退回提案的人。' },
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
  })[code],
  lengthWarning: (w) => w.kind === 'too_short'
    ? `:warning: 活动只持续 ${w.days} 天：通常至少需要一周才能形成传播。`
    : `:warning: 活动持续 ${w.days} 天：超过四周容易使用户疲劳，微博等快速传播媒体尤甚。`,
  card: {
    fallback: (name) => `活动提案：${name}`,
    header: (name) => `活动提案：${name}`,
    theme: '创意主题',
    basicContent: '基本内容',
    where: '活动载体',
    timing: '时间节点',
    window: '活动时间',
    windowValue: (start, end, days) => `${start} 至 ${end}（${days} 天）`,
    owner: '负责人',
    approver: '审批人',
    waitingFor: (approver) => `:hourglass_flowing_sand: 等待 ${approver} 审批。`,
    approved: (by, when) => `:white_check_mark: ${by} 于 ${when} 通过。下一步：活动执行全案。`,
    sentBack: (by, when, reason) => `:leftwards_arrow_with_hook: ${by} 于 ${when} 退回：${reason}`,
    revised: (revision) => `第 ${revision} 版`,
    approve: '通过',
    sendBack: '退回',
  },
  dm: {
    reviewRequest: (owner, name, channel) => `${owner} 在 ${channel} 提交了活动提案 *${name}*，请你审批。`,
    reviewAgain: (owner, name, channel, revision) => `${owner} 修改了 ${channel} 中的提案 *${name}*（第 ${revision} 版），请再次审批。`,
    approved: (by, name) => `:white_check_mark: ${by} 通过了 *${name}*。下一步：活动执行全案。`,
    sentBack: (by, name, reason) => `:leftwards_arrow_with_hook: ${by} 退回了 *${name}*：${reason}`,
    revise: '修改提案',
    deliveryFailed: (name, channel, reason) => `:warning: 无法在 ${channel} 发布提案 *${name}*：${reason}活动已保存，可用 \`/campaign show\` 查看。`,
  },
  sendBackModal: {
    title: '退回提案',
    submit: '退回',
    close: '取消',
    label: '需要修改什么？',
    placeholder: '负责人会看到这条说明并修改提案。',
    intro: (name) => `将 *${name}* 退回给负责人，并说明原因。`,
  },
  savedModal: {
    title: '提案已保存',
    close: '关闭',
    postPending: (name, channel) => `*${name}* 已保存。Slack 暂时没有接受在 ${channel} 的发布；我会继续重试，Slack 恢复后立即发布，无需重新提交。`,
  },
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
    showHint: '用 `/campaign show <名称或编号>` 查看详情。',
  },
  show: {
    usage: '要查看哪个活动？`/campaign show <名称或编号>`',
    several: (query) => `有多个活动与“${query}”匹配：`,
    stage: '阶段',
    createdBy: '提案人',
  },
}

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN }

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale]
}

// Stage 1 surfaces: the proposal modal, the proposal card, its DMs and the send-back modal.
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type ProposalMessages = {
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
}

const en: ProposalMessages = {
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
}

const zhCN: ProposalMessages = {
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
}

export const proposalMessages: Record<Locale, ProposalMessages> = { en, 'zh-CN': zhCN }

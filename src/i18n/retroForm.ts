// The retrospective's prompts, the reminder, the retro form and `/campaign retro` (issue 8, points
// 1–2); part of the retro catalogue (retro.ts). Mrkdwn parameters come escaped.
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

export type RetroFormMessages = {
  fillIn: string
  promptChannel: (name: Mrkdwn, endDate: string, participants: Mrkdwn) => string
  promptDm: (name: Mrkdwn, endDate: string) => string
  reminderDm: (name: Mrkdwn) => string
  modalTitle: string
  actualsTitle: string
  save: string
  next: string
  intro: (name: Mrkdwn) => string
  editing: (when: string) => string
  overallEffect: string
  effect: Record<1 | 2 | 3 | 4 | 5, string>
  stagesHeader: string
  worked: (stage: string) => string
  failed: (stage: string) => string
  biggestLesson: string
  wouldRunAgain: string
  again: Record<'yes' | 'with_changes' | 'no', string>
  actualsHeader: string
  actualsIntro: string
  goalFinal: (metric: string, target: string, soFar: string) => string
  lineActual: (category: string, planned: string) => string
  prizeGivenOut: (name: string, quantity: number) => string
  actualsNextPage: string
  actualsMore: (shown: number, total: number) => string
  saved: (name: Mrkdwn) => string
  savedTitle: string
  usage: string
  notEnded: (name: Mrkdwn, stage: string) => string
  compiled: (name: Mrkdwn) => string
  notParticipant: (name: Mrkdwn) => string
  /** The title over each refusal above (a modal title: at most 24 characters). */
  refusalTitle: { notEnded: string; compiled: string; notParticipant: string }
  stale: string
}

const en: RetroFormMessages = {
  fillIn: 'Fill in the retro',
  promptChannel: (name, endDate, participants) =>
    `:checkered_flag: *${name}* ended on ${endDate}. Time for the retrospective: how did it go, what worked and what did not in each part, and what do we do better next time? ${participants}, please fill in your retro.`,
  promptDm: (name, endDate) => `*${name}* ended on ${endDate}. Please fill in your retrospective: a few minutes, and it shapes the next campaign.`,
  reminderDm: (name) => `A reminder: your retrospective of *${name}* is still missing. The report is compiled soon.`,
  modalTitle: 'Retrospective',
  actualsTitle: 'Actuals',
  save: 'Save',
  next: 'Save and next',
  intro: (name) => `Your retrospective of *${name}*. You can edit it until the report is compiled.`,
  editing: (when) => `You answered on ${when}: saving replaces that answer.`,
  overallEffect: 'Overall effect',
  effect: { 1: '1 – poor', 2: '2 – below expectations', 3: '3 – as expected', 4: '4 – good', 5: '5 – excellent' },
  stagesHeader: 'What worked and what failed, by stage of work',
  worked: (stage) => `${stage}: what worked`,
  failed: (stage) => `${stage}: what failed`,
  biggestLesson: 'The biggest lesson',
  wouldRunAgain: 'Would you run it again?',
  again: { yes: 'Yes', with_changes: 'Yes, with changes', no: 'No' },
  actualsHeader: 'Actuals (owner)',
  actualsIntro: 'The final figures: each goal (prefilled from the last entry), what each budget line actually cost, and the prizes given out. Leave a field empty if it is not known yet.',
  goalFinal: (metric, target, soFar) => `Final ${metric} (target ${target}, so far ${soFar})`,
  lineActual: (category, planned) => `Actual spend: ${category} (planned ${planned})`,
  prizeGivenOut: (name, quantity) => `Prizes given out: ${name} (of ${quantity})`,
  actualsNextPage: 'The actuals follow on a second page, after you save this one.',
  actualsMore: (shown, total) => `Showing ${shown} of ${total} figures: the others stay as they are.`,
  saved: (name) => `:white_check_mark: Your retrospective of *${name}* is saved. Thank you!`,
  savedTitle: 'Saved',
  usage: 'Which campaign? `/campaign retro &lt;name or id&gt;`',
  notEnded: (name, stage) => `*${name}* has not ended yet (now: ${stage}): the retrospective opens when it ends.`,
  compiled: (name) => `The retrospective report of *${name}* is already compiled: answers can no longer be changed.`,
  notParticipant: (name) => `You did not take part in *${name}* (owner, approver, task owner, data owner or promoter), so there is no retro for you to fill in.`,
  refusalTitle: { notEnded: 'Not ended yet', compiled: 'Report compiled', notParticipant: 'Not a participant' },
  stale: 'You saved this retro elsewhere in the meantime: close this form and open it again to edit the newer answer.',
}

const zh: RetroFormMessages = {
  fillIn: '填写复盘',
  promptChannel: (name, endDate, participants) =>
    `:checkered_flag: *${name}* 已于 ${endDate} 结束。该做活动总结了：整体效果如何，每个环节哪些做得好、哪些没做好，下次如何做得更好？请 ${participants} 填写复盘。`,
  promptDm: (name, endDate) => `*${name}* 已于 ${endDate} 结束。请填写你的活动复盘：只需几分钟，它会帮助下一次活动。`,
  reminderDm: (name) => `提醒：你还没有填写 *${name}* 的复盘，总结报告即将汇总。`,
  modalTitle: '活动复盘',
  actualsTitle: '实际数据',
  save: '保存',
  next: '保存并继续',
  intro: (name) => `你对 *${name}* 的复盘。报告汇总之前都可以修改。`,
  editing: (when) => `你已于 ${when} 填写过：保存将替换之前的回答。`,
  overallEffect: '整体效果',
  effect: { 1: '1 – 很差', 2: '2 – 低于预期', 3: '3 – 符合预期', 4: '4 – 良好', 5: '5 – 非常好' },
  stagesHeader: '各环节做得好与没做好的地方',
  worked: (stage) => `${stage}：做得好的`,
  failed: (stage) => `${stage}：没做好的`,
  biggestLesson: '最大的教训',
  wouldRunAgain: '还会再办这样的活动吗？',
  again: { yes: '会', with_changes: '会，但要调整', no: '不会' },
  actualsHeader: '实际数据（负责人）',
  actualsIntro: '最终数据：每个目标的最终数值（已按最近一次录入预填）、每项预算的实际花费、实际发放的奖品数量。尚不清楚的可以留空。',
  goalFinal: (metric, target, soFar) => `${metric} 最终数值（目标 ${target}，目前 ${soFar}）`,
  lineActual: (category, planned) => `实际花费：${category}（计划 ${planned}）`,
  prizeGivenOut: (name, quantity) => `实际发放奖品：${name}（共 ${quantity}）`,
  actualsNextPage: '保存本页后，在第二页填写实际数据。',
  actualsMore: (shown, total) => `显示 ${total} 项中的 ${shown} 项：其余保持不变。`,
  saved: (name) => `:white_check_mark: 你对 *${name}* 的复盘已保存，谢谢！`,
  savedTitle: '已保存',
  usage: '哪个活动？`/campaign retro &lt;名称或编号&gt;`',
  notEnded: (name, stage) => `*${name}* 尚未结束（当前：${stage}）：活动结束后才能填写复盘。`,
  compiled: (name) => `*${name}* 的复盘报告已汇总，回答不能再修改。`,
  notParticipant: (name) => `你没有参与 *${name}*（负责人、审批人、任务负责人、数据负责人或推广人），因此没有需要你填写的复盘。`,
  refusalTitle: { notEnded: '活动尚未结束', compiled: '报告已汇总', notParticipant: '未参与此活动' },
  stale: '你在别处已保存过这份复盘：请关闭此表单后重新打开，编辑最新的回答。',
}

export const retroFormMessages: Record<Locale, RetroFormMessages> = { en, 'zh-CN': zh }

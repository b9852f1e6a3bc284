// The compiled retrospective report (issue 8, point 3) and `/campaign report`: a part of the
// retrospective's catalogue (src/i18n/retro.ts holds it under `retroReport`).
import type { Mrkdwn } from './mrkdwn.ts'
import type { Locale } from './locale.ts'

type M = Mrkdwn

export type ReportReason = 'all_answered' | 'deadline' | 'owner'

export type RetroReportMessages = {
  header: (name: string) => string
  fallback: (name: M) => string
  compiled: (reason: ReportReason, by: M | null, on: string) => string
  window: (start: string, end: string) => string
  respondents: (answered: number, asked: number) => string
  titles: { goals: string; budget: (scenario: M) => string; costs: string; tasks: string; remarks: string; lessons: string; score: string }
  goal: (metric: string, achieved: string, target: string, percent: string, met: boolean) => string
  goalNoFigure: (metric: string, target: string) => string
  fromRunningTotal: string
  noGoals: string
  budgetLine: (what: string, planned: string, actual: string, difference: string) => string
  budgetLineNoActual: (what: string, planned: string) => string
  budgetTotal: (planned: string, actual: string, difference: string) => string
  budgetMissing: (lines: number) => string
  noBudget: string
  cost: (channel: string, metric: string, actual: string, estimated: string, verdict: 'better' | 'worse' | 'same') => string
  costNoActual: (channel: string, metric: string, estimated: string, why: 'spend' | 'results') => string
  costNote: string
  noCosts: string
  stageTasks: (stage: string, onTime: number, late: number, notDone: number) => string
  taskTotals: (onTime: number, total: number) => string
  noTasks: string
  worked: string
  failed: string
  remark: (who: M, text: M) => string
  noRemarks: string
  noLessons: string
  score: (average: string, answers: number) => string
  noScore: string
  wouldRunAgain: (yes: number, withChanges: number, no: number) => string
  chartInThread: string
  continued: (name: M, part: number, parts: number) => string
  chart: {
    title: (name: string) => string
    comment: (name: M) => string
    /** Read aloud by screen readers (plain text): `endings` are the goals' altEnding. */
    altText: (name: string, goals: number, endings: readonly string[]) => string
    labels: { target: string; pace: string; actual: string }
    /** Beside the point at the end date: the figure the report states, and which one it is (plain text). */
    ending: (figure: string, source: 'final' | 'running_total') => string
    altEnding: (goal: string, figure: string, source: 'final' | 'running_total') => string
  }
  command: {
    usage: string
    notYet: (name: M, stage: string) => string
    waiting: (name: M, answered: string, missing: string) => string
    nobody: string
    compileNow: string
    compiledNow: (name: M, channel: M) => string
    alreadyCompiled: (name: M) => string
    onlyOwner: string
    notInRetrospective: (name: M) => string
    restInChannel: (parts: number, channel: M) => string
  }
}

const en: RetroReportMessages = {
  header: (name) => `Retrospective: ${name}`,
  fallback: (name) => `The retrospective report of *${name}* is in.`,
  compiled: (reason, by, on) => ({
    all_answered: `Compiled on ${on}, once everyone had answered.`,
    deadline: `Compiled on ${on}, three working days after the end.`,
    owner: `Compiled on ${on} by ${by ?? 'the owner'}, before everyone had answered.`,
  })[reason],
  window: (start, end) => `Ran ${start} – ${end}`,
  respondents: (answered, asked) => `${answered} of ${asked} answered`,
  titles: {
    goals: 'Goals: achieved vs target',
    budget: (scenario) => `Budget: planned vs actual (${scenario})`,
    costs: 'Cost per result by channel',
    tasks: 'Tasks on time / late',
    remarks: 'What worked and what did not',
    lessons: 'Lessons',
    score: 'Overall effect',
  },
  goal: (metric, achieved, target, percent, met) => `${met ? ':white_check_mark:' : ':x:'} *${metric}*: ${achieved} of ${target} (${percent})`,
  goalNoFigure: (metric, target) => `:grey_question: *${metric}*: no figure reported (target ${target})`,
  fromRunningTotal: '_last running total: no final figure was entered_',
  noGoals: 'The plan had no goals.',
  budgetLine: (what, planned, actual, difference) => `• ${what}: planned ${planned}, spent ${actual} (${difference})`,
  budgetLineNoActual: (what, planned) => `• ${what}: planned ${planned}, spend not entered`,
  budgetTotal: (planned, actual, difference) => `*Total*: planned ${planned}, spent ${actual} (${difference})`,
  budgetMissing: (lines) => `_${lines} line${lines === 1 ? '' : 's'} without an actual spend: left out of the spent total and the difference._`,
  noBudget: 'No budget scenario was chosen.',
  cost: (channel, metric, actual, estimated, verdict) =>
    `${verdict === 'better' ? ':white_check_mark:' : verdict === 'worse' ? ':x:' : ':heavy_minus_sign:'} *${channel}* (${metric}): ${actual} per result, estimated ${estimated}`,
  costNoActual: (channel, metric, estimated, why) =>
    `:grey_question: *${channel}* (${metric}): estimated ${estimated} per result; ${why === 'spend' ? 'actual spend not entered' : 'no result reported'}`,
  costNote: '_Results are counted per goal, not per channel: a goal\'s result is shared among the channels that drive it in proportion to their conservative estimates._',
  noCosts: 'No promotion channel had both spend and an estimate.',
  stageTasks: (stage, onTime, late, notDone) => `• *${stage}*: ${onTime} on time, ${late} late${notDone > 0 ? ` (${notDone} never done)` : ''}`,
  taskTotals: (onTime, total) => `*${onTime} of ${total}* tasks done on time.`,
  noTasks: 'The plan had no tasks.',
  worked: ':thumbsup: Worked',
  failed: ':thumbsdown: Did not work',
  remark: (who, text) => `${who}: ${text}`,
  noRemarks: 'Nobody wrote about the stages of work.',
  noLessons: 'No lessons written.',
  score: (average, answers) => `*${average}* / 5 on average (${answers} answer${answers === 1 ? '' : 's'})`,
  noScore: 'Nobody answered the retro.',
  wouldRunAgain: (yes, withChanges, no) => `Run it again? yes ${yes} · with changes ${withChanges} · no ${no}`,
  chartInThread: ':chart_with_upwards_trend: The goals chart (target, pace and actual) is in the thread.',
  continued: (name, part, parts) => `Retrospective of *${name}*, continued (${part}/${parts})`,
  chart: {
    title: (name) => `${name}: goals`,
    comment: (name) => `Goals of *${name}*: target, pace line and actual by day.`,
    altText: (name, goals, endings) => `Chart of ${goals} goal${goals === 1 ? '' : 's'} of ${name}: target, pace line and actual running total by day${endings.length > 0 ? `, each ending at the figure the report states: ${endings.join('; ')}` : ''}`,
    labels: { target: 'Target', pace: 'Pace', actual: 'Actual' },
    ending: (figure, source) => (source === 'final' ? `Final ${figure}` : `Last total ${figure}`),
    altEnding: (goal, figure, source) => `${goal}, ${source === 'final' ? 'final figure' : 'last running total'} ${figure}`,
  },
  command: {
    usage: 'Which campaign? `/campaign report &lt;name or id&gt;`',
    notYet: (name, stage) => `*${name}* has no retrospective report: it is ${stage}. The report is compiled after the campaign ends.`,
    waiting: (name, answered, missing) => `The report of *${name}* is not compiled yet.\n*Answered:* ${answered}\n*Not yet:* ${missing}`,
    nobody: 'nobody',
    compileNow: 'Compile report now',
    compiledNow: (name, channel) => `The report of *${name}* is compiled and posted in ${channel}.`,
    alreadyCompiled: (name) => `The report of *${name}* was already compiled: \`/campaign report\` shows it.`,
    onlyOwner: 'Only the campaign\'s owner or a workspace admin can compile the report early.',
    notInRetrospective: (name) => `*${name}* is not in its retrospective: there is no report to compile.`,
    restInChannel: (parts, channel) => `…and ${parts} more part${parts === 1 ? '' : 's'}: the whole report is in ${channel}, in the thread of its message.`,
  },
}

const zh: RetroReportMessages = {
  header: (name) => `复盘报告：${name}`,
  fallback: (name) => `*${name}* 的复盘报告已生成。`,
  compiled: (reason, by, on) => ({
    all_answered: `${on} 生成：所有人都已填写。`,
    deadline: `${on} 生成：活动结束后已满三个工作日。`,
    owner: `${on} 由 ${by ?? '负责人'} 提前生成（尚有人未填写）。`,
  })[reason],
  window: (start, end) => `活动时间 ${start} 至 ${end}`,
  respondents: (answered, asked) => `${asked} 人中 ${answered} 人已填写`,
  titles: {
    goals: '目标：实际与目标对比',
    budget: (scenario) => `预算：计划与实际（${scenario}）`,
    costs: '各渠道单个效果成本',
    tasks: '任务按时 / 延误',
    remarks: '做得好的与做得不好的',
    lessons: '经验教训',
    score: '整体效果',
  },
  goal: (metric, achieved, target, percent, met) => `${met ? ':white_check_mark:' : ':x:'} *${metric}*：${achieved} / 目标 ${target}（${percent}）`,
  goalNoFigure: (metric, target) => `:grey_question: *${metric}*：没有上报数据（目标 ${target}）`,
  fromRunningTotal: '_按最后的累计数据：未填写最终数据_',
  noGoals: '计划中没有目标。',
  budgetLine: (what, planned, actual, difference) => `• ${what}：计划 ${planned}，实际 ${actual}（${difference}）`,
  budgetLineNoActual: (what, planned) => `• ${what}：计划 ${planned}，未填写实际花费`,
  budgetTotal: (planned, actual, difference) => `*合计*：计划 ${planned}，实际 ${actual}（${difference}）`,
  budgetMissing: (lines) => `_${lines} 项未填写实际花费，未计入实际合计与差额。_`,
  noBudget: '没有选定的预算方案。',
  cost: (channel, metric, actual, estimated, verdict) =>
    `${verdict === 'better' ? ':white_check_mark:' : verdict === 'worse' ? ':x:' : ':heavy_minus_sign:'} *${channel}*（${metric}）：单个效果 ${actual}，预估 ${estimated}`,
  costNoActual: (channel, metric, estimated, why) =>
    `:grey_question: *${channel}*（${metric}）：预估单个效果 ${estimated}；${why === 'spend' ? '未填写实际花费' : '没有上报效果'}`,
  costNote: '_效果按目标统计而非按渠道：一个目标的效果按各渠道的保守预估比例分摊。_',
  noCosts: '没有同时有花费和预估的推广渠道。',
  stageTasks: (stage, onTime, late, notDone) => `• *${stage}*：按时 ${onTime} 项，延误 ${late} 项${notDone > 0 ? `（其中 ${notDone} 项未完成）` : ''}`,
  taskTotals: (onTime, total) => `${total} 项任务中 *${onTime}* 项按时完成。`,
  noTasks: '计划中没有任务。',
  worked: ':thumbsup: 做得好的',
  failed: ':thumbsdown: 做得不好的',
  remark: (who, text) => `${who}：${text}`,
  noRemarks: '没有人填写各环节的总结。',
  noLessons: '没有填写经验教训。',
  score: (average, answers) => `平均 *${average}* / 5（${answers} 份回答）`,
  noScore: '没有人填写复盘。',
  wouldRunAgain: (yes, withChanges, no) => `是否再办？会 ${yes} · 改进后会 ${withChanges} · 不会 ${no}`,
  chartInThread: ':chart_with_upwards_trend: 目标图表（目标、进度线与实际）在消息列中。',
  continued: (name, part, parts) => `*${name}* 的复盘报告（续，${part}/${parts}）`,
  chart: {
    title: (name) => `${name}：目标`,
    comment: (name) => `*${name}* 的目标：目标值、进度线与每日实际累计。`,
    altText: (name, goals, endings) => `${name} 的 ${goals} 个目标的图表：目标值、进度线与每日实际累计${endings.length > 0 ? `；终点为报告所列数据：${endings.join('；')}` : ''}`,
    labels: { target: '目标', pace: '进度线', actual: '实际' },
    ending: (figure, source) => (source === 'final' ? `最终 ${figure}` : `最后累计 ${figure}`),
    altEnding: (goal, figure, source) => `${goal}（${source === 'final' ? '最终数据' : '最后累计'} ${figure}）`,
  },
  command: {
    usage: '哪个活动？`/campaign report &lt;名称或编号&gt;`',
    notYet: (name, stage) => `*${name}* 还没有复盘报告：当前为「${stage}」。活动结束后才会生成报告。`,
    waiting: (name, answered, missing) => `*${name}* 的复盘报告尚未生成。\n*已填写：* ${answered}\n*未填写：* ${missing}`,
    nobody: '无',
    compileNow: '立即生成报告',
    compiledNow: (name, channel) => `*${name}* 的复盘报告已生成，并发布在 ${channel}。`,
    alreadyCompiled: (name) => `*${name}* 的复盘报告已经生成过：用 \`/campaign report\` 查看。`,
    onlyOwner: '只有活动负责人或工作区管理员可以提前生成报告。',
    notInRetrospective: (name) => `*${name}* 不在复盘阶段：没有可生成的报告。`,
    restInChannel: (parts, channel) => `……还有 ${parts} 部分：完整报告在 ${channel} 中该消息的消息列里。`,
  },
}

export const retroReportMessages: Record<Locale, RetroReportMessages> = { en, 'zh-CN': zh }

/** A difference as the report shows it, from its size already formatted: +¥400.00, −¥50.00, ¥0.00. */
export function signedAmount(formattedSize: string, difference: number): string {
  return difference > 0 ? `+${formattedSize}` : difference < 0 ? `−${formattedSize}` : formattedSize
}

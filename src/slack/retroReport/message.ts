// The compiled retrospective report as Slack messages: one message in the channel, and where
// Slack's limits require (50 blocks, 3000 characters a section, about 13k characters a message in
// practice) the rest as replies in its thread, each saying which part it is.
import type { KnownBlock } from '@slack/types'
import type { ChannelCost, GoalOutcome, RetroReport } from '../../domain/retroReport.ts'
import type { Messages } from '../../i18n/catalogue.ts'
import { signedAmount, type ReportReason } from '../../i18n/retroReport.ts'
import { context, header, section } from '../shared/elements.ts'
import { escapeMrkdwn, mentionUser, trusted, type Mrkdwn } from '../../i18n/mrkdwn.ts'

export const reportLimits = {
  blocksPerMessage: 50,
  /** Below the 3000 Slack allows: room for a line's own mrkdwn. */
  sectionChars: 2800,
  /** Slack refuses messages whose blocks add up to about 13k characters (msg_blocks_too_long). */
  charsPerMessage: 11_000,
} as const

export type ReportCompilation = {
  /** The campaign-local date it was compiled on. */
  compiledOn: string
  reason: ReportReason
  /** Who compiled it early ('owner'); null when the app did. */
  compiledBy: string | null
  /** Whether the goals chart goes into the thread (there are goals to draw). */
  chartInThread: boolean
}

export type ReportMessage = { text: string; blocks: KnownBlock[] }

const divider: KnownBlock = { type: 'divider' }

/** A goal's figure as people read it: money in the plan's currency, else the number and its unit. */
export function goalFigure(goal: GoalOutcome['goal'], value: number, currency: string, m: Messages): string {
  if (goal.isMoney) return m.money(value, currency)
  return `${m.number(value)}${goal.unit ? ` ${escapeMrkdwn(goal.unit)}` : ''}`
}

/** The metric's name: the catalogue's, or the custom one as typed (escaped). */
export function metricName(metric: { metric: string; customMetric: string | null }, m: Messages): string {
  return metric.metric === 'custom' && metric.customMetric ? escapeMrkdwn(metric.customMetric) : m.names.metric[metric.metric as keyof Messages['names']['metric']]
}

/** Lines gathered into sections of at most `sectionChars` characters (a longer line is cut into pieces). */
function lineSections(lines: readonly string[], title?: string): KnownBlock[] {
  const pieces = lines.flatMap((line) => {
    const characters = [...line]
    if (characters.length <= reportLimits.sectionChars) return [line]
    const parts: string[] = []
    for (let at = 0; at < characters.length;) {
      let piece = characters.slice(at, at + reportLimits.sectionChars).join('')
      // Never cut inside an escape (`&amp;`): Slack would show its halves as typed.
      if (at + reportLimits.sectionChars < characters.length) piece = piece.replace(/&[a-z]{0,3}$/, '')
      parts.push(piece)
      at += [...piece].length
    }
    return parts
  })
  const sections: KnownBlock[] = []
  let current = title ? `*${title}*` : ''
  for (const piece of pieces) {
    const next = current ? `${current}\n${piece}` : piece
    if ([...next].length > reportLimits.sectionChars && current) {
      sections.push(section(trusted(current)))
      current = piece
    } else {
      current = next
    }
  }
  if (current) sections.push(section(trusted(current)))
  return sections
}

function goalLines(report: RetroReport, m: Messages): string[] {
  const r = m.retroReport
  if (report.goals.length === 0) return [r.noGoals]
  return report.goals.flatMap((outcome) => {
    const name = metricName(outcome.goal, m)
    const target = goalFigure(outcome.goal, outcome.goal.target, report.currency, m)
    if (outcome.achieved === null) return [r.goalNoFigure(name, target)]
    const percent = outcome.percent === null ? '—' : `${m.number(outcome.percent)}%`
    const line = r.goal(name, goalFigure(outcome.goal, outcome.achieved, report.currency, m), target, percent, outcome.met)
    return outcome.source === 'running_total' ? [`${line}  ${r.fromRunningTotal}`] : [line]
  })
}

function budgetLines(report: RetroReport, m: Messages): string[] {
  const r = m.retroReport
  const budget = report.budget
  if (!budget) return [r.noBudget]
  const money = (minor: number) => m.money(minor, report.currency)
  const difference = (minor: number) => signedAmount(money(Math.abs(minor)), minor)
  const lines = budget.lines.map((line) => {
    // The catalogue's names are plain text ("Prizes & gifts"): escaped like any text entering mrkdwn.
    const what = `${escapeMrkdwn(m.names.category[line.category])}${line.channel ? ` · ${escapeMrkdwn(m.names.channel[line.channel])}` : ''}${line.note ? ` (${escapeMrkdwn(line.note)})` : ''}`
    return line.actualMinor === null || line.differenceMinor === null
      ? r.budgetLineNoActual(what, money(line.amountMinor))
      : r.budgetLine(what, money(line.amountMinor), money(line.actualMinor), difference(line.differenceMinor))
  })
  lines.push(r.budgetTotal(money(budget.plannedMinor), money(budget.actualMinor), difference(budget.differenceMinor)))
  if (budget.linesWithoutActual > 0) lines.push(r.budgetMissing(budget.linesWithoutActual))
  return lines
}

function costLine(cost: ChannelCost, report: RetroReport, m: Messages): string {
  const r = m.retroReport
  const channel = m.names.channel[cost.channel]
  const metric = metricName(cost, m)
  const estimated = m.money(cost.estimatedCostMinor, report.currency)
  if (cost.actualSpendMinor === null) return r.costNoActual(channel, metric, estimated, 'spend')
  if (cost.actualCostMinor === null || cost.verdict === null) return r.costNoActual(channel, metric, estimated, 'results')
  return r.cost(channel, metric, m.money(cost.actualCostMinor, report.currency), estimated, cost.verdict)
}

function remarkLines(report: RetroReport, m: Messages): string[][] {
  const r = m.retroReport
  const said = (remark: { respondentId: string; text: string }) => `• ${r.remark(mentionUser(remark.respondentId), escapeMrkdwn(remark.text))}`
  return report.remarks.map((stage) => [
    `*${m.workStage[stage.stage as keyof Messages['workStage']] ?? escapeMrkdwn(stage.stage)}*`,
    ...(stage.worked.length > 0 ? [r.worked, ...stage.worked.map(said)] : []),
    ...(stage.failed.length > 0 ? [r.failed, ...stage.failed.map(said)] : []),
  ])
}

/** Every block of the report, in reading order, before it is split into messages. */
export function reportBlocks(report: RetroReport, m: Messages, compilation: ReportCompilation): KnownBlock[] {
  const r = m.retroReport
  const name = escapeMrkdwn(report.campaign.name)
  const asked = report.respondentIds.length + report.missingIds.length
  const by = compilation.compiledBy ? mentionUser(compilation.compiledBy) : null
  const blocks: KnownBlock[] = [
    header(r.header(report.campaign.name)),
    context(trusted([
      r.window(report.campaign.startDate, report.campaign.endDate),
      r.respondents(report.respondentIds.length, asked),
      r.compiled(compilation.reason, by, compilation.compiledOn),
    ].join(' · '))),
  ]
  const score = report.averageEffect === null
    ? r.noScore
    : `${r.score(m.number(report.averageEffect), report.respondentIds.length)}\n${r.wouldRunAgain(report.wouldRunAgain.yes, report.wouldRunAgain.with_changes, report.wouldRunAgain.no)}`
  blocks.push(section(trusted(`*${r.titles.score}*\n${score}`)))

  blocks.push(divider, ...lineSections(goalLines(report, m), r.titles.goals))
  if (compilation.chartInThread) blocks.push(context(trusted(r.chartInThread)))

  const budgetTitle = report.budget ? r.titles.budget(escapeMrkdwn(report.budget.scenarioName)) : r.titles.budget(trusted('—'))
  blocks.push(divider, ...lineSections(budgetLines(report, m), budgetTitle))

  const costs = report.costs.length === 0 ? [r.noCosts] : [...report.costs.map((cost) => costLine(cost, report, m)), r.costNote]
  blocks.push(...lineSections(costs, r.titles.costs))

  const tasks = report.tasks.length === 0
    ? [r.noTasks]
    : [r.taskTotals(report.taskTotals.onTime, report.taskTotals.total), ...report.tasks.map((stage) =>
        r.stageTasks(m.workStage[stage.stage], stage.onTime, stage.late, stage.notDone))]
  blocks.push(divider, ...lineSections(tasks, r.titles.tasks))

  const remarks = remarkLines(report, m)
  blocks.push(divider, section(trusted(`*${r.titles.remarks}*${remarks.length === 0 ? `\n${r.noRemarks}` : ''}`)))
  for (const stage of remarks) blocks.push(...lineSections(stage))

  const lessons = report.lessons.map((lesson) => `• ${r.remark(mentionUser(lesson.respondentId), escapeMrkdwn(lesson.text))}`)
  blocks.push(divider, ...lineSections(lessons.length === 0 ? [r.noLessons] : lessons, r.titles.lessons))
  return blocks
}

const blockSize = (block: KnownBlock): number => JSON.stringify(block).length

/**
 * The report split into messages: the first goes into the channel, the others into its thread,
 * each within Slack's limits and opened with a line saying which part it is.
 */
export function reportMessages(report: RetroReport, m: Messages, compilation: ReportCompilation): ReportMessage[] {
  const name = escapeMrkdwn(report.campaign.name)
  const blocks = reportBlocks(report, m, compilation)
  // Room in every part for its "continued (2/3)" line.
  const reserve = blockSize(context(m.retroReport.continued(name, 99, 99) as Mrkdwn))
  const parts: KnownBlock[][] = [[]]
  let size = 0
  for (const block of blocks) {
    const current = parts.at(-1)!
    const full = current.length + 1 >= reportLimits.blocksPerMessage || size + blockSize(block) + reserve > reportLimits.charsPerMessage
    // A divider never ends a part: it starts the next one's first topic instead.
    if (full && current.length > 0) {
      parts.push([])
      size = 0
    }
    parts.at(-1)!.push(block)
    size += blockSize(block)
  }
  const cleaned = parts.map((part) => (part.at(-1)?.type === 'divider' ? part.slice(0, -1) : part)).filter((part) => part.length > 0)
  return cleaned.map((part, index) => {
    if (index === 0) return { text: m.retroReport.fallback(name), blocks: part }
    const line = m.retroReport.continued(name, index + 1, cleaned.length)
    return { text: line, blocks: [context(trusted(line)), ...(part[0]?.type === 'divider' ? part.slice(1) : part)] }
  })
}

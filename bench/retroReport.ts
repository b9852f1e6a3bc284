// Retrospective report bench: a campaign with 80 tasks, 10 goals with 28 days of entries and 12
// retro answers (Chinese text, every stage filled in), compiled as the app does it: the figures
// (domain), the report's messages (Block Kit, split for Slack's limits) and the goals chart's PNG;
// and exported (the .xlsx workbook and the Markdown document). 30 timed runs of each after 3
// warm-ups, one at a time in this process, no database (the store's part is one query).
// Run alone with `npx tsx bench/retroReport.ts`; bench/run.ts calls benchRetroReport() too.
import { pathToFileURL } from 'node:url'
import { renderGoalsPng } from '../src/charts/goals.ts'
import type { CampaignExport } from '../src/domain/campaignExport.ts'
import { compileRetro, type RetroReportData } from '../src/domain/retroReport.ts'
import { campaignMarkdown } from '../src/export/markdown.ts'
import { campaignWorkbook } from '../src/export/workbook.ts'
import { messagesFor } from '../src/i18n/catalogue.ts'
import { reportMessages } from '../src/slack/retroReport/message.ts'
import { goalsChartOf } from '../src/slack/retroReport/chart.ts'
import { syntheticRetro } from '../test/support/retroReportFixtures.ts'
import { summarize } from './stats.ts'

const TASKS = 80
const GOALS = 10
const DAYS = 28
const ANSWERS = 12
const WARMUP = 3
const RUNS = 30

/** The same campaign as the export reads it. */
function asExport(data: RetroReportData): CampaignExport {
  return {
    campaign: {
      id: data.campaign.id, name: data.campaign.name, stage: 'closed', kind: 'platform', platform: 'weibo', platformOther: null, timingNode: 'sales_peak', timingNote: null,
      startDate: data.campaign.startDate, endDate: data.campaign.endDate, channelId: data.campaign.channelId, ownerId: data.campaign.ownerId, approverId: data.campaign.approverId,
    },
    proposal: { theme: '茶节', basicContent: '双十一期间的茶叶促销', revision: 1, decision: 'approved', decidedById: data.campaign.approverId, submittedAt: '2026-10-01T00:00:00.000Z' },
    currency: data.currency,
    plan: null,
    goals: data.goals.map((goal) => ({
      id: goal.id, metric: goal.metric, customMetric: goal.customMetric, unit: goal.unit, money: goal.isMoney, target: goal.target, basisKind: 'reasoned', basis: '去年 +10%',
      dataOwnerId: data.campaign.ownerId, curve: goal.curve, actual: goal.actual, actualAsOf: goal.actualAsOf, final: goal.final,
    })),
    promotion: [],
    effectEstimates: data.estimates.map((e) => ({ ...e })),
    prizes: [],
    risks: [],
    budgetScenarios: data.scenario ? [{ name: data.scenario.name, chosen: true, lines: data.scenario.lines.map((l) => ({ category: l.category, channel: l.channel, amountMinor: l.amountMinor, actualMinor: l.actualMinor, note: l.note })) }] : [],
    tasks: data.tasks.map((t) => ({ title: t.title, stage: t.stage, ownerId: data.campaign.ownerId, startDate: t.dueDate, dueDate: t.dueDate, status: t.status, blockedReason: null, doneAt: t.doneAt?.toISOString() ?? null })),
    metricEntries: data.goals.flatMap((goal) => goal.entries.map((e) => ({ goalId: goal.id, onDate: e.onDate, mode: e.mode, value: e.value, reportedBy: data.campaign.ownerId, note: null }))),
    retros: data.retros.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString(), entries: r.entries.map((e) => ({ ...e })) })),
  }
}

type Timing = { medianMs: number; p99Ms: number }
export type RetroReportBench = {
  /** Figures + messages (no picture). */
  compile: Timing
  chart: Timing
  /** Figures + messages + chart, as one compile and its delivery cost. */
  total: Timing
  exporting: Timing
  messages: number
  blocks: number
  pngBytes: number
  xlsxBytes: number
  markdownChars: number
  lines: string[]
}

async function timed(run: () => Promise<unknown> | unknown): Promise<{ timing: Timing; samples: number[] }> {
  for (let i = 0; i < WARMUP; i++) await run()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await run()
    samples.push(performance.now() - t0)
  }
  const { median, p99 } = summarize(samples)
  return { timing: { medianMs: median, p99Ms: p99 }, samples }
}

export async function benchRetroReport(): Promise<RetroReportBench> {
  const data = syntheticRetro()
  const m = messagesFor('zh-CN')
  const compilation = { compiledOn: '2026-12-04', reason: 'deadline' as const, compiledBy: null, chartInThread: true }
  const build = () => reportMessages(compileRetro(data), m, compilation)
  const draw = () => renderGoalsPng(goalsChartOf(data, m))
  const names = new Map(data.participantIds.map((id, i) => [id, `同事 ${i + 1}`]))
  const exported = asExport(data)
  const exportBoth = async () => ({ xlsx: await campaignWorkbook(exported, m, names), markdown: campaignMarkdown(exported, m, names) })

  const compile = await timed(build)
  const chart = await timed(draw)
  const total = await timed(async () => { build(); await draw() })
  const exporting = await timed(exportBoth)
  const messages = build()
  const png = await draw()
  const files = await exportBoth()
  const f = (x: number) => x.toFixed(1)
  const row = (label: string, t: Timing, note: string) => `  ${label.padEnd(41)}median ${f(t.medianMs)}  p99 ${f(t.p99Ms)}   (${note})`
  const blocks = messages.reduce((sum, message) => sum + message.blocks.length, 0)
  const result = {
    compile: compile.timing, chart: chart.timing, total: total.timing, exporting: exporting.timing,
    messages: messages.length, blocks, pngBytes: png.length, xlsxBytes: files.xlsx.length, markdownChars: files.markdown.length,
  }
  return {
    ...result,
    lines: [
      `Stage 4, the retrospective report: ${TASKS} tasks, ${GOALS} goals × ${DAYS} days of entries, ${ANSWERS} answers (zh; times in ms; n=${RUNS} after ${WARMUP} warm-ups)`,
      row('figures + messages', result.compile, `${result.messages} messages, ${blocks} blocks`),
      row('goals chart PNG', result.chart, `${(result.pngBytes / 1024).toFixed(0)} KiB`),
      row('compile whole (figures, messages, chart)', result.total, 'what one report costs the app, without the database and Slack'),
      row('export (.xlsx + Markdown)', result.exporting, `${(result.xlsxBytes / 1024).toFixed(0)} KiB workbook, ${result.markdownChars} characters of Markdown`),
    ],
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchRetroReport()
  process.stdout.write(`${r.lines.join('\n')}\n(node ${process.version})\n`)
}

// A campaign as a spreadsheet workbook (.xlsx), one sheet per part: proposal, plan, goals, tasks,
// budget (planned and actual), metric entries and retro answers. Written by exceljs; headers in the
// reader's language; money as numbers in the currency's major unit (with the currency in the
// header), so a spreadsheet can sum them; dates as the 'YYYY-MM-DD' text the app keeps.
import ExcelJS from 'exceljs'
import type { CampaignExport } from '../domain/campaignExport.ts'
import { currencyFractionDigits } from '../domain/plan.ts'
import type { Messages } from '../i18n/catalogue.ts'
import { exportLabels, type ExportLabels } from './labels.ts'

type Cell = string | number | null
type Column = { key: string; header: string; width: number }

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Array<Record<string, Cell>>): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  for (const column of columns) sheet.getColumn(column.key).alignment = { wrapText: true, vertical: 'top' }
}

/** The workbook's bytes. `names` maps Slack user ids to the names people read. */
export async function campaignWorkbook(data: CampaignExport, m: Messages, names: ReadonlyMap<string, string>): Promise<Buffer> {
  const t = m.learning.export
  const labels = exportLabels(data, m, names)
  const major = (minor: number | null) => (minor === null ? null : minor / 10 ** currencyFractionDigits(data.currency || 'USD'))
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Campaign Desk'
  workbook.title = data.campaign.name

  const cols = (sheet: { columns: Record<string, string> }, widths: Record<string, number>, suffix: Record<string, string> = {}): Column[] =>
    Object.entries(sheet.columns).map(([key, header]) => ({ key, header: suffix[key] ? `${header} (${suffix[key]})` : header, width: widths[key] ?? 16 }))

  const p = t.sheets.proposal
  addSheet(workbook, p.name, cols(p, { field: 24, value: 80 }), labels.proposalFields.map(([field, value]) => ({ field, value })))

  const plan = t.sheets.plan
  addSheet(workbook, plan.name, cols(plan, { section: 18, item: 28, detail: 60, who: 18, date: 12, amount: 14 }, { amount: data.currency }),
    labels.planRows.map((row) => ({ ...row, amount: major(row.amountMinor ?? null) })).map(({ amountMinor: _drop, ...row }) => row))

  const g = t.sheets.goals
  addSheet(workbook, g.name, cols(g, { metric: 18, basis: 50, dataOwner: 18 }), data.goals.map((goal) => ({
    metric: labels.metric(goal.metric, goal.customMetric), unit: goal.money ? data.currency : goal.unit,
    target: goal.money ? major(goal.target) : goal.target, actual: goal.money ? major(goal.actual) : goal.actual, asOf: goal.actualAsOf,
    final: goal.money ? major(goal.final) : goal.final, basisKind: labels.basisKind(goal.basisKind), basis: goal.basis,
    dataOwner: goal.dataOwnerId ? labels.person(goal.dataOwnerId) : null, curve: t.curve[goal.curve as 'linear'] ?? goal.curve,
  })))

  const k = t.sheets.tasks
  addSheet(workbook, k.name, cols(k, { title: 40, owner: 18, doneAt: 20, blocked: 30 }), data.tasks.map((task) => ({
    title: task.title, stage: labels.workStage(task.stage), owner: labels.person(task.ownerId), start: task.startDate, due: task.dueDate,
    status: labels.taskStatus(task.status), doneAt: task.doneAt, blocked: task.blockedReason,
  })))

  const b = t.sheets.budget
  addSheet(workbook, b.name, cols(b, { scenario: 24, note: 30 }, { planned: data.currency, actual: data.currency }),
    data.budgetScenarios.flatMap((scenario) => scenario.lines.map((line) => ({
      scenario: scenario.name, chosen: scenario.chosen ? t.yes : t.no, category: labels.category(line.category),
      channel: line.channel ? labels.channel(line.channel, null) : null, planned: major(line.amountMinor), actual: major(line.actualMinor), note: line.note,
    }))))

  const e = t.sheets.metrics
  const goalNames = new Map(data.goals.map((goal) => [goal.id, labels.metric(goal.metric, goal.customMetric)]))
  const moneyGoals = new Set(data.goals.filter((goal) => goal.money).map((goal) => goal.id))
  addSheet(workbook, e.name, cols(e, { goal: 20, reportedBy: 18, note: 30 }), data.metricEntries.map((entry) => ({
    goal: goalNames.get(entry.goalId) ?? String(entry.goalId), date: entry.onDate, mode: t.entryMode[entry.mode as 'day'] ?? entry.mode,
    value: moneyGoals.has(entry.goalId) ? major(entry.value) : entry.value, reportedBy: labels.person(entry.reportedBy), note: entry.note,
  })))

  const r = t.sheets.retro
  // One row per stage answered; a retro without stage answers still has its row.
  addSheet(workbook, r.name, cols(r, { respondent: 18, lesson: 40, worked: 40, failed: 40 }), data.retros.flatMap((retro) => {
    const common = { respondent: labels.person(retro.respondentId), effect: retro.overallEffect, lesson: retro.biggestLesson, again: labels.wouldRunAgain(retro.wouldRunAgain) }
    const entries = retro.entries.length > 0 ? retro.entries : [{ stage: '', worked: null, failed: null }]
    return entries.map((entry) => ({ ...common, stage: entry.stage ? labels.workStage(entry.stage) : null, worked: entry.worked, failed: entry.failed }))
  }))

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export type { ExportLabels }

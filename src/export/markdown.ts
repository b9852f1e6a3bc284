// A campaign as one Markdown document: a syntax tree (mdast) written out by mdast-util-to-markdown
// with GitHub's tables, so every character people typed is escaped by the writer, not by hand.
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast'
import { gfmTableToMarkdown } from 'mdast-util-gfm-table'
import { toMarkdown } from 'mdast-util-to-markdown'
import type { CampaignExport } from '../domain/campaignExport.ts'
import type { Messages } from '../i18n/catalogue.ts'
import { exportLabels } from './labels.ts'

const text = (value: string): PhrasingContent => ({ type: 'text', value })
const heading = (depth: 1 | 2 | 3, value: string): Heading => ({ type: 'heading', depth, children: [text(value)] })
const paragraph = (value: string): Paragraph => ({ type: 'paragraph', children: [text(value)] })
const labelled = (label: string, value: string): ListItem => ({
  type: 'listItem', spread: false,
  children: [{ type: 'paragraph', children: [{ type: 'strong', children: [text(label)] }, text(`: ${value}`)] }],
})
const list = (items: ListItem[]): List => ({ type: 'list', ordered: false, spread: false, children: items })

/** A table cell is one line: line breaks inside what people typed become spaces. */
const cell = (value: string | number | null | undefined) => ({ type: 'tableCell' as const, children: [text(value == null ? '' : String(value).replace(/\s*\n\s*/g, ' '))] })
function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): Table {
  const row = (cells: Array<string | number | null | undefined>): TableRow => ({ type: 'tableRow', children: cells.map(cell) })
  return { type: 'table', align: headers.map(() => null), children: [row(headers), ...rows.map(row)] }
}

/** The document's text. `names` maps Slack user ids to the names people read. */
export function campaignMarkdown(data: CampaignExport, m: Messages, names: ReadonlyMap<string, string>): string {
  const t = m.learning.export
  const h = t.headings
  const labels = exportLabels(data, m, names)
  const money = (minor: number | null) => (minor === null ? '' : m.money(minor, data.currency || 'USD'))
  const figure = (value: number | null, isMoney: boolean) => (value === null ? '' : isMoney ? money(value) : m.number(value))
  const columns = (sheet: { columns: Record<string, string> }) => Object.values(sheet.columns)
  const children: RootContent[] = [heading(1, data.campaign.name)]

  children.push(heading(2, h.proposal), list(labels.proposalFields.map(([label, value]) => labelled(label, value))))

  if (labels.planRows.length > 0) {
    children.push(heading(2, h.plan))
    // One list per section: lists side by side would be told apart by alternating bullets.
    let items: ListItem[] = []
    labels.planRows.forEach((row, index) => {
      if (index === 0 || row.section !== labels.planRows[index - 1]!.section) {
        items = []
        children.push(heading(3, row.section), list(items))
      }
      const parts = [row.detail, row.who, row.date, row.amountMinor != null ? money(row.amountMinor) : null].filter((p): p is string => !!p)
      items.push(labelled(row.item, parts.join(' · ')))
    })
  }

  children.push(heading(2, h.goals))
  if (data.goals.length === 0) children.push(paragraph('—'))
  else {
    children.push(table(columns(t.sheets.goals), data.goals.map((goal) => [
      labels.metric(goal.metric, goal.customMetric), goal.money ? data.currency : goal.unit, figure(goal.target, goal.money), figure(goal.actual, goal.money),
      goal.actualAsOf, figure(goal.final, goal.money), labels.basisKind(goal.basisKind), goal.basis,
      goal.dataOwnerId ? labels.person(goal.dataOwnerId) : '', t.curve[goal.curve as 'linear'] ?? goal.curve,
    ])))
  }

  children.push(heading(2, h.budget))
  const budgetRows = data.budgetScenarios.flatMap((scenario) => scenario.lines.map((line) => [
    scenario.name, scenario.chosen ? t.yes : t.no, labels.category(line.category), line.channel ? labels.channel(line.channel, null) : '',
    money(line.amountMinor), money(line.actualMinor), line.note,
  ]))
  children.push(budgetRows.length === 0 ? paragraph('—') : table(columns(t.sheets.budget), budgetRows))

  children.push(heading(2, h.tasks))
  children.push(data.tasks.length === 0 ? paragraph('—') : table(columns(t.sheets.tasks), data.tasks.map((task) => [
    task.title, labels.workStage(task.stage), labels.person(task.ownerId), task.startDate, task.dueDate, labels.taskStatus(task.status), task.doneAt, task.blockedReason,
  ])))

  children.push(heading(2, h.metrics))
  const goalNames = new Map(data.goals.map((goal) => [goal.id, goal]))
  children.push(data.metricEntries.length === 0 ? paragraph('—') : table(columns(t.sheets.metrics), data.metricEntries.map((entry) => {
    const goal = goalNames.get(entry.goalId)
    return [goal ? labels.metric(goal.metric, goal.customMetric) : String(entry.goalId), entry.onDate, t.entryMode[entry.mode as 'day'] ?? entry.mode,
      figure(entry.value, goal?.money ?? false), labels.person(entry.reportedBy), entry.note]
  })))

  children.push(heading(2, h.retro))
  if (data.retros.length === 0) children.push(paragraph('—'))
  const r = t.sheets.retro.columns
  for (const retro of data.retros) {
    children.push(heading(3, labels.person(retro.respondentId)))
    children.push(list([labelled(r.effect, String(retro.overallEffect)), labelled(r.again, labels.wouldRunAgain(retro.wouldRunAgain)), labelled(r.lesson, retro.biggestLesson)]))
    if (retro.entries.length > 0) {
      children.push(table([r.stage, r.worked, r.failed], retro.entries.map((entry) => [labels.workStage(entry.stage), entry.worked, entry.failed])))
    }
  }

  const lessons = data.retros.filter((retro) => retro.biggestLesson.trim() !== '')
  if (lessons.length > 0) {
    children.push(heading(2, h.lessons), list(lessons.map((retro) => labelled(labels.person(retro.respondentId), retro.biggestLesson))))
  }

  const root: Root = { type: 'root', children }
  return toMarkdown(root, { extensions: [gfmTableToMarkdown()], bullet: '-' })
}

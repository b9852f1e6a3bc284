// Figures imported from a file (issue 17): the rows of a CSV or .xlsx sheet (already read into
// cells by the Slack layer), mapped to the campaign's goals by metric name, checked as the modal
// checks a typed figure, and compared with what is stored: per goal and day what will be recorded
// (new, a correction of a stored figure, or unchanged and so nothing), and each row that will not
// be, with its reason. Pure: "today" comes as an argument.
import { isIsoDate } from './dates.ts'
import type { EntryMode } from './metrics.ts'
import { metricLimits } from './metrics.ts'
import { parseMeasure, parseMoney, type AmountErrorCode } from './money.ts'

/** A cell as the readers give it: CSV gives text, a sheet numbers, booleans and dates too. */
export type ImportCell = string | number | boolean | Date | null | undefined

export const importLimits = {
  /** Rows read from one file (a campaign of a year with 25 goals is 9,125). */
  rows: 50_000,
  /** How much of a refused row is quoted back. */
  quoted: 60,
} as const

export type ImportColumn = 'date' | 'metric' | 'value' | 'mode'

/** Header names accepted for each column, compared folded (see foldName). */
const columnNames: Record<ImportColumn, readonly string[]> = {
  date: ['date', 'day', 'ondate', '日期', '日子', '时间'],
  metric: ['metric', 'goal', 'metricname', 'name', '指标', '目标', '指标名称', '名称'],
  value: ['value', 'figure', 'amount', 'number', '数值', '数据', '值', '金额', '数量'],
  mode: ['mode', 'kind', 'type', 'figureis', '类型', '方式', '口径', '这个数值是'],
}

/** What the mode column may say; empty means the day's own figure, as in the modal. */
const modeWords: Record<EntryMode, readonly string[]> = {
  day: ['day', 'daily', 'dayfigure', 'thedaysownfigure', 'own', '当天', '当日', '日', '当天的数值', '每日'],
  total: ['total', 'runningtotal', 'cumulative', 'sofar', 'therunningtotalasofthatday', '累计', '总计', '累计总数', '截至当天的累计总数'],
}

/** Names compared without case, spaces, hyphens, underscores or punctuation width: "Sign-ups" = "signups" = "ＳＩＧＮＵＰＳ". */
export function foldName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\-_'’.:：]+/gu, '')
}

export type ImportGoal = {
  id: number
  /** Every name the goal goes by: its metric in each language, its key, a custom metric's own name. */
  names: readonly string[]
  isMoney: boolean
  /** Whether this person may enter its figures. */
  mayEnter: boolean
}

export type ImportRules = {
  goals: readonly ImportGoal[]
  currencyFractionDigits: number
  campaignStart: string
  campaignEnd: string
  /** The campaign's local date now: no figure for a later day. */
  today: string
}

/** A goal's stored figure for a day. */
export type StoredDay = { goalId: number; onDate: string; mode: EntryMode; value: number }

export type RowRejection =
  | AmountErrorCode
  | 'unknown_metric' | 'ambiguous_metric' | 'not_yours'
  | 'no_date' | 'invalid_date' | 'before_start' | 'after_end' | 'in_future'
  | 'invalid_mode' | 'duplicate_row' | 'conflicting_rows'

export type RejectedRow = {
  /** The row's number in the file (1 = the first row, the header if there is one). */
  row: number
  reason: RowRejection
  /** The row as it was, shortened, for the person to find it. */
  text: string
  /** For a duplicate: the row kept. */
  otherRow?: number
}

export type DayChange = 'new' | 'correction' | 'unchanged'

export type PlannedDay = {
  goalId: number
  onDate: string
  mode: EntryMode
  /** In the goal's units (money in minor units). */
  value: number
  change: DayChange
  /** The stored figure a correction replaces. */
  previous: { mode: EntryMode; value: number } | null
  row: number
}

export type FileProblem = { code: 'empty' } | { code: 'too_many_rows'; max: number } | { code: 'missing_columns'; columns: ImportColumn[] }

export type ImportPlan = {
  /** Per goal and day, in goal then date order: what the file says and what it changes. */
  days: PlannedDay[]
  rejected: RejectedRow[]
  /** Rows with anything in them, the header not counted. */
  rows: number
  /** The whole file cannot be read as figures (nothing else is then filled in). */
  problem: FileProblem | null
}

const isBlank = (cell: ImportCell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')

function cellText(cell: ImportCell): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
  return String(cell).trim()
}

/** Which cell holds which column: from a header row when the first row is one, else date, metric, value, mode in that order. */
function findColumns(first: readonly ImportCell[]): { columns: Partial<Record<ImportColumn, number>>; header: boolean } {
  const columns: Partial<Record<ImportColumn, number>> = {}
  first.forEach((cell, index) => {
    const name = foldName(cellText(cell))
    for (const column of Object.keys(columnNames) as ImportColumn[]) {
      if (columns[column] === undefined && columnNames[column].includes(name)) columns[column] = index
    }
  })
  if (Object.keys(columns).length > 0) return { columns, header: true }
  return { columns: { date: 0, metric: 1, value: 2, mode: 3 }, header: false }
}

// Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); 1 Jan 2000 is 36526.
const excelEpochMs = Date.UTC(1899, 11, 30)
const dayMs = 86_400_000

/** A day as a file gives it: ISO or y/m/d text, 2026年12月7日, an Excel serial number, or a date cell. */
export function readImportDate(cell: ImportCell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10)
  if (typeof cell === 'number') {
    // Serials from 1950 to 2150: anything else is not a date a campaign has.
    if (!Number.isFinite(cell) || cell < 18_264 || cell > 91_311) return null
    return new Date(excelEpochMs + Math.floor(cell) * dayMs).toISOString().slice(0, 10)
  }
  const text = cellText(cell).normalize('NFKC')
  if (/^\d{5}(\.\d+)?$/.test(text)) return readImportDate(Number(text))
  // An ISO date with a time after it (as a sheet exported to CSV may write) is that day.
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/u.exec(text)
  if (!match) return null
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`
  return isIsoDate(iso) ? iso : null
}

function readMode(cell: ImportCell): EntryMode | null {
  const word = foldName(cellText(cell))
  if (word === '') return 'day'
  for (const mode of Object.keys(modeWords) as EntryMode[]) if (modeWords[mode].includes(word)) return mode
  return null
}

function valueText(cell: ImportCell): string {
  // A sheet's number cell is a float: written back in plain digits, never "1e+21".
  if (typeof cell === 'number') return Number.isFinite(cell) && Math.abs(cell) < 1e21 ? String(cell) : 'NaN'
  return cellText(cell)
}

function quote(row: readonly ImportCell[]): string {
  const text = row.map(cellText).filter(Boolean).join(' | ')
  const chars = [...text]
  return chars.length > importLimits.quoted ? `${chars.slice(0, importLimits.quoted - 1).join('')}…` : text
}

type Accepted = { goalId: number; onDate: string; mode: EntryMode; value: number; row: number; text: string }

/**
 * Reads the rows against the campaign's goals and its stored figures. A row is refused for an
 * unknown (or ambiguous) metric, a goal this person does not report, a missing or malformed date or one
 * outside the window or after today, a value the modal would refuse, or a mode it does not know.
 * Rows that repeat a goal's day with the same figure are refused as duplicates; rows that give one
 * day two different figures leave the day out, each refused, since the file does not say which holds.
 */
export function planImport(grid: readonly (readonly ImportCell[])[], rules: ImportRules, stored: readonly StoredDay[]): ImportPlan {
  const firstIndex = grid.findIndex((row) => !row.every(isBlank))
  if (firstIndex === -1) return { days: [], rejected: [], rows: 0, problem: { code: 'empty' } }
  const { columns, header } = findColumns(grid[firstIndex]!)
  const missing = (['date', 'metric', 'value'] as const).filter((column) => columns[column] === undefined)
  if (missing.length > 0) return { days: [], rejected: [], rows: 0, problem: { code: 'missing_columns', columns: missing } }
  const dataStart = header ? firstIndex + 1 : firstIndex
  const dataRows = grid.length - dataStart
  if (dataRows > importLimits.rows) return { days: [], rejected: [], rows: dataRows, problem: { code: 'too_many_rows', max: importLimits.rows } }

  const goalsByName = new Map<string, ImportGoal[]>()
  for (const goal of rules.goals) {
    for (const name of new Set(goal.names.map(foldName).filter(Boolean))) {
      const list = goalsByName.get(name) ?? []
      if (!list.includes(goal)) list.push(goal)
      goalsByName.set(name, list)
    }
  }

  const rejected: RejectedRow[] = []
  const accepted = new Map<string, Accepted[]>()
  let rows = 0
  for (let index = dataStart; index < grid.length; index++) {
    const cells = grid[index]!
    if (cells.every(isBlank)) continue
    rows++
    const row = index + 1
    const refuse = (reason: RowRejection) => void rejected.push({ row, reason, text: quote(cells) })
    const at = (column: ImportColumn) => (columns[column] === undefined ? undefined : cells[columns[column]!])

    const matches = goalsByName.get(foldName(cellText(at('metric')))) ?? []
    if (matches.length === 0) { refuse('unknown_metric'); continue }
    if (matches.length > 1) { refuse('ambiguous_metric'); continue }
    const goal = matches[0]!
    if (!goal.mayEnter) { refuse('not_yours'); continue }

    const dateCell = at('date')
    if (isBlank(dateCell)) { refuse('no_date'); continue }
    const onDate = readImportDate(dateCell)
    if (!onDate) { refuse('invalid_date'); continue }
    if (onDate < rules.campaignStart) { refuse('before_start'); continue }
    if (onDate > rules.today) { refuse('in_future'); continue }
    if (onDate > rules.campaignEnd) { refuse('after_end'); continue }

    const text = valueText(at('value'))
    const read = goal.isMoney ? parseMoney(text, rules.currencyFractionDigits) : parseMeasure(text, metricLimits.measureDecimals)
    if (!read.ok) { refuse(read.code); continue }
    const mode = readMode(at('mode'))
    if (!mode) { refuse('invalid_mode'); continue }

    const key = `${goal.id}|${onDate}`
    const list = accepted.get(key) ?? []
    list.push({ goalId: goal.id, onDate, mode, value: 'minor' in read ? read.minor : read.value, row, text: quote(cells) })
    accepted.set(key, list)
  }

  const storedByKey = new Map(stored.map((day) => [`${day.goalId}|${day.onDate}`, day]))
  const days: PlannedDay[] = []
  for (const [key, list] of accepted) {
    const first = list[0]!
    const agree = list.every((other) => other.mode === first.mode && other.value === first.value)
    if (!agree) {
      for (const other of list) rejected.push({ row: other.row, reason: 'conflicting_rows', text: other.text })
      continue
    }
    for (const repeat of list.slice(1)) rejected.push({ row: repeat.row, reason: 'duplicate_row', text: repeat.text, otherRow: first.row })
    const before = storedByKey.get(key)
    const change: DayChange = !before ? 'new' : before.mode === first.mode && before.value === first.value ? 'unchanged' : 'correction'
    days.push({
      goalId: first.goalId, onDate: first.onDate, mode: first.mode, value: first.value, change,
      previous: before && change === 'correction' ? { mode: before.mode, value: before.value } : null, row: first.row,
    })
  }
  const goalOrder = new Map(rules.goals.map((goal, index) => [goal.id, index]))
  days.sort((a, b) => (goalOrder.get(a.goalId)! - goalOrder.get(b.goalId)!) || (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : 0))
  rejected.sort((a, b) => a.row - b.row)
  return { days, rejected, rows, problem: null }
}

/** The days an import writes: new ones and corrections (unchanged days are left as they are). */
export function daysToWrite(plan: ImportPlan): PlannedDay[] {
  return plan.days.filter((day) => day.change !== 'unchanged')
}

/** Counts per goal, for a summary that fits any file. */
export type GoalImportSummary = { goalId: number; added: number; corrected: number; unchanged: number; days: PlannedDay[] }

export function summariseByGoal(plan: ImportPlan): GoalImportSummary[] {
  const byGoal = new Map<number, GoalImportSummary>()
  for (const day of plan.days) {
    const summary = byGoal.get(day.goalId) ?? { goalId: day.goalId, added: 0, corrected: 0, unchanged: 0, days: [] }
    if (day.change === 'new') summary.added++
    else if (day.change === 'correction') summary.corrected++
    else summary.unchanged++
    summary.days.push(day)
    byGoal.set(day.goalId, summary)
  }
  return [...byGoal.values()]
}

/**
 * What the import will write, as one string: the preview carries its digest, and the confirmation
 * records only if the file, read again against what is stored then, still says the same.
 */
export function importWrites(plan: ImportPlan): string {
  return daysToWrite(plan).map((day) => `${day.goalId}|${day.onDate}|${day.mode}|${day.value}`).join('\n')
}

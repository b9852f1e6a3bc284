// The calendar picture's layout, worked out before drawing: the months cut into panels, in rows
// and columns, sized so the picture stays near 2:1 (Slack's preview) with its text as large as
// it can be. calendar.ts draws what this lays out.
import type { CalendarNodeKind } from '../domain/calendarNode.ts'
import { measureText } from './render.ts'


export type CalendarChartRow = {
  label: string
  startDate: string
  endDate: string
  /** Beside the bar: its dates, or a campaign's id and stage. */
  note: string
}

export type CalendarChart = {
  title: string
  /** 'YYYY-MM-DD': the range drawn, both days included, and today. */
  from: string
  to: string
  today: string
  /** Each month of the range ('YYYY-MM') with its label, in order. */
  months: Array<{ month: string; label: string }>
  nodes: Array<CalendarChartRow & { kind: CalendarNodeKind }>
  campaigns: CalendarChartRow[]
  /** Already translated: the key's names, and what a panel without any date says. */
  labels: { today: string; campaign: string; nothing: string; kinds: Record<CalendarNodeKind, string> }
}

/** Paul Tol's "bright" scheme, told apart with the common colour-vision deficiencies. */
export const kindColors: Readonly<Record<CalendarNodeKind | 'campaign', string>> = {
  holiday: '#EE6677', observance: '#66CCEE', ecommerce: '#CCBB44', season: '#228833', campaign: '#4477AA',
}
/** Text on a bar: white where the colour is dark enough for it, else the usual dark text. */
export const textOnKind: Readonly<Record<CalendarNodeKind | 'campaign', string>> = {
  holiday: '#222222', observance: '#222222', ecommerce: '#222222', season: '#FFFFFF', campaign: '#FFFFFF',
}
const kindOrder: readonly CalendarNodeKind[] = ['holiday', 'ecommerce', 'season', 'observance']

export const fontSize = 12
export const noteFontSize = 11
export const titleFontSize = 18
export const labelLimit = 280
export const labelPadding = 8
export const textColor = '#222222'
export const todayColor = '#222222'
export const bandColor = '#F3F3F3'
export const dayMs = 86_400_000
/** A bar narrower than this (a day on a year's axis) gets a dot over it, to be seen. */
export const dotBelowPx = 8
export const barHeightMax = 14

// The picture's fixed parts, in CSS pixels (drawn at 2×). The title's height is vega's for an 18-px
// title and its 12-px offset; the test of the layout compares the sizes worked out here with vega's.
export const padding = 12
const titleHeight = 31
export const keyLineHeight = 20
/** Between the key and the panels. */
export const keySpacing = 14
/** Between rows of panels, and between panels side by side. */
export const panelRowSpacing = 22
export const panelColumnSpacing = 32
/** The month names above each panel. */
export const monthAxisHeight = 22

// What the layout may choose from.
const columnChoices = [1, 2, 3] as const
const rowHeightChoices = [20, 22, 24, 26, 28, 30, 32] as const
/** A day's width: from a year on a 900-px axis (about 2.5 px) up to a month over about 480 px. */
const dayPxMin = 2.4
const dayPxMax = 16
/** The aspect ratio aimed at, and the range the layout keeps to when it can. */
export const targetAspect = 2
export const aspectRange = { min: 1.5, max: 2.5 } as const

/** Midnight UTC of a 'YYYY-MM-DD' day, in ms: the chart works in whole days on a UTC scale, so the host's zone never shifts a bar. */
export function dayStart(date: string, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN
  if (!match || new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`calendar chart: ${what} must be a YYYY-MM-DD day (got ${JSON.stringify(date)})`)
  return ms
}

type Kind = CalendarNodeKind | 'campaign'
/** `before`: a campaign planned around a date of the range that ended before the range begins (no bar; its row says so). */
type Span = { label: string; note: string; kind: Kind; start: number; end: number; before?: boolean }
export type Month = { month: string; label: string; start: number; end: number; shaded: boolean }
/** A run of consecutive months drawn on one day axis, with the dates that start in them and the campaigns running in them. */
export type Panel = { months: Month[]; start: number; end: number; spans: Span[] }

/** How the picture is cut and sized (exported for tests): every size in CSS pixels. */
export type CalendarLayout = {
  columns: number
  monthsPerPanel: number
  rowHeight: number
  dayPx: number
  /** The y axis's width: the longest row label (at most `labelLimit`) and its padding. */
  labelWidth: number
  /** Panels by row of the picture. */
  rows: Panel[][]
  /** The days each column of panels spans: its panels' axes run that long from their first day. */
  columnDays: number[]
  /** Row slots per row of panels: `drawn` hold its panels' rows; `slots` add the empty ones under the last row that keep the picture from turning into a strip. */
  drawn: number[]
  slots: number[]
  keyLines: number
  width: number
  height: number
}

/** The calendar's months and dates in ms, and the campaigns clipped to the range. */
export function calendarParts(chart: CalendarChart) {
  const first = dayStart(chart.from, 'from')
  const last = Math.max(first, dayStart(chart.to, 'to')) + dayMs
  if (chart.months.length === 0) throw new Error('calendar chart: no months to draw')
  const months: Month[] = chart.months.map(({ month, label }, index) => {
    const [y, m] = month.split('-').map(Number) as [number, number]
    return { month, label, start: Math.max(first, Date.UTC(y, m - 1, 1)), end: Math.min(last, Date.UTC(y, m, 1)), shaded: index % 2 === 1 }
  })
  const clip = (row: CalendarChartRow, kind: Kind): Span => {
    if (dayStart(row.endDate, `endDate of ${row.label}`) < first) return { label: row.label, note: `← ${row.note}`, kind, start: first, end: first, before: true }
    const start = Math.min(last - dayMs, Math.max(first, dayStart(row.startDate, `startDate of ${row.label}`)))
    const end = Math.min(last, Math.max(start + dayMs, dayStart(row.endDate, `endDate of ${row.label}`) + dayMs))
    return { label: row.label, note: row.note, kind, start, end }
  }
  return {
    first, last, months,
    nodes: chart.nodes.map((row) => clip(row, row.kind)),
    campaigns: chart.campaigns.map((row) => clip(row, 'campaign')),
  }
}

/** The months cut into panels of `perPanel`: a date goes where it starts, a campaign into every panel it runs in. */
function panelsOf(parts: ReturnType<typeof calendarParts>, perPanel: number): Panel[] {
  const panels: Panel[] = []
  for (let at = 0; at < parts.months.length; at += perPanel) {
    const months = parts.months.slice(at, at + perPanel)
    const start = months[0]!.start
    const end = months.at(-1)!.end
    const nodes = parts.nodes.filter((span) => span.start >= start && span.start < end)
    const campaigns = parts.campaigns.filter((span) => (span.before && at === 0) || (span.start < end && span.end > start))
    // A season running on past the panel is cut at its edge: its note still gives its dates.
    const spans = [...nodes, ...campaigns].map((span) => ({ ...span, start: Math.max(start, span.start), end: Math.min(end, span.end) }))
    panels.push({ months, start, end, spans })
  }
  return panels
}

type KeyItem = { text: string; color: string; rule: boolean; width: number }

/** The key: only the kinds drawn, then the campaigns and today when they are. */
export function keyItems(chart: CalendarChart, parts: ReturnType<typeof calendarParts>): KeyItem[] {
  const drawn = new Set(chart.nodes.map((node) => node.kind))
  const today = dayStart(chart.today, 'today')
  return [
    ...kindOrder.filter((kind) => drawn.has(kind)).map((kind) => ({ text: chart.labels.kinds[kind], color: kindColors[kind], rule: false })),
    ...(chart.campaigns.length > 0 ? [{ text: chart.labels.campaign, color: kindColors.campaign, rule: false }] : []),
    ...(today >= parts.first && today < parts.last ? [{ text: chart.labels.today, color: todayColor, rule: true }] : []),
  ].map((item) => ({ ...item, width: 21 + measureText(item.text, fontSize) + 18 }))
}

/** Key items placed on lines no wider than `width`. */
export function keyPlaced(items: readonly KeyItem[], width: number) {
  let x = 0
  let line = 0
  return items.map((item) => {
    if (x > 0 && x + item.width - 18 > width) { x = 0; line += 1 }
    const placed = { ...item, x, x2: x + 16, xMid: x + 8, textX: x + 21, line }
    x += item.width
    return placed
  })
}

/**
 * Picks how many months go in a panel, how many panels side by side, the row height and the day's
 * width: the picture whose text Slack's preview shrinks the least, near 2:1 (always between 1.5:1
 * and 2.5:1 when it can be). Every choice is sized here, without drawing.
 */
export function calendarLayout(chart: CalendarChart): CalendarLayout {
  const parts = calendarParts(chart)
  const allLabels = [...parts.nodes, ...parts.campaigns].map((span) => span.label)
  const labelWidth = Math.min(labelLimit, Math.max(0, ...allLabels.map((label) => measureText(label, fontSize)))) + labelPadding
  const items = keyItems(chart, parts)
  const titleWidth = measureText(chart.title, titleFontSize, 'bold')
  // The title is never cut: the picture is at least as wide (and a little more, for vega's rounding).
  const minContent = Math.max(titleWidth + 8, ...items.map((item) => item.width))
  let best: { layout: CalendarLayout; score: number } | undefined
  for (let perPanel = 1; perPanel <= parts.months.length; perPanel++) {
    const panels = panelsOf(parts, perPanel)
    // Panels of n months only when n − 1 would need more panels: 5 months are 2 panels of 3 or of 4, and 3 + 2 is the evener cut.
    if (perPanel > 1 && Math.ceil(parts.months.length / (perPanel - 1)) === panels.length) continue
    for (const columns of columnChoices) {
      if (columns > panels.length) continue
      const rows: Panel[][] = []
      for (let at = 0; at < panels.length; at += columns) rows.push(panels.slice(at, at + columns))
      const rowSlots = rows.map((row) => Math.max(1, ...row.map((panel) => panel.spans.length)))
      // A row of panels is its labels, spacing and days: width = fixed + days × dayPx.
      const rowFixed = rows.map((row) => row.length * labelWidth + (row.length - 1) * panelColumnSpacing)
      // Panels one above the other are as wide as the widest of them (a few days more for a shorter month), so columns line up.
      const columnDays = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((row) => (row[c] ? (row[c].end - row[c].start) / dayMs : 0))))
      const rowDays = rows.map((row) => row.reduce((sum, _, c) => sum + columnDays[c]!, 0))
      const empty = panels.filter((panel) => panel.spans.length === 0).length
      for (const rowHeight of rowHeightChoices) {
        const keyLinesAt = (width: number) => Math.max(1, ...keyPlaced(items, width).map((item) => item.line + 1))
        const heightWith = (keyLines: number, slots: number[]) =>
          2 * padding + titleHeight + keyLines * keyLineHeight + keySpacing
          + slots.reduce((sum, n) => sum + monthAxisHeight + n * rowHeight, 0) + (slots.length - 1) * panelRowSpacing
        const widthAt = (dayPx: number) => 2 * padding + Math.max(minContent, ...rows.map((_, r) => rowFixed[r]! + rowDays[r]! * dayPx))
        // The day's width that makes it 2:1, within what reads well.
        const height0 = heightWith(1, rowSlots)
        let dayPx = dayPxMax
        for (let r = 0; r < rows.length; r++) dayPx = Math.min(dayPx, (targetAspect * height0 - 2 * padding - rowFixed[r]!) / rowDays[r]!)
        dayPx = Math.max(dayPxMin, Math.min(dayPxMax, dayPx))
        const width = widthAt(dayPx)
        const keyLines = keyLinesAt(width - 2 * padding)
        // Still a strip (few dates over a short span): empty slots under the last row of panels.
        const slots = [...rowSlots]
        while (width / heightWith(keyLines, slots) > aspectRange.max - 0.2) slots[slots.length - 1]! += 1
        const height = heightWith(keyLines, slots)
        const aspect = width / height
        const filler = slots.at(-1)! - rowSlots.at(-1)!
        // Slack fits the picture into a box about 2:1: its text shrinks with the picture's width or twice its height, whichever is more.
        const score = Math.max(width, targetAspect * height) / 1000
          + 2 * Math.abs(Math.log(aspect / targetAspect))
          + 0.05 * (panels.length - 1) // each cut breaks the timeline
          + 0.6 * empty
          + (rowHeight - 20) / 60
          + (filler * rowHeight) / height
          + (aspect < aspectRange.min || aspect > aspectRange.max ? 10 : 0)
        if (!best || score < best.score) {
          best = { score, layout: { columns, monthsPerPanel: perPanel, rowHeight, dayPx, labelWidth, rows, columnDays, drawn: rowSlots, slots, keyLines, width, height } }
        }
      }
    }
  }
  return best!.layout
}

// The marketing calendar as a picture: the range's months wrapped into panels (a few months each,
// laid out in rows and columns), each panel a day axis with one row per timing node starting in its
// months (a bar over its days, coloured by kind) and one per campaign of the workspace running in
// them; today marked. The layout is chosen per calendar so the picture stays near 2:1 whatever the
// span and the number of dates: Slack's preview fits a picture into a box about that shape, and a
// wide strip (5:1) or a tall column is shrunk until its text cannot be read. The key names only what
// is drawn. Everything it shows is handed in, already translated.
import type { TopLevelSpec } from 'vega-lite'
import type { CalendarNodeKind } from '../domain/calendarNode.ts'
import { chartFont, measureText, renderVegaLitePng } from './render.ts'

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
const textOnKind: Readonly<Record<CalendarNodeKind | 'campaign', string>> = {
  holiday: '#222222', observance: '#222222', ecommerce: '#222222', season: '#FFFFFF', campaign: '#FFFFFF',
}
const kindOrder: readonly CalendarNodeKind[] = ['holiday', 'ecommerce', 'season', 'observance']

const fontSize = 12
const noteFontSize = 11
const titleFontSize = 18
const labelLimit = 280
const labelPadding = 8
const textColor = '#222222'
const todayColor = '#222222'
const bandColor = '#F3F3F3'
const dayMs = 86_400_000
/** A bar narrower than this (a day on a year's axis) gets a dot over it, to be seen. */
const dotBelowPx = 8
const barHeightMax = 14

// The picture's fixed parts, in CSS pixels (drawn at 2×). The title's height is vega's for an 18-px
// title and its 12-px offset; the test of the layout compares the sizes worked out here with vega's.
const padding = 12
const titleHeight = 31
const keyLineHeight = 20
/** Between the key and the panels. */
const keySpacing = 14
/** Between rows of panels, and between panels side by side. */
const panelRowSpacing = 22
const panelColumnSpacing = 32
/** The month names above each panel. */
const monthAxisHeight = 22

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
function dayStart(date: string, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN
  if (!match || new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`calendar chart: ${what} must be a YYYY-MM-DD day (got ${JSON.stringify(date)})`)
  return ms
}

type Kind = CalendarNodeKind | 'campaign'
/** `before`: a campaign planned around a date of the range that ended before the range begins (no bar; its row says so). */
type Span = { label: string; note: string; kind: Kind; start: number; end: number; before?: boolean }
type Month = { month: string; label: string; start: number; end: number; shaded: boolean }
/** A run of consecutive months drawn on one day axis, with the dates that start in them and the campaigns running in them. */
type Panel = { months: Month[]; start: number; end: number; spans: Span[] }

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
function calendarParts(chart: CalendarChart) {
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
function keyItems(chart: CalendarChart, parts: ReturnType<typeof calendarParts>): KeyItem[] {
  const drawn = new Set(chart.nodes.map((node) => node.kind))
  const today = dayStart(chart.today, 'today')
  return [
    ...kindOrder.filter((kind) => drawn.has(kind)).map((kind) => ({ text: chart.labels.kinds[kind], color: kindColors[kind], rule: false })),
    ...(chart.campaigns.length > 0 ? [{ text: chart.labels.campaign, color: kindColors.campaign, rule: false }] : []),
    ...(today >= parts.first && today < parts.last ? [{ text: chart.labels.today, color: todayColor, rule: true }] : []),
  ].map((item) => ({ ...item, width: 21 + measureText(item.text, fontSize) + 18 }))
}

/** Key items placed on lines no wider than `width`. */
function keyPlaced(items: readonly KeyItem[], width: number) {
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

/** The Vega-Lite spec of the calendar picture (exported for tests and for looking at it in the Vega editor). */
export function calendarSpec(chart: CalendarChart): TopLevelSpec {
  const parts = calendarParts(chart)
  const layout = calendarLayout(chart)
  const today = dayStart(chart.today, 'today')
  const contentWidth = layout.width - 2 * padding
  const barHeight = Math.min(barHeightMax, Math.round(layout.rowHeight * 0.62))
  const rowLabels: Record<string, string> = {}
  const monthLabels = Object.fromEntries(chart.months.map(({ month, label }) => [month, label]))
  const monthAt: Record<string, string> = {}
  const pixels = (field: string) => ({ field, type: 'quantitative', scale: null }) as const

  const panelView = (panel: Panel, panelIndex: number, column: number, drawn: number, slots: number) => {
    const drawnHeight = drawn * layout.rowHeight
    const axisEnd = panel.start + layout.columnDays[column]! * dayMs
    const plotWidth = layout.columnDays[column]! * layout.dayPx
    const toPx = (ms: number) => ((ms - panel.start) / dayMs) * layout.dayPx
    const keys = Array.from({ length: slots }, (_, slot) => `p${panelIndex}r${slot}`)
    const rows = panel.spans.map((span, slot) => {
      const key = keys[slot]!
      rowLabels[key] = span.label
      const noteWidth = measureText(span.note, noteFontSize) + 12
      const [left, right] = [toPx(span.start), toPx(span.end)]
      // Its dates to the right of the bar, else to its left, else on it.
      const noteAt = span.before || plotWidth - right >= noteWidth ? 'right' : left >= noteWidth ? 'left' : right - left >= noteWidth ? 'inside' : 'right'
      return {
        key, start: span.start, end: span.end, mid: (span.start + span.end) / 2, note: span.note, noteAt, bar: !span.before,
        color: kindColors[span.kind], noteColor: noteAt === 'inside' ? textOnKind[span.kind] : textColor, dot: right - left < dotBelowPx,
      }
    })
    for (const key of keys.slice(panel.spans.length)) rowLabels[key] = ''
    // Month names over the months wide enough to hold them (a whole month always is; the first and last may be a few days).
    const bands = panel.months.map((month) => ({ ...month, mid: (month.start + month.end) / 2 }))
    for (const band of bands) monthAt[String(band.mid)] = band.month
    const named = bands.filter((band) => ((band.end - band.start) / dayMs) * layout.dayPx + 10 >= measureText(band.label, fontSize, 'bold'))
    const x = { field: 'start', type: 'quantitative', scale: { domain: [panel.start, axisEnd], nice: false, zero: false } } as const
    const xAxis = {
      ...x,
      axis: {
        orient: 'top', title: null, grid: false, ticks: false, domain: false, labelPadding: 6, labelFontWeight: 'bold', labelFontSize: fontSize,
        values: named.map((band) => band.mid), labelExpr: 'monthLabels[monthAt[toString(datum.value)]]',
        minExtent: monthAxisHeight, maxExtent: monthAxisHeight,
      },
    } as const
    const y = {
      field: 'key', type: 'nominal',
      scale: { domain: keys, paddingInner: 0, paddingOuter: 0 },
      axis: {
        title: null, labelExpr: 'rowLabels[datum.value]', labelLimit, labelFontSize: fontSize, ticks: false, domain: false, labelPadding,
        minExtent: layout.labelWidth, maxExtent: layout.labelWidth,
      },
    } as const
    const note = (at: 'right' | 'left' | 'inside') => ({
      transform: [{ filter: `datum.noteAt === '${at}'` }],
      mark: { type: 'text', align: at === 'left' ? 'right' : 'left', baseline: 'middle', dx: at === 'left' ? -6 : 6, fontSize: noteFontSize },
      encoding: { x: { field: at === 'right' ? 'end' : 'start', type: 'quantitative' }, y, text: { field: 'note' }, color: { field: 'noteColor', type: 'nominal', scale: null } },
    })
    const layers: object[] = [
      {
        data: { values: bands },
        transform: [{ filter: 'datum.shaded' }],
        mark: { type: 'rect', color: bandColor },
        encoding: { x: xAxis, x2: { field: 'end' }, y: { value: 0 }, y2: { value: drawnHeight } },
      },
      {
        // Down the rows drawn, as the shading, not the empty slots under them.
        data: { values: [{ start: today + dayMs / 2 }] },
        transform: [{ filter: `datum.start >= ${panel.start} && datum.start <= ${panel.end}` }],
        mark: { type: 'rule', color: todayColor, strokeWidth: 2, strokeDash: [4, 3] },
        encoding: { x, y: { value: 0 }, y2: { value: drawnHeight } },
      },
      {
        data: { values: rows },
        layer: [
          {
            transform: [{ filter: 'datum.bar && !datum.dot' }],
            mark: { type: 'bar', height: barHeight, cornerRadius: 2 },
            encoding: { x, x2: { field: 'end' }, y, color: { field: 'color', type: 'nominal', scale: null } },
          },
          {
            transform: [{ filter: 'datum.bar && datum.dot' }],
            mark: { type: 'point', filled: true, size: 120, opacity: 1 },
            encoding: { x: { field: 'mid', type: 'quantitative' }, y, color: { field: 'color', type: 'nominal', scale: null } },
          },
          note('right'),
          note('left'),
          note('inside'),
        ],
      },
    ]
    // A hairline between the dates and the campaigns under them.
    const firstCampaign = panel.spans.findIndex((span) => span.kind === 'campaign')
    if (firstCampaign > 0) {
      layers.push({
        data: { values: [{}] },
        mark: { type: 'rule', color: '#BBBBBB', strokeWidth: 1 },
        encoding: { x: { value: 0 }, x2: { value: plotWidth }, y: { value: firstCampaign * layout.rowHeight } },
      })
    }
    if (panel.spans.length === 0) {
      layers.push({
        data: { values: [{ text: chart.labels.nothing }] },
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: noteFontSize, fontStyle: 'italic', color: '#666666' },
        encoding: { x: { value: 8 }, y: { value: layout.rowHeight / 2 }, text: { field: 'text' } },
      })
    }
    return { width: plotWidth, height: slots * layout.rowHeight, layer: layers }
  }

  // The key: a swatch and a name per kind drawn, then the campaigns and today, wrapped to the picture's
  // width. Vega lines views up by their plot's left edge, the panels' after their labels: the key's
  // marks start that far to the left of its own, at the picture's edge.
  const keyRows = keyPlaced(keyItems(chart, parts), contentWidth).map((item) => {
    const y = item.line * keyLineHeight + keyLineHeight / 2
    const shift = (x: number) => x - layout.labelWidth
    return { ...item, x: shift(item.x), x2: shift(item.x2), xMid: shift(item.xMid), textX: shift(item.textX), y, swatchTop: y - 5, swatchBottom: y + 5, ruleTop: y - 9, ruleBottom: y + 9 }
  })
  const keyView = {
    width: Math.max(1, contentWidth - layout.labelWidth),
    height: layout.keyLines * keyLineHeight,
    data: { values: keyRows },
    layer: [
      {
        transform: [{ filter: '!datum.rule' }],
        mark: { type: 'rect' },
        encoding: { x: pixels('x'), x2: { field: 'x2' }, y: pixels('swatchTop'), y2: { field: 'swatchBottom' }, color: { field: 'color', type: 'nominal', scale: null } },
      },
      {
        transform: [{ filter: 'datum.rule' }],
        mark: { type: 'rule', strokeWidth: 2, strokeDash: [4, 3] },
        encoding: { x: pixels('xMid'), y: pixels('ruleTop'), y2: { field: 'ruleBottom' }, color: { value: todayColor } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize },
        encoding: { x: pixels('textX'), y: pixels('y'), text: { field: 'text' }, color: { value: textColor } },
      },
    ],
  }

  let panelIndex = 0
  const rowViews = layout.rows.map((row, r) => {
    const views = row.map((panel, column) => panelView(panel, panelIndex++, column, layout.drawn[r]!, layout.slots[r]!))
    return views.length === 1 ? views[0]! : { hconcat: views, spacing: panelColumnSpacing }
  })
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, anchor: 'start', fontSize: titleFontSize, fontWeight: 'bold', offset: 12 },
    params: [
      { name: 'rowLabels', value: rowLabels },
      { name: 'monthLabels', value: monthLabels },
      { name: 'monthAt', value: monthAt },
    ],
    background: 'white',
    padding,
    spacing: keySpacing,
    config: { font: chartFont, view: { stroke: null }, axis: { labelFontSize: fontSize, labelColor: textColor } },
    vconcat: [keyView, { vconcat: rowViews, spacing: panelRowSpacing }],
  } as TopLevelSpec
}

/** The calendar picture as PNG bytes (drawn at twice the CSS size, so it stays sharp in Slack). */
export async function renderCalendarPng(chart: CalendarChart): Promise<Buffer> {
  return renderVegaLitePng(calendarSpec(chart))
}

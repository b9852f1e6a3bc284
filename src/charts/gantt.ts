// The campaign's execution schedule as a Gantt picture: one bar per task on a day axis, the campaign
// window shaded, today marked, overdue and done tasks set apart. Everything it shows is handed in
// (already translated); no clock, no database.
import type { TopLevelSpec } from 'vega-lite'
import type { WorkStage } from '../domain/tasks.ts'
import { chartFont, measureText, renderVegaLitePng } from './render.ts'

export type GanttBar = {
  id: number
  label: string
  stage: string
  stageLabel: string
  ownerName: string
  startDate: string
  dueDate: string
  done: boolean
  overdue: boolean
}

export type GanttChart = {
  title: string
  /** 'YYYY-MM-DD' */
  today: string
  /** The campaign window, shaded. */
  window: { startDate: string; endDate: string }
  /** One bar per task, in display order. */
  bars: GanttBar[]
  /** Already translated. */
  labels: { today: string; window: string; overdue: string; done: string }
  stageColors?: Record<string, string>
}

/** Paul Tol's "muted" scheme: nine colours told apart with the common colour-vision deficiencies. */
export const defaultStageColors: Readonly<Record<WorkStage, string>> = {
  creative: '#CC6677',
  content: '#332288',
  design: '#DDCC77',
  build: '#117733',
  promotion: '#88CCEE',
  launch: '#882255',
  data: '#44AA99',
  customer_service: '#999933',
  retrospective: '#AA4499',
}
const unknownStageColor = '#BBBBBB'

const plotWidth = 840
const rowHeight = 20
const fontSize = 12
const noteFontSize = 11
const noteLimit = 220 // px; a longer owner note is cut with an ellipsis
const taskLabelLimit = 240
const overdueColor = '#D00000'
const todayColor = '#222222'
const windowColor = '#4477AA'
const windowOpacity = 0.1
const doneOpacity = 0.35
const textColor = '#222222'
const gridColor = '#E3E3E3'
const stripeColor = '#F6F6F6'
const dayMs = 86_400_000

/** Midnight UTC of a 'YYYY-MM-DD' day, in ms; the chart works in whole days on a UTC scale, so the host's zone never shifts a bar. */
function dayStart(date: string, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN
  if (!match || new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`gantt: ${what} must be a YYYY-MM-DD day (got ${JSON.stringify(date)})`)
  return ms
}

const shortDay = (date: string) => date.slice(5)

/** `top` drawn with `opacity` over `base` (both '#RRGGBB'), as '#RRGGBB'. */
function blend(base: string, top: string, opacity: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)
  return '#' + [0, 1, 2].map((i) => Math.round(channel(base, i) * (1 - opacity) + channel(top, i) * opacity).toString(16).padStart(2, '0')).join('')
}

/** A day step for axis ticks that keeps labels about 60 px apart. */
function tickStepDays(spanDays: number): number {
  const wanted = spanDays / (plotWidth / 60)
  return [1, 2, 3, 7, 14, 28, 56, 91].find((step) => step >= wanted) ?? Math.ceil(wanted / 30) * 30
}

/** One task as drawn; `key` is its position, so tasks that share a name (or even an id) keep their own rows. */
type BarRow = { key: string; start: number; end: number; stage: string; note: string; overdue: boolean; done: boolean; halo: string }

type KeyItem = { swatch: 'stage' | 'window' | 'today' | 'overdue' | 'done'; color: string; text: string }
/** A key entry placed in pixels: its swatch spans x..x2 (middle xMid), y..y2; its text starts at textX on the line's middle, lineY. */
type KeyRow = KeyItem & { x: number; xMid: number; x2: number; y: number; y2: number; textX: number; lineY: number }

const keySwatchWidth = 16
const keySwatchHeight = 10
const keyGap = 5
const keySpacing = 18
const keyLineHeight = 20

/** Places the key's entries left to right, wrapping at the plot's width (text measured with the chart's font). */
function layOutKey(items: KeyItem[]): { rows: KeyRow[]; height: number } {
  const rows: KeyRow[] = []
  let x = 0
  let line = 0
  for (const item of items) {
    const width = keySwatchWidth + keyGap + measureText(item.text, fontSize)
    if (x > 0 && x + width > plotWidth) {
      x = 0
      line += 1
    }
    const lineY = line * keyLineHeight + keyLineHeight / 2
    // The today swatch is a rule as tall as the line; the others are small boxes.
    const half = item.swatch === 'today' ? keyLineHeight / 2 - 2 : keySwatchHeight / 2
    rows.push({ ...item, x, xMid: x + keySwatchWidth / 2, x2: x + keySwatchWidth, y: lineY - half, y2: lineY + half, textX: x + keySwatchWidth + keyGap, lineY })
    x += width + keySpacing
  }
  return { rows, height: (line + 1) * keyLineHeight }
}

/** The Vega-Lite spec of a Gantt chart (exported for tests and for looking at it in the Vega editor). */
export function ganttSpec(chart: GanttChart): TopLevelSpec {
  const colors: Record<string, string> = { ...defaultStageColors, ...chart.stageColors }
  const today = dayStart(chart.today, 'today')
  const windowStart = dayStart(chart.window.startDate, 'window.startDate')
  const windowEnd = Math.max(windowStart, dayStart(chart.window.endDate, 'window.endDate')) + dayMs

  const rows: BarRow[] = chart.bars.map((bar, index) => {
    const start = dayStart(bar.startDate, `startDate of task ${bar.id}`)
    // Dates are inclusive: a task due the day it starts is one day wide (and never less).
    const end = Math.max(start, dayStart(bar.dueDate, `dueDate of task ${bar.id}`)) + dayMs
    const status = bar.overdue ? chart.labels.overdue : bar.done ? chart.labels.done : ''
    const note = status ? `${bar.ownerName} · ${status}` : bar.ownerName
    // The note's halo takes the colour behind where the note starts (stripe, window shade), so it hides lines, not the background.
    const behind = index % 2 === 1 ? stripeColor : '#FFFFFF'
    const halo = end >= windowStart && end < windowEnd ? blend(behind, windowColor, windowOpacity) : behind
    return { key: String(index), start, end, stage: bar.stage, note, overdue: bar.overdue, done: bar.done && !bar.overdue, halo }
  })

  // The day axis covers the window, every task and today; on the right it grows until each bar's
  // owner note fits beside it.
  const first = Math.min(windowStart, today, ...rows.map((r) => r.start)) - dayMs / 2
  const last = Math.max(windowEnd, today + dayMs, ...rows.map((r) => r.end)) + dayMs / 2
  let domainEnd = last
  for (const row of rows) {
    const room = Math.min(noteLimit, measureText(row.note, noteFontSize, row.overdue ? 'bold' : 'normal')) + 12
    domainEnd = Math.max(domainEnd, first + ((row.end - first) * plotWidth) / (plotWidth - room))
  }
  const spanDays = (domainEnd - first) / dayMs

  // Stages in the palette's order first, then any others in order of appearance.
  const known = Object.keys(colors)
  const stages = [...new Map(chart.bars.map((b) => [b.stage, b.stageLabel])).entries()]
    .sort(([a], [b]) => (known.indexOf(a) + 1 || known.length + 1) - (known.indexOf(b) + 1 || known.length + 1))
  const stageColor = (stage: string) => colors[stage] ?? unknownStageColor

  const key = layOutKey([
    ...stages.map(([stage, label]): KeyItem => ({ swatch: 'stage', color: stageColor(stage), text: label })),
    { swatch: 'window', color: windowColor, text: `${chart.labels.window} ${shortDay(chart.window.startDate)} – ${shortDay(chart.window.endDate)}` },
    { swatch: 'today', color: todayColor, text: `${chart.labels.today} ${shortDay(chart.today)}` },
    { swatch: 'overdue', color: overdueColor, text: chart.labels.overdue },
    { swatch: 'done', color: unknownStageColor, text: chart.labels.done },
  ])

  const taskLabels = Object.fromEntries(chart.bars.map((b, index) => [String(index), b.label]))
  const rowKeys = rows.map((r) => r.key)
  // Days as UTC milliseconds on a linear scale (a temporal scale with an explicit domain makes
  // Vega-Lite warn about conflicting domains across layers). Grid lines mark where a day starts;
  // its label sits in the middle of the day it names.
  const step = tickStepDays(spanDays)
  const tickDays: number[] = []
  for (let day = windowStart - Math.floor((windowStart - first) / (step * dayMs)) * step * dayMs; day < domainEnd; day += step * dayMs) {
    if (day >= first) tickDays.push(day)
  }
  // The scale and axis are declared once (on the window layer); the other layers share them.
  const xAxis = {
    field: 'start',
    type: 'quantitative',
    scale: { domain: [first, domainEnd], nice: false, zero: false },
    axis: {
      orient: 'top', title: null, grid: false, ticks: false, domain: false, labelPadding: 6,
      values: tickDays.map((day) => day + dayMs / 2), labelExpr: "utcFormat(datum.value, '%m-%d')",
    },
  } as const
  const x = { field: 'start', type: 'quantitative' } as const
  const y = {
    field: 'key',
    type: 'nominal',
    scale: { domain: rowKeys, paddingInner: 0, paddingOuter: 0 },
    axis: {
      title: null, labelExpr: 'taskLabels[datum.value]', labelLimit: taskLabelLimit, labelFontSize: fontSize,
      ticks: false, domain: false, labelPadding: 8,
    },
  } as const
  const plotHeight = Math.max(1, rows.length) * rowHeight

  const pixels = (field: string) => ({ field, type: 'quantitative', scale: null }) as const
  const swatch = (kind: KeyItem['swatch'], mark: object) => ({
    transform: [{ filter: `datum.swatch === '${kind}'` }],
    mark,
    encoding: { x: pixels('x'), x2: { field: 'x2' }, y: pixels('y'), y2: { field: 'y2' }, color: { field: 'color', type: 'nominal', scale: null } },
  })
  const keyView = {
    width: plotWidth,
    height: key.height,
    data: { values: key.rows },
    layer: [
      swatch('stage', { type: 'rect' }),
      swatch('window', { type: 'rect', opacity: windowOpacity * 2.5 }),
      swatch('done', { type: 'rect', opacity: doneOpacity }),
      swatch('overdue', { type: 'rect', filled: false, strokeWidth: 2.5 }),
      { ...swatch('today', { type: 'rule', strokeWidth: 2, strokeDash: [4, 3] }), encoding: { x: pixels('xMid'), y: pixels('y'), y2: { field: 'y2' }, color: { value: todayColor } } },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize },
        encoding: { x: pixels('textX'), y: pixels('lineY'), text: { field: 'text' }, color: { value: textColor } },
      },
    ],
  }

  // The owner beside each bar; a halo drawn first keeps it readable where it crosses the today rule
  // or a grid line. Overdue notes are bold and red (weight is a mark property, hence two layers).
  const note = (overdue: boolean, halo: boolean) => ({
    transform: [{ filter: overdue ? 'datum.overdue' : '!datum.overdue' }],
    mark: {
      type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: noteFontSize, limit: noteLimit,
      fontWeight: overdue ? 'bold' : 'normal',
      ...(halo ? { strokeWidth: 4, strokeJoin: 'round' } : { color: overdue ? overdueColor : textColor }),
    },
    encoding: {
      x: { field: 'end', type: 'quantitative' }, y,
      text: { field: 'note' },
      ...(halo
        ? { color: { field: 'halo', type: 'nominal', scale: null }, stroke: { field: 'halo', type: 'nominal', scale: null } }
        : { opacity: { condition: { test: 'datum.done', value: 0.6 }, value: 1 } }),
    },
  })
  const ganttView = {
    width: plotWidth,
    height: plotHeight,
    layer: [
      {
        // Every other row faintly striped, to follow a row from its label to its bar.
        data: { values: rows.filter((_, index) => index % 2 === 1) },
        mark: { type: 'rect', color: stripeColor },
        encoding: { y },
      },
      {
        data: { values: [{ start: windowStart, end: windowEnd }] },
        mark: { type: 'rect', color: windowColor, opacity: windowOpacity },
        encoding: { x: xAxis, x2: { field: 'end' } },
      },
      {
        data: { values: tickDays.map((start) => ({ start })) },
        mark: { type: 'rule', color: gridColor, strokeWidth: 1 },
        encoding: { x },
      },
      {
        data: { values: [{ start: today + dayMs / 2 }] },
        mark: { type: 'rule', color: todayColor, strokeWidth: 2, strokeDash: [4, 3] },
        encoding: { x },
      },
      {
        data: { values: rows },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.66 }, cornerRadius: 2 },
            encoding: {
              x, x2: { field: 'end' }, y,
              color: { field: 'stage', type: 'nominal', scale: { domain: stages.map(([s]) => s), range: stages.map(([s]) => stageColor(s)) }, legend: null },
              opacity: { condition: { test: 'datum.done', value: doneOpacity }, value: 1 },
              stroke: { condition: { test: 'datum.overdue', value: overdueColor }, value: null },
              strokeWidth: { condition: { test: 'datum.overdue', value: 2.5 }, value: 0 },
            },
          },
          note(false, true),
          note(true, true),
          note(false, false),
          note(true, false),
        ],
      },
    ],
  }

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, anchor: 'start', fontSize: 18, fontWeight: 'bold', offset: 12, limit: taskLabelLimit + plotWidth },
    params: [{ name: 'taskLabels', value: taskLabels }],
    background: 'white',
    padding: 12,
    spacing: 14,
    config: {
      font: chartFont,
      // No frame: the stripes would break its left edge into dashes.
      view: { stroke: null },
      axis: { labelFontSize: fontSize, labelColor: textColor },
    },
    vconcat: [keyView, ganttView],
  } as TopLevelSpec
}

/** The Gantt chart as PNG bytes (drawn at twice the CSS size, so it stays sharp in Slack). */
export async function renderGanttPng(chart: GanttChart): Promise<Buffer> {
  return renderVegaLitePng(ganttSpec(chart))
}

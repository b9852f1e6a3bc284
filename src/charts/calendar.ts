// The marketing calendar as a picture: the months of a range side by side on a day axis, one row per
// timing node (a bar over its days, coloured by kind) and, below, one row per campaign of the
// workspace over its window; today marked. Everything it shows is handed in, already translated.
import type { TopLevelSpec } from 'vega-lite'
import type { CalendarNodeKind } from '../domain/calendar.ts'
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
  /** Already translated. */
  labels: { today: string; campaigns: string; campaign: string; kinds: Record<CalendarNodeKind, string> }
}

/** Paul Tol's "bright" scheme, told apart with the common colour-vision deficiencies. */
export const kindColors: Readonly<Record<CalendarNodeKind | 'campaign', string>> = {
  holiday: '#EE6677', observance: '#66CCEE', ecommerce: '#CCBB44', season: '#228833', campaign: '#4477AA',
}
const kindOrder: readonly CalendarNodeKind[] = ['holiday', 'ecommerce', 'season', 'observance']

const plotWidth = 900
const rowHeight = 20
const fontSize = 12
const noteFontSize = 11
const labelLimit = 280
const textColor = '#222222'
const todayColor = '#222222'
const bandColor = '#F3F3F3'
const dayMs = 86_400_000
/** A bar narrower than this (a day on a year's axis) gets a dot over it, to be seen. */
const dotBelowPx = 8

/** Midnight UTC of a 'YYYY-MM-DD' day, in ms: the chart works in whole days on a UTC scale, so the host's zone never shifts a bar. */
function dayStart(date: string, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN
  if (!match || new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`calendar chart: ${what} must be a YYYY-MM-DD day (got ${JSON.stringify(date)})`)
  return ms
}

type Row = { key: string; start: number; end: number; mid: number; kind: string; note: string; dot: boolean; noteLeft: boolean }

/** The Vega-Lite spec of the calendar picture (exported for tests and for looking at it in the Vega editor). */
export function calendarSpec(chart: CalendarChart): TopLevelSpec {
  const first = dayStart(chart.from, 'from')
  const last = Math.max(first, dayStart(chart.to, 'to')) + dayMs
  const today = dayStart(chart.today, 'today')
  const span = last - first

  // A bar's dates go to its right, or to its left when the right edge is too near.
  const rowsOf = (rows: Array<CalendarChartRow & { kind: string }>, prefix: string): Row[] => rows.map((row, index) => {
    const start = Math.max(first, dayStart(row.startDate, `startDate of ${row.label}`))
    const end = Math.min(last, Math.max(start, dayStart(row.endDate, `endDate of ${row.label}`) + dayMs))
    const room = ((last - end) / span) * plotWidth
    return {
      key: `${prefix}${index}`, start, end, mid: (start + end) / 2, kind: row.kind, note: row.note,
      dot: ((end - start) / span) * plotWidth < dotBelowPx, noteLeft: room < measureText(row.note, noteFontSize) + 12,
    }
  })
  const nodes = rowsOf(chart.nodes, 'n')
  const campaigns = rowsOf(chart.campaigns.map((c) => ({ ...c, kind: 'campaign' })), 'c')
  const labels = Object.fromEntries([
    ...chart.nodes.map((row, index) => [`n${index}`, row.label]),
    ...chart.campaigns.map((row, index) => [`c${index}`, row.label]),
  ])

  // Every other month shaded; each month's name in its middle, on top.
  const bands = chart.months.map(({ month }, index) => {
    const start = Math.max(first, dayStart(`${month}-01`, 'month'))
    const [y, m] = month.split('-').map(Number) as [number, number]
    const end = Math.min(last, Date.UTC(y, m, 1))
    return { start, end, mid: (start + end) / 2, shaded: index % 2 === 1, label: month }
  })
  const monthLabels = Object.fromEntries(chart.months.map(({ month, label }) => [month, label]))
  const monthAt = Object.fromEntries(bands.map((band) => [String(band.mid), band.label]))

  const x = { field: 'start', type: 'quantitative' } as const
  const xAxis = {
    ...x,
    scale: { domain: [first, last], nice: false, zero: false },
    axis: {
      orient: 'top', title: null, grid: false, ticks: false, domain: false, labelPadding: 6, labelFontWeight: 'bold',
      values: bands.map((band) => band.mid), labelExpr: 'monthLabels[monthAt[toString(datum.value)]]',
    },
  } as const
  const yOf = (rows: Row[]) => ({
    field: 'key', type: 'nominal',
    scale: { domain: rows.map((row) => row.key), paddingInner: 0, paddingOuter: 0 },
    axis: { title: null, labelExpr: 'rowLabels[datum.value]', labelLimit, labelFontSize: fontSize, ticks: false, domain: false, labelPadding: 8 },
  }) as const
  const colorValues = (rows: Row[]) => rows.map((row) => ({ ...row, color: kindColors[row.kind as keyof typeof kindColors] ?? '#BBBBBB' }))

  const timeline = (rows: Row[], withAxis: boolean, title?: string) => {
    const y = yOf(rows)
    const note = (left: boolean) => ({
      transform: [{ filter: left ? 'datum.noteLeft' : '!datum.noteLeft' }],
      mark: { type: 'text', align: left ? 'right' : 'left', baseline: 'middle', dx: left ? -6 : 6, fontSize: noteFontSize, color: textColor },
      encoding: { x: { field: left ? 'start' : 'end', type: 'quantitative' }, y, text: { field: 'note' } },
    })
    return {
      ...(title ? { title: { text: title, anchor: 'start', fontSize: 14, fontWeight: 'bold', offset: 8 } } : {}),
      width: plotWidth,
      height: Math.max(1, rows.length) * rowHeight,
      layer: [
        {
          data: { values: bands },
          transform: [{ filter: 'datum.shaded' }],
          mark: { type: 'rect', color: bandColor },
          encoding: { x: withAxis ? xAxis : { ...x, scale: xAxis.scale, axis: null }, x2: { field: 'end' } },
        },
        {
          data: { values: [{ start: today + dayMs / 2 }] },
          transform: [{ filter: `datum.start >= ${first} && datum.start <= ${last}` }],
          mark: { type: 'rule', color: todayColor, strokeWidth: 2, strokeDash: [4, 3] },
          encoding: { x },
        },
        {
          data: { values: colorValues(rows) },
          layer: [
            { mark: { type: 'bar', height: { band: 0.62 }, cornerRadius: 2 }, encoding: { x, x2: { field: 'end' }, y, color: { field: 'color', type: 'nominal', scale: null } } },
            {
              transform: [{ filter: 'datum.dot' }],
              mark: { type: 'point', filled: true, size: 120, opacity: 1 },
              encoding: { x: { field: 'mid', type: 'quantitative' }, y, color: { field: 'color', type: 'nominal', scale: null } },
            },
            note(false),
            note(true),
          ],
        },
      ],
    }
  }

  // The key: a swatch and a name per kind, then today, on one line.
  const keyItems = [
    ...kindOrder.map((kind) => ({ text: chart.labels.kinds[kind], color: kindColors[kind], rule: false })),
    ...(chart.campaigns.length > 0 ? [{ text: chart.labels.campaign, color: kindColors.campaign, rule: false }] : []),
    { text: chart.labels.today, color: todayColor, rule: true },
  ]
  let keyX = 0
  const keyRows = keyItems.map((item) => {
    const row = { ...item, x: keyX, x2: keyX + 16, xMid: keyX + 8, textX: keyX + 21 }
    keyX += 21 + measureText(item.text, fontSize) + 18
    return row
  })
  const pixels = (field: string) => ({ field, type: 'quantitative', scale: null }) as const
  const keyView = {
    width: plotWidth,
    height: 20,
    data: { values: keyRows },
    layer: [
      {
        transform: [{ filter: '!datum.rule' }],
        mark: { type: 'rect' },
        encoding: { x: pixels('x'), x2: { field: 'x2' }, y: { value: 5 }, y2: { value: 15 }, color: { field: 'color', type: 'nominal', scale: null } },
      },
      {
        transform: [{ filter: 'datum.rule' }],
        mark: { type: 'rule', strokeWidth: 2, strokeDash: [4, 3] },
        encoding: { x: pixels('xMid'), y: { value: 1 }, y2: { value: 19 }, color: { value: todayColor } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize },
        encoding: { x: pixels('textX'), y: { value: 10 }, text: { field: 'text' }, color: { value: textColor } },
      },
    ],
  }

  const views: object[] = [keyView, timeline(nodes, true)]
  if (campaigns.length > 0) views.push(timeline(campaigns, false, chart.labels.campaigns))
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, anchor: 'start', fontSize: 18, fontWeight: 'bold', offset: 12, limit: labelLimit + plotWidth },
    params: [
      { name: 'rowLabels', value: labels },
      { name: 'monthLabels', value: monthLabels },
      { name: 'monthAt', value: monthAt },
    ],
    background: 'white',
    padding: 12,
    spacing: 16,
    config: { font: chartFont, view: { stroke: null }, axis: { labelFontSize: fontSize, labelColor: textColor } },
    vconcat: views,
  } as TopLevelSpec
}

/** The calendar picture as PNG bytes (drawn at twice the CSS size, so it stays sharp in Slack). */
export async function renderCalendarPng(chart: CalendarChart): Promise<Buffer> {
  return renderVegaLitePng(calendarSpec(chart))
}

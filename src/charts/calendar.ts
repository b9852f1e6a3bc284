// The marketing calendar as a picture: the range's months wrapped into panels (a few months each,
// laid out in rows and columns), each panel a day axis with one row per timing node starting in its
// months (a bar over its days, coloured by kind) and one per campaign of the workspace running in
// them; today marked. The layout is chosen per calendar so the picture stays near 2:1 whatever the
// span and the number of dates: Slack's preview fits a picture into a box about that shape, and a
// wide strip (5:1) or a tall column is shrunk until its text cannot be read. The key names only what
// is drawn. Everything it shows is handed in, already translated.
import type { TopLevelSpec } from 'vega-lite'
import { chartFont, measureText, renderVegaLitePng } from './render.ts'
import {
  bandColor, barHeightMax, type CalendarChart, calendarLayout, calendarParts, dayMs, dayStart,
  dotBelowPx, fontSize, keyItems, keyLineHeight, keyPlaced, keySpacing, kindColors, labelLimit,
  labelPadding, monthAxisHeight, noteFontSize, padding, type Panel, panelColumnSpacing,
  panelRowSpacing, textColor, textOnKind, titleFontSize, todayColor,
} from './calendarLayout.ts'


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

// The retrospective's goals picture: one small panel per goal, each with its target (flat), its
// pace line (the curve from nothing to the target over the window) and its actual running total by
// day. Panels have their own vertical scale: sign-ups and revenue do not share an axis. Everything
// it shows is handed in, already translated; no clock, no database.
import type { TopLevelSpec } from 'vega-lite'
import { chartFont, compileChart, renderVegaLitePng } from './render.ts'

export type GoalPanel = {
  /** The panel's title: the metric and its unit or currency. */
  label: string
  /** In display units (money in major units: the picture only shows it). */
  target: number
  points: ReadonlyArray<{ date: string; pace: number; actual: number | null }>
}

export type GoalsChart = {
  title: string
  panels: readonly GoalPanel[]
  labels: { target: string; pace: string; actual: string }
}

const panelWidth = 380
const panelHeight = 170
const columns = 2
const fontSize = 12
const textColor = '#222222'
// Paul Tol's bright scheme: told apart with the common colour-vision deficiencies.
const targetColor = '#EE6677'
const paceColor = '#4477AA'
const actualColor = '#228833'

export function goalsSpec(chart: GoalsChart): TopLevelSpec {
  const { labels } = chart
  // A panel key that sorts in display order whatever the labels say (two goals may share a metric).
  const key = (index: number) => `${String(index + 1).padStart(2, '0')} ${chart.panels[index]!.label}`
  const rows = chart.panels.flatMap((panel, index) => panel.points.flatMap((point) => [
    { goal: key(index), date: point.date, series: labels.target, value: panel.target },
    { goal: key(index), date: point.date, series: labels.pace, value: point.pace },
    ...(point.actual === null ? [] : [{ goal: key(index), date: point.date, series: labels.actual, value: point.actual }]),
  ]))
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, anchor: 'start', fontSize: 18, fontWeight: 'bold', offset: 12 },
    background: 'white',
    padding: 12,
    data: { values: rows },
    facet: {
      field: 'goal', type: 'nominal', sort: 'ascending',
      // Drop the ordering prefix from the panel's title.
      header: { title: null, labelFontSize: 13, labelFontWeight: 'bold', labelAnchor: 'start', labelColor: textColor, labelExpr: 'slice(datum.value, 3)', labelLimit: panelWidth },
    },
    columns,
    spacing: { row: 18, column: 28 },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: panelWidth,
      height: panelHeight,
      // Straight segments: 'monotone' curves cost a third more drawing time for no clearer a picture.
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null, axis: { format: '%m-%d', labelAngle: 0, tickCount: 6, grid: false } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: true }, axis: { tickCount: 4, minExtent: 48 } },
        color: {
          field: 'series', type: 'nominal', title: null,
          scale: { domain: [labels.target, labels.pace, labels.actual], range: [targetColor, paceColor, actualColor] },
          legend: { orient: 'top', direction: 'horizontal', labelFontSize: fontSize, symbolStrokeWidth: 3 },
        },
        // Same field and title as the colour: one merged key showing both.
        strokeDash: {
          field: 'series', type: 'nominal', title: null,
          scale: { domain: [labels.target, labels.pace, labels.actual], range: [[6, 4], [2, 3], [1, 0]] },
        },
      },
    },
    config: {
      font: chartFont,
      view: { stroke: '#DDDDDD' },
      axis: { labelFontSize: fontSize, labelColor: textColor, gridColor: '#EEEEEE' },
    },
  } as TopLevelSpec
}

/** Vega-Lite's warnings about the spec (none expected): for the chart's test. */
export const goalsSpecWarnings = (chart: GoalsChart): string[] => compileChart(goalsSpec(chart)).warnings

/** The goals chart as PNG bytes (drawn at twice the CSS size). */
export async function renderGoalsPng(chart: GoalsChart): Promise<Buffer> {
  return renderVegaLitePng(goalsSpec(chart))
}

// The retrospective's goals picture: one small panel per goal, each with its target (flat), its
// pace line (the curve from nothing to the target over the window), its actual running total by
// day, and a labelled point at the end date with the figure the report states (a final figure can
// be above the last running total). Panels have their own vertical scale: sign-ups and revenue do
// not share an axis. Everything it shows is handed in, already translated; no clock, no database.
import type { TopLevelSpec } from 'vega-lite'
import { chartFont, compileChart, renderVegaLitePng } from './render.ts'

export type GoalPanel = {
  /** The panel's title: the metric and its unit or currency. */
  label: string
  /** In display units (money in major units: the picture only shows it). */
  target: number
  points: ReadonlyArray<{ date: string; pace: number; actual: number | null }>
  /**
   * The figure the report states, at the end date: its label on the picture ("Final 4,200"), the
   * figure as written and which figure it is (for the alt text). Null without one.
   */
  ending: { date: string; value: number; label: string; figure: string; source: 'final' | 'running_total' } | null
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

/**
 * A value the panel's scale must reach so the ending's label, drawn above its point, stays inside
 * the plot (out of it, it would push the panel's title up and out of line with its neighbour's).
 */
function headroomOf(panel: GoalPanel, value: number): number {
  const highest = Math.max(panel.target, value, ...panel.points.flatMap((point) => [point.pace, point.actual ?? 0]))
  return value + highest * labelHeadroom
}
/** The label's height (about 22 px above the point) as a share of the panel's height. */
const labelHeadroom = 24 / panelHeight

export function goalsSpec(chart: GoalsChart): TopLevelSpec {
  const { labels } = chart
  // A panel key that sorts in display order whatever the labels say (two goals may share a metric).
  const key = (index: number) => `${String(index + 1).padStart(2, '0')} ${chart.panels[index]!.label}`
  const rows = chart.panels.flatMap((panel, index): object[] => panel.points.flatMap((point): object[] => [
    { goal: key(index), date: point.date, series: labels.target, value: panel.target },
    { goal: key(index), date: point.date, series: labels.pace, value: point.pace },
    ...(point.actual === null ? [] : [{ goal: key(index), date: point.date, series: labels.actual, value: point.actual }]),
  ]).concat(panel.ending ? [{ goal: key(index), date: panel.ending.date, ending: true, value: panel.ending.value, label: panel.ending.label, headroom: headroomOf(panel, panel.ending.value) }] : []))
  // The ending's row is no line's and not in the key: its label says what it is.
  const ending = { filter: 'datum.ending === true' }
  // The ending's label sits above and left of its point, over a white halo so the lines under it do not cross it out.
  const endingText = (halo: boolean) => ({
    transform: [ending],
    mark: {
      type: 'text', align: 'right', baseline: 'bottom', dx: -5, dy: -5, fontSize, fontWeight: 'bold',
      ...(halo ? { color: 'white', stroke: 'white', strokeWidth: 4, strokeJoin: 'round' } : { color: actualColor }),
    },
    encoding: { text: { field: 'label' } },
  })
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
      encoding: {
        x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: null, axis: { format: '%m-%d', labelAngle: 0, tickCount: 6, grid: false } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: true }, axis: { tickCount: 4, minExtent: 48 } },
      },
      layer: [{
        transform: [{ filter: 'datum.ending !== true' }],
        // Straight segments: 'monotone' curves cost a third more drawing time for no clearer a picture.
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
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
      }, {
        transform: [ending],
        mark: { type: 'point', shape: 'circle', filled: true, size: 70, color: actualColor, stroke: 'white', strokeWidth: 1.5, opacity: 1 },
      }, {
        // Unseen: only stretches the scale to hold the label.
        transform: [ending],
        mark: { type: 'point', opacity: 0 },
        encoding: { y: { field: 'headroom', type: 'quantitative' } },
      }, endingText(true), endingText(false)],
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

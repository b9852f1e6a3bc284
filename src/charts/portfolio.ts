// The portfolio's picture (issue 17, part 3): small multiples, one panel per campaign (most behind
// first), each goal a bar of its figure as a share of its pace to date, with a line at 100 % (on
// pace) and the percentage at the bar's end. Bars are coloured by how the goal reads (behind, on
// pace, ahead, not started). Everything it shows is handed in, already translated.
import type { TopLevelSpec } from 'vega-lite'
import type { PaceWord } from '../domain/portfolio.ts'
import { chartFont, compileChart, renderVegaLitePng } from './render.ts'

export type PortfolioPanel = {
  /** The campaign's name (and its verdict, if the caller adds it). */
  label: string
  goals: ReadonlyArray<{ label: string; percent: number | null; word: PaceWord }>
}

export type PortfolioChart = {
  title: string
  panels: readonly PortfolioPanel[]
  labels: { share: string; noGoals: string; words: Record<PaceWord, string> }
}

/** Panels drawn at most: the picture stays readable and quick (the message says how many there are). */
export const portfolioChartPanels = 24
/** Bars stop here (a goal at 400 % of pace would flatten the others); the label still says the figure. */
const shareCap = 200
const panelWidth = 260
const columns = 3
const fontSize = 11
const textColor = '#222222'
// Paul Tol's bright scheme, as the other charts.
const wordColors: Record<PaceWord, string> = { behind: '#EE6677', on_pace: '#4477AA', ahead: '#228833', not_started: '#BBBBBB' }
const wordOrder: readonly PaceWord[] = ['behind', 'on_pace', 'ahead', 'not_started']

export function portfolioSpec(chart: PortfolioChart): TopLevelSpec {
  const panels = chart.panels.slice(0, portfolioChartPanels)
  const mostGoals = Math.max(1, ...panels.map((panel) => panel.goals.length))
  // A panel key that sorts in display order whatever the names say.
  const key = (index: number) => `${String(index + 1).padStart(3, '0')} ${panels[index]!.label}`
  const rows = panels.flatMap((panel, index) => panel.goals.length === 0
    ? [{ panel: key(index), goal: ' ', share: 0, text: chart.labels.noGoals, word: chart.labels.words.not_started, empty: true }]
    : panel.goals.map((goal, position) => ({
      panel: key(index),
      // Goals keep their order inside a panel, and two of the same name stay two bars.
      goal: `${position + 1}. ${goal.label}`,
      share: Math.min(shareCap, goal.percent ?? 0),
      text: goal.percent === null ? chart.labels.words.not_started : `${goal.percent} %`,
      word: chart.labels.words[goal.word],
      empty: false,
    })))
  // The same width of goal names in every panel, so the panels' plots line up.
  const goalAxis = { field: 'goal', type: 'nominal', sort: null, title: null, axis: { labelLimit: 90, minExtent: 95, labelFontSize: fontSize, ticks: false, domain: false } }
  const words = wordOrder.map((word) => chart.labels.words[word])
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, anchor: 'start', fontSize: 16, fontWeight: 'bold', offset: 10 },
    background: 'white',
    padding: 12,
    data: { values: rows },
    facet: {
      field: 'panel', type: 'nominal', sort: 'ascending',
      header: { title: null, labelFontSize: 12, labelFontWeight: 'bold', labelAnchor: 'start', labelColor: textColor, labelExpr: 'slice(datum.value, 4)', labelLimit: panelWidth + 90 },
    },
    columns,
    spacing: { row: 14, column: 24 },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: panelWidth,
      height: mostGoals * 20,
      layer: [{
        transform: [{ filter: 'datum.empty !== true' }],
        mark: { type: 'bar', height: 12, cornerRadiusEnd: 2 },
        encoding: {
          y: goalAxis,
          x: { field: 'share', type: 'quantitative', title: chart.labels.share, scale: { domain: [0, shareCap] }, axis: { values: [0, 50, 100, 150, 200], labelExpr: "datum.value + ' %'", grid: false, titleFontSize: fontSize, titleFontWeight: 'normal' } },
          color: {
            field: 'word', type: 'nominal', title: null,
            scale: { domain: words, range: wordOrder.map((word) => wordColors[word]) },
            legend: { orient: 'top', direction: 'horizontal', labelFontSize: fontSize },
          },
        },
      }, {
        // No y: the line runs the panel's height, at 100 % (on pace).
        mark: { type: 'rule', color: '#555555', strokeDash: [3, 3] },
        encoding: { x: { datum: 100 } },
      }, {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: textColor },
        encoding: { y: goalAxis, x: { field: 'share', type: 'quantitative' }, text: { field: 'text' } },
      }],
    },
    config: {
      font: chartFont,
      view: { stroke: '#DDDDDD' },
      axis: { labelFontSize: fontSize, labelColor: textColor },
    },
  } as TopLevelSpec
}

/** Vega-Lite's warnings about the spec (none expected): for the chart's test. */
export const portfolioSpecWarnings = (chart: PortfolioChart): string[] => compileChart(portfolioSpec(chart)).warnings

/** The portfolio picture as PNG bytes (drawn at twice the CSS size). */
export async function renderPortfolioPng(chart: PortfolioChart): Promise<Buffer> {
  return renderVegaLitePng(portfolioSpec(chart))
}

// The portfolio's picture: small multiples, one panel per campaign, each goal a bar of its share of
// pace to date. It compiles without a Vega-Lite warning in both languages and at every size the
// command can ask for; what it draws is in the reader's language; a goal far ahead is capped on the
// axis but its label still says its figure; past the panel limit only the most behind are drawn.
import * as vega from 'vega'
import { describe, expect, it } from 'vitest'
import { portfolioChartPanels, portfolioSpec, portfolioSpecWarnings, renderPortfolioPng, type PortfolioChart, type PortfolioPanel } from '../../src/charts/portfolio.ts'
import { compileChart, registerChartFonts } from '../../src/charts/render.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'

function chartIn(locale: 'en' | 'zh-CN', panels: readonly PortfolioPanel[]): PortfolioChart {
  const p = messagesFor(locale).portfolio
  return { title: p.chart.title(panels.length), labels: { share: p.chart.share, noGoals: p.chart.noGoals, words: p.paceWord }, panels }
}

const sample: PortfolioPanel[] = [
  { label: '双十二大促', goals: [{ label: '销售额', percent: 48, word: 'behind' }, { label: '注册数', percent: 71, word: 'behind' }] },
  { label: 'Winter launch', goals: [{ label: 'orders', percent: 79, word: 'behind' }, { label: 'visits', percent: 104, word: 'on_pace' }] },
  { label: 'Spring preview', goals: [{ label: 'sign-ups', percent: 131, word: 'ahead' }, { label: 'revenue', percent: 460, word: 'ahead' }] },
  { label: 'Brand week', goals: [{ label: 'reposts', percent: null, word: 'not_started' }] },
  { label: 'Loyalty', goals: [] },
]

type SceneItem = { text?: unknown; items?: SceneItem[] }
const sceneItems = (node: SceneItem): SceneItem[] => [node, ...(node.items ?? []).flatMap(sceneItems)]

async function drawnTexts(chart: PortfolioChart): Promise<string[]> {
  registerChartFonts()
  const view = new vega.View(vega.parse(compileChart(portfolioSpec(chart)).spec), { renderer: 'none' })
  await view.runAsync()
  const texts = sceneItems((view.scenegraph() as unknown as { root: SceneItem }).root).filter((item) => typeof item.text === 'string').map((item) => item.text as string)
  view.finalize()
  return texts
}

const many = (count: number): PortfolioPanel[] =>
  Array.from({ length: count }, (_, i) => ({ label: `Campaign ${i + 1}`, goals: [{ label: 'orders', percent: 50 + i, word: 'behind' as const }] }))

describe('the portfolio picture', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`compiles without a warning for 0, 1, 5 and more panels than it draws (${locale})`, () => {
      for (const panels of [[], sample.slice(0, 1), sample, many(portfolioChartPanels + 6)]) {
        expect(portfolioSpecWarnings(chartIn(locale, panels))).toEqual([])
      }
    })
  }

  it('draws the campaigns, the goals and their shares in the reader\'s language; a goal far ahead keeps its own figure', async () => {
    const zh = await drawnTexts(chartIn('zh-CN', sample))
    const m = messagesFor('zh-CN').portfolio
    expect(zh).toEqual(expect.arrayContaining(['双十二大促', 'Winter launch', '1. 销售额', '48 %', '460 %', m.chart.noGoals, m.paceWord.behind, m.paceWord.ahead]))
    const en = await drawnTexts(chartIn('en', sample))
    expect(en).toEqual(expect.arrayContaining([messagesFor('en').portfolio.paceWord.on_pace, '104 %']))
    expect(en).not.toContain(m.paceWord.behind)
  })

  it(`draws at most ${portfolioChartPanels} panels, the first ones handed in (the most behind)`, async () => {
    const texts = await drawnTexts(chartIn('en', many(portfolioChartPanels + 6)))
    expect(texts).toContain(`Campaign ${portfolioChartPanels}`)
    expect(texts).not.toContain(`Campaign ${portfolioChartPanels + 1}`)
  })

  it('makes a real PNG that grows taller with more rows of panels', async () => {
    const png = (panels: readonly PortfolioPanel[]) => renderPortfolioPng(chartIn('en', panels))
    const heightOf = (image: Buffer) => image.readUInt32BE(20)
    const [three, twelve] = await Promise.all([png(many(3)), png(many(12))])
    expect(three.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(heightOf(twelve)).toBeGreaterThan(heightOf(three))
  })
})

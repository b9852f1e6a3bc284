// The retrospective's goals picture agrees with the report's text: a goal whose final figure (4,200)
// is above its last running total (3,900) ends at a point labelled with the final figure at the end
// date, the line still ending at 3,900; a goal without a final figure ends at its last running total,
// labelled as such; in English and Chinese, drawn (the label is in vega's scene) and without a warning.
import * as vega from 'vega'
import { describe, expect, it } from 'vitest'
import { goalsSpec, goalsSpecWarnings, renderGoalsPng, type GoalsChart } from '../../src/charts/goals.ts'
import { compileChart, registerChartFonts } from '../../src/charts/render.ts'
import type { ReportGoal, RetroReportData } from '../../src/domain/retroReport.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { goalsChartOf } from '../../src/slack/retroReport/chart.ts'

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`

const goal = (over: Partial<ReportGoal>): ReportGoal => ({
  id: 1, metric: 'signups', customMetric: null, unit: null, isMoney: false, target: 4000, curve: 'linear',
  actual: null, actualAsOf: null, final: null, entries: [], ...over,
})

/** Nov 1–10: sign-ups 390 a day (3,900), final 4,200 entered in the retro; revenue ¥1,500.00 a day, no final. */
function data(): RetroReportData {
  const days = Array.from({ length: 10 }, (_, i) => day(i + 1))
  return {
    campaign: { id: 7, teamId: 'T1', name: 'Tea week', channelId: 'C1', ownerId: 'U1', approverId: 'U2', startDate: day(1), endDate: day(10), stage: 'retrospective', reportCompiledAt: null },
    compiled: null, currency: 'CNY', timeZone: 'Asia/Shanghai',
    goals: [
      goal({ id: 1, target: 4000, actual: 3900, actualAsOf: day(10), final: 4200, entries: days.map((onDate) => ({ onDate, mode: 'day', value: 390 })) }),
      goal({ id: 2, metric: 'revenue', isMoney: true, target: 2_000_000, actual: 1_500_000, actualAsOf: day(10), entries: days.map((onDate) => ({ onDate, mode: 'day', value: 150_000 })) }),
    ],
    scenario: null, estimates: [], tasks: [], retros: [], participantIds: [],
  }
}

type SceneItem = { text?: unknown; x?: number; y?: number; items?: SceneItem[]; mark?: { marktype?: string } }

/** Every item of vega's scene (after running the view), walked depth first. */
function sceneItems(node: SceneItem): SceneItem[] {
  return [node, ...(node.items ?? []).flatMap(sceneItems)]
}

async function drawnTexts(chart: GoalsChart): Promise<string[]> {
  registerChartFonts()
  const view = new vega.View(vega.parse(compileChart(goalsSpec(chart)).spec), { renderer: 'none' })
  await view.runAsync()
  const texts = sceneItems((view.scenegraph() as unknown as { root: SceneItem }).root).filter((item) => typeof item.text === 'string').map((item) => item.text as string)
  view.finalize()
  return texts
}

describe('the goals chart', () => {
  for (const [locale, final, lastTotal] of [['en', 'Final 4,200', 'Last total CN¥15,000.00'], ['zh-CN', '最终 4,200', '最后累计 ¥15,000.00']] as const) {
    it(`ends a goal at the figure the report states, marked as final or as the last running total (${locale})`, async () => {
      const chart = goalsChartOf(data(), messagesFor(locale))
      const [signups, revenue] = chart.panels as [GoalsChart['panels'][number], GoalsChart['panels'][number]]
      // The running total still ends at 3,900; the final figure stands beside it at the end date.
      expect(signups.points.at(-1)).toMatchObject({ date: day(10), actual: 3900 })
      expect(signups.ending).toEqual({ date: day(10), value: 4200, label: final, figure: '4,200', source: 'final' })
      // Money in major units on the picture, written as the report writes it.
      expect(revenue.ending).toMatchObject({ date: day(10), value: 15_000, label: lastTotal, source: 'running_total' })

      // The spec plots it: one ending row per goal, not on any line.
      const rows = (goalsSpec(chart).data as { values: Array<Record<string, unknown>> }).values
      const endings = rows.filter((row) => row.ending === true)
      expect(endings.map((row) => [row.date, row.value, row.label])).toEqual([[day(10), 4200, final], [day(10), 15_000, lastTotal]])
      expect(endings.every((row) => row.series === undefined)).toBe(true)
      expect(goalsSpecWarnings(chart)).toEqual([])

      // And draws it: the label is in the scene, the key still lists the three lines only.
      const texts = await drawnTexts(chart)
      expect(texts).toContain(final)
      expect(texts).toContain(lastTotal)
      const m = messagesFor(locale).retroReport.chart.labels
      for (const series of [m.target, m.pace, m.actual]) expect(texts.filter((text) => text === series)).toHaveLength(1)
    })
  }

  it('a goal with a final figure and no entries still shows its figure; one with neither shows none', async () => {
    const base = data()
    const chart = goalsChartOf({ ...base, goals: [goal({ final: 4200 }), goal({ id: 3, metric: 'orders' })] }, messagesFor('en'))
    expect(chart.panels.map((panel) => panel.ending?.label ?? null)).toEqual(['Final 4,200', null])
    expect(await drawnTexts(chart)).toContain('Final 4,200')
    const png = await renderGoalsPng(chart)
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000)
  })
})

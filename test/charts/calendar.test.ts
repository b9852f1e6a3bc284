// The calendar picture: a spec Vega-Lite compiles without a warning, drawn to a PNG whose pixels hold
// each kind's colour; taller with more rows; dates that are not days refused.
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { calendarSpec, kindColors, renderCalendarPng, type CalendarChart } from '../../src/charts/calendar.ts'
import { compileChart } from '../../src/charts/render.ts'
import { calendarMonths, calendarNodes, comingRange } from '../../src/domain/calendar.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { calendarChartOf } from '../../src/slack/calendar.ts'

const today = '2026-12-01'

function chartOf(country: 'CN' | 'TW' | 'US', months: number, locale: 'en' | 'zh-CN'): CalendarChart {
  const range = comingRange(today, months)
  const nodes = calendarNodes({ country, ...range, today })
  const campaigns = [
    { id: 12, name: '春节年货大促', stage: 'planning' as const, timingNode: 'holiday' as const, timingNote: '春节 2027-02-05', startDate: '2027-01-20', endDate: '2027-02-07' },
    { id: 14, name: '618 Summer Sale', stage: 'proposed' as const, timingNode: 'sales_peak' as const, timingNote: null, startDate: '2027-05-25', endDate: '2027-06-18' },
  ]
  return calendarChartOf({ country, source: 'asked', leadDays: 28, today, ...range, months: calendarMonths(nodes, campaigns, range) }, messagesFor(locale), locale)
}

async function pixelsOf(png: Buffer) {
  const image = await loadImage(png)
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0)
  return context.getImageData(0, 0, image.width, image.height)
}

function hasColor(pixels: { data: Uint8ClampedArray }, hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
  for (let i = 0; i < pixels.data.length; i += 4) {
    if (Math.abs(pixels.data[i]! - r) <= 2 && Math.abs(pixels.data[i + 1]! - g) <= 2 && Math.abs(pixels.data[i + 2]! - b) <= 2) return true
  }
  return false
}

describe('the calendar picture', () => {
  it('has both names of each date, its dates beside it, and the campaigns planned around them', () => {
    const chart = chartOf('CN', 12, 'zh-CN')
    expect(chart.title).toBe('营销日历 · 中国 · 2026年12月1日–2027年11月30日')
    expect(chart.months.map((m) => m.label)).toEqual(['2026年12月', ...Array.from({ length: 11 }, (_, i) => `2027年${i + 1}月`)])
    expect(chart.nodes.find((n) => n.label.startsWith('春节'))).toMatchObject({ label: '春节 · Spring Festival', kind: 'holiday', note: '2月5日–8日' })
    expect(chart.campaigns.map((c) => [c.label, c.note])).toEqual([['春节年货大促', '#12 · 方案策划'], ['618 Summer Sale', '#14 · 提案中']])
    expect(chartOf('CN', 3, 'en').nodes.find((n) => n.kind === 'ecommerce')?.label).toBe('Double 12 · 双十二')
  })

  it('compiles without a Vega-Lite warning, in both languages, with and without campaigns', () => {
    for (const chart of [chartOf('CN', 12, 'zh-CN'), chartOf('US', 3, 'en'), { ...chartOf('TW', 12, 'en'), campaigns: [] }]) {
      expect(compileChart(calendarSpec(chart)).warnings).toEqual([])
    }
  })

  it('draws a PNG with the colour of every kind and of the campaigns; more dates, a taller picture', async () => {
    const cn = await renderCalendarPng(chartOf('CN', 12, 'zh-CN'))
    const pixels = await pixelsOf(cn)
    expect(pixels.width).toBeGreaterThan(1800)
    for (const kind of ['holiday', 'ecommerce', 'season', 'campaign'] as const) expect(hasColor(pixels, kindColors[kind]), kind).toBe(true)
    const tw = await renderCalendarPng(chartOf('TW', 12, 'en'))
    expect(tw.readUInt32BE(20)).toBeGreaterThan(cn.readUInt32BE(20))
    expect(hasColor(await pixelsOf(tw), kindColors.observance)).toBe(true)
  })

  it('refuses a date that is not a day', () => {
    const chart = chartOf('US', 3, 'en')
    expect(() => calendarSpec({ ...chart, today: '2026-02-30' })).toThrow(/today/)
    expect(() => calendarSpec({ ...chart, nodes: [{ ...chart.nodes[0]!, endDate: 'soon' }] })).toThrow(/endDate/)
  })
})

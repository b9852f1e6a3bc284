// The calendar picture: a spec Vega-Lite compiles without a warning, drawn to a PNG whose pixels hold
// each kind's colour; a key naming only the kinds drawn; near 2:1 for every span the command can ask
// for (the months wrapped into panels), its size worked out before drawing equal to the PNG's; dates
// that are not days refused.
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { calendarSpec, renderCalendarPng } from '../../src/charts/calendar.ts'
import { aspectRange, calendarLayout, kindColors, type CalendarChart } from '../../src/charts/calendarLayout.ts'
import { compileChart } from '../../src/charts/render.ts'
import { calendarMonths, calendarNodes, comingRange } from '../../src/domain/calendar.ts'
import { calendarCountries, calendarMonthsLimit, type CalendarCountry } from '../../src/domain/calendarNode.ts'
import { messagesFor } from '../../src/i18n/catalogue.ts'
import { calendarChartOf } from '../../src/slack/calendar/commands.ts'

function chartOf(country: CalendarCountry, months: number, locale: 'en' | 'zh-CN', today = '2026-12-01', nodesOf = calendarNodes): CalendarChart {
  const range = comingRange(today, months)
  const nodes = nodesOf({ country, ...range, today })
  const campaigns = [
    { id: 12, name: '春节年货大促', stage: 'planning' as const, timingNode: 'holiday' as const, timingNote: '春节 2027-02-05', startDate: '2027-01-20', endDate: '2027-02-07' },
    { id: 14, name: '618 Summer Sale', stage: 'proposed' as const, timingNode: 'sales_peak' as const, timingNote: null, startDate: '2027-05-25', endDate: '2027-06-18' },
  ]
  return calendarChartOf({ country, source: 'asked', leadDays: 28, today, ...range, months: calendarMonths(nodes, campaigns, range) }, messagesFor(locale), locale)
}

/** Width and height in CSS pixels (the picture is drawn at 2×), from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: png.readUInt32BE(16) / 2, height: png.readUInt32BE(20) / 2 }
}

/** The names the key shows, in order (the spec's first view). */
function keyTexts(chart: CalendarChart): string[] {
  const key = (calendarSpec(chart) as { vconcat: Array<{ data: { values: Array<{ text: string }> } }> }).vconcat[0]!
  return key.data.values.map((item) => item.text)
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

  it('names in its key only the kinds of date drawn, the campaigns when there are any, and today', () => {
    // Three US months (December to February): no e-commerce date.
    const us = chartOf('US', 3, 'en')
    expect(new Set(us.nodes.map((n) => n.kind))).toEqual(new Set(['holiday', 'observance', 'season']))
    expect(keyTexts(us)).toEqual(['Public holiday', 'Shopping season', 'Observance', 'Today'])
    // China's year: the festivals worked as usual since the official schedule (Women's Day, Youth
    // Day…) are observances; a campaign planned around Spring Festival.
    expect(keyTexts(chartOf('CN', 12, 'zh-CN'))).toEqual(['法定节假日', '电商节点', '购物季', '纪念日', '活动', '今天'])
    expect(keyTexts(chartOf('TW', 12, 'en'))).toEqual(['Public holiday', 'E-commerce date', 'Shopping season', 'Observance', 'Campaign', 'Today'])
    // Nothing at all in the range: only today, and the panel says so.
    const empty = { ...chartOf('US', 1, 'en'), nodes: [], campaigns: [] }
    expect(keyTexts(empty)).toEqual(['Today'])
    expect(JSON.stringify(calendarSpec(empty))).toContain('"No dates in this period"')
    expect(compileChart(calendarSpec(empty)).warnings).toEqual([])
  })

  it('stays near 2:1 for every country and span the command can show, in both languages', () => {
    const sizes: string[] = []
    for (const [today, locales] of [['2026-12-01', ['en', 'zh-CN']], ['2027-06-20', ['en']]] as const) {
      for (const country of calendarCountries) {
        // A year's dates once; a shorter span's are those that overlap it.
        const year = calendarNodes({ country, ...comingRange(today, calendarMonthsLimit), today })
        for (let months = 1; months <= calendarMonthsLimit; months++) {
          const within = ({ from, to }: { from: string; to: string }) => year.filter((node) => node.startDate <= to && node.endDate >= from)
          for (const locale of locales) {
            const { width, height } = calendarLayout(chartOf(country, months, locale, today, within))
            const aspect = width / height
            if (aspect < aspectRange.min || aspect > aspectRange.max || width > 1600) sizes.push(`${today} ${country} ${months} ${locale}: ${Math.round(width)}×${Math.round(height)}`)
          }
        }
      }
    }
    expect(sizes).toEqual([])
  })

  it('draws the picture at the size its layout worked out: between 1.5:1 and 2.5:1, months wrapped into panels when there are many dates', async () => {
    for (const [country, months, locale] of [['US', 3, 'en'], ['US', 1, 'en'], ['CN', 12, 'zh-CN'], ['TW', 12, 'en'], ['DE', 12, 'zh-CN']] as const) {
      const chart = chartOf(country, months, locale)
      const layout = calendarLayout(chart)
      const { width, height } = pngSize(await renderCalendarPng(chart))
      const what = `${country} ${months} ${locale}: ${width}×${height}`
      expect(width / height, what).toBeGreaterThanOrEqual(aspectRange.min)
      expect(width / height, what).toBeLessThanOrEqual(aspectRange.max)
      expect(Math.abs(width - layout.width), what).toBeLessThanOrEqual(4)
      expect(Math.abs(height - layout.height), what).toBeLessThanOrEqual(8)
    }
    // Taiwan's 46 dates of a year: months wrapped into panels side by side, not one column 46 rows tall.
    const taiwan = calendarLayout(chartOf('TW', 12, 'en'))
    expect(taiwan.columns).toBeGreaterThan(1)
    expect(taiwan.rows.flat().flatMap((panel) => panel.spans).filter((span) => span.kind !== 'campaign')).toHaveLength(chartOf('TW', 12, 'en').nodes.length)
  })

  it('puts a campaign under the dates of every panel it runs in, and one that ended before the range in the first, without a bar', () => {
    const chart: CalendarChart = {
      ...chartOf('TW', 12, 'en'),
      campaigns: [
        { label: 'Autumn warm-up', startDate: '2026-11-01', endDate: '2026-11-20', note: '#3 · Live' },
        { label: 'Spring long run', startDate: '2027-01-20', endDate: '2027-04-10', note: '#4 · Planning' },
      ],
    }
    const layout = calendarLayout(chart)
    const panels = layout.rows.flat()
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    const runs = panels.flatMap((panel) => panel.spans.filter((span) => span.label === 'Spring long run').map((span) => [day(span.start), day(span.end - 86_400_000)]))
    expect(runs.length).toBeGreaterThan(1) // Taiwan's year is wrapped: the campaign crosses a panel's edge
    expect(runs[0]![0]).toBe('2027-01-20')
    expect(runs.at(-1)![1]).toBe('2027-04-10')
    const past = panels.flatMap((panel, index) => panel.spans.filter((span) => span.label === 'Autumn warm-up').map((span) => ({ index, span })))
    expect(past).toEqual([{ index: 0, span: expect.objectContaining({ before: true, note: '← #3 · Live' }) }])
    expect(JSON.stringify(calendarSpec(chart))).toMatch(/"note":"← #3 · Live","noteAt":"right","bar":false/)
    expect(compileChart(calendarSpec(chart)).warnings).toEqual([])
  })

  it('refuses a date that is not a day', () => {
    const chart = chartOf('US', 3, 'en')
    expect(() => calendarSpec({ ...chart, today: '2026-02-30' })).toThrow(/today/)
    expect(() => calendarSpec({ ...chart, nodes: [{ ...chart.nodes[0]!, endDate: 'soon' }] })).toThrow(/endDate/)
  })
})

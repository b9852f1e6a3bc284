import http from 'node:http'
import https from 'node:https'
import { createCanvas, GlobalFonts, loadImage, type Canvas } from '@napi-rs/canvas'
import * as vega from 'vega'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultStageColors, ganttSpec, renderGanttPng, type GanttBar, type GanttChart } from '../../src/charts/gantt.ts'
import { chartFont, chartFontFamily, compileChart, encodePng, registerChartFonts, renderVegaLitePng } from '../../src/charts/render.ts'
import { syntheticGantt } from './ganttFixtures.ts'

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from the IHDR chunk, after checking the bytes really start a PNG. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(pngSignature)).toBe(true)
  expect(png.readUInt32BE(8)).toBe(13) // IHDR's length
  expect(png.toString('latin1', 12, 16)).toBe('IHDR')
  expect(png.toString('latin1', png.length - 8, png.length - 4)).toBe('IEND')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/** Decodes the PNG (so a broken zlib stream or CRC fails here) into RGBA pixels. */
async function pixelsOf(png: Buffer) {
  const image = await loadImage(png)
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0)
  return { width: image.width, height: image.height, data: context.getImageData(0, 0, image.width, image.height).data }
}

type Pixels = Awaited<ReturnType<typeof pixelsOf>>
const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
const isColor = (p: Pixels, i: number, [r, g, b]: [number, number, number]) =>
  Math.abs(p.data[i]! - r) <= 3 && Math.abs(p.data[i + 1]! - g) <= 3 && Math.abs(p.data[i + 2]! - b) <= 3

function countColor(p: Pixels, hex: string): number {
  const color = rgb(hex)
  let count = 0
  for (let i = 0; i < p.data.length; i += 4) if (isColor(p, i, color)) count += 1
  return count
}

/** The longest horizontal run of one colour in the picture: a bar's width, in device pixels. */
function longestRun(p: Pixels, hex: string): number {
  const color = rgb(hex)
  let longest = 0
  for (let y = 0; y < p.height; y++) {
    let run = 0
    for (let x = 0; x < p.width; x++) {
      run = isColor(p, (y * p.width + x) * 4, color) ? run + 1 : 0
      longest = Math.max(longest, run)
    }
  }
  return longest
}

const labels = { today: 'Today', window: 'Campaign window', overdue: 'Overdue', done: 'Done' }

function oneTask(bar: Partial<GanttBar>, chart: Partial<GanttChart> = {}): GanttChart {
  return {
    title: 'One task',
    today: '2027-03-20',
    window: { startDate: '2027-03-01', endDate: '2027-03-31' },
    bars: [{ id: 1, label: 'Key visual', stage: 'creative', stageLabel: 'Creative', ownerName: 'Ana', startDate: '2027-03-10', dueDate: '2027-03-14', done: false, overdue: false, ...bar }],
    labels,
    ...chart,
  }
}

describe('renderGanttPng', () => {
  it('makes a real PNG whose height grows with the tasks and stays legible at 80', async () => {
    const sizes = []
    for (const count of [20, 40, 80]) {
      const png = await renderGanttPng(syntheticGantt(count, 'en'))
      const size = pngSize(png)
      const decoded = await pixelsOf(png)
      expect({ width: decoded.width, height: decoded.height }).toEqual(size)
      sizes.push(size)
    }
    const [twenty, forty, eighty] = sizes as [{ width: number; height: number }, { width: number; height: number }, { width: number; height: number }]
    expect(twenty.height).toBeLessThan(forty.height)
    expect(forty.height).toBeLessThan(eighty.height)
    // Each task gets its own row of the same height: at least 16 CSS pixels (32 device pixels at 2×) for 12 px text.
    const perTask = (eighty.height - forty.height) / 40
    expect(perTask).toBe((forty.height - twenty.height) / 20)
    expect(perTask).toBeGreaterThanOrEqual(32)
    expect(eighty.width).toBe(twenty.width)
  })

  it.each([0, 1, 80])('draws %i tasks in both languages', async (count) => {
    for (const language of ['en', 'zh'] as const) {
      const png = await renderGanttPng(syntheticGantt(count, language))
      const { width, height } = pngSize(png)
      expect(width).toBeGreaterThan(800)
      expect(height).toBeGreaterThan(100)
    }
  })

  it('compiles without a Vega-Lite warning (none of its encodings is dropped)', () => {
    for (const count of [0, 1, 80]) expect(compileChart(ganttSpec(syntheticGantt(count, 'zh'))).warnings).toEqual([])
    const unknownStage = oneTask({ stage: 'legal_review', stageLabel: 'Legal review' })
    expect(compileChart(ganttSpec(unknownStage)).warnings).toEqual([])
  })

  it('counts dates inclusively: a task due the day it starts is one day wide, a two-day task twice that', async () => {
    const oneDay = longestRun(await pixelsOf(await renderGanttPng(oneTask({ startDate: '2027-03-10', dueDate: '2027-03-10' }))), defaultStageColors.creative)
    const twoDays = longestRun(await pixelsOf(await renderGanttPng(oneTask({ startDate: '2027-03-10', dueDate: '2027-03-11' }))), defaultStageColors.creative)
    expect(oneDay).toBeGreaterThan(20) // a day of a 31-day window, at 2×, is about 50 device pixels
    expect(Math.abs(twoDays - 2 * oneDay)).toBeLessThanOrEqual(4)
  })

  it('marks overdue tasks in red and draws done tasks lighter', async () => {
    const plain = await pixelsOf(await renderGanttPng(oneTask({})))
    const overdue = await pixelsOf(await renderGanttPng(oneTask({ overdue: true })))
    const done = await pixelsOf(await renderGanttPng(oneTask({ done: true })))
    // The key shows the overdue swatch in every chart; an overdue task adds its outline and red note.
    expect(countColor(overdue, '#D00000')).toBeGreaterThan(countColor(plain, '#D00000') + 500)
    // Full-strength stage colour: the bar and the key's swatch; a done bar is faded, only the swatch remains.
    expect(countColor(done, defaultStageColors.creative)).toBeLessThan(countColor(plain, defaultStageColors.creative) / 4)
  })

  it('gives tasks that share a name their own rows, in the order given', () => {
    const chart = oneTask({})
    chart.bars.push({ ...chart.bars[0]!, id: 2, stage: 'design', stageLabel: 'Design' })
    const spec = JSON.stringify(ganttSpec(chart))
    expect(spec).toContain('"domain":["0","1"]')
  })

  it('refuses a date that is not a real YYYY-MM-DD day', async () => {
    await expect(renderGanttPng(oneTask({ dueDate: '2027-02-30' }))).rejects.toThrow(/dueDate of task 1 must be a YYYY-MM-DD day/)
    await expect(renderGanttPng(oneTask({}, { today: '20.3.2027' }))).rejects.toThrow(/today must be a YYYY-MM-DD day/)
  })
})

describe('Chinese text', () => {
  registerChartFonts()

  /** A glyph drawn large in the chart font, as RGBA bytes. */
  function drawGlyph(character: string): Buffer {
    const canvas = createCanvas(48, 48)
    const context = canvas.getContext('2d')
    context.fillStyle = 'white'
    context.fillRect(0, 0, 48, 48)
    context.fillStyle = 'black'
    context.font = `36px ${chartFont}`
    context.fillText(character, 4, 40)
    return canvas.data()
  }
  // A code point no font has: whatever the font draws for it is its missing-glyph box (.notdef).
  const missingGlyph = drawGlyph('\u{10FFFD}')

  it('comes from the bundled font, which has every character the charts draw (no empty boxes)', () => {
    expect(GlobalFonts.has(chartFontFamily)).toBe(true)
    const zh = syntheticGantt(80, 'zh')
    const text = [zh.title, ...Object.values(zh.labels), ...zh.bars.flatMap((b) => [b.label, b.stageLabel, b.ownerName]), '中文简体·–…']
    const characters = [...new Set([...text.join('')])].filter((c) => c.trim() !== '')
    expect(characters.length).toBeGreaterThan(80)
    for (const character of characters) {
      const glyph = drawGlyph(character)
      expect(glyph.equals(missingGlyph), `"${character}" is drawn as the missing-glyph box`).toBe(false)
      expect(glyph.some((byte) => byte < 128), `"${character}" leaves no ink`).toBe(true)
    }
  })

  it('reaches the picture: the chart differs from the same chart with every Chinese character missing', async () => {
    // The missing-glyph box and a Chinese character are both 1 em wide in this font, so the layout is
    // the same; if the chart did not use the font, both would be boxes and the PNGs identical.
    const zh = syntheticGantt(3, 'zh')
    const boxes = (s: string) => s.replace(/[\u3400-\u9fff]/gu, '\u{10FFFD}')
    const boxed: GanttChart = {
      ...zh,
      title: boxes(zh.title),
      labels: { today: boxes(zh.labels.today), window: boxes(zh.labels.window), overdue: boxes(zh.labels.overdue), done: boxes(zh.labels.done) },
      bars: zh.bars.map((b) => ({ ...b, label: boxes(b.label), stageLabel: boxes(b.stageLabel), ownerName: boxes(b.ownerName) })),
    }
    const [real, missing] = [await renderGanttPng(zh), await renderGanttPng(boxed)]
    expect(pngSize(real)).toEqual(pngSize(missing))
    expect(real.equals(missing)).toBe(false)
  })
})

describe('offline', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('renders without touching the network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const httpSpy = vi.spyOn(http, 'request')
    const httpsSpy = vi.spyOn(https, 'request')
    await renderGanttPng(syntheticGantt(5, 'zh'))
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(httpSpy).not.toHaveBeenCalled()
    expect(httpsSpy).not.toHaveBeenCalled()
  })

  it('refuses a spec that asks for data from a URL', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const spec = { data: { url: 'https://example.com/data.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } } as const
    await expect(renderVegaLitePng(spec)).rejects.toThrow(/offline/)
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})

describe('renderVegaLitePng', () => {
  it('makes the picture as big as vega makes its own canvas (it works that size out before drawing)', async () => {
    for (const count of [0, 1, 60]) {
      const spec = { ...ganttSpec(syntheticGantt(count, 'zh')), background: 'white' }
      const view = new vega.View(vega.parse(compileChart(spec).spec), { renderer: 'none' })
      const own = (await view.toCanvas(2)) as unknown as Canvas
      view.finalize()
      expect(pngSize(await renderVegaLitePng(spec))).toEqual({ width: own.width, height: own.height })
    }
  })

  it('draws charts of different sizes at the same time, each whole', async () => {
    const charts = [syntheticGantt(40, 'zh'), syntheticGantt(3, 'en'), syntheticGantt(80, 'en'), syntheticGantt(3, 'en')]
    const together = await Promise.all(charts.map((chart) => renderGanttPng(chart)))
    const alone: Buffer[] = []
    for (const chart of charts) alone.push(await renderGanttPng(chart))
    expect(together.map((png, index) => png.equals(alone[index]!))).toEqual([true, true, true, true])
    expect(together[1]!.equals(together[3]!)).toBe(true)
  })
})

describe('encodePng', () => {
  it('round-trips the canvas pixels', async () => {
    const canvas = createCanvas(37, 23)
    const context = canvas.getContext('2d')
    context.fillStyle = 'white'
    context.fillRect(0, 0, 37, 23)
    context.fillStyle = '#117733'
    context.fillRect(3, 4, 20, 9)
    context.strokeStyle = '#D00000'
    context.beginPath()
    context.arc(25, 12, 8, 0, Math.PI * 2)
    context.stroke()
    const png = await encodePng(context, 37, 23)
    expect(pngSize(png)).toEqual({ width: 37, height: 23 })
    const decoded = await pixelsOf(png)
    expect(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength).equals(canvas.data())).toBe(true)
  })
})

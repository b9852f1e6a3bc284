// Vega-Lite spec → PNG, shared by every chart: the bundled CJK font, an offline loader, one scale factor.
// Vega draws on @napi-rs/canvas, which package.json also installs under the name `canvas` that vega imports.
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { GlobalFonts, createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas'
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

/** Noto Sans Hans (OFL) from @embedpdf/fonts-sc: Chinese and Latin, so no glyph depends on the fonts a machine happens to have. */
export const chartFontFamily = 'Noto Sans S Chinese'
const fontFiles = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf']

let fontsRegistered = false

/** Registers the bundled font once per process (about 10 ms); every render calls it. */
export function registerChartFonts(): void {
  if (fontsRegistered) return
  // The package's `exports` hide package.json and the fonts: resolve its entry point and step over to fonts/.
  const require = createRequire(import.meta.url)
  const fontDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts')
  for (const file of fontFiles) {
    if (!GlobalFonts.registerFromPath(path.join(fontDir, file), chartFontFamily)) {
      throw new Error(`charts: could not register the font ${path.join(fontDir, file)}`)
    }
  }
  fontsRegistered = true
}

/** `font` for vega's config and for measuring: the bundled family by name, quoted because it has spaces. */
export const chartFont = `"${chartFontFamily}"`

let measuringContext: SKRSContext2D | undefined

/** Width in CSS pixels of `text` as vega will draw it (same canvas, same font), for laying out hand-placed marks. */
export function measureText(text: string, fontSize: number, fontWeight: 'normal' | 'bold' = 'normal'): number {
  registerChartFonts()
  measuringContext ??= createCanvas(1, 1).getContext('2d')
  measuringContext.font = `${fontWeight === 'bold' ? 'bold ' : ''}${fontSize}px ${chartFont}`
  return measuringContext.measureText(text).width
}

/**
 * Charts carry their data inline: a spec that asks for a URL or a file is refused instead of reaching
 * out. vega only warns about a failed load and draws on, so the refusals are noted for the caller.
 */
function offlineLoader(refused: string[]): vega.Loader {
  const refuse = async (uri: string): Promise<never> => {
    refused.push(uri)
    throw new Error(`charts: render offline only; refused to load ${uri}`)
  }
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse }
}

export type RenderOptions = {
  /** Device pixels per CSS pixel; 2 keeps text sharp when Slack scales the picture down. */
  scale?: number
}

type CollectingLogger = vega.LoggerInterface & { warnings: string[]; errors: string[] }

/** Keeps vega's and Vega-Lite's messages instead of printing them to the console. */
function collectingLogger(): CollectingLogger {
  let level = vega.Warn
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')
  const logger: CollectingLogger = {
    warnings: [],
    errors: [],
    level(next?: number) {
      if (next === undefined) return level
      level = next
      return logger
    },
    error(...args: unknown[]) { logger.errors.push(text(args)); return logger },
    warn(...args: unknown[]) { logger.warnings.push(text(args)); return logger },
    info() { return logger },
    debug() { return logger },
  }
  return logger
}

/**
 * The Vega spec of a Vega-Lite spec, with what Vega-Lite warned about (a dropped encoding, a conflicting
 * scale…): a chart's tests expect none.
 */
export function compileChart(spec: TopLevelSpec): { spec: vega.Spec; warnings: string[] } {
  const logger = collectingLogger()
  return { spec: compile(spec, { logger }).spec, warnings: logger.warnings }
}

/** Compiles and draws a Vega-Lite spec to PNG bytes. The spec's config should name `chartFont`. */
export async function renderVegaLitePng(spec: TopLevelSpec, options: RenderOptions = {}): Promise<Buffer> {
  registerChartFonts()
  // An opaque background is what lets encodeOpaquePng take the canvas's bytes as they are.
  spec = { ...spec, background: spec.background ?? 'white' }
  const logger = collectingLogger()
  const refused: string[] = []
  const view = new vega.View(vega.parse(compileChart(spec).spec), { renderer: 'none', loader: offlineLoader(refused), logger })
  try {
    // vega types the result as a DOM canvas; on Node it is the @napi-rs/canvas one.
    const canvas = (await view.toCanvas(options.scale ?? 2)) as unknown as Canvas
    // vega logs a failing dataflow step and still draws what it has: a half-drawn chart is an error.
    if (logger.errors.length > 0) throw new Error(`charts: vega could not draw the chart: ${logger.errors.join('; ')}`)
    if (refused.length > 0) throw new Error(`charts: render offline only; refused to load ${refused.join(', ')}`)
    return await encodeOpaquePng(canvas)
  } finally {
    view.finalize()
  }
}

const deflate = promisify(zlib.deflate)
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length)
  chunk.writeUInt32BE(data.length, 0)
  chunk.write(type, 4, 'latin1')
  data.copy(chunk, 8)
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length)
  return chunk
}

/**
 * PNG bytes of a canvas drawn on an opaque background (its premultiplied pixels are then plain RGBA).
 * Skia's own encoder (`canvas.encode('png')`) tries five row filters at zlib level 6: about 200 ms of CPU
 * for a 60-task Gantt at 2×. Unfiltered rows at level 3 take about 30 ms, in the thread pool, for a file
 * about 15% larger; chart pictures are mostly flat colour, which deflate handles well without filters.
 */
export async function encodeOpaquePng(canvas: Canvas): Promise<Buffer> {
  const { width, height } = canvas
  const pixels = canvas.data()
  const stride = width * 4
  const rows = Buffer.allocUnsafe((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1)
    rows[at] = 0 // filter type None
    pixels.copy(rows, at + 1, y * stride, (y + 1) * stride)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // colour type RGBA; compression, filter method and interlace stay 0
  const image = await deflate(rows, { level: 3 })
  return Buffer.concat([pngSignature, pngChunk('IHDR', header), pngChunk('IDAT', image), pngChunk('IEND', Buffer.alloc(0))])
}

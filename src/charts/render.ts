// Vega-Lite spec → PNG, shared by every chart: the bundled CJK font, an offline loader, one kept canvas
// to draw on, and a fast PNG encoder. Vega draws with @napi-rs/canvas, which package.json also installs
// under the name `canvas` that vega imports.
import { once } from 'node:events'
import { createRequire } from 'node:module'
import path from 'node:path'
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
// Widths already measured: a chart's labels come back chart after chart (and a layout tries many
// sizes), and each measurement costs about 0.1 ms. Cleared when full, so it stays small.
const measured = new Map<string, number>()
const measuredLimit = 20_000

/** Width in CSS pixels of `text` as vega will draw it (same canvas, same font), for laying out hand-placed marks. */
export function measureText(text: string, fontSize: number, fontWeight: 'normal' | 'bold' = 'normal'): number {
  const font = `${fontWeight === 'bold' ? 'bold ' : ''}${fontSize}px ${chartFont}`
  const key = `${font}\u0000${text}`
  const known = measured.get(key)
  if (known !== undefined) return known
  registerChartFonts()
  measuringContext ??= createCanvas(1, 1).getContext('2d')
  measuringContext.font = font
  const width = measuringContext.measureText(text).width
  if (measured.size >= measuredLimit) measured.clear()
  measured.set(key, width)
  return width
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
  const scale = options.scale ?? 2
  // Slack shows a transparent picture on its own background, dark in dark mode: charts are opaque.
  spec = { ...spec, background: spec.background ?? 'white' }
  const logger = collectingLogger()
  const refused: string[] = []
  const view = new vega.View(vega.parse(compileChart(spec).spec), { renderer: 'none', loader: offlineLoader(refused), logger })
  try {
    await view.runAsync()
    const size = pictureSize(view)
    const width = Math.ceil(size.width * scale)
    const height = Math.ceil(size.height * scale)
    return await withSurface(width, height, async (context) => {
      context.save()
      context.setTransform(1, 0, 0, 1, 0, 0)
      context.clearRect(0, 0, width, height)
      try {
        await view.toCanvas(scale, { externalContext: context })
      } finally {
        context.restore()
      }
      // vega logs a failing dataflow step and still draws what it has: a half-drawn chart is an error.
      if (logger.errors.length > 0) throw new Error(`charts: vega could not draw the chart: ${logger.errors.join('; ')}`)
      if (refused.length > 0) throw new Error(`charts: render offline only; refused to load ${refused.join(', ')}`)
      return encodePng(context, width, height)
    })
  } finally {
    view.finalize()
  }
}

/**
 * The picture's size in CSS pixels, worked out as vega sizes a canvas of its own (vega-view's
 * render-size.js); vega has no public call for it before drawing. A test compares it with vega's own
 * canvas, so a vega upgrade that changes this fails there.
 */
function pictureSize(view: vega.View): { width: number; height: number } {
  const { _viewWidth: width, _viewHeight: height } = view as unknown as { _viewWidth?: unknown; _viewHeight?: unknown }
  if (typeof width !== 'number' || typeof height !== 'number') {
    throw new Error('charts: this vega has no _viewWidth/_viewHeight; see pictureSize in src/charts/render.ts')
  }
  const padding = view.padding()
  const pad = typeof padding === 'number' ? { top: padding, bottom: padding, left: padding, right: padding } : padding
  return {
    width: Math.max(0, width + (pad.left ?? 0) + (pad.right ?? 0)),
    height: Math.max(0, height + (pad.top ?? 0) + (pad.bottom ?? 0)),
  }
}

/*
 * Charts are drawn onto one kept canvas, grown to the largest chart so far (about 28 MB for an
 * 80-task Gantt at 2x), one chart at a time. Left to itself vega draws each chart on a new canvas;
 * bringing that one's 20 MB of fresh memory to life (page faults) cost about 60 ms of CPU per
 * 60-task Gantt on the machine this was measured on, more than the drawing. Charts wait for their
 * turn, which costs nothing: each is CPU-bound on the one JavaScript thread anyway.
 */
let surface: Canvas | undefined
let surfaceFree: Promise<unknown> = Promise.resolve()

function withSurface<T>(width: number, height: number, work: (context: SKRSContext2D) => Promise<T>): Promise<T> {
  const turn = surfaceFree.then(() => {
    if (!surface || surface.width < width || surface.height < height) {
      surface = createCanvas(Math.max(width, surface?.width ?? 0), Math.max(height, surface?.height ?? 0))
    }
    return work(surface.getContext('2d'))
  })
  surfaceFree = turn.catch(() => undefined)
  return turn
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const stripRows = 128

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length)
  chunk.writeUInt32BE(data.length, 0)
  chunk.write(type, 4, 'latin1')
  data.copy(chunk, 8)
  chunk.writeUInt32BE(zlib.crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length)
  return chunk
}

/**
 * PNG bytes of the top-left `width`×`height` pixels of a canvas (8-bit RGBA, straight alpha as PNG wants it).
 * Skia's own encoder (`canvas.encode('png')`) tries five row filters at zlib level 6: about 200 ms of
 * CPU for a 60-task Gantt at 2×. Here rows are left unfiltered (chart pictures are mostly flat colour,
 * which deflate handles well without) at level 3: the file is about 10% larger, the encoding several
 * times faster. Pixels are read in strips into two reused buffers: zlib (in the thread pool)
 * compresses one while the next is read, and no picture-sized buffer is allocated.
 */
export async function encodePng(context: SKRSContext2D, width: number, height: number): Promise<Buffer> {
  const stride = width * 4 + 1 // a filter-type byte, then the row's pixels
  const deflater = zlib.createDeflate({ level: 3 })
  const compressed: Buffer[] = []
  deflater.on('data', (part: Buffer) => compressed.push(part))
  const finished = once(deflater, 'end')
  const buffers = [Buffer.alloc(stride * stripRows), Buffer.alloc(stride * stripRows)] // zeroed: filter type None
  const written: Array<Promise<void> | undefined> = [undefined, undefined]
  try {
    for (let top = 0, turn = 0; top < height; top += stripRows, turn ^= 1) {
      await written[turn] // zlib is done with this buffer
      const strip = buffers[turn]!
      const rows = Math.min(stripRows, height - top)
      const pixels = context.getImageData(0, top, width, rows).data
      for (let row = 0; row < rows; row++) strip.set(pixels.subarray(row * (stride - 1), (row + 1) * (stride - 1)), row * stride + 1)
      const write = new Promise<void>((resolve, reject) => deflater.write(strip.subarray(0, rows * stride), (error) => (error ? reject(error) : resolve())))
      write.catch(() => undefined) // awaited later; not an unhandled rejection in the meantime
      written[turn] = write
    }
    await Promise.all(written)
    deflater.end()
    await finished
  } catch (error) {
    deflater.destroy()
    throw error
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // colour type RGBA; compression, filter method and interlace stay 0
  return Buffer.concat([pngSignature, pngChunk('IHDR', header), pngChunk('IDAT', Buffer.concat(compressed)), pngChunk('IEND', Buffer.alloc(0))])
}

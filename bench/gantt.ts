// Gantt picture bench: a 60-task campaign with Chinese names drawn to PNG, 50 timed renders after 5
// warm-ups, one at a time in this process. Run alone with `npx tsx bench/gantt.ts`; bench/run.ts may
// call benchGantt() too.
import { pathToFileURL } from 'node:url'
import { renderGanttPng } from '../src/charts/gantt.ts'
import { syntheticGantt } from '../test/charts/ganttFixtures.ts'
import { summarize } from './stats.ts'

const TASKS = 60
const WARMUP = 5
const RUNS = 50

export type GanttBench = { medianMs: number; p99Ms: number; width: number; height: number; bytes: number }

export async function benchGantt(): Promise<GanttBench> {
  const chart = syntheticGantt(TASKS, 'zh')
  for (let i = 0; i < WARMUP; i++) await renderGanttPng(chart)
  const times: number[] = []
  let png: Buffer = Buffer.alloc(0)
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    png = await renderGanttPng(chart)
    times.push(performance.now() - t0)
  }
  const { median, p99 } = summarize(times)
  // The PNG header: width and height are the IHDR chunk's first two fields.
  return { medianMs: median, p99Ms: p99, width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchGantt()
  process.stdout.write(
    `Gantt PNG, ${TASKS} tasks (zh), n=${RUNS} after ${WARMUP} warm-up, node ${process.version}: ` +
      `median ${r.medianMs.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${r.width}×${r.height} px, ${(r.bytes / 1024).toFixed(0)} KiB\n`,
  )
}

// Marketing calendar bench: twelve months of China's timing nodes (date-holidays' rules and lunar
// dates, the e-commerce dates) matched against 20 campaigns, then the Slack message built, in
// Chinese: what `/campaign calendar CN 12` computes between reading the database and answering.
// 200 timed runs after the first (reported apart: it computes the years' lunar calendar, which the
// process then keeps). Run alone with `npx tsx bench/calendar.ts`; bench/run.ts may call benchCalendar().
import { pathToFileURL } from 'node:url'
import { calendarMonths, calendarNodes, comingRange, type CalendarCampaign } from '../src/domain/calendar.ts'
import { addDays, type CalendarCountry } from '../src/domain/calendarNode.ts'
import { messagesFor } from '../src/i18n/catalogue.ts'
import { calendarMessage } from '../src/slack/calendar/message.ts'
import { summarize } from './stats.ts'

const RUNS = 200
const CAMPAIGNS = 20

export type CalendarBench = { medianMs: number; p99Ms: number; firstMs: number; nodes: number; blocks: number }

function campaignsFrom(today: string): CalendarCampaign[] {
  const notes = ['春节', '618', '七夕', '双十一', null]
  return Array.from({ length: CAMPAIGNS }, (_, i) => {
    const startDate = addDays(today, 10 + i * 17)
    return {
      id: i + 1, name: `活动 ${i + 1}`, stage: 'planning', timingNode: i % 2 === 0 ? 'holiday' : 'sales_peak',
      timingNote: notes[i % notes.length]!, startDate, endDate: addDays(startDate, 20),
    }
  })
}

export async function benchCalendar(options: { country?: CalendarCountry; today?: string } = {}): Promise<CalendarBench> {
  const country = options.country ?? 'CN'
  const today = options.today ?? '2026-12-01'
  const m = messagesFor('zh-CN')
  const campaigns = campaignsFrom(today)
  const once = () => {
    const range = comingRange(today, 12)
    const nodes = calendarNodes({ country, ...range, today, leadDays: 28 })
    const months = calendarMonths(nodes, campaigns, range, 28)
    return { nodes, message: calendarMessage({ country, source: 'workspace', leadDays: 28, ...range, months }, m, 'zh-CN') }
  }
  const first = performance.now()
  const { nodes, message } = once()
  const firstMs = performance.now() - first
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    once()
    times.push(performance.now() - t0)
  }
  const { median, p99 } = summarize(times)
  return { medianMs: median, p99Ms: p99, firstMs, nodes: nodes.length, blocks: message.blocks.length }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const country of ['CN', 'TW', 'US'] as const) {
    const r = await benchCalendar({ country })
    process.stdout.write(
      `Calendar, ${country} 12 months (${r.nodes} dates, ${CAMPAIGNS} campaigns, zh message of ${r.blocks} blocks), n=${RUNS} after the first, node ${process.version}: ` +
        `median ${r.medianMs.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms; first ${r.firstMs.toFixed(0)} ms\n`,
    )
  }
}

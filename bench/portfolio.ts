// Portfolio bench (issue 17, part 3): 200 live campaigns (2 goals, 5 open tasks and a chosen budget
// scenario each) in a SQLite file; timed is the render of `/campaign portfolio` — the store's read
// plus composing and the Block Kit — n=100 after 10 warm-ups, in this process; then the picture
// (the 24 most behind drawn), n=10 after 2 warm-ups. Run alone with `npx tsx bench/portfolio.ts`.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { renderPortfolioPng } from '../src/charts/portfolio.ts'
import { messagesFor } from '../src/i18n/catalogue.ts'
import { portfolioChartOf, readPortfolio } from '../src/slack/portfolio/commands.ts'
import { portfolioMessage } from '../src/slack/portfolio/message.ts'
import { openDatabase } from '../src/store/database.ts'
import { applyMigrations } from '../src/store/migrate.ts'
import { createStore } from '../src/store/store.ts'
import { seedCampaign } from '../test/support/live.ts'
import { summarize } from './stats.ts'

const CAMPAIGNS = 200
const now = new Date('2026-12-07T02:00:00Z')

export type PortfolioBench = { renderMedianMs: number; renderP99Ms: number; chartMedianMs: number; blocks: number; n: number }

export async function benchPortfolio(): Promise<PortfolioBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-portfolio-'))
  const file = path.join(dir, 'bench.db')
  const target = { provider: 'sqlite' as const, file, url: `file:${file}` }
  await applyMigrations(target)
  const database = await openDatabase(target)
  try {
    for (let i = 0; i < CAMPAIGNS; i++) {
      const { campaignId, goalIds } = await seedCampaign(database.prisma, {
        name: `Campaign ${i}`, startDate: '2026-12-01', endDate: '2026-12-20', timeZone: 'Asia/Shanghai',
        goals: [{ metric: 'signups', targetValue: 1000 }, { metric: 'revenue', targetMinor: 500_000n }],
        tasks: Array.from({ length: 5 }, (_, t) => ({ dueDate: `2026-12-0${2 + t}` })),
      })
      await database.prisma.goal.update({ where: { id: goalIds[0]! }, data: { actualValue: (i * 7) % 500, actualAsOf: '2026-12-06' } })
      await database.prisma.budgetScenario.create({ data: { campaignId, name: 'Lean', chosen: true, lines: { create: [{ category: 'promotion', channel: 'weibo', amountMinor: 150_000n }] } } })
    }
    const store = createStore(database)
    const m = messagesFor('en')
    const render = async () => portfolioMessage(await readPortfolio(store, 'T1', now), m)
    for (let i = 0; i < 10; i++) await render()
    const times: number[] = []
    let blocks = 0
    for (let i = 0; i < 100; i++) {
      const started = performance.now()
      blocks = (await render()).blocks.length
      times.push(performance.now() - started)
    }
    const chart = portfolioChartOf(await readPortfolio(store, 'T1', now), m)
    for (let i = 0; i < 2; i++) await renderPortfolioPng(chart)
    const chartTimes: number[] = []
    for (let i = 0; i < 10; i++) {
      const started = performance.now()
      await renderPortfolioPng(chart)
      chartTimes.push(performance.now() - started)
    }
    const render_ = summarize(times)
    return { renderMedianMs: render_.median, renderP99Ms: render_.p99, chartMedianMs: summarize(chartTimes).median, blocks, n: times.length }
  } finally {
    await database.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchPortfolio()))
}

// Live-stage tick bench: one scheduler pass over 10,000 live campaigns with 200,000 tasks and 30,000
// goals (and the same at 100 campaigns), on SQLite and on a throwaway PostgreSQL: the wall time of
// the pass's planning (its reads and the pure planner), of writing what it found due, and the SQL
// statements each sends, counted by Prisma's query log; RSS before and after. Run alone with
// `npx tsx bench/liveTick.ts`; bench/run.ts calls benchLiveTick() too.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { planLive } from '../src/domain/livePlanner.ts'
import { openDatabase, type BulkRead, type PrismaDb } from '../src/store/database.ts'
import { liveTickStore } from '../src/store/liveTick.ts'
import { startTestPostgres } from '../test/support/postgres.ts'
import { summarize } from './stats.ts'

const TASKS_PER_CAMPAIGN = 20
const GOALS_PER_CAMPAIGN = 3
const PEOPLE = 500
const STEADY_RUNS = 5
// Monday 7 December 2026, 10:00 in Shanghai: every campaign's digest (09:30) is due, and the
// reminders of tasks due that day and overdue ones (09:00 for everyone, all in Shanghai).
const now = new Date('2026-12-07T02:00:00Z')

export type TickFigures = {
  provider: 'sqlite' | 'postgresql'
  campaigns: number
  tasks: number
  goals: number
  /** The first pass: reads + plan, and the write of everything due (10,000 digests…). */
  firstPlanMs: number
  firstWriteMs: number
  written: number
  planStatements: number
  writeStatements: number
  /** Later passes, when what was due is written already: reads + plan (median of 5). */
  steadyPlanMs: number
  steadyStatements: number
  rssBeforeMiB: number
  rssAfterMiB: number
}

type Counted = { prisma: PrismaDb; bulkRead: BulkRead; statements: () => number; close(): Promise<void> }

/** A Prisma client and a bulk reader whose SQL statements are counted (Prisma's by its query log). */
async function countedClient(provider: 'sqlite' | 'postgresql', url: string): Promise<Counted> {
  let statements = 0
  const database = await openDatabase(provider === 'sqlite' ? { provider, file: url.slice('file:'.length), url } : { provider, url })
  const bulkRead: BulkRead = async (sql, params) => {
    statements++
    const started = performance.now()
    const rows = await database.bulkRead(sql, params)
    if (process.env.BENCH_TICK_PROFILE) console.error(`    ${(performance.now() - started).toFixed(1)} ms ${rows.length} rows: ${sql.replace(/\s+/g, ' ').slice(0, 60)}`)
    return rows
  }
  let prisma: PrismaDb
  if (provider === 'sqlite') {
    const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([import('../src/generated/sqlite/client.ts'), import('@prisma/adapter-better-sqlite3')])
    prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }), log: [{ emit: 'event', level: 'query' }] })
  } else {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([import('../src/generated/postgresql/client.ts'), import('@prisma/adapter-pg')])
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: 'event', level: 'query' }] }) as unknown as PrismaDb
  }
  ;(prisma as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (event) => {
    // Transaction control is not a statement of the tick's own.
    if (!/^(BEGIN|COMMIT|ROLLBACK)/i.test(event.query.trim())) statements++
  })
  await prisma.$connect()
  return {
    prisma, bulkRead, statements: () => statements,
    close: async () => {
      await database.close()
      await prisma.$disconnect()
    },
  }
}

async function seed(prisma: PrismaDb, campaigns: number): Promise<void> {
  const created = new Date('2026-11-01T00:00:00Z')
  await prisma.workspaceSettings.create({ data: { teamId: 'T1', timeZone: 'Asia/Shanghai' } })
  await prisma.person.createMany({
    data: Array.from({ length: PEOPLE }, (_, i) => ({ teamId: 'T1', userId: `U${i}`, timeZone: 'Asia/Shanghai', updatedAt: created, refreshedAt: created })),
  })
  const chunk = 1000
  for (let first = 0; first < campaigns; first += chunk) {
    const count = Math.min(chunk, campaigns - first)
    await prisma.campaign.createMany({
      data: Array.from({ length: count }, (_, k) => {
        const i = first + k
        return {
          teamId: 'T1', name: `Campaign ${i}`, activeNameKey: `campaign ${i}`, stage: 'live', kind: 'own_site', timingNode: 'sales_peak',
          startDate: '2026-12-01', endDate: '2026-12-21', channelId: `C${i % 300}`, ownerId: `U${i % PEOPLE}`, approverId: 'U1', createdById: 'U1',
          createdAt: created, updatedAt: created,
        }
      }),
    })
  }
  const ids = (await prisma.campaign.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((row) => row.id)
  const dueDates = ['2026-12-03', '2026-12-07', '2026-12-08', '2026-12-10', '2026-12-14', '2026-12-18', '2026-12-21']
  for (let first = 0; first < ids.length; first += 250) {
    const slice = ids.slice(first, first + 250)
    await prisma.task.createMany({
      data: slice.flatMap((campaignId) => Array.from({ length: TASKS_PER_CAMPAIGN }, (_, t) => ({
        campaignId, teamId: 'T1', title: `Task ${t}`, stage: 'content', startDate: '2026-12-01',
        dueDate: dueDates[t % dueDates.length]!, ownerId: `U${(campaignId * 7 + t) % PEOPLE}`, status: t % 3 === 0 ? 'done' : 'todo', createdAt: created, updatedAt: created,
      }))),
    })
    await prisma.goal.createMany({
      data: slice.flatMap((campaignId) => Array.from({ length: GOALS_PER_CAMPAIGN }, (_, g) => ({
        campaignId, metric: 'signups', targetValue: 1000, basisKind: 'reasoned', basis: 'bench', dataOwnerId: `U${(campaignId + g) % PEOPLE}`,
        actualValue: g === 0 ? 50 : 300, actualAsOf: '2026-12-06', position: g,
      }))),
    })
  }
}

async function measure(provider: 'sqlite' | 'postgresql', url: string, campaigns: number): Promise<TickFigures> {
  const db = await countedClient(provider, url)
  try {
    await seed(db.prisma, campaigns)
    const store = liveTickStore(db.prisma, { provider, bulkRead: db.bulkRead })
    const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20

    let mark = db.statements()
    let started = performance.now()
    const snapshot = await store.snapshot(now)
    const readMs = performance.now() - started
    const plan = planLive(snapshot, now)
    const firstPlanMs = performance.now() - started
    if (process.env.BENCH_TICK_PROFILE) console.error(`${provider} ${campaigns}: reads ${readMs.toFixed(0)} ms, planner ${(firstPlanMs - readMs).toFixed(0)} ms, ${snapshot.openTasks.length} open tasks`)
    const planStatements = db.statements() - mark

    mark = db.statements()
    started = performance.now()
    const written = await store.record(plan, now)
    const firstWriteMs = performance.now() - started
    const writeStatements = db.statements() - mark
    const rssAfterMiB = process.memoryUsage().rss / 2 ** 20

    const steady: number[] = []
    let steadyStatements = 0
    for (let run = 0; run < STEADY_RUNS; run++) {
      mark = db.statements()
      started = performance.now()
      const snap = await store.snapshot(now)
      const readAt = performance.now()
      const again = planLive(snap, now)
      const planAt = performance.now()
      await store.record(again, now)
      if (process.env.BENCH_TICK_PROFILE) console.error(`  steady: reads ${(readAt - started).toFixed(0)} ms (${snap.openTasks.length} tasks), planner ${(planAt - readAt).toFixed(0)} ms, record ${(performance.now() - planAt).toFixed(0)} ms (${again.items.length} items)`)
      steady.push(performance.now() - started)
      steadyStatements = db.statements() - mark
    }
    return {
      provider, campaigns, tasks: campaigns * TASKS_PER_CAMPAIGN, goals: campaigns * GOALS_PER_CAMPAIGN,
      firstPlanMs, firstWriteMs, written: written.length, planStatements, writeStatements,
      steadyPlanMs: summarize(steady).median, steadyStatements, rssBeforeMiB, rssAfterMiB,
    }
  } finally {
    await db.close()
  }
}

export async function benchLiveTick(options: { campaigns?: number[] } = {}): Promise<TickFigures[]> {
  const sizes = options.campaigns ?? [100, 10_000]
  const figures: TickFigures[] = []
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-tick-'))
  const postgres = await startTestPostgres({ ...process.env, CI: 'false' })
  try {
    for (const campaigns of sizes) {
      figures.push(await measure('sqlite', `file:${path.join(tmp, `tick-${campaigns}.db`)}`, campaigns))
      if (postgres && process.env.BENCH_TICK_PROVIDERS !== 'sqlite') {
        const name = `cd_bench_tick_${campaigns}`
        const admin = new pg.Client({ connectionString: postgres.adminUrl })
        await admin.connect()
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
        await admin.query(`CREATE DATABASE "${name}"`)
        await admin.end()
        const url = new URL(postgres.adminUrl)
        url.pathname = `/${name}`
        figures.push(await measure('postgresql', url.toString(), campaigns))
      }
    }
  } finally {
    await postgres?.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  return figures
}

export function liveTickReport(figures: TickFigures[]): string {
  const lines = ['Live tick (issue 7): one scheduler pass; planning = reads + pure planner; write = outbox rows + markers in one transaction']
  for (const f of figures) {
    lines.push(
      `  ${f.provider.padEnd(10)} ${String(f.campaigns).padStart(6)} campaigns, ${f.tasks} tasks, ${f.goals} goals: ` +
      `first pass plan ${f.firstPlanMs.toFixed(0)} ms (${f.planStatements} statements), write ${f.written} rows ${f.firstWriteMs.toFixed(0)} ms (${f.writeStatements} statements); ` +
      `steady pass ${f.steadyPlanMs.toFixed(0)} ms (${f.steadyStatements} statements); RSS ${f.rssBeforeMiB.toFixed(0)} → ${f.rssAfterMiB.toFixed(0)} MiB`,
    )
  }
  return lines.join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.env.BENCH_TICK_CAMPAIGNS?.split(',').map(Number)
  console.log(liveTickReport(await benchLiveTick(sizes ? { campaigns: sizes } : {})))
}

// The bulk import of figures against real databases (SQLite's direct statements, PostgreSQL's
// Prisma transaction): new days, corrections with their revisions (keeping the replaced source),
// unchanged days left alone, each goal's figure so far, the outbox row; all or nothing; team-scoped.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseTarget } from '../../src/config.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { metricImportStore, type MetricImportStore } from '../../src/store/metricImport.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'
import { seedCampaign } from '../support/live.ts'

const at = new Date('2026-12-07T10:00:00Z')

function targetOf(db: TestDatabase): DatabaseTarget {
  return db.provider === 'sqlite' ? { provider: 'sqlite', file: db.url.slice('file:'.length), url: db.url } : { provider: 'postgresql', url: db.url }
}

describe.each(testProviders())('metric import store on %s', (provider) => {
  let db: TestDatabase
  let database: Database
  let store: MetricImportStore
  let campaignId: number
  let signups: number
  let revenue: number

  beforeEach(async () => {
    db = await freshDatabase(provider)
    database = await openDatabase(targetOf(db))
    store = metricImportStore(database)
    const seeded = await seedCampaign(database.prisma, {
      startDate: '2026-12-01', endDate: '2026-12-20', goals: [{ metric: 'signups' }, { metric: 'revenue', targetMinor: 100_000n }],
    })
    ;({ campaignId } = seeded)
    ;[signups, revenue] = seeded.goalIds as [number, number]
  })
  afterEach(async () => {
    await database?.close()
    await db?.cleanup()
  })

  const entries = () => database.prisma.metricEntry.findMany({ where: { campaignId }, orderBy: [{ goalId: 'asc' }, { onDate: 'asc' }] })
  const home = (change: number) => [{ teamId: 'T1', dedupeKey: `home:U4:c${campaignId}m${change}`, kind: 'home' as const, target: 'U4', campaignId, payload: { text: '' } }]

  it('adds new days, corrects changed ones with a revision, leaves the same alone, and recomputes each goal once', async () => {
    await database.prisma.metricEntry.create({ data: { campaignId, goalId: signups, onDate: '2026-12-01', mode: 'day', value: 10, reportedBy: 'U3', source: 'typed', note: 'typed in', createdAt: at, updatedAt: at } })
    await database.prisma.metricEntry.create({ data: { campaignId, goalId: signups, onDate: '2026-12-02', mode: 'day', value: 20, reportedBy: 'U3', source: 'typed', createdAt: at, updatedAt: at } })
    const saved = await store.importEntries({
      teamId: 'T1', campaignId, reportedBy: 'U4', at, source: 'file', outbox: home,
      days: [
        { goalId: signups, onDate: '2026-12-01', mode: 'day', value: 15 },
        { goalId: signups, onDate: '2026-12-02', mode: 'day', value: 20 },
        { goalId: signups, onDate: '2026-12-03', mode: 'total', value: 100 },
        { goalId: revenue, onDate: '2026-12-03', mode: 'day', value: 123_456 },
      ],
    })
    expect(saved).toMatchObject({ outcome: 'saved', added: 2, corrected: 1, unchanged: 1 })
    const rows = await entries()
    expect(rows.map((r) => [r.goalId, r.onDate, r.value, r.valueMinor, r.source, r.reportedBy, r.version, r.note])).toEqual([
      [signups, '2026-12-01', 15, null, 'file', 'U4', 1, null],
      [signups, '2026-12-02', 20, null, 'typed', 'U3', 0, null],
      [signups, '2026-12-03', 100, null, 'file', 'U4', 0, null],
      [revenue, '2026-12-03', null, 123_456n, 'file', 'U4', 0, null],
    ])
    const revisions = await database.prisma.metricEntryRevision.findMany()
    expect(revisions.map((r) => [r.entryId, r.value, r.note, r.source, r.reportedBy, r.replacedBy, r.replacedAt.toISOString()])).toEqual([
      [rows[0]!.id, 10, 'typed in', 'typed', 'U3', 'U4', at.toISOString()],
    ])
    const goals = await database.prisma.goal.findMany({ where: { campaignId }, orderBy: { id: 'asc' } })
    expect(goals.map((g) => [g.actualValue, g.actualMinor, g.actualAsOf])).toEqual([[100, null, '2026-12-03'], [null, 123_456n, '2026-12-03']])
    // 4 entries + 1 version: the same count a typed save keys its App Home refresh by.
    expect((await database.prisma.outboxMessage.findMany()).map((o) => o.dedupeKey)).toEqual([`home:U4:c${campaignId}m5`])

    const again = await store.importEntries({ teamId: 'T1', campaignId, reportedBy: 'U4', at, source: 'file', outbox: home, days: [{ goalId: signups, onDate: '2026-12-01', mode: 'day', value: 15 }] })
    expect(again).toMatchObject({ outcome: 'saved', added: 0, corrected: 0, unchanged: 1, outboxIds: [] })
    expect(await database.prisma.outboxMessage.count()).toBe(1)
  })

  it('writes nothing when a goal is not the campaign\'s, or the campaign is another team\'s', async () => {
    const other = await seedCampaign(database.prisma, { teamId: 'T2', startDate: '2026-12-01', endDate: '2026-12-20', goals: [{ metric: 'orders' }] })
    const strayGoal = await store.importEntries({
      teamId: 'T1', campaignId, reportedBy: 'U4', at, source: 'file',
      days: [{ goalId: signups, onDate: '2026-12-01', mode: 'day', value: 1 }, { goalId: other.goalIds[0]!, onDate: '2026-12-01', mode: 'day', value: 1 }],
    })
    expect(strayGoal).toEqual({ outcome: 'goal_not_found', goalId: other.goalIds[0] })
    const otherTeam = await store.importEntries({ teamId: 'T1', campaignId: other.campaignId, reportedBy: 'U4', at, source: 'file', days: [] })
    expect(otherTeam).toEqual({ outcome: 'not_found' })
    expect(await database.prisma.metricEntry.count()).toBe(0)
  })
})

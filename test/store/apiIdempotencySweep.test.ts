// The answers kept for Idempotency-Key are forgotten once past their 24 hours by the retention
// pass, of every key (before, only a key that wrote again cleared its own), in batches; those
// still inside the window stay.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseTarget } from '../../src/config.ts'
import { createRetention } from '../../src/jobs/retention.ts'
import { createLogger } from '../../src/logger.ts'
import { apiKeyStore, idempotencyWindowMs, type ApiKeyStore } from '../../src/store/apiKeys.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'

const start = new Date('2026-12-07T00:00:00Z')
const minutes = (n: number) => new Date(start.getTime() + n * 60_000)

function targetOf(db: TestDatabase): DatabaseTarget {
  return db.provider === 'sqlite' ? { provider: 'sqlite', file: db.url.slice('file:'.length), url: db.url } : { provider: 'postgresql', url: db.url }
}

describe.each(testProviders())('forgetting expired Idempotency-Key answers on %s', (provider) => {
  let db: TestDatabase
  let database: Database
  let store: ApiKeyStore

  beforeEach(async () => {
    db = await freshDatabase(provider)
    database = await openDatabase(targetOf(db))
    store = apiKeyStore(database.prisma)
  })
  afterEach(async () => {
    await database?.close()
    await db?.cleanup()
  })

  /** `count` answers for a new key of `teamId`, one a minute from `from`. */
  async function keep(teamId: string, count: number, from: number): Promise<number> {
    const { key } = await store.create({ teamId, name: `${teamId} sync`, createdBy: 'U9', at: start })
    for (let i = 0; i < count; i++) {
      await database.prisma.$transaction((tx) => store.keepAnswer(tx, {
        teamId, keyId: key.id, idempotencyKey: `k-${from + i}`, at: minutes(from + i), answer: { requestHash: 'h', status: 201, body: '{}' },
      }))
    }
    return key.id
  }
  const remaining = async () => (await database.prisma.apiIdempotency.findMany({ orderBy: { id: 'asc' } })).map((row) => row.idempotencyKey)

  it('deletes every key\'s answers older than the window in batches, and keeps the rest', async () => {
    await keep('T1', 5, 0) // minutes 0..4
    await keep('T2', 3, 10) // minutes 10..12
    const cutoff = minutes(11)
    // Batches of 2, at most 2 a call: the first call stops at 4 rows, the next finishes.
    expect(await store.forgetAnswersBefore(cutoff, { batchSize: 2, maxBatches: 2 })).toBe(4)
    expect(await remaining()).toEqual(['k-4', 'k-10', 'k-11', 'k-12'])
    expect(await store.forgetAnswersBefore(cutoff, { batchSize: 2, maxBatches: 2 })).toBe(3)
    expect(await remaining()).toEqual(['k-12'])
    expect(await store.forgetAnswersBefore(cutoff, { batchSize: 2 })).toBe(0)
  })

  it('the retention pass forgets answers past 24 hours, moved on by the clock, in single-workspace mode too', async () => {
    await keep('T1', 3, 0)
    const retention = createRetention({ apiKeys: store, logger: createLogger('silent') })
    // 24 hours after the second answer: the first two have expired (the window's end included), the third not.
    await retention.purge(new Date(minutes(1).getTime() + idempotencyWindowMs))
    expect(await remaining()).toEqual(['k-2'])
    await retention.purge(new Date(minutes(2).getTime() + idempotencyWindowMs))
    expect(await remaining()).toEqual([])
  })
})

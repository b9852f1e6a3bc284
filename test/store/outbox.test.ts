// The outbox against real databases (SQLite and PostgreSQL): claiming due rows, two dispatchers on
// two connections never holding the same row, expired claims taken over, and what delivery records.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatabaseTarget } from '../../src/config.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { enqueue, outboxStore, type OutboxDraft, type OutboxStore } from '../../src/store/outbox.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'

const now = new Date('2026-12-01T02:00:00Z')
const seconds = (n: number) => new Date(now.getTime() + n * 1000)
const lease = 30_000

function targetOf(db: TestDatabase): DatabaseTarget {
  return db.provider === 'sqlite'
    ? { provider: 'sqlite', file: db.url.slice('file:'.length), url: db.url }
    : { provider: 'postgresql', url: db.url }
}

function draft(dedupeKey: string, overrides: Partial<OutboxDraft> = {}): OutboxDraft {
  return { teamId: 'T1', dedupeKey, kind: 'post', target: 'C1', payload: { text: `text of ${dedupeKey}` }, ...overrides }
}

describe.each(testProviders())('outbox on %s', (provider) => {
  let db: TestDatabase
  let database: Database
  let outbox: OutboxStore

  beforeEach(async () => {
    db = await freshDatabase(provider)
    database = await openDatabase(targetOf(db))
    outbox = outboxStore(database)
  })
  afterEach(async () => {
    await database?.close()
    await db?.cleanup()
  })

  const add = (drafts: OutboxDraft[], at: Date = now) => database.prisma.$transaction((tx) => enqueue(tx, drafts, at))
  const row = (id: number) => database.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })

  describe('enqueue', () => {
    it('stores pending rows due at once, and returns their ids in order', async () => {
      const ids = await add([
        draft('card:1', { campaignId: undefined }),
        draft('update:1', { kind: 'update', updatesKey: 'card:1', payload: { text: 'edit', blocks: [{ type: 'divider' }] } }),
        draft('dm:1', { kind: 'dm', target: 'U2', payload: { text: 'hi', notifyOnFailure: { userId: 'U1', locale: 'zh-CN', campaignName: 'Tea' } } }),
      ])
      expect(ids).toHaveLength(3)
      expect([...ids].sort((a, b) => a - b)).toEqual(ids)
      const rows = await database.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })
      expect(rows.map((r) => r.id)).toEqual(ids)
      expect(rows.map((r) => [r.dedupeKey, r.kind, r.target, r.updatesKey, r.campaignId, r.status, r.attempts])).toEqual([
        ['card:1', 'post', 'C1', null, null, 'pending', 0],
        ['update:1', 'update', 'C1', 'card:1', null, 'pending', 0],
        ['dm:1', 'dm', 'U2', null, null, 'pending', 0],
      ])
      for (const r of rows) {
        expect(r.nextAttemptAt.toISOString()).toBe(now.toISOString())
        expect(r.createdAt.toISOString()).toBe(now.toISOString())
        expect(r.claimedBy).toBeNull()
        expect(r.claimedUntil).toBeNull()
      }
      expect(JSON.parse(rows[1]!.payload)).toEqual({ text: 'edit', blocks: [{ type: 'divider' }] })
    })

    it('a dedupeKey exists once per team', async () => {
      await add([draft('card:1')])
      await expect(add([draft('card:1', { payload: { text: 'again' } })])).rejects.toMatchObject({ code: 'P2002' })
      // In one transaction, the clash takes the whole batch with it.
      await expect(add([draft('fresh:1'), draft('fresh:1')])).rejects.toMatchObject({ code: 'P2002' })
      expect(await outbox.findByKey('T1', 'fresh:1')).toBeNull()
      // The same key in another team is another post.
      await add([draft('card:1', { teamId: 'T2' })])
      expect(await database.prisma.outboxMessage.count()).toBe(2)
      expect((await outbox.findByKey('T1', 'card:1'))?.payload.text).toBe('text of card:1')
      expect((await outbox.findByKey('T2', 'card:1'))?.teamId).toBe('T2')
    })
  })

  describe('claimDue', () => {
    it('claims due pending rows in id order, not future ones, up to the limit', async () => {
      const due = await add([draft('a'), draft('b'), draft('c')])
      const [future] = await add([draft('later')], seconds(60))
      const [done] = await add([draft('done')])
      await outbox.markSent(done!, 'C1', '1.1', now)

      const hour = 3_600_000 // long enough that these claims still hold when the future row falls due
      const first = await outbox.claimDue('one', now, hour, 2)
      expect(first.map((m) => m.id)).toEqual(due.slice(0, 2))
      expect(first[0]).toMatchObject({ teamId: 'T1', dedupeKey: 'a', kind: 'post', target: 'C1', attempts: 0, status: 'pending', slackChannel: null, slackTs: null, payload: { text: 'text of a' } })
      const claimedRow = await row(due[0]!)
      expect(claimedRow.claimedBy).toBe('one')
      expect(claimedRow.claimedUntil?.toISOString()).toBe(seconds(3600).toISOString())

      const rest = await outbox.claimDue('one', now, hour, 10)
      expect(rest.map((m) => m.id)).toEqual([due[2]])
      expect(await outbox.claimDue('one', now, hour, 10)).toEqual([])
      // The future row is not due yet; exactly at its time it is.
      expect((await row(future!)).claimedBy).toBeNull()
      expect(await outbox.claimDue('one', seconds(59), hour, 10)).toEqual([])
      expect((await outbox.claimDue('one', seconds(60), hour, 10)).map((m) => m.id)).toEqual([future])
    })

    it('claims only the rows asked for with ids', async () => {
      const ids = await add([draft('a'), draft('b'), draft('c'), draft('d')])
      const claimed = await outbox.claimDue('one', now, lease, 10, [ids[3]!, ids[1]!])
      expect(claimed.map((m) => m.id)).toEqual([ids[1], ids[3]])
      expect(await outbox.claimDue('one', now, lease, 10, [ids[1]!])).toEqual([])
      expect(await outbox.claimDue('one', now, lease, 10, [])).toEqual([])
      expect((await outbox.claimDue('one', now, lease, 10)).map((m) => m.id)).toEqual([ids[0], ids[2]])
    })

    it('a claim blocks others until it expires, then another claimer takes over', async () => {
      const [id] = await add([draft('a')])
      expect((await outbox.claimDue('one', now, lease, 10)).map((m) => m.id)).toEqual([id])
      expect(await outbox.claimDue('two', seconds(10), lease, 10)).toEqual([])
      // At the very instant the lease ends it still holds.
      expect(await outbox.claimDue('two', seconds(30), lease, 10)).toEqual([])
      const taken = await outbox.claimDue('two', seconds(31), lease, 10)
      expect(taken.map((m) => m.id)).toEqual([id])
      const r = await row(id!)
      expect(r.claimedBy).toBe('two')
      expect(r.claimedUntil?.toISOString()).toBe(seconds(61).toISOString())
      // The first claimer, back from the dead with its old clock, gets nothing.
      expect(await outbox.claimDue('one', seconds(31), lease, 10)).toEqual([])
    })

    it('two dispatchers on two connections never claim the same row', async () => {
      const second = await openDatabase(targetOf(db))
      try {
        const one = outboxStore(database)
        const two = outboxStore(second)
        for (let round = 0; round < 20; round += 1) {
          const at = new Date(now.getTime() + round * 3_600_000)
          const ids = await add(Array.from({ length: 10 }, (_, i) => draft(`r${round}-${i}`)), at)
          const [a, b] = await Promise.all([
            one.claimDue(`one-${round}`, at, lease, 50),
            two.claimDue(`two-${round}`, at, lease, 50),
          ])
          const aIds = a.map((m) => m.id)
          const bIds = b.map((m) => m.id)
          expect(aIds.filter((id) => bIds.includes(id)), `round ${round}`).toEqual([])
          expect([...aIds, ...bIds].sort((x, y) => x - y), `round ${round}`).toEqual(ids)
          const rows = await database.prisma.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } })
          expect(rows.map((r) => r.claimedBy)).toEqual(ids.map((id) => (aIds.includes(id) ? `one-${round}` : `two-${round}`)))
          for (const id of ids) await one.markSent(id, 'C1', `${round}.${id}`, at)
        }
        expect(await outbox.pendingCount()).toBe(0)
      } finally {
        await second.close()
      }
    })

    it('two dispatchers taking over the same expired claims never share a row', async () => {
      const second = await openDatabase(targetOf(db))
      try {
        const one = outboxStore(database)
        const two = outboxStore(second)
        for (let round = 0; round < 5; round += 1) {
          const at = new Date(now.getTime() + round * 3_600_000)
          const ids = await add(Array.from({ length: 10 }, (_, i) => draft(`r${round}-${i}`)), at)
          expect(await outbox.claimDue('crashed', at, lease, 50)).toHaveLength(10)
          const later = new Date(at.getTime() + lease + 1000)
          const [a, b] = await Promise.all([one.claimDue('one', later, lease, 50), two.claimDue('two', later, lease, 50)])
          const aIds = a.map((m) => m.id)
          const bIds = b.map((m) => m.id)
          expect(aIds.filter((id) => bIds.includes(id))).toEqual([])
          expect([...aIds, ...bIds].sort((x, y) => x - y)).toEqual(ids)
          for (const id of ids) await one.markSent(id, 'C1', `${round}.${id}`, later)
        }
      } finally {
        await second.close()
      }
    })
  })

  describe('delivery records', () => {
    it('markSent records where Slack put it and frees the claim', async () => {
      const [id] = await add([draft('a')])
      await outbox.claimDue('one', now, lease, 10)
      await outbox.markSent(id!, 'C1X', '1700000000.000100', seconds(5))
      const r = await row(id!)
      expect(r).toMatchObject({ status: 'sent', slackChannel: 'C1X', slackTs: '1700000000.000100', attempts: 1, claimedBy: null, claimedUntil: null, lastError: null })
      expect(r.sentAt?.toISOString()).toBe(seconds(5).toISOString())
      expect(await outbox.findByKey('T1', 'a')).toMatchObject({ id, status: 'sent', slackChannel: 'C1X', slackTs: '1700000000.000100', attempts: 1 })
      // A sent row is never claimed again.
      expect(await outbox.claimDue('two', seconds(3600), lease, 10)).toEqual([])
    })

    it('reschedule puts a row back for later, counting the attempt or not', async () => {
      const [id] = await add([draft('a')])
      await outbox.claimDue('one', now, lease, 10)
      await outbox.reschedule(id!, 'ratelimited', seconds(20))
      let r = await row(id!)
      expect(r).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ratelimited', claimedBy: null, claimedUntil: null })
      expect(r.nextAttemptAt.toISOString()).toBe(seconds(20).toISOString())
      expect(await outbox.claimDue('two', seconds(19), lease, 10)).toEqual([])
      expect((await outbox.claimDue('two', seconds(20), lease, 10)).map((m) => m.id)).toEqual([id])

      await outbox.reschedule(id!, 'waiting for the card', seconds(25), false)
      r = await row(id!)
      expect(r).toMatchObject({ attempts: 1, lastError: 'waiting for the card', claimedBy: null, claimedUntil: null })
      expect(r.nextAttemptAt.toISOString()).toBe(seconds(25).toISOString())
      expect(await outbox.nextDueAt(now)).toEqual(seconds(25))
    })

    it('markFailed gives up on the row and queues its notice in the same transaction', async () => {
      const [id] = await add([draft('a', { payload: { text: 'x', notifyOnFailure: { userId: 'U1', locale: 'en', campaignName: 'Tea' } } })])
      await outbox.claimDue('one', now, lease, 10)
      await outbox.markFailed(id!, 'channel_not_found', seconds(7), draft('notice:a', { kind: 'dm', target: 'U1', payload: { text: 'could not post' } }))
      const r = await row(id!)
      expect(r).toMatchObject({ status: 'failed', lastError: 'channel_not_found', attempts: 1, claimedBy: null, claimedUntil: null })
      const notice = await outbox.findByKey('T1', 'notice:a')
      expect(notice).toMatchObject({ status: 'pending', kind: 'dm', target: 'U1', attempts: 0, payload: { text: 'could not post' } })
      expect(notice!.id).toBeGreaterThan(id!)
      expect((await row(notice!.id)).nextAttemptAt.toISOString()).toBe(seconds(7).toISOString())
      expect(await outbox.pendingCount()).toBe(1)
      expect((await outbox.claimDue('two', seconds(7), lease, 10)).map((m) => m.id)).toEqual([notice!.id])
    })

    it('markFailed without a notice queues nothing; a notice that cannot be stored leaves the row as it was', async () => {
      const [a, b] = await add([draft('a'), draft('b')])
      await outbox.markFailed(a!, 'gone', now)
      expect((await row(a!)).status).toBe('failed')
      expect(await database.prisma.outboxMessage.count()).toBe(2)
      // A notice whose key already exists: the whole change is rolled back.
      await expect(outbox.markFailed(b!, 'gone', now, draft('a'))).rejects.toMatchObject({ code: 'P2002' })
      expect(await row(b!)).toMatchObject({ status: 'pending', attempts: 0, lastError: null })
      expect(await database.prisma.outboxMessage.count()).toBe(2)
    })

    it('markSuperseded retires a row for good', async () => {
      const [id] = await add([draft('a')])
      await outbox.claimDue('one', now, lease, 10)
      await outbox.markSuperseded(id!)
      expect(await row(id!)).toMatchObject({ status: 'superseded', claimedBy: null, claimedUntil: null, attempts: 0 })
      expect(await outbox.pendingCount()).toBe(0)
      expect(await outbox.nextDueAt(now)).toBeNull()
      expect(await outbox.claimDue('two', seconds(3600), lease, 10)).toEqual([])
    })

    it('findByKey is scoped by team', async () => {
      await add([draft('a', { teamId: 'T1', campaignId: undefined })])
      expect(await outbox.findByKey('T2', 'a')).toBeNull()
      expect(await outbox.findByKey('T1', 'missing')).toBeNull()
      const found = await outbox.findByKey('T1', 'a')
      expect(found).toMatchObject({ teamId: 'T1', dedupeKey: 'a', status: 'pending', attempts: 0 })
      expect(found).not.toHaveProperty('updatesKey')
      expect(found).not.toHaveProperty('campaignId')
    })
  })

  describe('hasLaterUpdate', () => {
    it('is true only for an older edit of the same message in the same team', async () => {
      const [post, edit1, otherEdit, edit2, foreignEdit] = await add([
        draft('card'),
        draft('edit-1', { kind: 'update', updatesKey: 'card' }),
        draft('other-edit', { kind: 'update', updatesKey: 'other-card' }),
        draft('edit-2', { kind: 'update', updatesKey: 'card' }),
      ]).then(async (ids) => [...ids, ...(await add([draft('edit-3', { teamId: 'T2', kind: 'update', updatesKey: 'card' })]))])
      const message = async (key: string, teamId = 'T1') => (await outbox.findByKey(teamId, key))!

      expect(await outbox.hasLaterUpdate(await message('card'))).toBe(false) // not an edit
      expect(await outbox.hasLaterUpdate(await message('edit-1'))).toBe(true)
      expect(await outbox.hasLaterUpdate(await message('edit-2'))).toBe(false) // the latest in T1
      expect(await outbox.hasLaterUpdate(await message('other-edit'))).toBe(false)
      expect(await outbox.hasLaterUpdate(await message('edit-3', 'T2'))).toBe(false)
      expect([post, edit1, otherEdit, edit2, foreignEdit].every((id) => typeof id === 'number')).toBe(true)
    })
  })

  describe('pendingCount and nextDueAt', () => {
    it('count the pending rows and find the earliest due', async () => {
      expect(await outbox.pendingCount()).toBe(0)
      expect(await outbox.nextDueAt(now)).toBeNull()
      const [late] = await add([draft('late')], seconds(120))
      const [early] = await add([draft('early')], seconds(30))
      const [sentEarlier] = await add([draft('sent')], seconds(-60))
      await add([draft('other-team', { teamId: 'T2' })], seconds(90))
      await outbox.markSent(sentEarlier!, 'C1', '1.2', now)
      expect(await outbox.pendingCount()).toBe(3)
      expect(await outbox.nextDueAt(now)).toEqual(seconds(30))
      await outbox.markSent(early!, 'C1', '1.3', now)
      expect(await outbox.nextDueAt(now)).toEqual(seconds(90))
      expect(await outbox.pendingCount()).toBe(2)
      await outbox.markFailed(late!, 'gone', now)
      expect(await outbox.pendingCount()).toBe(1)
    })

    it('a row another instance holds falls due when its lease runs out, not before', async () => {
      const [held] = await add([draft('held')], seconds(-10))
      await outbox.claimDue('other', seconds(-5), lease, 10) // held until now + 25 s
      // Due long ago, but nobody may take it before the lease ends: claimDue takes it after that.
      expect(await outbox.nextDueAt(now)).toEqual(new Date(seconds(25).getTime() + 1))
      expect(await outbox.claimDue('me', seconds(25), lease, 10)).toEqual([])
      expect((await outbox.claimDue('me', seconds(26), lease, 1)).map((m) => m.id)).toEqual([held]) // now held until 56 s

      // The earlier of the next free row and the next lease end.
      await add([draft('later')], seconds(70))
      expect(await outbox.nextDueAt(seconds(26))).toEqual(new Date(seconds(56).getTime() + 1))
      await add([draft('soon')], seconds(40))
      expect(await outbox.nextDueAt(seconds(26))).toEqual(seconds(40))
      // An expired claim is as good as none: due at once.
      expect(await outbox.nextDueAt(seconds(60))).toEqual(seconds(-10))
    })
  })
})

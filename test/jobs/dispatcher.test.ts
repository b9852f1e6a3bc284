// The outbox dispatcher against a real database and the fake Slack over HTTP.
import { WebClient } from '@slack/web-api'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatcher, type Dispatcher } from '../../src/jobs/dispatcher.ts'
import { classifySlackFailure } from '../../src/jobs/slackFailure.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { enqueue, outboxStore, type OutboxDraft } from '../../src/store/outbox.ts'
import { cardFailedNotice } from '../../src/slack/proposal/notifications.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.ts'

const silent = pino({ level: 'silent' })
const clock = { now: () => new Date() }

function draft(dedupeKey: string, overrides: Partial<OutboxDraft> = {}): OutboxDraft {
  return { teamId: 'T1', dedupeKey, kind: 'post', target: 'C1', payload: { text: dedupeKey }, ...overrides }
}

describe('classifySlackFailure', () => {
  it('tells rate limits, permanent and transient failures apart', () => {
    expect(classifySlackFailure({ code: 'slack_webapi_rate_limited_error', retryAfter: 3 })).toEqual({ kind: 'rate_limited', code: 'ratelimited', retryAfterMs: 3000 })
    expect(classifySlackFailure({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } }).kind).toBe('permanent')
    expect(classifySlackFailure({ code: 'slack_webapi_platform_error', data: { error: 'internal_error' } }).kind).toBe('transient')
    expect(classifySlackFailure({ code: 'slack_webapi_http_error', statusCode: 502 })).toEqual({ kind: 'transient', code: 'http_502' })
    expect(classifySlackFailure(new Error('socket hang up')).kind).toBe('transient')
  })
})

describe.each(testProviders())('dispatcher on %s', (provider) => {
  let slack: FakeSlack
  let db: TestDatabase
  let database: Database
  let dispatcher: Dispatcher
  let client: WebClient
  beforeEach(async () => {
    slack = await startFakeSlack({ botToken: 'xoxb-test' })
    slack.addChannel({ id: 'C1', name: 'campaigns', members: [slack.botUserId] })
    db = await freshDatabase(provider)
    database = await openDatabase(provider === 'sqlite' ? { provider, file: db.url.slice(5), url: db.url } : { provider, url: db.url })
    client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true })
    dispatcher = createDispatcher({ client, outbox: outboxStore(database), clock, logger: silent, failureNotice: cardFailedNotice, retry: { baseMs: 20, maxMs: 50, maxAttempts: 3 } })
  })
  afterEach(async () => {
    await dispatcher.stop()
    await database.close()
    await slack.close()
    await db.cleanup()
  })

  const add = (drafts: OutboxDraft[]) => database.prisma.$transaction((tx) => enqueue(tx, drafts, new Date()))

  it('a row another sweep holds is not delivered twice, and can be waited for', async () => {
    const [id] = await add([draft('card')])
    const outbox = outboxStore(database)
    const [held] = await outbox.claimDue('another-instance', new Date(), 60_000, 1)
    expect(held!.id).toBe(id)
    expect((await dispatcher.deliverNow([id!])).get(id!)).toBe('not_claimed')
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0)
    const waiting = dispatcher.waitUntilSent(id!, performance.now() + 2_000)
    setTimeout(() => void outbox.markSent(id!, 'C1', '1.0001', new Date()), 100)
    expect(await waiting).toBe(true)
    expect(await dispatcher.waitUntilSent(id!, performance.now() - 1)).toBe(false)
  })

  it('sleeps while another instance holds the due row, and takes it over once the lease has run out', async () => {
    const [id] = await add([draft('card')])
    const claimedAt = new Date()
    const [held] = await outboxStore(database).claimDue('crashed-instance', claimedAt, 60_000, 1)
    expect(held!.id).toBe(id)

    // Every query the dispatcher sends, counted where it enters Prisma or the direct statements.
    let queries = 0
    const counted = database.prisma.$extends({
      query: { $allModels: { async $allOperations({ args, query }) { queries += 1; return query(args) } } },
    }) as unknown as Database['prisma']
    const direct = database.direct
    const countedDirect = (direct.provider === 'sqlite'
      ? { ...direct, statement: (work) => { queries += 1; return direct.statement(work) }, transaction: (work) => { queries += 1; return direct.transaction(work) } }
      : { ...direct, query: (...args) => { queries += 1; return direct.query(...args) } }) as Database['direct']
    let clockOffsetMs = 0
    const movableClock = { now: () => new Date(Date.now() + clockOffsetMs) }
    await dispatcher.stop()
    const countedOutbox = outboxStore({ prisma: counted, direct: countedDirect })
    // The dispatcher's first look at when to wake, caught as it answers (state, not a time window).
    let firstLook!: (at: Date | null) => void
    const wakesAt = new Promise<Date | null>((resolve) => { firstLook = resolve })
    dispatcher = createDispatcher({
      client, clock: movableClock, logger: silent, pollMs: 1_000,
      outbox: { ...countedOutbox, nextDueAt: async (now) => { const at = await countedOutbox.nextDueAt(now); firstLook(at); return at } },
    })

    dispatcher.start()
    // One sweep that finds nothing to claim, one look at when to wake; and that look says when the
    // lease runs out, so the loop sleeps its full pollMs. Spinning on the held row (waking at once,
    // again and again) made hundreds of queries and answered "due now" here.
    const wake = await wakesAt
    await dispatcher.settled()
    expect(wake!.getTime()).toBeGreaterThan(claimedAt.getTime() + 60_000)
    expect(queries).toBeLessThanOrEqual(3)
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0)

    // The other instance never comes back: past its lease the row is taken over and delivered, once.
    clockOffsetMs = 61_000
    await slack.waitFor('chat.postMessage', (c) => c.result?.ok === true, 5_000)
    await dispatcher.stop() // lets the delivery under way record itself
    expect(await outboxStore(database).statusOf(id!)).toBe('sent')
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1)
  })

  it('a row still being delivered when its lease runs out (a clock that jumped) is not claimed and posted again', async () => {
    const [id] = await add([draft('digest')])
    const real = outboxStore(database)
    let clockOffsetMs = 0
    const movableClock = { now: () => new Date(Date.now() + clockOffsetMs) }
    // The first delivery has been posted and is about to record itself when the clock jumps past its
    // lease; a sweep's claim runs meanwhile and returns only after that delivery has finished.
    let openRecording!: () => void
    const recordingMayGo = new Promise<void>((resolve) => { openRecording = resolve })
    let recorded!: () => void
    const firstRecorded = new Promise<void>((resolve) => { recorded = resolve })
    let racing = false
    const outbox: typeof real = {
      ...real,
      async markSent(...args) {
        await recordingMayGo
        await real.markSent(...args)
        recorded()
      },
      async claimDue(...args) {
        const rows = await real.claimDue(...args)
        if (racing) {
          openRecording()
          await firstRecorded
          await new Promise((resolve) => setImmediate(resolve))
        }
        return rows
      },
    }
    await dispatcher.stop()
    dispatcher = createDispatcher({ client, outbox, clock: movableClock, logger: silent })
    const first = dispatcher.sweep()
    await slack.waitFor('chat.postMessage', (c) => c.result?.ok === true, 5_000)
    clockOffsetMs = 61_000
    racing = true
    await dispatcher.sweep()
    await first
    expect(await real.statusOf(id!)).toBe('sent')
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1)
  })

  it('an edit waits for its message, and an older edit never overwrites a newer one', async () => {
    const [post, older, newer] = await add([
      draft('card'), draft('card:v1', { kind: 'update', updatesKey: 'card', payload: { text: 'v1' } }),
      draft('card:v2', { kind: 'update', updatesKey: 'card', payload: { text: 'v2' } }),
    ])
    slack.failNext('chat.postMessage', { status: 500 })
    const first = await dispatcher.deliverNow([post!, older!, newer!])
    expect(first.get(post!)).toBe('retrying')
    expect(first.get(older!)).toBe('superseded')
    expect(first.get(newer!)).toBe('waiting')
    dispatcher.start()
    await slack.waitFor('chat.update', (c) => c.result?.ok === true)
    expect(slack.callsTo('chat.update').map((c) => c.args.text)).toEqual(['v2'])
  })

  it('gives up after the last attempt and reports it to the person named in the row', async () => {
    slack.addUser({ id: 'U1' })
    const [id] = await add([draft('card', { payload: { text: 'card', notifyOnFailure: { userId: 'U1', locale: 'zh-CN', campaignName: '双十一' } } })])
    slack.failNext('chat.postMessage', { status: 500 }, { times: 3 }) // exactly the three attempts allowed
    dispatcher.start()
    const notice = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1' && c.result?.ok === true)
    expect(notice.args.text).toContain('双十一')
    expect(await outboxStore(database).statusOf(id!)).toBe('failed')
  })
})

// The dispatcher keeps within Slack's rate limits, against the fake Slack enforcing them (429 with
// Retry-After when the app goes over). Time is one injected clock shared by the dispatcher and the
// fake: the test sweeps, then moves the clock to when the outbox next has something due.
import { WebClient } from '@slack/web-api'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { slackLimits, type PacingLimits } from '../../src/domain/pacing.ts'
import { createDispatcher, type Dispatcher } from '../../src/jobs/dispatcher.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { enqueue, outboxStore, type OutboxDraft } from '../../src/store/outbox.ts'
import { freshDatabase, testProviders, type TestDatabase } from '../support/databases.ts'
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.ts'

const silent = pino({ level: 'silent' })
const start = Date.parse('2026-12-01T01:30:00Z') // 09:30 in Shanghai: every digest due at once

const post = (channel: string, n: number): OutboxDraft =>
  ({ teamId: 'T1', dedupeKey: `digest:${channel}:${n}`, kind: 'post', target: channel, payload: { text: `digest ${n} for ${channel}` } })

describe.each(testProviders())('pacing the dispatcher on %s', (provider) => {
  let slack: FakeSlack
  let db: TestDatabase
  let database: Database
  let dispatcher: Dispatcher | undefined
  let nowMs = start
  const clock = { now: () => new Date(nowMs) }
  /** Set when a test ends, so a sweep loop of a test that timed out cannot run on into the next one. */
  let ended = false

  beforeEach(async () => {
    nowMs = start
    ended = false
    slack = await startFakeSlack({ botToken: 'xoxb-test' })
    db = await freshDatabase(provider)
    database = await openDatabase(provider === 'sqlite' ? { provider, file: db.url.slice(5), url: db.url } : { provider, url: db.url })
  })
  afterEach(async () => {
    ended = true
    await dispatcher?.stop()
    dispatcher = undefined
    await database.close()
    await slack.close()
    await db.cleanup()
  })

  function dispatcherWith(pacing: PacingLimits = slackLimits): Dispatcher {
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true })
    dispatcher = createDispatcher({ client, outbox: outboxStore(database.prisma), clock, logger: silent, pacing })
    return dispatcher
  }

  function channels(ids: string[]): void {
    for (const id of ids) slack.addChannel({ id, name: id.toLowerCase(), members: [slack.botUserId] })
  }

  const add = (drafts: OutboxDraft[]) => database.prisma.$transaction((tx) => enqueue(tx, drafts, clock.now()))

  /** Sweeps, then moves the clock to the next row due, until nothing is pending. Returns each post's (simulated) time. */
  async function runToEnd(d: Dispatcher, maxSweeps = 2_000): Promise<Array<{ channel: string; at: number }>> {
    const outbox = outboxStore(database.prisma)
    const posted: Array<{ channel: string; at: number }> = []
    for (let sweeps = 0; sweeps < maxSweeps && !ended; sweeps++) {
      const seen = slack.callsTo('chat.postMessage').length
      await d.sweep()
      for (const call of slack.callsTo('chat.postMessage').slice(seen)) if (call.result?.ok) posted.push({ channel: call.args.channel, at: nowMs })
      const due = await outbox.nextDueAt(clock.now())
      if (!due) return posted
      nowMs = Math.max(nowMs, due.getTime())
    }
    throw new Error(ended ? 'the test ended' : `still pending after ${maxSweeps} sweeps`)
  }

  const singles = Array.from({ length: 300 }, (_, i) => `C${String(i).padStart(3, '0')}`)
  const busy = ['CBUSY1', 'CBUSY2', 'CBUSY3']
  // The busy channels' rows first, in id order: the worst case for the channels behind them.
  const digests = () => [...busy.flatMap((c) => Array.from({ length: 10 }, (_, n) => post(c, n))), ...singles.map((c) => post(c, 0))]

  it('300 digests due in the same minute and three channels with ten each: all posted once, no 429, and the busy channels hold up nobody', async () => {
    channels([...singles, ...busy])
    slack.enforceRateLimits({ perChannelPerSecond: 1, burst: 3, clock: () => nowMs })
    await add(digests())

    const posted = await runToEnd(dispatcherWith())

    expect(slack.rateLimited).toEqual([])
    expect(posted).toHaveLength(330)
    expect(new Set(slack.callsTo('chat.postMessage').map((c) => c.args.text)).size).toBe(330)
    expect(await outboxStore(database.prisma).pendingCount()).toBe(0)
    // Every one-digest channel got its post at once, while the busy ones were still being paced.
    for (const channel of singles) expect(posted.find((p) => p.channel === channel)?.at).toBe(start)
    for (const channel of busy) {
      const times = posted.filter((p) => p.channel === channel).map((p) => p.at - start)
      expect(times.slice(0, 3)).toEqual([0, 0, 0]) // Slack's short burst
      expect(times[9]).toBeGreaterThanOrEqual(7_000) // then about one a second
      expect(times[9]).toBeLessThan(8_000)
    }
  }, 120_000)

  it('with a workspace limit on chat.postMessage too: all posted once, still no 429', async () => {
    channels([...singles, ...busy])
    slack.enforceRateLimits({ perChannelPerSecond: 1, burst: 3, perMethodPerMinute: { 'chat.postMessage': 120 }, clock: () => nowMs })
    await add(digests())

    const posted = await runToEnd(dispatcherWith({ ...slackLimits, perMethodPerMinute: { ...slackLimits.perMethodPerMinute, 'chat.postMessage': 120 } }))

    expect(slack.rateLimited).toEqual([])
    expect(posted).toHaveLength(330)
    expect(new Set(slack.callsTo('chat.postMessage').map((c) => c.args.text)).size).toBe(330)
    expect(await outboxStore(database.prisma).pendingCount()).toBe(0)
    // 330 posts at 120 in any minute: 120 at once, 120 a minute later, the last 90 a minute after
    // that; the limit is used, not wasted (only the 2 % margin).
    const lastMs = Math.max(...posted.map((p) => p.at)) - start
    expect(lastMs).toBeGreaterThanOrEqual(120_000)
    expect(lastMs).toBeLessThan(125_000)
  }, 120_000)

  it('a 429 with Retry-After for chat.update holds back chat.update only, for that long', async () => {
    channels(['C1', 'C2', 'C3'])
    const d = dispatcherWith()
    const [card1, card2] = await add([post('C1', 1), post('C2', 1)])
    await d.deliverNow([card1!, card2!])
    slack.failNext('chat.update', { rateLimited: 30 })
    const [edit1] = await add([{ teamId: 'T1', dedupeKey: 'edit:1', kind: 'update', target: 'C1', updatesKey: 'digest:C1:1', payload: { text: 'edited 1' } }])
    expect((await d.deliverNow([edit1!])).get(edit1!)).toBe('retrying')

    nowMs += 1_000
    const [edit2, other] = await add([
      { teamId: 'T1', dedupeKey: 'edit:2', kind: 'update', target: 'C2', updatesKey: 'digest:C2:1', payload: { text: 'edited 2' } },
      post('C3', 1),
    ])
    const outcomes = await d.deliverNow([edit2!, other!])
    expect(outcomes.get(edit2!)).toBe('paced') // waits for the Retry-After, spending no attempt
    expect(outcomes.get(other!)).toBe('sent') // chat.postMessage is not held back
    expect(slack.callsTo('chat.update')).toHaveLength(1)
    const row = await database.prisma.outboxMessage.findUniqueOrThrow({ where: { id: edit2! } })
    expect(row.attempts).toBe(0)
    expect(row.nextAttemptAt.getTime()).toBe(start + 30_000)

    nowMs = start + 30_000
    await d.sweep()
    expect(slack.callsTo('chat.update').filter((c) => c.result?.ok).map((c) => c.args.text).sort()).toEqual(['edited 1', 'edited 2'])
  })
})

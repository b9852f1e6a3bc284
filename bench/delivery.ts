// Delivery bench: 1,000 due posts spread over 100 channels (ten each), delivered by the outbox
// dispatcher against the fake Slack enforcing Slack's chat.postMessage limit (1 a second per
// channel after a burst of 3; 429 with Retry-After past it), in real time on SQLite in a temporary
// directory. Reported: the achieved rate as a share of the most the limits allow for this load, and
// the 429s received — beside a naive loop of chat.postMessage calls (WebClient's defaults: on a 429
// it waits Retry-After and retries) over the same posts, in the same run.
// Run alone with `npx tsx bench/delivery.ts`; bench/run.ts may call benchDelivery() too.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { WebClient } from '@slack/web-api'
import { pino } from 'pino'
import { createDispatcher } from '../src/jobs/dispatcher.ts'
import { openDatabase } from '../src/store/database.ts'
import { enqueue, outboxStore, type OutboxDraft } from '../src/store/outbox.ts'
import { startFakeSlack, type FakeSlack } from '../test/support/fakeSlack.ts'

const CHANNELS = 100
const POSTS = 1_000
const PER_SECOND = 1
const BURST = 3
const botToken = 'xoxb-bench-token'

export type DeliveryBench = {
  posts: number
  channels: number
  achievedPerSecond: number
  /** The most the limits allow for this load: each channel's burst at once, then PER_SECOND a second. */
  allowedPerSecond: number
  share: number
  rateLimited: number
  naive: { achievedPerSecond: number; rateLimited: number }
}

const channelIds = Array.from({ length: CHANNELS }, (_, i) => `CB${String(i).padStart(3, '0')}`)
/** Post i goes to channel i mod 100: every channel's rows are spread through the outbox. */
const posts = Array.from({ length: POSTS }, (_, i) => ({ channel: channelIds[i % CHANNELS]!, text: `digest ${i}` }))

function allowedPerSecond(): number {
  const perChannel = POSTS / CHANNELS
  return POSTS / ((perChannel - Math.min(BURST, perChannel)) / PER_SECOND)
}

function okPosts(fake: FakeSlack): number {
  return fake.callsTo('chat.postMessage').filter((c) => c.result?.ok === true).length
}

async function untilPosted(fake: FakeSlack, count: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (okPosts(fake) < count) {
    if (performance.now() > deadline) throw new Error(`bench: only ${okPosts(fake)} of ${count} posts after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** When the last successful post reached the fake (ms since the epoch). */
const lastPostAt = (fake: FakeSlack) => Math.max(...fake.callsTo('chat.postMessage').filter((c) => c.result?.ok === true).map((c) => c.at))

async function paced(fake: FakeSlack, tmp: string): Promise<{ elapsedMs: number; rateLimited: number }> {
  const file = path.join(tmp, 'delivery.db')
  const database = await openDatabase({ provider: 'sqlite', file, url: `file:${file}` })
  const drafts: OutboxDraft[] = posts.map((p, i) => ({ teamId: 'T1', dedupeKey: `bench:${i}`, kind: 'post', target: p.channel, payload: { text: p.text } }))
  await database.prisma.$transaction((tx) => enqueue(tx, drafts, new Date()), { timeout: 60_000 })
  const client = new WebClient(botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true })
  const dispatcher = createDispatcher({ client, outbox: outboxStore(database.prisma), clock: { now: () => new Date() }, logger: pino({ level: 'silent' }), batchSize: 50 })
  fake.reset()
  fake.enforceRateLimits({ perChannelPerSecond: PER_SECOND, burst: BURST })
  try {
    const startedAt = Date.now()
    dispatcher.start()
    await untilPosted(fake, POSTS, 120_000)
    return { elapsedMs: lastPostAt(fake) - startedAt, rateLimited: fake.rateLimited.length }
  } finally {
    await dispatcher.stop()
    await database.close()
  }
}

async function naive(fake: FakeSlack): Promise<{ elapsedMs: number; rateLimited: number }> {
  const client = new WebClient(botToken, { slackApiUrl: fake.apiUrl, logger: { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error' as never, setName() {} } })
  fake.reset()
  fake.enforceRateLimits({ perChannelPerSecond: PER_SECOND, burst: BURST })
  const startedAt = Date.now()
  for (const p of posts) await client.chat.postMessage({ channel: p.channel, text: p.text })
  return { elapsedMs: lastPostAt(fake) - startedAt, rateLimited: fake.rateLimited.length }
}

export async function benchDelivery(): Promise<DeliveryBench> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-delivery-'))
  const fake = await startFakeSlack({ botToken })
  try {
    for (const id of channelIds) fake.addChannel({ id, name: id.toLowerCase(), members: [fake.botUserId] })
    const ours = await paced(fake, tmp)
    fake.messages.length = 0
    const plain = await naive(fake)
    const allowed = allowedPerSecond()
    const achieved = POSTS / (ours.elapsedMs / 1000)
    return {
      posts: POSTS, channels: CHANNELS,
      achievedPerSecond: achieved, allowedPerSecond: allowed, share: achieved / allowed, rateLimited: ours.rateLimited,
      naive: { achievedPerSecond: POSTS / (plain.elapsedMs / 1000), rateLimited: plain.rateLimited },
    }
  } finally {
    await fake.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchDelivery()
  process.stdout.write(
    `Delivery, ${r.posts} due posts over ${r.channels} channels, fake Slack at ${PER_SECOND}/s per channel after a burst of ${BURST}, node ${process.version}, SQLite: ` +
      `dispatcher ${r.achievedPerSecond.toFixed(1)} posts/s of ${r.allowedPerSecond.toFixed(1)} allowed (${(r.share * 100).toFixed(1)} %), ${r.rateLimited} × 429; ` +
      `naive loop ${r.naive.achievedPerSecond.toFixed(1)} posts/s, ${r.naive.rateLimited} × 429\n`,
  )
}

// Delivery bench (issue 7, Measured): 1,000 due live posts spread over 100 channels (ten each),
// delivered by the outbox dispatcher against the fake Slack enforcing chat.postMessage's limit (one a
// second per channel after a burst of 3; 429 with Retry-After past it), in real time on SQLite in a
// temporary directory. Reported: the achieved rate as a share of the most the limits allow for this
// load, and the 429s received — beside a naive loop of chat.postMessage calls over the same posts in
// the same run (WebClient's defaults: on a 429 it waits Retry-After and retries). Rates are over the
// span from the first post to the last (the limits allow 1,000 in 7 s: three at once per channel,
// then one a second); the time before the first post is printed beside it.
// The rows are live-stage rows (digests) rendered by a stub that returns their text, so what is
// measured is the dispatcher's pacing, not the digest's reads.
// bench/run.ts calls benchDelivery(); alone: `npx tsx bench/delivery.ts`.
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
  /** Posts Slack accepted more than once (must be 0). */
  duplicates: number
  naive: { achievedPerSecond: number; share: number; rateLimited: number }
}

const channelIds = Array.from({ length: CHANNELS }, (_, i) => `CB${String(i).padStart(3, '0')}`)
/** Post i goes to channel i mod 100: every channel's rows are spread through the outbox. */
const posts = Array.from({ length: POSTS }, (_, i) => ({ channel: channelIds[i % CHANNELS]!, text: `digest ${i}` }))

function allowedPerSecond(): number {
  const perChannel = POSTS / CHANNELS
  return POSTS / ((perChannel - Math.min(BURST, perChannel)) / PER_SECOND)
}

const okPosts = (fake: FakeSlack) => fake.callsTo('chat.postMessage').filter((c) => c.result?.ok === true)

async function untilPosted(fake: FakeSlack, count: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (okPosts(fake).length < count) {
    if (performance.now() > deadline) throw new Error(`bench: only ${okPosts(fake).length} of ${count} posts after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * From the first successful post to the last, the span the limits' rate is about (all bursts at
 * once, then one a second: the last post 7 s after the first); and how long the first took to go.
 */
function span(fake: FakeSlack, startedAt: number): { elapsedMs: number; firstPostMs: number } {
  const times = okPosts(fake).map((c) => c.at)
  return { elapsedMs: Math.max(...times) - Math.min(...times), firstPostMs: Math.min(...times) - startedAt }
}

async function paced(fake: FakeSlack, tmp: string): Promise<{ elapsedMs: number; firstPostMs: number; rateLimited: number; duplicates: number }> {
  const file = path.join(tmp, 'delivery.db')
  const database = await openDatabase({ provider: 'sqlite', file, url: `file:${file}` })
  const drafts: OutboxDraft[] = posts.map((p, i) => {
    const key = `digest:${i}:2026-12-07`
    return {
      teamId: 'T1', dedupeKey: key, kind: 'post', target: p.channel,
      payload: { text: '', live: { key, kind: 'digest', teamId: 'T1', campaignId: i, day: '2026-12-07', channelId: p.channel, state: '' } },
    }
  })
  await database.prisma.$transaction((tx) => enqueue(tx, drafts, new Date()), { timeout: 60_000 })
  const text = new Map(posts.map((p, i) => [`digest:${i}:2026-12-07`, p.text]))
  const client = new WebClient(botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 })
  const dispatcher = createDispatcher({
    client, outbox: outboxStore(database), clock: { now: () => new Date() }, logger: pino({ level: 'silent' }),
    renderLive: async (message) => ({ text: text.get(message.dedupeKey)! }),
  })
  fake.reset()
  fake.enforceRateLimits({ perChannelPerSecond: PER_SECOND, burst: BURST })
  try {
    const startedAt = Date.now()
    dispatcher.start()
    await untilPosted(fake, POSTS, 120_000)
    const texts = okPosts(fake).map((c) => String(c.args.text))
    return { ...span(fake, startedAt), rateLimited: fake.rateLimited.length, duplicates: texts.length - new Set(texts).size }
  } finally {
    await dispatcher.stop()
    await database.close()
  }
}

async function naive(fake: FakeSlack): Promise<{ elapsedMs: number; firstPostMs: number; rateLimited: number }> {
  const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error' as never, setName() {} }
  const client = new WebClient(botToken, { slackApiUrl: fake.apiUrl, logger: quiet })
  fake.reset()
  fake.enforceRateLimits({ perChannelPerSecond: PER_SECOND, burst: BURST })
  const startedAt = Date.now()
  for (const p of posts) await client.chat.postMessage({ channel: p.channel, text: p.text })
  return { ...span(fake, startedAt), rateLimited: fake.rateLimited.length }
}

/** Runs both deliveries and prints the figures; returns them too. */
export async function benchDelivery(options: { quiet?: boolean } = {}): Promise<DeliveryBench> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-delivery-'))
  const fake = await startFakeSlack({ botToken })
  try {
    for (const id of channelIds) fake.addChannel({ id, name: id.toLowerCase(), members: [fake.botUserId] })
    const ours = await paced(fake, tmp)
    fake.messages.length = 0
    const plain = await naive(fake)
    const allowed = allowedPerSecond()
    const achieved = POSTS / (ours.elapsedMs / 1000)
    const naiveRate = POSTS / (plain.elapsedMs / 1000)
    const result: DeliveryBench = {
      posts: POSTS, channels: CHANNELS,
      achievedPerSecond: achieved, allowedPerSecond: allowed, share: achieved / allowed, rateLimited: ours.rateLimited, duplicates: ours.duplicates,
      naive: { achievedPerSecond: naiveRate, share: naiveRate / allowed, rateLimited: plain.rateLimited },
    }
    if (!options.quiet) process.stdout.write(
      `Delivery: ${POSTS} due posts over ${CHANNELS} channels, fake Slack enforcing ${PER_SECOND}/s per channel after a burst of ${BURST} (429 past it), ` +
        `real time, SQLite, node ${process.version}\n` +
        `  dispatcher   ${achieved.toFixed(1)} posts/s of ${allowed.toFixed(1)} allowed (${(result.share * 100).toFixed(1)} %, target ≥ 90 %), ` +
        `${ours.rateLimited} × 429 (target 0), ${ours.duplicates} posted twice; first post ${ours.firstPostMs.toFixed(0)} ms after the start (claiming, a cold database)\n` +
        `  naive loop   ${naiveRate.toFixed(1)} posts/s (${(result.naive.share * 100).toFixed(1)} %), ${plain.rateLimited} × 429 ` +
        `(chat.postMessage one after another, WebClient waiting Retry-After on each 429)\n`,
    )
    return result
  } finally {
    await fake.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchDelivery()

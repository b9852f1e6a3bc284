// The figures API's limit on failed authentication, per client address (issue 17 follow-up): a
// script sending an unknown, malformed, missing or revoked key is told to wait, before its key is
// even looked up, so a flood of bad keys costs no database read past the limit.
// Only failures take from an address's bucket; a valid key uses its own per-key limit (limiter.ts).
// An address whose bucket is empty is refused whatever key it sends until the bucket refills.
//
// The address is the connection's: no X-Forwarded-For is trusted, since the app has no setting
// naming a trusted proxy. Behind a proxy every client shares the proxy's address, and so its bucket.
import { refill, secondsUntilToken, takeToken, type Bucket, type RateLimit } from '../domain/rateLimit.ts'

/** 20 failures at once, then one every 6 s: a cron job with a stale key (once a minute) never meets it. */
export const defaultFailedAuthLimit: RateLimit = { capacity: 20, refillPerSecond: 1 / 6 }

/**
 * The map of addresses is looked over once it grows past `sweepAt`: full buckets go (they equal a
 * new one), then the oldest failures down to `keepAfterSweep`; the next look is at least 1,000
 * failures later, so a flood from many addresses costs a bounded amount per failure and at most
 * about 10,000 buckets of memory.
 */
const sweepAbove = 1_000
const keepAfterSweep = 9_000

export function createFailedAuthLimiter(limit: RateLimit = defaultFailedAuthLimit) {
  const buckets = new Map<string, Bucket>()
  let sweepAt = sweepAbove
  return {
    limit,
    /** Seconds until this address may try a key again, or null when it may now. */
    refusedFor(address: string, nowMs: number): number | null {
      const wait = secondsUntilToken(buckets.get(address), limit, nowMs)
      return wait === 0 ? null : wait
    },
    /** Counts a failed authentication from this address. */
    failed(address: string, nowMs: number): void {
      const take = takeToken(buckets.get(address), limit, nowMs)
      buckets.delete(address) // re-inserted last: the map's order is then oldest failure first
      buckets.set(address, take.bucket)
      if (buckets.size <= sweepAt) return
      for (const [key, bucket] of buckets) if (refill(bucket, limit, nowMs).tokens >= limit.capacity) buckets.delete(key)
      for (const key of buckets.keys()) {
        if (buckets.size <= keepAfterSweep) break
        buckets.delete(key)
      }
      sweepAt = Math.max(sweepAbove, buckets.size + 1_000)
    },
    /** How many addresses are remembered (for tests). */
    get size() {
      return buckets.size
    },
  }
}

export type FailedAuthLimiter = ReturnType<typeof createFailedAuthLimiter>

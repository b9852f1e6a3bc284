// The figures API's limit per key, kept in this instance's memory (domain/rateLimit.ts does the
// arithmetic). With several instances behind a load balancer a key may make up to that many times
// the limit: acceptable, since the limit is there to stop a runaway script from crowding out the
// Slack traffic of its own instance, not to meter use; a shared count would cost a database write
// per call.
import { isFull, takeToken, type Bucket, type RateLimit, type Take } from '../domain/rateLimit.ts'

/** 60 calls at once, then one a second: a nightly sync of a few hundred figures takes minutes, not hours. */
export const defaultApiRateLimit: RateLimit = { capacity: 60, refillPerSecond: 1 }

/** Past this many buckets, those refilled completely are forgotten (they equal a new one). */
const sweepAbove = 1_000

export function createKeyLimiter(limit: RateLimit = defaultApiRateLimit) {
  const buckets = new Map<number, Bucket>()
  return {
    limit,
    take(keyId: number, nowMs: number): Take {
      const take = takeToken(buckets.get(keyId), limit, nowMs)
      buckets.set(keyId, take.bucket)
      if (buckets.size > sweepAbove) for (const [id, bucket] of buckets) if (isFull(bucket, limit, nowMs)) buckets.delete(id)
      return take
    },
  }
}

export type KeyLimiter = ReturnType<typeof createKeyLimiter>

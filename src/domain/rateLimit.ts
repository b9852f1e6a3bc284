// A token bucket, for the figures API's limit per key (issue 17): `capacity` calls at once, then
// `refillPerSecond` more each second. Pure: the caller keeps the buckets and gives the time, so a
// test moves the clock instead of waiting.

export type RateLimit = { capacity: number; refillPerSecond: number }
export type Bucket = { tokens: number; atMs: number }

export type Take =
  | { allowed: true; bucket: Bucket; remaining: number }
  /** Refused: the bucket as it stands, and whole seconds until one call is allowed again (at least 1). */
  | { allowed: false; bucket: Bucket; retryAfterSeconds: number }

/** The bucket at `nowMs`: refilled for the time since, never above capacity (a clock moved back refills nothing). */
export function refill(bucket: Bucket | undefined, limit: RateLimit, nowMs: number): Bucket {
  if (!bucket) return { tokens: limit.capacity, atMs: nowMs }
  const elapsedMs = Math.max(0, nowMs - bucket.atMs)
  return { tokens: Math.min(limit.capacity, bucket.tokens + (elapsedMs / 1000) * limit.refillPerSecond), atMs: Math.max(nowMs, bucket.atMs) }
}

/** Takes one call from the bucket at `nowMs`, or says how long until it can. */
export function takeToken(bucket: Bucket | undefined, limit: RateLimit, nowMs: number): Take {
  const now = refill(bucket, limit, nowMs)
  if (now.tokens >= 1) {
    const after = { tokens: now.tokens - 1, atMs: now.atMs }
    return { allowed: true, bucket: after, remaining: Math.floor(after.tokens) }
  }
  return { allowed: false, bucket: now, retryAfterSeconds: secondsUntilToken(now, limit, nowMs) }
}

/** Whole seconds from `nowMs` until the bucket holds one call (at least 1), or 0 when it holds one now. */
export function secondsUntilToken(bucket: Bucket | undefined, limit: RateLimit, nowMs: number): number {
  const now = refill(bucket, limit, nowMs)
  return now.tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - now.tokens) / limit.refillPerSecond))
}

/** A bucket that has refilled completely at `nowMs` says nothing a new one would not: it can be forgotten. */
export function isFull(bucket: Bucket, limit: RateLimit, nowMs: number): boolean {
  return refill(bucket, limit, nowMs).tokens >= limit.capacity
}

import { describe, expect, it } from 'vitest'
import { isFull, takeToken, type Bucket, type RateLimit } from '../../src/domain/rateLimit.ts'

const limit: RateLimit = { capacity: 3, refillPerSecond: 0.5 }

function burst(count: number, atMs: number, start?: Bucket) {
  let bucket = start
  const answers = []
  for (let i = 0; i < count; i++) {
    const take = takeToken(bucket, limit, atMs)
    bucket = take.bucket
    answers.push(take)
  }
  return { bucket: bucket!, answers }
}

describe('the token bucket of the API limit', () => {
  it('allows `capacity` calls at once, then refuses with the seconds until the next token', () => {
    const { answers } = burst(5, 0)
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, false, false])
    expect(answers[2]).toMatchObject({ allowed: true, remaining: 0 })
    // 0.5 tokens a second: the next whole token in 2 s.
    expect(answers[3]).toMatchObject({ allowed: false, retryAfterSeconds: 2 })
  })

  it('refills with time: after Retry-After one call goes through, and no more', () => {
    const { bucket, answers } = burst(4, 0)
    const wait = (answers[3] as { retryAfterSeconds: number }).retryAfterSeconds
    expect(takeToken(bucket, limit, wait * 1000 - 1).allowed).toBe(false)
    const after = takeToken(bucket, limit, wait * 1000)
    expect(after.allowed).toBe(true)
    expect(takeToken(after.bucket, limit, wait * 1000).allowed).toBe(false)
  })

  it('never refills above capacity, and a clock moved back refills nothing', () => {
    const { bucket } = burst(3, 0)
    expect(burst(5, 3_600_000, bucket).answers.filter((a) => a.allowed)).toHaveLength(3)
    expect(takeToken(bucket, limit, -10_000).allowed).toBe(false)
  })

  it('rounds a partial wait up to a whole second, at least 1', () => {
    const fast: RateLimit = { capacity: 1, refillPerSecond: 10 }
    const first = takeToken(undefined, fast, 0)
    const refused = takeToken(first.bucket, fast, 0)
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 })
  })

  it('tells a bucket that has refilled (it can be forgotten) from one still in use', () => {
    const { bucket } = burst(1, 0)
    expect(isFull(bucket, limit, 1000)).toBe(false)
    expect(isFull(bucket, limit, 2000)).toBe(true)
  })
})

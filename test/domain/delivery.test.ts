import { describe, expect, it } from 'vitest'
import { defaultRetryPolicy, retryDelayMs, shouldGiveUp, type RetryPolicy } from '../../src/domain/delivery.ts'

const policy: RetryPolicy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 5 }

describe('retryDelayMs', () => {
  it('doubles with each attempt (full delay at random = 1)', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy, 1))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000])
  })

  it('treats the first try (no attempt yet) like the first retry', () => {
    expect(retryDelayMs(0, policy, 1)).toBe(1_000)
  })

  it('is capped at maxMs', () => {
    expect(retryDelayMs(7, policy, 1)).toBe(60_000) // 64 s → 60 s
    expect(retryDelayMs(30, policy, 1)).toBe(60_000)
    expect(retryDelayMs(1_000, policy, 1)).toBe(60_000) // 2 ** 999 is still a number; the cap holds
    expect(retryDelayMs(30, policy, 0)).toBe(30_000)
  })

  it('spreads over the upper half: random 0 gives half, random 1 the full exponential', () => {
    for (const attempts of [1, 2, 3, 4, 5, 6, 7, 20]) {
      const full = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempts - 1))
      const low = retryDelayMs(attempts, policy, 0)
      const high = retryDelayMs(attempts, policy, 1)
      const middle = retryDelayMs(attempts, policy, 0.5)
      expect(low).toBe(full / 2)
      expect(high).toBe(full)
      expect(middle).toBeGreaterThanOrEqual(low)
      expect(middle).toBeLessThanOrEqual(high)
      expect(middle).toBe(Math.round(full * 0.75))
    }
  })

  it('keeps a random number outside 0–1 inside [half, full]', () => {
    expect(retryDelayMs(3, policy, -5)).toBe(2_000)
    expect(retryDelayMs(3, policy, 7)).toBe(4_000)
  })

  it('answers whole milliseconds', () => {
    expect(Number.isInteger(retryDelayMs(1, { baseMs: 3, maxMs: 100, maxAttempts: 3 }, 0.3))).toBe(true)
  })

  it('with the default policy starts at 1–2 s and never waits more than 10 minutes', () => {
    expect(retryDelayMs(1, defaultRetryPolicy, 0)).toBe(1_000)
    expect(retryDelayMs(1, defaultRetryPolicy, 1)).toBe(2_000)
    expect(retryDelayMs(defaultRetryPolicy.maxAttempts, defaultRetryPolicy, 1)).toBe(10 * 60_000)
  })
})

describe('shouldGiveUp', () => {
  it('gives up once maxAttempts attempts were made, not before', () => {
    expect(shouldGiveUp(0, policy)).toBe(false)
    expect(shouldGiveUp(4, policy)).toBe(false)
    expect(shouldGiveUp(5, policy)).toBe(true)
    expect(shouldGiveUp(6, policy)).toBe(true)
  })

  it('with the default policy gives up at 40', () => {
    expect(shouldGiveUp(39, defaultRetryPolicy)).toBe(false)
    expect(shouldGiveUp(40, defaultRetryPolicy)).toBe(true)
  })
})

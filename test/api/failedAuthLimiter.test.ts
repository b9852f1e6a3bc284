// The failed-authentication limit per address, on its own: only failures take from a bucket,
// a refused address is told how long to wait, and the map of addresses stays bounded.
import { describe, expect, it } from 'vitest'
import { createFailedAuthLimiter } from '../../src/api/failedAuthLimiter.ts'

describe('the failed-authentication limiter', () => {
  it('refuses an address after `capacity` failures, for whole seconds until one refills; others are untouched', () => {
    const limiter = createFailedAuthLimiter({ capacity: 3, refillPerSecond: 0.5 })
    for (let i = 0; i < 3; i++) {
      expect(limiter.refusedFor('10.0.0.1', 0)).toBeNull()
      limiter.failed('10.0.0.1', 0)
    }
    expect(limiter.refusedFor('10.0.0.1', 0)).toBe(2)
    expect(limiter.refusedFor('10.0.0.1', 1_000)).toBe(1)
    expect(limiter.refusedFor('10.0.0.1', 1_999)).toBe(1)
    expect(limiter.refusedFor('10.0.0.1', 2_000)).toBeNull()
    expect(limiter.refusedFor('10.0.0.2', 0)).toBeNull()
  })

  it('keeps at most about 10,000 addresses, forgetting the oldest failures', () => {
    const limiter = createFailedAuthLimiter({ capacity: 2, refillPerSecond: 0.001 })
    for (let i = 0; i < 50_000; i++) limiter.failed(`a${i}`, 0)
    expect(limiter.size).toBeLessThanOrEqual(10_001)
    limiter.failed('a0', 0)
    limiter.failed('a0', 0) // emptied, and now the newest
    // a1 (among the oldest) was forgotten: a new bucket; a0 was kept, refused.
    limiter.failed('a1', 0)
    expect(limiter.refusedFor('a1', 0)).toBeNull()
    expect(limiter.refusedFor('a0', 0)).not.toBeNull()
  })
})

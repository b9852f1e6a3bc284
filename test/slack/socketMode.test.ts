// The Socket Mode client's connection policy: a capped backoff a person can follow, and the few
// words that say why an attempt failed.
import { WebAPIHTTPError, WebAPIRequestError } from '@slack/web-api'
import { describe, expect, it } from 'vitest'
import { connectionRetry, failureReason, retryDelayMs } from '../../src/slack/socketMode.ts'

// What `retry` (under p-retry, under WebClient) waits, given the same options: `retries` timeouts,
// then the last one for ever.
function retryModuleDelays(count: number): number[] {
  const o = connectionRetry
  const listed = Array.from({ length: o.retries }, (_, i) => Math.min(Math.round(o.minTimeout * o.factor ** i), o.maxTimeout))
  return Array.from({ length: count }, (_, i) => listed[Math.min(i, listed.length - 1)]!)
}

describe('Socket Mode connection retries', () => {
  it('wait 2 s, 4 s, 8 s, 16 s, then 30 s each time, for ever', () => {
    const announced = Array.from({ length: 8 }, (_, i) => retryDelayMs(i + 1))
    expect(announced).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000])
    expect(announced).toEqual(retryModuleDelays(8))
    expect(connectionRetry.forever).toBe(true)
  })

  it('say why an attempt failed in a few words', () => {
    const refused = Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })
    // The errors WebClient throws, built the way it builds them.
    expect(failureReason(new WebAPIRequestError(refused))).toBe('ECONNREFUSED')
    expect(failureReason(new WebAPIRequestError(new Error('This operation was aborted')))).toBe('This operation was aborted')
    expect(failureReason(new WebAPIHTTPError(503, 'Service Unavailable', {}, ''))).toBe('HTTP 503')
    expect(failureReason(new Error('A rate limit was exceeded (url: x, retry-after: 3)'))).toBe('rate limited')
  })
})

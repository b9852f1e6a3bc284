// The pacer on an injected clock: when each call may go so that Slack's limits are kept.
import { describe, expect, it } from 'vitest'
import { createPacer, slackLimits, type PacedCall, type PacingLimits } from '../../src/jobs/pacing.ts'

const exact: PacingLimits = { perChannel: { perSecond: 1, burst: 3 }, perMethodPerMinute: { 'chat.update': 3 }, margin: 0 }
const post = (channel: string, teamId = 'T1'): PacedCall => ({ teamId, method: 'chat.postMessage', channel })
const update = (teamId = 'T1'): PacedCall => ({ teamId, method: 'chat.update' })

/** Makes each call at the first moment it is free, answered at once; returns the times. */
function run(calls: PacedCall[], limits = exact) {
  let now = 0
  const pacer = createPacer(limits, () => now)
  return calls.map((call) => {
    now = Math.max(now, pacer.freeAt(call))
    pacer.take(call).answered('carried_out')
    return now
  })
}

describe('pacer', () => {
  it('lets a burst of three into one channel, then one a second, each channel on its own', () => {
    expect(run(Array.from({ length: 6 }, () => post('C1')))).toEqual([0, 0, 0, 1000, 2000, 3000])
    expect(run([post('C1'), post('C1'), post('C1'), post('C2'), post('C1', 'T2')])).toEqual([0, 0, 0, 0, 0])
  })

  it('keeps N calls of a method in any minute, per workspace', () => {
    expect(run([update(), update(), update(), update()])).toEqual([0, 0, 0, 60_000])
    expect(run([update(), update(), update(), update('T2')])).toEqual([0, 0, 0, 0])
  })

  it('counts a call from when its answer came back: a late request never makes the next look early', () => {
    let now = 0
    const pacer = createPacer(exact, () => now)
    for (let i = 0; i < 3; i += 1) {
      const taken = pacer.take(post('C1'))
      now += 200 // Slack may have seen it only now
      taken.answered('carried_out')
    }
    expect(pacer.freeAt(post('C1'))).toBe(1_200)
  })

  it('gives back the slot of a call Slack did not carry out, and keeps one it answered 429', () => {
    let now = 0
    const pacer = createPacer(exact, () => now)
    for (let i = 0; i < 3; i += 1) pacer.take(post('C1')).answered('carried_out')
    pacer.take(post('C1')).answered('not_carried_out')
    expect(pacer.freeAt(post('C1'))).toBe(0 + 1_000)
    pacer.take(update()).answered('rate_limited')
    pacer.block('T1', 'chat.update', 5_000)
    expect(pacer.freeAt(update())).toBe(5_000)
    expect(pacer.freeAt(update('T2'))).toBe(0)
    expect(pacer.freeAt(post('C9'))).toBe(0) // a 429 pauses that method only
  })

  it('estimates a later slot for a call with others queued ahead of it', () => {
    const pacer = createPacer(exact, () => 0)
    expect(pacer.freeAt(post('C1'), 5)).toBe(3_000)
  })

  it('a clock set back does not leave slots in a future that never comes', () => {
    let now = 10 * 60_000
    const pacer = createPacer(exact, () => now)
    for (let i = 0; i < 5; i += 1) pacer.take(post('C1')).answered('carried_out')
    for (let i = 0; i < 3; i += 1) pacer.take(update()).answered('carried_out')
    now = 0
    expect(pacer.freeAt(post('C1'))).toBe(0)
    expect(pacer.freeAt(update())).toBe(0)
  })

  it('keeps a margin below the limits by default', () => {
    expect(run(Array.from({ length: 4 }, () => post('C1')), slackLimits)[3]).toBeCloseTo(1_010)
  })
})

import { describe, expect, it } from 'vitest'
import { blockMethod, book, forgetPast, newPacingState, nextFreeAt, slackLimits, type PacedCall, type PacingLimits } from '../../src/domain/pacing.ts'

const exact: PacingLimits = { ...slackLimits, perChannel: { perSecond: 1, burst: 3 }, perMethodPerMinute: { 'chat.update': 3 }, margin: 0 }
const post = (channel: string): PacedCall => ({ teamId: 'T1', methods: ['chat.postMessage'], channel })
const update: PacedCall = { teamId: 'T1', methods: ['chat.update'] }

/** Takes each call at the first moment it is free, as the dispatcher does; returns the times. */
function run(calls: PacedCall[], limits: PacingLimits, now = 0): number[] {
  const state = newPacingState()
  return calls.map((call) => {
    const at = nextFreeAt(state, limits, call, now)
    book(state, limits, call, at)
    return at
  })
}

describe('pacing', () => {
  it('lets a burst of three into one channel, then one a second', () => {
    expect(run(Array.from({ length: 6 }, () => post('C1')), exact)).toEqual([0, 0, 0, 1000, 2000, 3000])
  })

  it('paces each channel on its own', () => {
    expect(run([post('C1'), post('C1'), post('C1'), post('C1'), post('C2'), post('C2')], exact)).toEqual([0, 0, 0, 1000, 0, 0])
  })

  it('keeps N calls of a method in any minute, per workspace', () => {
    expect(run([update, update, update, update, update], exact)).toEqual([0, 0, 0, 60_000, 60_000])
    const otherTeam = { ...update, teamId: 'T2' }
    expect(run([update, update, update, otherTeam], exact)).toEqual([0, 0, 0, 0])
  })

  it('a slot booked ahead still counts: nobody is handed a time that would break the window', () => {
    const state = newPacingState()
    book(state, exact, update, 30_000) // a row waiting for its channel took this slot
    book(state, exact, update, 0)
    book(state, exact, update, 0)
    expect(nextFreeAt(state, exact, update, 0)).toBe(60_000)
  })

  it('leaves a margin below the limits', () => {
    const times = run(Array.from({ length: 4 }, () => post('C1')), { ...exact, margin: 0.02 })
    expect(times[3]).toBeCloseTo(1020)
  })

  it('a 429 blocks that method in that workspace only, until Retry-After', () => {
    const state = newPacingState()
    blockMethod(state, 'T1', 'chat.update', 5_000)
    expect(nextFreeAt(state, exact, update, 0)).toBe(5_000)
    expect(nextFreeAt(state, exact, post('C1'), 0)).toBe(0)
    expect(nextFreeAt(state, exact, { ...update, teamId: 'T2' }, 0)).toBe(0)
    expect(nextFreeAt(state, exact, { teamId: 'T1', methods: ['conversations.open', 'chat.update'] }, 0)).toBe(5_000)
  })

  it('a call of several methods waits for the latest of them', () => {
    const state = newPacingState()
    const dm: PacedCall = { teamId: 'T1', methods: ['conversations.open', 'chat.postMessage'], channel: 'U1' }
    const limits = { ...exact, perMethodPerMinute: { 'conversations.open': 1 } }
    book(state, limits, dm, 0)
    expect(nextFreeAt(state, limits, dm, 10)).toBe(60_000)
  })

  it('forgets what no longer limits anything', () => {
    const state = newPacingState()
    book(state, exact, post('C1'), 0)
    book(state, exact, update, 0)
    blockMethod(state, 'T1', 'chat.update', 1_000)
    forgetPast(state, exact, 120_000)
    expect(state.channels.size + state.methods.size + state.blockedUntil.size).toBe(0)
  })
})

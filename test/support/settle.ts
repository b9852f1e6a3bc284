// Waits on state, not on time: for the test that checks nothing more happened once everything that
// could happen has. A fixed sleep would be either too short on a busy machine (the check passes
// before the duplicate it guards against is sent) or wasted time.
import { expect } from 'vitest'
import { inspect } from './inspect.ts'
import type { Rig } from './harness.ts'

/**
 * Resolves once no outbox row is pending that falls due within `withinMs` of the rig's clock (retries
 * and Home refreshes come due within moments; a reminder planned for next week does not count), and
 * the dispatcher has finished every delivery it started (a sweep, then its `settled()`). Its timeout is
 * the tests' own (vitest.config.ts), not a shorter deadline: a loaded machine only makes it slower.
 */
export async function outboxSettled(rig: Pick<Rig, 'app' | 'config' | 'clock'>, { withinMs = 60_000, timeout = 30_000 }: { withinMs?: number; timeout?: number } = {}): Promise<void> {
  await expect.poll(async () => {
    const horizon = rig.clock.now().getTime() + withinMs
    return (await inspect(rig)).outbox.filter((row) => row.status === 'pending' && row.nextAttemptAt.getTime() <= horizon).map((row) => row.dedupeKey)
  }, { timeout, interval: 25 }).toEqual([])
  await rig.app.deliverDue()
}

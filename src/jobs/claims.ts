// The rows this process holds, and their claims in the database (OutboxStore.claimDue): a row is
// claimed for a lease; while this process still holds it (in a lane, or being delivered), its claim
// is renewed before it could run out, so no one else takes it over and it is never posted twice.
import type { Clock } from '../clock.ts'
import type { OutboxMessage, OutboxStore } from '../store/outbox.ts'

export function createClaims(options: { outbox: OutboxStore; clock: Clock; instanceId: string; leaseMs: number }) {
  const { outbox, clock, instanceId, leaseMs } = options
  /** Rows this process holds in memory now (in a lane or being delivered), and when their claims run out. */
  const held = new Map<number, number>()

  /**
   * Before claiming, extends the claims on held rows that are past half their lease (a clock that
   * jumped, a process that stalled). A held row whose lease had run out would be claimed again —
   * by another instance, or by this one while its delivery finishes — and posted twice.
   */
  async function renewAging(): Promise<void> {
    const now = clock.now()
    const aging = [...held].filter(([, until]) => until - now.getTime() < leaseMs / 2).map(([id]) => id)
    if (aging.length === 0) return
    await outbox.renewClaims(instanceId, aging, now, leaseMs)
    for (const id of aging) if (held.has(id)) held.set(id, now.getTime() + leaseMs)
  }

  return {
    /** Claims up to `limit` due rows (only these `ids`, when given); each with when its claim runs out. */
    async claim(limit: number, ids?: number[]): Promise<Array<{ message: OutboxMessage; until: number }>> {
      await renewAging()
      const claimedAt = clock.now()
      const claimed = await outbox.claimDue(instanceId, claimedAt, leaseMs, limit, ids)
      return claimed.map((message) => ({ message, until: claimedAt.getTime() + leaseMs }))
    },
    hold: (id: number, until: number) => void held.set(id, until),
    release: (id: number) => void held.delete(id),
    isHeld: (id: number) => held.has(id),
  }
}

export type Claims = ReturnType<typeof createClaims>

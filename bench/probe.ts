// Timestamps, with performance.now(), the moment the fake Slack handles a Web API call: the request
// has been read and parsed, the fake's own checks (Block Kit limits…) have not run yet. The fake's
// handler table is private; the bench wraps its entries (via a cast) rather than changing test code.
import type { FakeSlack, Handler } from '../test/support/fakeSlack.ts'

type Waiter = { method: string; match: (args: Record<string, any>) => boolean; resolve: (at: number) => void }
export type Mark = { method: string; at: number }

export type Probe = {
  /** Resolves with the time the next matching call to `method` reaches the fake. Arm it before sending. */
  next(method: string, match?: (args: Record<string, any>) => boolean, timeoutMs?: number): Promise<number>
  /** Every tapped call since the last `clear()`, in arrival order. */
  readonly marks: Mark[]
  /** Tapped calls the fake refused (ok:false), as `method: error`. */
  readonly refusals: string[]
  clear(): void
}

export function tapFake(fake: FakeSlack, methods: string[]): Probe {
  const handlers = (fake as unknown as { handlers: Map<string, Handler> }).handlers
  const waiters = new Set<Waiter>()
  const marks: Mark[] = []
  const refusals: string[] = []
  for (const method of methods) {
    const original = handlers.get(method)
    if (!original) throw new Error(`fake Slack has no handler for ${method}`)
    fake.setHandler(method, (args) => {
      const at = performance.now()
      marks.push({ method, at })
      for (const waiter of waiters) {
        if (waiter.method === method && waiter.match(args)) {
          waiters.delete(waiter)
          waiter.resolve(at)
        }
      }
      const result = original(args)
      if (result.ok !== true) refusals.push(`${method}: ${String(result.error)}`)
      return result
    })
  }
  return {
    marks,
    refusals,
    clear: () => { marks.length = 0 },
    next(method, match = () => true, timeoutMs = 5_000) {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter)
          reject(new Error(`bench: no ${method} reached the fake Slack within ${timeoutMs} ms (refusals so far: ${refusals.join(', ') || 'none'})`))
        }, timeoutMs)
        const waiter: Waiter = { method, match, resolve: (at) => { clearTimeout(timer); resolve(at) } }
        waiters.add(waiter)
      })
    },
  }
}

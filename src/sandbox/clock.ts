// The sandbox's clock: it runs at real speed from wherever a person last put it, so a click moves
// the app a day ahead while retries and leases still fall due as they would. The app reads time
// only through it (StartOptions.clock), as the tests' clock.
import type { Clock } from '../clock.ts'

export type SandboxClock = Clock & {
  /** Puts the clock at `at`; it runs on from there. */
  set(at: Date): void
}

export function sandboxClock(start: Date = new Date()): SandboxClock {
  let offsetMs = start.getTime() - Date.now()
  return {
    now: () => new Date(Date.now() + offsetMs),
    set: (at) => { offsetMs = at.getTime() - Date.now() },
  }
}

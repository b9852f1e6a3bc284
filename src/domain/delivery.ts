// When to try again a post that Slack did not take. Pure: the caller brings the random number.

export type RetryPolicy = { baseMs: number; maxMs: number; maxAttempts: number }

/** Over about five hours of retries (2 s, 4 s, … capped at 10 min): outlives a usual Slack outage. */
export const defaultRetryPolicy: RetryPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: 40 }

/**
 * Delay before attempt number `attemptsSoFar + 1`: exponential, capped, and spread by `random`
 * (0–1) over its upper half so that many rows failing together do not all come back at once.
 */
export function retryDelayMs(attemptsSoFar: number, policy: RetryPolicy, random: number): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attemptsSoFar - 1))
  return Math.round(exponential * (0.5 + 0.5 * Math.min(1, Math.max(0, random))))
}

export function shouldGiveUp(attemptsSoFar: number, policy: RetryPolicy): boolean {
  return attemptsSoFar >= policy.maxAttempts
}

// The Socket Mode client's own Web API client (apps.connections.open, at start and on every
// reconnect), made to say what it is doing: a capped backoff that a person can follow, and a token
// Slack refuses told at once instead of retried for ever.
import { ErrorCode, type RetryOptions, type WebClientOptions } from '@slack/web-api'
import type { Config } from '../config.ts'
import { slackLogger, type Logger } from '../logger.ts'

/** Slack's answers that mean "this token will never work": a person has to fix it. */
export const refusedTokenCodes: ReadonlySet<string> = new Set([
  'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'team_disabled',
])

/**
 * Waits between attempts to open the socket: 2 s, 4 s, 8 s, 16 s, then every 30 s for as long as
 * Slack stays away. Socket Mode's default (100 tries, ×1.3 each) grew past two minutes and a
 * finite count left the app without a socket once it ran out.
 */
export const connectionRetry = { minTimeout: 2_000, factor: 2, maxTimeout: 30_000, retries: 5, forever: true, randomize: false } as const

/** How long the client waits after failed attempt number `attempt` (1, 2, …). */
export function retryDelayMs(attempt: number): number {
  return Math.min(connectionRetry.minTimeout * connectionRetry.factor ** (attempt - 1), connectionRetry.maxTimeout)
}

export type ConnectionWatch = {
  /** Opening the socket failed (Slack unreachable, an HTTP error, a rate limit); next try in `nextInMs`. */
  retrying(attempt: number, reason: string, nextInMs: number): void
  /** Slack refused the app-level token (`invalid_auth`, `token_revoked`…); retrying cannot help. */
  refused(code: string): void
}

/** Why an attempt failed, in a few words: `ECONNREFUSED`, `HTTP 503`, `rate limited`. */
export function failureReason(error: unknown): string {
  const e = error as { code?: string; statusCode?: number; original?: { cause?: { code?: string }; message?: string }; message?: string }
  if (e.code === ErrorCode.HTTPError && e.statusCode) return `HTTP ${e.statusCode}`
  if (e.code === ErrorCode.RequestError) return e.original?.cause?.code ?? e.original?.message ?? 'no answer'
  if (/rate limit/i.test(e.message ?? '')) return 'rate limited'
  return e.message ?? String(error)
}

export function socketModeClientOptions(config: Config, logger: Logger, watch: ConnectionWatch): WebClientOptions {
  const retryConfig: RetryOptions & { onFailedAttempt(error: Error & { attemptNumber: number }): void } = {
    ...connectionRetry,
    // p-retry (under WebClient) calls this after each failed attempt, before it waits.
    onFailedAttempt: (error) => watch.retrying(error.attemptNumber, failureReason(error), retryDelayMs(error.attemptNumber)),
  }
  return {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    logger: slackLogger(logger, 'socket-mode'),
    retryConfig,
    timeout: 10_000,
    // The Socket Mode client stops by itself on invalid_auth but retries token_revoked and the like
    // for ever, every few seconds: look at its answers to see a refused token whichever it is.
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init)
      if (String(input).endsWith('/apps.connections.open') && response.status === 200) {
        const answer = (await response.clone().json().catch(() => null)) as { ok?: boolean; error?: string } | null
        if (answer?.ok === false && answer.error && refusedTokenCodes.has(answer.error)) watch.refused(answer.error)
      }
      return response
    },
  }
}

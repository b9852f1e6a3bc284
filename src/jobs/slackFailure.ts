// What a failed Slack call means for the row it was delivering: wait for Retry-After, try again
// later, or give up for good. Read from the error the Web API client throws.
export type SlackFailure =
  | { kind: 'rate_limited'; code: string; retryAfterMs: number }
  | { kind: 'permanent'; code: string }
  | { kind: 'transient'; code: string }

// Slack errors that no retry will cure.
const permanentErrors = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'invalid_blocks', 'invalid_arguments', 'msg_too_long',
  'no_text', 'cannot_dm_bot', 'user_not_found', 'user_disabled', 'account_inactive', 'restricted_action',
  'method_not_supported_for_channel_type', 'message_not_found', 'cant_update_message', 'edit_window_closed',
  'invalid_auth', 'not_authed', 'token_revoked', 'missing_scope', 'team_access_not_granted', 'too_many_attachments',
])

export function classifySlackFailure(error: unknown): SlackFailure {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string }
  if (e.code === 'slack_webapi_rate_limited_error') {
    return { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 }
  }
  if (e.code === 'slack_webapi_platform_error') {
    const code = e.data?.error ?? 'unknown_error'
    return permanentErrors.has(code) ? { kind: 'permanent', code } : { kind: 'transient', code }
  }
  if (e.code === 'slack_webapi_http_error') return { kind: 'transient', code: `http_${e.statusCode ?? 'error'}` }
  return { kind: 'transient', code: e.code ?? e.message ?? 'request_failed' }
}

/** Did Slack perhaps carry out a call that failed? An answer or a timeout: perhaps; a 5xx or no connection: no. */
export function slackMayHaveCounted(error: unknown): boolean {
  const e = error as { code?: string; original?: { name?: string } }
  return e.code === 'slack_webapi_platform_error' || (e.code === 'slack_webapi_request_error' && e.original?.name === 'TimeoutError')
}

/** Slack's answers to a live post that mean its campaign's channel will not take it (a join was tried). */
export const channelTroubleCodes: ReadonlySet<string> = new Set(['channel_not_found', 'not_in_channel', 'is_archived'])
/** Slack's answers to a DM that mean its person has left the workspace. */
export const goneCodes: ReadonlySet<string> = new Set(['account_inactive', 'user_disabled', 'user_not_found'])

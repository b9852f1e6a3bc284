// Every answer the figures API gives other than success, by status: the handler can only answer
// these (ApiFailure is typed by them), and the OpenAPI document lists them, which a test holds.

export const apiErrorCodes = {
  400: ['invalid_json', 'invalid_body', 'unknown_field', 'required', 'invalid', 'goal_or_metric', 'ambiguous_metric', 'invalid_idempotency_key',
    'not_a_number', 'negative', 'too_many_decimals', 'too_large', 'invalid_date', 'before_start', 'in_future', 'after_end', 'too_long'],
  401: ['missing_key', 'unknown_key', 'revoked_key'],
  404: ['not_found', 'campaign_not_found', 'goal_not_found'],
  405: ['method_not_allowed'],
  409: ['campaign_not_accepting_figures'],
  413: ['body_too_large'],
  415: ['unsupported_media_type'],
  /** The Idempotency-Key was used with a different body (draft-ietf-httpapi-idempotency-key-header: 422). */
  422: ['idempotency_key_reused'],
  429: ['rate_limited', 'too_many_failed_keys'],
  503: ['unavailable'],
} as const

export type ApiErrorStatus = keyof typeof apiErrorCodes
export type ApiErrorCode<S extends ApiErrorStatus = ApiErrorStatus> = (typeof apiErrorCodes)[S][number]

/** The error body: `{ error: { code, field, message } }` (`field` null when no one field is wrong). */
export type ApiErrorBody = { error: { code: string; field: string | null; message: string } }

export type ApiFailure = { [S in ApiErrorStatus]: { status: S; code: ApiErrorCode<S>; field?: string | null; message: string; headers?: Record<string, string> } }[ApiErrorStatus]

export function failure<S extends ApiErrorStatus>(status: S, code: ApiErrorCode<S>, message: string, field: string | null = null, headers?: Record<string, string>): ApiFailure {
  return { status, code, field, message, ...(headers ? { headers } : {}) } as ApiFailure
}

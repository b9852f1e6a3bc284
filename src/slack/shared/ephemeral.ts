// An answer only the person who acted sees, posted to the interaction's response_url.
import type { RespondFn } from '@slack/bolt'

export function ephemeral(message: string | { text: string; blocks?: unknown[] }): Parameters<RespondFn>[0] {
  const body = typeof message === 'string' ? { text: message } : message
  return { response_type: 'ephemeral', replace_original: false, ...body } as Parameters<RespondFn>[0]
}

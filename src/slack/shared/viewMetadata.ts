// The one reader of what our modals carry in private_metadata (and of the JSON our buttons and
// menus carry in their values): Slack hands back whatever the client sent, so it is read through
// the zod schema of that view. Text that is not JSON, or JSON of another shape, reads as null —
// never a throw — and the listener answers that the form is out of date, in words, writing nothing.
import type { z } from 'zod'

/** `text` (a view's private_metadata, or a JSON button value we wrote) as `schema` says, else null. */
export function readViewMetadata<S extends z.ZodType>(schema: S, text: string | null | undefined): z.output<S> | null {
  if (!text) return null
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = schema.safeParse(json)
  return parsed.success ? parsed.data : null
}

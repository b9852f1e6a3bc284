// date-holidays, loaded on the first question about holidays rather than at start-up: its rules
// for every country (1.5 MiB of source) and what its Chinese calendar needs (moment-timezone,
// astronomia's tables) are several MiB an idle process never uses. Its CommonJS build loads
// synchronously, so the domain's holiday functions stay plain functions.
import { createRequire } from 'node:module'
import type Holidays from 'date-holidays'

let library: typeof Holidays | undefined

/** The date-holidays class, loaded once, when first asked for. */
export function holidaysLibrary(): typeof Holidays {
  return (library ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays)
}

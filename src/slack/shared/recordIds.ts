// Ids of our rows as they come back from Slack, in a button's value or a modal's private_metadata,
// read strictly whatever a client sends. A row id is a positive integer that a PostgreSQL `integer`
// column holds: anything else names no row, and handing it to the database fails (NaN, 1.5, or
// 22003 "out of range" on PostgreSQL) where it should simply find nothing.
import { z } from 'zod'

export const largestRecordId = 2_147_483_647

/** A row id inside JSON metadata or a JSON button value. */
export const recordId = z.number().int().positive().max(largestRecordId)

/** A button value that is exactly a row id ("42"), else null: not "", "42.0", "0x2a", " 42" or "4e1". */
export function readRecordId(value: string | undefined): number | null {
  if (!/^[1-9]\d{0,9}$/.test(value ?? '')) return null
  const id = Number(value)
  return id <= largestRecordId ? id : null
}

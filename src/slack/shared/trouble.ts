// Turns a failure inside a listener into words for the person: the database being away reads
// differently from Slack not answering, and both differ from a bug. Nothing here is shown raw.
import type { Messages } from '../../i18n/catalogue.ts'

const databaseErrorNames = new Set([
  'PrismaClientInitializationError', 'PrismaClientKnownRequestError', 'PrismaClientUnknownRequestError',
  'PrismaClientRustPanicError', 'DriverAdapterError', 'SqliteError',
])
const databaseErrorCodes = /^(P1\d{3}|P2024|P2034|SQLITE_|ECONNREFUSED|ECONNRESET|57P0|53300|08\d{3})/

export type Trouble = 'database' | 'slack' | 'generic'

export function classifyTrouble(error: unknown): Trouble {
  const e = error as { name?: string; code?: string; constructor?: { name?: string } }
  if (typeof e?.code === 'string' && e.code.startsWith('slack_')) return 'slack'
  if (databaseErrorNames.has(e?.name ?? '') || databaseErrorNames.has(e?.constructor?.name ?? '')) return 'database'
  if (typeof e?.code === 'string' && databaseErrorCodes.test(e.code)) return 'database'
  return 'generic'
}

export function troubleMessage(error: unknown, m: Messages): string {
  return m.trouble[classifyTrouble(error)]
}

// Why the database did not open, said as what to check: the driver's own words ("connect
// ECONNREFUSED 127.0.0.1:5432", "role \"desk\" does not exist") name the symptom, not the fix.
import type { DatabaseTarget } from '../config.ts'

type DriverError = { code?: string; message?: string }

/** host:port of a PostgreSQL URL (5432 when the URL leaves it out), without user or password. */
function serverOf(url: string): { host: string; port: string; user: string; database: string } {
  try {
    const parsed = new URL(url)
    return {
      host: parsed.hostname || 'localhost',
      port: parsed.port || '5432',
      user: decodeURIComponent(parsed.username),
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    }
  } catch {
    return { host: 'the host in the URL', port: '5432', user: '', database: '' }
  }
}

/** One line for `Campaign Desk cannot start:`, naming DATABASE_URL and what to check. Never the password. */
export function whyDatabaseDidNotOpen(target: DatabaseTarget, error: unknown): string {
  const { code, message = String(error) } = (error ?? {}) as DriverError
  const firstLine = message.split('\n')[0]
  if (target.provider === 'sqlite') return `DATABASE_URL: cannot open the SQLite database ${target.file} (${firstLine})`
  const { host, port, user, database } = serverOf(target.url)
  const at = `${host}:${port}`
  switch (code) {
    case 'ECONNREFUSED':
      return `DATABASE_URL: nothing accepts connections at ${at} (ECONNREFUSED) — is a PostgreSQL server running there, listening on port ${port}?`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DATABASE_URL: the host ${host} is not known (${code}) — check the host name in the URL`
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `DATABASE_URL: no answer from ${at} (${code}) — is the server running, and may this machine reach it (firewall, network)?`
    case '28000':
      // Both "role … does not exist" and "no pg_hba.conf entry …" come as 28000.
      if (/role .* does not exist/.test(message)) {
        return `DATABASE_URL: PostgreSQL at ${at} has no role "${user}" — does the role exist? Create it (createuser --pwprompt ${user || 'NAME'}), or put an existing role in the URL`
      }
      return `DATABASE_URL: PostgreSQL at ${at} refused the connection (${firstLine}) — allow this role and host in the server's pg_hba.conf`
    case '28P01':
      return `DATABASE_URL: PostgreSQL at ${at} refused the password of role "${user}" — check the password in the URL`
    case '3D000':
      return `DATABASE_URL: PostgreSQL at ${at} has no database "${database}" — create it (createdb ${database || 'NAME'}); the app creates its tables, not the database`
    default:
      return `DATABASE_URL: cannot open the database at ${at} (${firstLine})`
  }
}

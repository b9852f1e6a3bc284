// Applies the Prisma migrations at start-up, without the Prisma CLI (it needs a native engine
// that a user's machine may not have, and the app should not shell out to it anyway).
//
// The runner is a faithful subset of `prisma migrate deploy`:
// - migrations are `<dir>/*/migration.sql`, applied in name order, each in its own transaction;
// - they are recorded in Prisma's own `_prisma_migrations` table (same DDL, same columns, sha256 of
//   the file as checksum), so `prisma migrate status/deploy/resolve` and this runner interoperate
//   in both directions;
// - on PostgreSQL the whole run holds Prisma's advisory lock (72707369): several app instances
//   starting together, or an instance and `prisma migrate deploy`, migrate once;
// - on SQLite each migration runs under BEGIN IMMEDIATE (one writer at a time, re-checking what is
//   recorded once the lock is held), with foreign keys switched off OUTSIDE the transaction —
//   Prisma's table-redefining migrations rely on `PRAGMA foreign_keys=OFF`, which is a no-op inside
//   a transaction, and with foreign keys on, `DROP TABLE parent` would delete child rows through
//   ON DELETE CASCADE. `PRAGMA foreign_key_check` runs before each commit instead.
//
// It refuses to start when a recorded migration's file changed (checksum differs) or a recorded
// migration failed (finished_at null and not rolled back): both need a person. A migration that
// fails here is rolled back and NOT recorded, so fixing it and starting again is enough.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type MigrationTarget =
  | { provider: 'sqlite'; file: string }
  | { provider: 'postgresql'; url: string }

export type MigrationLog = (event: string, fields?: Record<string, unknown>) => void

export type MigrationOptions = {
  /** Folder holding `<name>/migration.sql`; defaults to the provider's folder under prisma/. */
  migrationsDir?: string
}

/** Prisma's advisory lock key for migrations (the same one `prisma migrate` takes). */
export const MIGRATION_LOCK_KEY = 72707369

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The migrations folder of a provider, as Prisma (prisma.config.ts) uses it. */
export function migrationsDirFor(provider: MigrationTarget['provider']): string {
  return provider === 'sqlite'
    ? path.join(projectRoot, 'prisma', 'migrations')
    : path.join(projectRoot, 'prisma', 'postgresql', 'migrations')
}

// The DDL Prisma itself uses for its table (copied from what `prisma migrate deploy` creates).
const sqliteMigrationsTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`

const postgresMigrationsTable = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`

type Migration = {
  name: string
  file: string
  sql: string
  /** sha256 hex of the file's bytes: what gets recorded. */
  checksum: string
  /** Checksums that count as "the same file": also with line endings converted (as Prisma does). */
  accepted: Set<string>
}

type RecordedRow = {
  migration_name: string
  checksum: string
  finished_at: unknown
  rolled_back_at: unknown
  started_at: unknown
  logs: string | null
}

/**
 * Applies the pending migrations of `target` and returns their names (empty when up to date).
 * Throws, naming the migration, when a recorded migration was changed or failed, or when a
 * migration fails (that one is rolled back and not recorded).
 */
export async function applyMigrations(
  target: MigrationTarget,
  log: MigrationLog = () => {},
  options: MigrationOptions = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(options.migrationsDir ?? migrationsDirFor(target.provider))
  return target.provider === 'sqlite'
    ? applySqlite(sqliteFile(target.file), migrations, log)
    : applyPostgres(target.url, migrations, log)
}

function readMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`)
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  return names.map((name) => {
    const file = path.join(dir, name, 'migration.sql')
    if (!fs.existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file})`)
    const bytes = fs.readFileSync(file)
    const sql = bytes.toString('utf8')
    const checksum = sha256(bytes)
    const lf = sql.replace(/\r\n/g, '\n')
    const accepted = new Set([checksum, sha256(lf), sha256(lf.replace(/\n/g, '\r\n'))])
    return { name, file, sql, checksum, accepted }
  })
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Checks the recorded rows against the folder and returns the names already applied.
 * A name may have several rows (a failed attempt later marked rolled back, then applied again).
 */
function checkRecorded(migrations: Migration[], rows: RecordedRow[]): Set<string> {
  const byName = new Map(migrations.map((m) => [m.name, m]))
  const applied = new Set<string>()
  for (const row of rows) {
    if (row.rolled_back_at != null) continue
    if (row.finished_at == null) {
      const logs = row.logs ? ` Its log: ${row.logs.split('\n')[0]}` : ''
      throw new Error(
        `Migration ${row.migration_name} failed (started ${String(row.started_at)}, never finished, not rolled back), ` +
          `so the database may be half-migrated; refusing to start.${logs} ` +
          `Repair the database by hand, then record the outcome with ` +
          `\`npx prisma migrate resolve --rolled-back ${row.migration_name}\` (or --applied).`,
      )
    }
    const migration = byName.get(row.migration_name)
    // Applied but not in this folder: a newer version of the app applied it; nothing to do here.
    if (!migration) continue
    if (!migration.accepted.has(row.checksum)) {
      throw new Error(
        `Migration ${row.migration_name} was modified after it was applied: its checksum in _prisma_migrations ` +
          `(${row.checksum}) differs from ${migration.file} (${migration.checksum}); refusing to start. ` +
          `Restore the applied file and put the change in a new migration.`,
      )
    }
    applied.add(row.migration_name)
  }
  return applied
}

function migrationFailed(name: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error)
  return new Error(`Migration ${name} failed and was rolled back (not recorded): ${message}`, { cause: error })
}

/** RFC 3339 with an explicit offset, the form Prisma's engine writes into SQLite. */
function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+00:00')
}

/** Accepts a path or a `file:` URL (query string dropped). */
function sqliteFile(file: string): string {
  if (!file.startsWith('file:')) return file
  return file.slice('file:'.length).replace(/\?.*$/, '')
}

/**
 * SQLite answers a change of journal mode with SQLITE_BUSY at once, without waiting out the busy
 * timeout, while another process holds the file (a second instance migrating it right now).
 */
async function retryWhileBusy<T>(work: () => T, onFirstWait: () => void, giveUpAfterMs = 60_000): Promise<T> {
  const started = Date.now()
  for (let wait = 10; ; wait = Math.min(wait * 2, 500)) {
    try {
      return work()
    } catch (error) {
      const busy = (error as { code?: unknown }).code === 'SQLITE_BUSY'
      if (!busy || Date.now() - started > giveUpAfterMs) throw error
      if (wait === 10) onFirstWait()
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
}

async function applySqlite(file: string, migrations: Migration[], log: MigrationLog): Promise<{ applied: string[] }> {
  if (file !== ':memory:' && file !== '') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  // Loaded here: a PostgreSQL deployment never needs the SQLite driver.
  const { default: Database } = await import('better-sqlite3')
  // A generous busy timeout: another process may be applying a long migration right now.
  const db = new Database(file, { timeout: 60_000 })
  const applied: string[] = []
  try {
    await retryWhileBusy(() => db.pragma('journal_mode = WAL'), () => log('migration_waiting', { for: 'another process writing the database file' }))
    db.exec(sqliteMigrationsTable)
    const readRows = () =>
      db
        .prepare(
          'SELECT migration_name, checksum, finished_at, rolled_back_at, started_at, logs FROM "_prisma_migrations" ORDER BY started_at',
        )
        .all() as RecordedRow[]
    let done = checkRecorded(migrations, readRows())
    for (const migration of migrations) {
      if (done.has(migration.name)) continue
      // Must be set outside a transaction to take effect; restored in `finally`.
      db.pragma('foreign_keys = OFF')
      try {
        db.exec('BEGIN IMMEDIATE')
        // Another process may have applied it (or failed) while we waited for the write lock.
        try {
          done = checkRecorded(migrations, readRows())
        } catch (error) {
          db.exec('ROLLBACK')
          throw error
        }
        if (done.has(migration.name)) {
          db.exec('ROLLBACK')
          continue
        }
        try {
          const startedAt = new Date()
          db.exec(migration.sql)
          if (!db.inTransaction) throw new Error('the script ended the transaction itself (BEGIN/COMMIT in migration.sql)')
          const violations = db.prepare('PRAGMA foreign_key_check').all() as Array<{ table: string; parent: string }>
          if (violations.length > 0) {
            const pairs = [...new Set(violations.map((v) => `${v.table} → ${v.parent}`))].join(', ')
            throw new Error(`it leaves ${violations.length} row(s) violating foreign keys (${pairs})`)
          }
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
          ).run(randomUUID(), migration.checksum, sqliteTimestamp(new Date()), migration.name, sqliteTimestamp(startedAt))
          db.exec('COMMIT')
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw migrationFailed(migration.name, error)
        }
      } finally {
        db.pragma('foreign_keys = ON')
      }
      applied.push(migration.name)
      log('migration_applied', { name: migration.name })
    }
  } finally {
    db.close()
  }
  return { applied }
}

async function applyPostgres(url: string, migrations: Migration[], log: MigrationLog): Promise<{ applied: string[] }> {
  // Loaded here: a SQLite deployment never needs the PostgreSQL driver.
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  // The server ending the session between statements is an 'error' event; the next statement
  // fails with it and the start-up says so, so the event itself only needs hearing.
  client.on('error', () => {})
  await client.connect()
  const applied: string[] = []
  try {
    // Session-level lock, held for the whole run; released explicitly and by disconnecting.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    try {
      await client.query(postgresMigrationsTable)
      const { rows } = await client.query<RecordedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at, started_at, logs FROM _prisma_migrations ORDER BY started_at',
      )
      const done = checkRecorded(migrations, rows)
      for (const migration of migrations) {
        if (done.has(migration.name)) continue
        const startedAt = new Date()
        await client.query('BEGIN')
        try {
          // Simple query protocol (no parameters): the script may hold many statements.
          await client.query(migration.sql)
          await client.query(
            `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          )
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {})
          throw migrationFailed(migration.name, error)
        }
        applied.push(migration.name)
        log('migration_applied', { name: migration.name })
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {})
    }
  } finally {
    await client.end().catch(() => {})
  }
  return { applied }
}

// The one place that opens the database: applies migrations, then builds the Prisma client for
// the configured provider. Both generated clients share one set of models (prisma/schema.prisma
// is their single source), so the rest of the store is written once against the SQLite client's
// types and receives the PostgreSQL client through the same interface.
import v8 from 'node:v8'
import type { DatabaseTarget } from '../config.ts'
import type { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts'
import { postgresDirect, sqliteDirect, type DirectSql } from './directSql.ts'
import { applyMigrations } from './migrate.ts'

export type PrismaDb = SqliteClient
export type PrismaTx = Parameters<Parameters<PrismaDb['$transaction']>[0]>[0]

/**
 * Reads many rows at once, straight through the driver: for the scheduler's pass over every live
 * campaign, where Prisma's per-row work (about 30 µs a row) would cost seconds at 100,000 rows.
 * Parameters are written `?` (turned into `$1`… for PostgreSQL). Read-only, no transaction.
 */
export type BulkRead = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>

export type Database = {
  prisma: PrismaDb
  provider: DatabaseTarget['provider']
  bulkRead: BulkRead
  /** The statements a person waits on, straight through the driver Prisma uses (directSql.ts). */
  direct: DirectSql
  close(): Promise<void>
}

type Log = (event: string, fields?: Record<string, unknown>) => void

export async function openDatabase(target: DatabaseTarget, log: Log = () => {}): Promise<Database> {
  await applyMigrations(target.provider === 'sqlite' ? { provider: 'sqlite', file: target.file } : target, log)
  compileWebAssemblyOnce()
  // Only the client and driver in use are loaded: each generated client weighs tens of MiB.
  const { prisma, direct, closeDriver } = target.provider === 'sqlite' ? await sqliteClient(target.url) : await postgresClient(target.url)
  await prisma.$connect()
  const bulk = target.provider === 'sqlite' ? sqliteBulkReader(target.file) : await postgresBulkReader(target.url)
  return {
    prisma, provider: target.provider, bulkRead: bulk.read, direct,
    close: async () => {
      await bulk.close()
      await prisma.$disconnect()
      await closeDriver()
    },
  }
}

/**
 * Prisma's query compiler is a WebAssembly module (3.3 MB). By default V8 compiles it twice: at
 * once with its baseline compiler (Liftoff), then again in the background with its optimising
 * one (TurboFan) for the functions that run hot while the client reads the schema. That second
 * compilation left about 40 MiB in the allocator for the life of the process (an idle process:
 * 215 MiB, 157 MiB without it). The compiler only runs for the first query of each shape (Prisma
 * keeps the plans), so the baseline code is enough: a first query took no longer without it.
 * V8 reads these flags when it compiles a module, so they take effect for the client loaded next.
 */
function compileWebAssemblyOnce(): void {
  v8.setFlagsFromString('--no-wasm-dynamic-tiering')
  v8.setFlagsFromString('--no-wasm-tier-up')
}

/** A read-only connection of its own, opened on first use (WAL: it never blocks the writer). */
function sqliteBulkReader(file: string): { read: BulkRead; close(): Promise<void> } {
  let connection: import('better-sqlite3').Database | null = null
  return {
    read: async (sql, params = []) => {
      if (!connection) {
        const { default: BetterSqlite3 } = await import('better-sqlite3')
        connection = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 5000 })
      }
      return connection.prepare(sql).all(...params) as Record<string, unknown>[]
    },
    close: async () => {
      connection?.close()
      connection = null
    },
  }
}

/** A small pool of its own (two connections, opened on first use), beside Prisma's. */
async function postgresBulkReader(connectionString: string): Promise<{ read: BulkRead; close(): Promise<void> }> {
  const { default: pg } = await import('pg')
  let pool: import('pg').Pool | null = null
  return {
    read: async (sql, params = []) => {
      if (!pool) {
        pool = new pg.Pool({ connectionString, max: 2 })
        // A read that fails is the scheduler's to retry at its next pass.
        listenForEndedConnections(pool)
      }
      let n = 0
      const numbered = sql.replace(/\?/g, () => `$${++n}`)
      return (await pool.query(numbered, params as unknown[])).rows as Record<string, unknown>[]
    },
    close: async () => {
      await pool?.end()
      pool = null
    },
  }
}

/**
 * The server ending a connection (a restart, a failover, an administrator, a dropped database) is
 * an 'error' event: on the pool for an idle connection, on the connection itself for one checked
 * out, where the pool no longer listens. Unheard, either ends the process. The pool drops an ended
 * connection and opens another for the next query; a query that was running fails to its caller,
 * who says so; so the events themselves need nothing more than a listener.
 */
function listenForEndedConnections(pool: import('pg').Pool): void {
  pool.on('error', () => {})
  pool.on('connect', (connection) => connection.on('error', () => {}))
}

type Client = { prisma: PrismaDb; direct: DirectSql; closeDriver(): Promise<void> }

async function sqliteClient(url: string): Promise<Client> {
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import('../generated/sqlite/client.ts'), import('@prisma/adapter-better-sqlite3'),
  ])
  // timeout: wait up to 5 s for another writer's lock instead of failing at once.
  const factory = new PrismaBetterSqlite3({ url, timeout: 5000 })
  // The connection Prisma opens is the one the direct statements use (directSql.ts says why).
  let adapter: Awaited<ReturnType<typeof factory.connect>> | null = null
  const connect = factory.connect.bind(factory)
  factory.connect = async () => (adapter = await connect())
  const prisma = new PrismaClient({ adapter: factory })
  const direct = sqliteDirect(() => {
    if (!adapter) throw new Error('the SQLite connection is not open yet')
    return adapter
  })
  return { prisma, direct, closeDriver: async () => {} }
}

async function postgresClient(connectionString: string): Promise<Client> {
  const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import('../generated/postgresql/client.ts'), import('@prisma/adapter-pg'), import('pg'),
  ])
  // One pool for Prisma and the direct statements.
  const pool = new pg.Pool({ connectionString })
  listenForEndedConnections(pool)
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaDb
  return { prisma, direct: postgresDirect(pool), closeDriver: () => pool.end() }
}

// The few statements a person waits on, written for the driver itself: a proposal stored with its
// posts, a post claimed and marked sent, the name check. Through Prisma each statement cost about
// half a millisecond of its own work on this machine (and, on SQLite, a fresh prepare every time):
// a submission's 19 statements were most of its time. Here each is prepared once and run as is.
//
// SQLite: on Prisma's own connection, never a second one. SQLite lets one connection write at a
// time, and better-sqlite3 waits for a lock by blocking the thread, so a second connection in this
// process would wait for a Prisma transaction that cannot finish while it waits. A transaction here
// runs synchronously from BEGIN IMMEDIATE to COMMIT: nothing else runs on the connection in
// between. While a Prisma transaction is open on the connection, it waits for that one through the
// adapter's own transaction lock first.
//
// PostgreSQL: on Prisma's own pool. Statements that must hold together are written as one
// statement (data-modifying WITH), which PostgreSQL applies all or nothing.
import type BetterSqlite3 from 'better-sqlite3'
import type { Pool } from 'pg'

/** Statements on the SQLite connection; `sql` is the cache key, so keep it a constant. */
export type SqliteStatements = {
  all<T>(sql: string, ...params: unknown[]): T[]
  get<T>(sql: string, ...params: unknown[]): T | undefined
  /** Returns the number of rows changed. */
  run(sql: string, ...params: unknown[]): number
}

export type DirectSql =
  | {
    provider: 'sqlite'
    /** `work` (synchronous) inside one transaction; thrown = rolled back. */
    transaction<T>(work: (sql: SqliteStatements) => T): Promise<T>
    /** `work` (synchronous) outside a transaction: for one statement, which SQLite applies whole. */
    statement<T>(work: (sql: SqliteStatements) => T): Promise<T>
  }
  | {
    provider: 'postgresql'
    /** One statement; `name` makes it a prepared statement, parsed once per connection. */
    query<T>(name: string, text: string, params: readonly unknown[]): Promise<T[]>
  }

/** What the SQLite adapter gives: its connection, and its lock for transactions. */
type SqliteAdapter = {
  startTransaction(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>
}

/** DateTime as Prisma writes it into SQLite: ISO text with an offset. Compared as text, so always this form. */
export function sqliteStamp(at: Date): string {
  return at.toISOString().replace('Z', '+00:00')
}

/**
 * The driver under Prisma's SQLite adapter (@prisma/adapter-better-sqlite3 keeps it as `client`).
 * Checked here, at start-up: should a new adapter version keep it elsewhere, the app says so at once.
 */
export function sqliteConnectionOf(adapter: unknown): BetterSqlite3.Database {
  const client = (adapter as { client?: Partial<BetterSqlite3.Database> } | null)?.client
  if (!client || typeof client.prepare !== 'function' || typeof client.inTransaction !== 'boolean') {
    throw new Error('the SQLite adapter no longer exposes its better-sqlite3 connection as `client` (store/directSql.ts)')
  }
  return client as BetterSqlite3.Database
}

export function sqliteDirect(adapter: () => SqliteAdapter): DirectSql {
  const statements = new Map<string, BetterSqlite3.Statement>()
  let cachedFor: BetterSqlite3.Database | null = null
  const connection = () => {
    const db = sqliteConnectionOf(adapter())
    // A reconnect gives a new connection: its statements are prepared anew.
    if (db !== cachedFor) { statements.clear(); cachedFor = db }
    return db
  }
  const prepared = (db: BetterSqlite3.Database, sql: string) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      // Prisma's connection returns every integer as a BigInt; these statements read plain numbers.
      if (statement.reader) statement.safeIntegers(false)
      statements.set(sql, statement)
    }
    return statement
  }
  const on = (db: BetterSqlite3.Database): SqliteStatements => ({
    all: <T>(sql: string, ...params: unknown[]) => prepared(db, sql).all(...params) as T[],
    get: <T>(sql: string, ...params: unknown[]) => prepared(db, sql).get(...params) as T | undefined,
    run: (sql, ...params) => prepared(db, sql).run(...params).changes,
  })

  /** Runs `work` once no Prisma transaction is open on the connection, inside BEGIN…COMMIT when `begin` is given. */
  async function exclusive<T>(work: (sql: SqliteStatements) => T, begin: string | null): Promise<T> {
    let db = connection()
    if (!db.inTransaction) return inOneGo(db, work, begin)
    // A Prisma transaction holds the connection (it awaits between its statements): wait for it
    // through the adapter's lock, which then opens a transaction of its own for us.
    const lock = await adapter().startTransaction()
    db = connection()
    try {
      const result = work(on(db))
      prepared(db, 'COMMIT').run()
      await lock.commit()
      return result
    } catch (error) {
      if (db.inTransaction) prepared(db, 'ROLLBACK').run()
      await lock.rollback()
      throw error
    }
  }

  function inOneGo<T>(db: BetterSqlite3.Database, work: (sql: SqliteStatements) => T, begin: string | null): T {
    if (begin === null) return work(on(db))
    prepared(db, begin).run()
    try {
      const result = work(on(db))
      prepared(db, 'COMMIT').run()
      return result
    } catch (error) {
      if (db.inTransaction) prepared(db, 'ROLLBACK').run()
      throw error
    }
  }

  return {
    provider: 'sqlite',
    // IMMEDIATE: the write lock is taken at BEGIN (waiting for another process's writer there), not
    // half-way through.
    transaction: (work) => exclusive(work, 'BEGIN IMMEDIATE'),
    statement: (work) => exclusive(work, null),
  }
}

/**
 * Not connected: the server is down, refuses this database, or the network is. Said with SQL's own
 * code for it (08001, "unable to establish connection"), as a query that could not start.
 */
function couldNotConnect(error: unknown): Error {
  const why = error instanceof Error ? error.message : String(error)
  return Object.assign(new Error(`could not connect to PostgreSQL: ${why}`, { cause: error }), { code: '08001' })
}

/**
 * No SQL error code (the socket broke), or one of the classes that say the session is over:
 * 08 (connection exception) and 57 (operator intervention: the server shutting down, the backend
 * terminated by an administrator).
 */
function connectionIsGone(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true
  return code.startsWith('08') || code.startsWith('57')
}

export function postgresDirect(pool: Pool): DirectSql {
  return {
    provider: 'postgresql',
    async query<T>(name: string, text: string, params: readonly unknown[]) {
      const client = await pool.connect().catch((error: unknown) => { throw couldNotConnect(error) })
      // The server ending the connection while it is out of the pool (a restart, an administrator)
      // arrives as an event, not always through the statement: the connection is not handed back.
      let broken: Error | undefined
      const onError = (error: Error) => { broken = error }
      client.on('error', onError)
      try {
        return (await client.query({ name, text, values: params as unknown[] })).rows as T[]
      } catch (error) {
        // A connection that broke mid-query is closed, not given to the next query.
        if (connectionIsGone(error)) broken = error instanceof Error ? error : new Error(String(error))
        throw error
      } finally {
        client.removeListener('error', onError)
        client.release(broken)
      }
    },
  }
}

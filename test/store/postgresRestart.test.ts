// PostgreSQL ends the app's idle connections (a restart, a failover, an administrator): the process
// goes on and the next query opens a new connection. An idle connection's end is reported as an
// 'error' event on the connection pool; unheard, Node throws it, and the process ends. Here that
// would surface as an unhandled error of the run, failing it.
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { freshDatabase, postgresAdminUrl, type TestDatabase } from '../support/databases.ts'

async function terminateConnectionsTo(databaseName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl()! })
  await admin.connect()
  try {
    const result = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName])
    return result.rowCount ?? 0
  } finally {
    await admin.end()
  }
}

describe.runIf(postgresAdminUrl() !== null)('the PostgreSQL pool when the server ends its idle connections', () => {
  let test: TestDatabase
  let database: Database | undefined
  afterEach(async () => {
    await database?.close()
    await test.cleanup()
  })

  it('keeps the process alive and answers the next query on a new connection', async () => {
    test = await freshDatabase('postgresql')
    database = await openDatabase(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret', DATABASE_URL: test.url }).database)
    // Several connections open, then idle in the pool.
    await Promise.all([1, 2, 3].map(() => database!.prisma.$queryRawUnsafe('SELECT 1 AS one FROM pg_sleep(0.05)')))
    expect(await terminateConnectionsTo(new URL(test.url).pathname.slice(1))).toBeGreaterThan(0)
    // Once the server has ended them, their goodbye is in this process's sockets: the event loop
    // reads it in the same turn as the answer that says they are gone. (A query sent earlier can
    // still pick a connection whose goodbye is on its way, and fail once: that is not this test.)
    await waitForNoConnectionsTo(new URL(test.url).pathname.slice(1))
    await new Promise((resolve) => setImmediate(resolve))
    const rows = await database.prisma.$queryRawUnsafe<Array<{ answer: number }>>('SELECT 1 AS answer')
    expect(rows[0]?.answer).toBe(1)
  })

  it('keeps the process alive when the server ends them while the app is stopping', async () => {
    test = await freshDatabase('postgresql')
    database = await openDatabase(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret', DATABASE_URL: test.url }).database)
    await Promise.all([1, 2, 3].map(() => database!.prisma.$queryRawUnsafe('SELECT 1 AS one FROM pg_sleep(0.05)')))
    // Prisma lets go of the pool first (and of its own listener for idle connections' errors), then
    // the pool is ended: a server ending the connections in between (a restart, or a test dropping
    // its database) reached a pool nobody listened to. A full run once ended on exactly that.
    await database.prisma.$disconnect()
    expect(await terminateConnectionsTo(new URL(test.url).pathname.slice(1))).toBeGreaterThan(0)
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve))
    await database.close()
    database = undefined
  })

  it('fails the direct statements whose connections the server ends with its own code, and runs the next ones on new connections', async () => {
    test = await freshDatabase('postgresql')
    database = await openDatabase(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret', DATABASE_URL: test.url }).database)
    const direct = database.direct
    if (direct.provider !== 'postgresql') throw new Error('expected the PostgreSQL statements')
    // Checked out of the pool, a connection has none of the pool's listeners: the server's goodbye
    // arrives on the connection itself, during the statement and after it.
    const running = [1, 2, 3].map((n) => direct.query(`sleep${n}`, 'SELECT pg_sleep(5)', []).then(() => 'finished', (error: { code?: string }) => error.code))
    await waitForSleepers(new URL(test.url).pathname.slice(1), 3)
    expect(await terminateConnectionsTo(new URL(test.url).pathname.slice(1))).toBe(3)
    expect(await Promise.all(running)).toEqual(['57P01', '57P01', '57P01'])
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve))
    // The ended connections were not handed back: three statements at once find three that work.
    const answers = await Promise.all([1, 2, 3].map((n) => direct.query<{ answer: number }>(`answer${n}`, 'SELECT $1::int AS answer', [n])))
    expect(answers.map((rows) => rows[0]?.answer)).toEqual([1, 2, 3])
  })
})

async function waitForSleepers(databaseName: string, count: number): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl()! })
  await admin.connect()
  try {
    for (;;) {
      const result = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep%' AND state = 'active'", [databaseName])
      if (result.rows[0].n >= count) return
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  } finally {
    await admin.end()
  }
}

async function waitForNoConnectionsTo(databaseName: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl()! })
  await admin.connect()
  try {
    for (;;) {
      const result = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName])
      if (result.rows[0].n === 0) return
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  } finally {
    await admin.end()
  }
}

// Fresh, empty databases for tests: a temporary SQLite file, or a new database on the run's
// throwaway PostgreSQL (test/support/postgres.ts). Nothing is migrated here: the code under test
// (openDatabase / applyMigrations) does that.
//
//   describe.each(testProviders())('campaigns on %s', (provider) => {
//     let db: TestDatabase
//     beforeEach(async () => { db = await freshDatabase(provider) })
//     afterEach(() => db.cleanup())
//   })
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import type {} from './postgres.ts' // the ProvidedContext declaration of 'postgresAdminUrl'

export type TestProvider = 'sqlite' | 'postgresql'

export type TestDatabase = {
  provider: TestProvider
  /** `file:/abs/path/test.db` for SQLite, `postgresql://…/cd_test_…` for PostgreSQL. */
  url: string
  /** Removes the file / drops the database (closing whatever is still connected to it). */
  cleanup(): Promise<void>
}

/** The admin URL provided by the global setup; null when PostgreSQL tests are skipped. */
export function postgresAdminUrl(): string | null {
  return inject('postgresAdminUrl') ?? null
}

/** SQLite always; PostgreSQL when this run has a server. */
export function testProviders(): TestProvider[] {
  return postgresAdminUrl() ? ['sqlite', 'postgresql'] : ['sqlite']
}

export async function freshDatabase(provider: TestProvider): Promise<TestDatabase> {
  return provider === 'sqlite' ? freshSqlite() : freshPostgres()
}

async function freshSqlite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-test-'))
  return {
    provider: 'sqlite',
    url: `file:${path.join(dir, 'test.db')}`,
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

async function freshPostgres(): Promise<TestDatabase> {
  const adminUrl = postgresAdminUrl()
  if (!adminUrl) throw new Error('No PostgreSQL in this test run: use testProviders() to choose providers')
  const name = `cd_test_${randomBytes(6).toString('hex')}`
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  let dropped = false
  return {
    provider: 'postgresql',
    url: url.toString(),
    cleanup: async () => {
      if (dropped) return
      dropped = true
      // FORCE (PostgreSQL 13+) ends whatever is still connected, in the same statement: a pool
      // closing its last connection a moment late can no longer make the drop fail.
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    },
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

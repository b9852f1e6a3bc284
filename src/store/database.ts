// The one place that opens the database: applies migrations, then builds the Prisma client for
// the configured provider. Both generated clients share one set of models (prisma/schema.prisma
// is their single source), so the rest of the store is written once against the SQLite client's
// types and receives the PostgreSQL client through the same interface.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { DatabaseTarget } from '../config.ts'
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts'
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.ts'
import { applyMigrations } from './migrate.ts'

export type PrismaDb = SqliteClient
export type PrismaTx = Parameters<Parameters<PrismaDb['$transaction']>[0]>[0]

export type Database = {
  prisma: PrismaDb
  provider: DatabaseTarget['provider']
  close(): Promise<void>
}

type Log = (event: string, fields?: Record<string, unknown>) => void

export async function openDatabase(target: DatabaseTarget, log: Log = () => {}): Promise<Database> {
  await applyMigrations(target.provider === 'sqlite' ? { provider: 'sqlite', file: target.file } : target, log)
  const prisma =
    target.provider === 'sqlite'
      ? new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: target.url, timeout: 5000 }) /* wait up to 5 s for another writer */ })
      : (new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) }) as unknown as PrismaDb)
  await prisma.$connect()
  return { prisma, provider: target.provider, close: () => prisma.$disconnect() }
}

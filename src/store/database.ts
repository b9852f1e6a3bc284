// The one place that opens the database: applies migrations, then builds the Prisma client for
// the configured provider. Both generated clients share one set of models (prisma/schema.prisma
// is their single source), so the rest of the store is written once against the SQLite client's
// types and receives the PostgreSQL client through the same interface.
import type { DatabaseTarget } from '../config.ts'
import type { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts'
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
  // Only the client and driver in use are loaded: each generated client weighs tens of MiB.
  const prisma = target.provider === 'sqlite' ? await sqliteClient(target.url) : await postgresClient(target.url)
  await prisma.$connect()
  return { prisma, provider: target.provider, close: () => prisma.$disconnect() }
}

async function sqliteClient(url: string): Promise<PrismaDb> {
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import('../generated/sqlite/client.ts'), import('@prisma/adapter-better-sqlite3'),
  ])
  // timeout: wait up to 5 s for another writer's lock instead of failing at once.
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5000 }) })
}

async function postgresClient(connectionString: string): Promise<PrismaDb> {
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import('../generated/postgresql/client.ts'), import('@prisma/adapter-pg'),
  ])
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) }) as unknown as PrismaDb
}

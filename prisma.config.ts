// Configuration of the Prisma CLI (migrate status/deploy/diff, studio). The app itself does not
// use the CLI at run time: it applies the same migrations at start-up (src/store/migrate.ts).
//
// DATABASE_URL picks the provider exactly as the app does: postgresql://… uses the PostgreSQL
// schema and migrations, anything else (or nothing) the SQLite ones.
import { defineConfig } from 'prisma/config'

const url = process.env.DATABASE_URL ?? 'file:./data/campaign-desk.db'
const isPostgres = /^postgres(ql)?:\/\//.test(url)

export default defineConfig({
  schema: isPostgres ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: isPostgres ? 'prisma/postgresql/migrations' : 'prisma/migrations' },
  datasource: { url },
})

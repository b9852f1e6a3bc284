// The Prisma schemas, the migrations and the start-up migration runner agree with each other.
//
// - prisma/postgresql/schema.prisma is exactly what scripts/prisma-schemas.mjs derives from the source;
// - on every provider, applying the migrations gives one table per model and one column per scalar
//   field, nothing more (structural check: always runs), and `prisma migrate diff --from-migrations …
//   --to-schema … --exit-code` finds no drift (needs a Prisma schema engine: test/support/schemaEngine.ts
//   finds one, or these tests are skipped with a notice, and fail on CI);
// - the runner records what Prisma records, skips what is applied, refuses changed or failed
//   migrations, rolls back failing ones, migrates once when instances start together, and on SQLite
//   does not lose child rows to ON DELETE CASCADE when a migration redefines a parent table.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Prisma } from '../../src/generated/sqlite/client.ts'
import { applyMigrations, migrationsDirFor, type MigrationTarget } from '../../src/store/migrate.ts'
import { freshDatabase, postgresAdminUrl, testProviders, type TestDatabase, type TestProvider } from '../support/databases.ts'
import { findSchemaEngine, requireEngine, runPrisma as runPrismaWith, skipWithoutEngine } from '../support/schemaEngine.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const engineLookup = await findSchemaEngine()
const noEngine = skipWithoutEngine(engineLookup, 'Drift tests (prisma migrate diff/status/deploy)')

type SchemaScripts = { derivePostgresSchema(text: string): string; sqliteSchemaPath: string; postgresSchemaPath: string }
const scripts = (await import(pathToFileURL(path.join(root, 'scripts', 'prisma-schemas.mjs')).href)) as SchemaScripts

const schemaFile: Record<TestProvider, string> = { sqlite: scripts.sqliteSchemaPath, postgresql: scripts.postgresSchemaPath }

// ---------------------------------------------------------------------------------------------
// The models of a schema, read from its text: tables and the columns of scalar fields.

type ModelShape = { model: string; table: string; columns: Map<string, string> /* field → column */ }

function parseModels(schema: string): ModelShape[] {
  const withoutComments = schema.replace(/\/\/.*$/gm, '')
  const blocks = [...withoutComments.matchAll(/^\s*model\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm)]
  const modelNames = new Set(blocks.map((block) => block[1]!))
  return blocks.map(([, model, body]) => {
    const table = /@@map\(\s*(?:name\s*:\s*)?"([^"]+)"/.exec(body!)?.[1] ?? model!
    const columns = new Map<string, string>()
    for (const raw of body!.split('\n')) {
      const line = raw.trim()
      if (!line || line.startsWith('@@')) continue
      const match = /^(\w+)\s+([\w.]+(?:\([^)]*\))?)(\[\])?\??(.*)$/.exec(line)
      if (!match) throw new Error(`Unexpected line in model ${model}: ${line}`)
      const [, field, type, list, attributes] = match
      if (list || modelNames.has(type!)) continue // relation field (or list): no column of its own
      const column = /@map\(\s*(?:name\s*:\s*)?"([^"]+)"/.exec(attributes!)?.[1] ?? field!
      columns.set(field!, column)
    }
    return { model: model!, table, columns }
  })
}

const sourceModels = parseModels(fs.readFileSync(scripts.sqliteSchemaPath, 'utf8'))

// ---------------------------------------------------------------------------------------------
// Small database helpers over both providers.

function targetOf(db: TestDatabase): MigrationTarget {
  return db.provider === 'sqlite' ? { provider: 'sqlite', file: db.url.slice('file:'.length) } : { provider: 'postgresql', url: db.url }
}

/** Runs one statement (no parameters) and returns its rows. */
async function query<T = Record<string, unknown>>(db: TestDatabase, sql: string): Promise<T[]> {
  if (db.provider === 'sqlite') {
    const connection = new Database(db.url.slice('file:'.length))
    try {
      const statement = connection.prepare(sql)
      return statement.reader ? (statement.all() as T[]) : (statement.run(), [])
    } finally {
      connection.close()
    }
  }
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  try {
    return (await client.query(sql)).rows as T[]
  } finally {
    await client.end()
  }
}

/** Table → its column names, for every table of the database. */
async function tableColumns(db: TestDatabase): Promise<Map<string, Set<string>>> {
  const rows =
    db.provider === 'sqlite'
      ? await query<{ table_name: string; column_name: string }>(
          db,
          `SELECT m.name AS table_name, c.name AS column_name
             FROM sqlite_master m JOIN pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
        )
      : await query<{ table_name: string; column_name: string }>(
          db,
          `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
        )
  const tables = new Map<string, Set<string>>()
  for (const { table_name, column_name } of rows) {
    if (!tables.has(table_name)) tables.set(table_name, new Set())
    tables.get(table_name)!.add(column_name)
  }
  return tables
}

type Recorded = { migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number | string }

async function recorded(db: TestDatabase): Promise<Recorded[]> {
  return query<Recorded>(
    db,
    'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
  )
}

function migrationNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

/** A temporary migrations folder: name → migration.sql text. */
function migrationsFolder(migrations: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-migrations-'))
  for (const [name, sql] of Object.entries(migrations)) writeMigration(dir, name, sql)
  return dir
}

function writeMigration(dir: string, name: string, sql: string): void {
  fs.mkdirSync(path.join(dir, name), { recursive: true })
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql)
}

/** Runs the Prisma CLI from the project root on the given database; never throws. */
function runPrisma(args: string[], databaseUrl: string) {
  return runPrismaWith(requireEngine(engineLookup), args, { databaseUrl })
}

// ---------------------------------------------------------------------------------------------

describe('Prisma schemas', () => {
  it('the PostgreSQL schema is exactly the one derived from prisma/schema.prisma', () => {
    const derived = scripts.derivePostgresSchema(fs.readFileSync(scripts.sqliteSchemaPath, 'utf8'))
    const checkedIn = fs.readFileSync(scripts.postgresSchemaPath, 'utf8')
    expect(
      checkedIn === derived,
      'prisma/postgresql/schema.prisma is out of step with prisma/schema.prisma: edit only prisma/schema.prisma, then run `npm run prisma:schemas`',
    ).toBe(true)
  })

  it('reads the same models and scalar fields from the schema as the generated client has', () => {
    expect(sourceModels.length).toBeGreaterThan(10)
    const client = Prisma as unknown as Record<string, Record<string, string>>
    const fromClient = Object.fromEntries(
      Object.values(Prisma.ModelName).map((model) => [model, Object.values(client[`${model}ScalarFieldEnum`] ?? {}).sort()]),
    )
    const fromSchema = Object.fromEntries(sourceModels.map((m) => [m.model, [...m.columns.keys()].sort()]))
    expect(fromSchema, 'the generated client is stale: run `npm run prisma:schemas`').toEqual(fromClient)
  })
})

describe.each(testProviders())('migrations on %s', (provider) => {
  const dir = migrationsDirFor(provider)
  const names = migrationNames(dir)
  let db: TestDatabase
  beforeEach(async () => {
    db = await freshDatabase(provider)
  })
  afterEach(async () => {
    await db.cleanup()
  })

  it('create one table per model and one column per scalar field, and nothing else', async () => {
    const events: Array<[string, Record<string, unknown> | undefined]> = []
    const { applied } = await applyMigrations(targetOf(db), (event, fields) => events.push([event, fields]))
    expect(applied).toEqual(names)
    expect(events).toEqual(names.map((name) => ['migration_applied', { name }]))

    const tables = await tableColumns(db)
    const problems: string[] = []
    for (const model of sourceModels) {
      const columns = tables.get(model.table)
      if (!columns) {
        problems.push(`model ${model.model}: no table "${model.table}"`)
        continue
      }
      const expected = new Set(model.columns.values())
      for (const column of expected) if (!columns.has(column)) problems.push(`model ${model.model}: no column "${model.table}"."${column}"`)
      for (const column of columns) if (!expected.has(column)) problems.push(`table "${model.table}": column "${column}" is not in the schema`)
    }
    const modelTables = new Set(sourceModels.map((m) => m.table))
    for (const table of tables.keys()) {
      if (table !== '_prisma_migrations' && !modelTables.has(table)) problems.push(`table "${table}" is not in the schema`)
    }
    expect(problems, 'the migrations do not match prisma/schema.prisma: create a migration (see docs/data-model.md, "Changing the data model")').toEqual([])

    const rows = await recorded(db)
    expect(rows.map((r) => r.migration_name)).toEqual(names)
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/)
      expect(row.finished_at).not.toBeNull()
      expect(Number(row.applied_steps_count)).toBe(1)
    }
  })

  it('apply nothing the second time', async () => {
    expect((await applyMigrations(targetOf(db))).applied).toEqual(names)
    const events: string[] = []
    expect((await applyMigrations(targetOf(db), (event) => events.push(event))).applied).toEqual([])
    expect(events).toEqual([])
    expect((await recorded(db)).length).toBe(names.length)
  })

  it('refuse to start when an applied migration was changed afterwards', async () => {
    await applyMigrations(targetOf(db))
    const name = names.at(-1)!
    await query(db, `UPDATE _prisma_migrations SET checksum = '${'0'.repeat(64)}' WHERE migration_name = '${name}'`)
    await expect(applyMigrations(targetOf(db))).rejects.toThrow(new RegExp(`Migration ${name} was modified after it was applied`))
  })

  it('refuse to start when a recorded migration failed', async () => {
    await applyMigrations(targetOf(db))
    const name = names.at(-1)!
    await query(db, `UPDATE _prisma_migrations SET finished_at = NULL, logs = 'boom' WHERE migration_name = '${name}'`)
    await expect(applyMigrations(targetOf(db))).rejects.toThrow(new RegExp(`Migration ${name} failed .*prisma migrate resolve`))
    // Once a person marked it rolled back (`prisma migrate resolve --rolled-back`), the runner tries
    // it again: here its tables still exist, so that attempt fails and is rolled back in turn.
    await query(db, `UPDATE _prisma_migrations SET rolled_back_at = started_at WHERE migration_name = '${name}'`)
    await expect(applyMigrations(targetOf(db))).rejects.toThrow(new RegExp(`Migration ${name} failed and was rolled back`))
  })

  it('roll back a failing migration, record nothing for it, and apply it once fixed', async () => {
    const folder = migrationsFolder({
      '001_ok': 'CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY);\n',
      '002_bad': 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "Missing" ("id") VALUES (1);\n',
    })
    try {
      await expect(applyMigrations(targetOf(db), undefined, { migrationsDir: folder })).rejects.toThrow(
        /Migration 002_bad failed and was rolled back/,
      )
      expect((await recorded(db)).map((r) => r.migration_name)).toEqual(['001_ok'])
      const tables = await tableColumns(db)
      expect(tables.has('A')).toBe(true)
      expect(tables.has('B')).toBe(false)

      writeMigration(folder, '002_bad', 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);\n')
      expect((await applyMigrations(targetOf(db), undefined, { migrationsDir: folder })).applied).toEqual(['002_bad'])
    } finally {
      fs.rmSync(folder, { recursive: true, force: true })
    }
  })

  it.skipIf(noEngine)('agree with the schema according to `prisma migrate diff --exit-code`', async () => {
    // The database is only the shadow for replaying the migrations: a fresh, throwaway one.
    const { code, output } = await runPrisma(
      ['migrate', 'diff', '--from-migrations', dir, '--to-schema', schemaFile[provider], '--exit-code'],
      db.url,
    )
    expect(code, `prisma migrate diff found drift (exit 2 = create a migration):\n${output}`).toBe(0)
  })

  it.skipIf(noEngine)('interoperate with `prisma migrate status` and `prisma migrate deploy` both ways', async () => {
    await applyMigrations(targetOf(db))
    const status = await runPrisma(['migrate', 'status'], db.url)
    expect(status.code, status.output).toBe(0)
    expect(status.output).toContain('Database schema is up to date')

    const other = await freshDatabase(provider)
    try {
      const deploy = await runPrisma(['migrate', 'deploy'], other.url)
      expect(deploy.code, deploy.output).toBe(0)
      expect((await applyMigrations(targetOf(other))).applied).toEqual([])
      expect((await recorded(other)).map((r) => r.migration_name)).toEqual(names)
    } finally {
      await other.cleanup()
    }
  })
})

describe.skipIf(noEngine)('prisma migrate diff', () => {
  it('reports drift when the schema has a field the migrations lack (the check is not vacuous)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-drift-'))
    try {
      const schema = fs.readFileSync(scripts.sqliteSchemaPath, 'utf8').replace(/^model WorkspaceSettings \{$/m, '$&\n  driftProbe String?')
      expect(schema).toContain('driftProbe')
      fs.writeFileSync(path.join(dir, 'schema.prisma'), schema)
      const { code, output } = await runPrisma(
        ['migrate', 'diff', '--from-migrations', migrationsDirFor('sqlite'), '--to-schema', path.join(dir, 'schema.prisma'), '--exit-code'],
        `file:${path.join(dir, 'shadow.db')}`,
      )
      expect(code, output).toBe(2)
      expect(output).toContain('driftProbe')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('finding a Prisma schema engine for these tests', () => {
  it('takes PRISMA_SCHEMA_ENGINE_BINARY first, then an offline stand-in that exists', async () => {
    const standIn = path.join(root, 'package.json') // any existing file stands in for the stand-in
    expect(await findSchemaEngine({ env: { PRISMA_SCHEMA_ENGINE_BINARY: '/opt/schema-engine' }, standIn })).toEqual({
      engine: { source: 'PRISMA_SCHEMA_ENGINE_BINARY', binary: '/opt/schema-engine' },
    })
    expect(await findSchemaEngine({ env: {}, standIn })).toEqual({ engine: { source: 'offline stand-in', binary: standIn } })
  })

  it('without one, skips locally but not on CI, where each test needing it fails saying why', () => {
    const none = { engine: null, why: 'the Prisma CLI could not get its own schema engine (offline)' }
    const warn = console.warn
    const notices: unknown[] = []
    console.warn = (line: unknown) => notices.push(line)
    try {
      expect(skipWithoutEngine(none, 'Probe tests', {})).toBe(true)
      expect(skipWithoutEngine(none, 'Probe tests', { CI: 'true' })).toBe(false)
    } finally {
      console.warn = warn
    }
    expect(notices).toEqual([expect.stringMatching(/^\[tests\] Probe tests SKIPPED: no Prisma schema engine: .*\(offline\)\. /)])
    expect(() => requireEngine(none)).toThrow(/No Prisma schema engine: PRISMA_SCHEMA_ENGINE_BINARY is not set and the Prisma CLI could not/)
  })
})

describe('SQLite: table-redefining migrations and foreign keys', () => {
  const init = `CREATE TABLE "Parent" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL);
CREATE TABLE "Child" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "parentId" INTEGER NOT NULL,
    CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
`
  // What `prisma migrate dev` writes for SQLite when a column is added to a table in a way ALTER
  // TABLE cannot express: copy into a new table, drop the old one, rename.
  const redefine = `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "note" TEXT NOT NULL DEFAULT '');
INSERT INTO "new_Parent" ("id", "name") SELECT "id", "name" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`
  let dir: string
  let file: string
  let folder: string
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-fk-'))
    file = path.join(dir, 'nested', 'app.db') // the runner creates the missing folder
    folder = migrationsFolder({ '001_init': init })
    await applyMigrations({ provider: 'sqlite', file }, undefined, { migrationsDir: folder })
    const db = new Database(file)
    db.exec(`INSERT INTO "Parent" ("id", "name") VALUES (1, 'p1'), (2, 'p2');
             INSERT INTO "Child" ("parentId") VALUES (1), (1), (2);`)
    db.close()
  })
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(folder, { recursive: true, force: true })
  })

  const count = (table: string) => {
    const db = new Database(file, { readonly: true })
    try {
      return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
    } finally {
      db.close()
    }
  }

  it('(control) applied naively in a transaction, it deletes the child rows through ON DELETE CASCADE', () => {
    const db = new Database(file) // better-sqlite3 turns foreign keys on
    db.exec('BEGIN')
    db.exec(redefine) // its PRAGMA foreign_keys=OFF is a no-op inside a transaction
    db.exec('COMMIT')
    db.close()
    expect(count('Child')).toBe(0)
  })

  it('keeps the child rows and the foreign key when the runner applies it', async () => {
    writeMigration(folder, '002_redefine_parent', redefine)
    expect((await applyMigrations({ provider: 'sqlite', file }, undefined, { migrationsDir: folder })).applied).toEqual(['002_redefine_parent'])
    expect(count('Parent')).toBe(2)
    expect(count('Child')).toBe(3)

    const db = new Database(file)
    try {
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(() => db.exec('INSERT INTO "Child" ("parentId") VALUES (99)')).toThrow(/FOREIGN KEY/)
      db.exec('DELETE FROM "Parent" WHERE "id" = 2') // the constraint now refers to the new table
    } finally {
      db.close()
    }
    expect(count('Child')).toBe(2)
  })

  it('refuses a migration that leaves rows violating foreign keys, and rolls it back', async () => {
    writeMigration(folder, '002_orphans', 'PRAGMA foreign_keys=OFF;\nINSERT INTO "Child" ("parentId") VALUES (42);\nPRAGMA foreign_keys=ON;\n')
    await expect(applyMigrations({ provider: 'sqlite', file }, undefined, { migrationsDir: folder })).rejects.toThrow(
      /Migration 002_orphans failed and was rolled back.*violating foreign keys \(Child → Parent\)/,
    )
    expect(count('Child')).toBe(3)
    const db = new Database(file, { readonly: true })
    try {
      const names = db.prepare('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name').pluck().all()
      expect(names).toEqual(['001_init'])
    } finally {
      db.close()
    }
  })
})

describe('several instances starting at once', () => {
  const names = (provider: TestProvider) => migrationNames(migrationsDirFor(provider))

  it.runIf(!!postgresAdminUrl())('on PostgreSQL: both succeed and each migration is applied and recorded once', async () => {
    const db = await freshDatabase('postgresql')
    try {
      const results = await Promise.all([applyMigrations(targetOf(db)), applyMigrations(targetOf(db))])
      expect(results.flatMap((r) => r.applied).sort()).toEqual(names('postgresql'))
      expect((await recorded(db)).map((r) => r.migration_name)).toEqual(names('postgresql'))
    } finally {
      await db.cleanup()
    }
  })

  it('on SQLite, while another connection holds a write lock from before WAL: waits for it, says so once, then applies every migration', async () => {
    const db = await freshDatabase('sqlite')
    const file = db.url.slice('file:'.length)
    // Another connection mid-write in the rollback journal: SQLite answers the change to WAL with
    // SQLITE_BUSY at once (it would deadlock to wait), not after the busy timeout. Two instances
    // starting on a new file meet exactly this; a CI run once failed on it.
    const other = new Database(file)
    other.exec('CREATE TABLE held (id INTEGER)')
    other.exec('BEGIN IMMEDIATE')
    other.exec('INSERT INTO held VALUES (1)')
    const events: string[] = []
    try {
      const result = await applyMigrations({ provider: 'sqlite', file }, (event) => {
        events.push(event)
        if (event === 'migration_waiting') other.exec('COMMIT')
      })
      expect(events.filter((event) => event === 'migration_waiting')).toHaveLength(1)
      expect(result.applied).toEqual(names('sqlite'))
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK')
      other.close()
      await db.cleanup()
    }
  })

  it('on SQLite (two processes): both succeed and each migration is applied and recorded once', async () => {
    const db = await freshDatabase('sqlite')
    const file = db.url.slice('file:'.length)
    const code = `
      const { applyMigrations } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src', 'store', 'migrate.ts')).href)})
      const result = await applyMigrations({ provider: 'sqlite', file: ${JSON.stringify(file)} })
      process.stdout.write(JSON.stringify(result))`
    const runOne = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root })
    try {
      const outputs = await Promise.all([runOne(), runOne()])
      const applied = outputs.flatMap(({ stdout }) => (JSON.parse(stdout) as { applied: string[] }).applied)
      expect(applied.sort()).toEqual(names('sqlite'))
      expect((await recorded(db)).map((r) => r.migration_name)).toEqual(names('sqlite'))
    } finally {
      await db.cleanup()
    }
  })
})

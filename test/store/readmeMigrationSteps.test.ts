// The data-model procedure's steps (docs/data-model.md, "Changing the data model", linked from the
// README) work as written, on fresh scratch databases.
//
// The commands are read from that page itself (the bash block of that section), so the test
// follows whatever it says. In a copy of the project's Prisma files (prisma/,
// prisma.config.ts, the schema script; node_modules linked) it makes a small change to the model,
// then runs every command of the block in order, with bash, from the copy's root. The PostgreSQL
// URL of the page is replaced by a new database on the test server; without PostgreSQL in this
// run (a local run only: see test/support/postgres.ts) its commands are left out. Then, per
// provider, the one new migration must hold the change, agree with the schema (`prisma migrate
// diff --exit-code`, as the drift tests check) and be applied by the app's own migration runner.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyMigrations } from '../../src/store/migrate.ts'
import { freshDatabase, testProviders, type TestDatabase, type TestProvider } from '../support/databases.ts'
import { findSchemaEngine, prismaEnv, projectRoot, requireEngine, runPrisma, skipWithoutEngine } from '../support/schemaEngine.ts'

const engineLookup = await findSchemaEngine()
const noEngine = skipWithoutEngine(engineLookup, 'The data-model steps of docs/data-model.md')

const probeField = 'readmeStepsProbe'
const migrationsDir: Record<TestProvider, string> = { sqlite: 'prisma/migrations', postgresql: 'prisma/postgresql/migrations' }
const schemaFile: Record<TestProvider, string> = { sqlite: 'prisma/schema.prisma', postgresql: 'prisma/postgresql/schema.prisma' }

/** Where the procedure is written (the README links to it). */
const procedureFile = 'docs/data-model.md'

/** The commands of the bash block(s) in the "Changing the data model" section (any heading level), in order. */
function dataModelCommands(page: string): string[] {
  const start = page.search(/^#{1,3} Changing the data model$/m)
  if (start < 0) throw new Error(`${procedureFile} has no "Changing the data model" section`)
  const rest = page.slice(page.indexOf('\n', start) + 1)
  const next = rest.search(/^#{1,3} /m)
  const section = next < 0 ? rest : rest.slice(0, next)
  const blocks = [...section.matchAll(/^[ \t]*```(?:bash|sh)\n([\s\S]*?)^[ \t]*```/gm)].map((m) => m[1]!)
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/** Which provider a command is for: by the DATABASE_URL it sets; none for the common ones. */
function providerOf(command: string): TestProvider | null {
  if (/\bDATABASE_URL=file:/.test(command)) return 'sqlite'
  if (/\bDATABASE_URL=postgres(ql)?:\/\//.test(command)) return 'postgresql'
  return null
}

const commands = dataModelCommands(fs.readFileSync(path.join(projectRoot, procedureFile), 'utf8'))

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-readme-steps-'))
  fs.cpSync(path.join(projectRoot, 'prisma'), path.join(dir, 'prisma'), { recursive: true })
  for (const file of ['prisma.config.ts', 'package.json', 'scripts/prisma-schemas.mjs']) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.copyFileSync(path.join(projectRoot, file), path.join(dir, file))
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  return dir
}

function migrationNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

/** Runs one line of the procedure with bash in the copy; never throws. */
function shell(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe("docs/data-model.md: the procedure's commands", () => {
  it('cover both providers, each bringing its scratch database up to date before creating the migration', () => {
    for (const provider of ['sqlite', 'postgresql'] as const) {
      const own = commands.filter((command) => providerOf(command) === provider)
      const deploy = own.findIndex((command) => /\bprisma migrate deploy\b/.test(command))
      const create = own.findIndex((command) => /\bprisma migrate dev\b.*--create-only/.test(command))
      expect(deploy, `${provider}: no \`prisma migrate deploy\` in ${JSON.stringify(own)}`).toBeGreaterThanOrEqual(0)
      expect(create, `${provider}: no \`prisma migrate dev --create-only\``).toBeGreaterThan(deploy)
    }
    expect(commands.some((command) => command.includes('npm run prisma:schemas'))).toBe(true)
  })
})

describe('docs/data-model.md: changing the data model', () => {
  const providers = testProviders() // PostgreSQL's commands are left out only when this run has no PostgreSQL (see the notice)
  let project: string
  const databases: TestDatabase[] = []
  const fresh = async (provider: TestProvider) => {
    const db = await freshDatabase(provider)
    databases.push(db)
    return db
  }
  beforeEach(() => {
    project = copyProject()
  })
  afterEach(async () => {
    fs.rmSync(project, { recursive: true, force: true })
    for (const db of databases.splice(0)) await db.cleanup()
  })

  it.skipIf(noEngine)(
    `the documented commands, run in order on fresh scratch databases (${providers.join(', ')}), create migrations that match the schema`,
    { timeout: 300_000 },
    async () => {
      const engine = requireEngine(engineLookup)
      const source = path.join(project, 'prisma', 'schema.prisma')
      const changed = fs.readFileSync(source, 'utf8').replace(/^model WorkspaceSettings \{$/m, `$&\n  ${probeField} String?`)
      expect(changed).toContain(probeField)
      fs.writeFileSync(source, changed) // step 1: a small change to the model
      const before = Object.fromEntries(
        (['sqlite', 'postgresql'] as const).map((p) => [p, migrationNames(path.join(project, migrationsDir[p]))]),
      ) as Record<TestProvider, string[]>

      const scratchPostgres = providers.includes('postgresql') ? (await fresh('postgresql')).url : null
      const { DATABASE_URL: _ignored, ...base } = process.env
      const env = prismaEnv(engine, { ...base, npm_config_update_notifier: 'false' })
      const steps = commands
        .filter((command) => providerOf(command) === null || providers.includes(providerOf(command)!))
        .map((command) => (providerOf(command) === 'postgresql' ? command.replace(/postgres(ql)?:\/\/\S+/g, scratchPostgres!) : command))
      for (const step of steps) {
        const { code, output } = await shell(step, project, env)
        expect(code, `${procedureFile} step failed: ${step}\n${output}`).toBe(0)
      }

      // The derived schema carries the change.
      expect(fs.readFileSync(path.join(project, 'prisma', 'postgresql', 'schema.prisma'), 'utf8')).toContain(probeField)

      for (const provider of (['sqlite', 'postgresql'] as const)) {
        const folder = path.join(project, migrationsDir[provider])
        const added = migrationNames(folder).filter((m) => !before[provider].includes(m))
        if (!providers.includes(provider)) {
          expect(added).toEqual([])
          continue
        }
        // Exactly one new migration per provider, under the name the procedure gives, holding the change.
        const create = steps.find((step) => providerOf(step) === provider && /--create-only/.test(step))!
        const name = /--name\s+(\S+)/.exec(create)![1]!
        expect(added, provider).toHaveLength(1)
        expect(added[0]).toMatch(new RegExp(`^\\d{14}_${name}$`))
        expect(fs.readFileSync(path.join(folder, added[0]!, 'migration.sql'), 'utf8')).toContain(probeField)

        // What `npm test` checks: the migrations folder agrees with the schema…
        const diff = await runPrisma(
          engine,
          ['migrate', 'diff', '--from-migrations', migrationsDir[provider], '--to-schema', schemaFile[provider], '--exit-code'],
          { cwd: project, databaseUrl: (await fresh(provider)).url },
        )
        expect(diff.code, `${provider}: prisma migrate diff found drift after the steps of ${procedureFile}:\n${diff.output}`).toBe(0)

        // …and the app applies the new migration at its next start.
        const target = await fresh(provider)
        const { applied } = await applyMigrations(
          provider === 'sqlite' ? { provider, file: target.url.slice('file:'.length) } : { provider, url: target.url },
          undefined,
          { migrationsDir: folder },
        )
        expect(applied).toEqual([...before[provider], added[0]])
      }
    },
  )
})

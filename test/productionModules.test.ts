// What an idle production process holds (issue 15): `node dist/main.js`, started and left alone,
// loads only what serving needs. The workbook writer, the holiday rules, the Markdown tooling,
// the chart renderer, the other database's client and driver, and the sandbox are loaded when
// first used, or never. Each of them cost memory an idle app never used (the whole figure is the
// bench's: npm run bench). Modules are recorded by test/support/moduleRecorder.mjs, loaded with
// --import before the app; which ones load is a fact about the build, not a time.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { appStopMs, exitWithin, freePort, killLeftoverApps, processTestMs, readyLine, repo, startAppProcess } from './support/appProcess.ts'
import { freshDatabase, testProviders, type TestDatabase } from './support/databases.ts'
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.ts'

let buildRoot: string
let fake: FakeSlack

beforeAll(async () => {
  // `npm run build` into a copy of the project's layout, as test/process.test.ts does.
  buildRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-modules-'))
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(buildRoot, 'node_modules'), 'dir')
  fs.symlinkSync(path.join(repo, 'prisma'), path.join(buildRoot, 'prisma'), 'dir')
  fs.copyFileSync(path.join(repo, 'package.json'), path.join(buildRoot, 'package.json'))
  execFileSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(repo, 'tsconfig.build.json'), '--outDir', path.join(buildRoot, 'dist')], { cwd: repo, stdio: 'pipe' })
  fake = await startFakeSlack({ botToken: 'xoxb-modules' })
}, 300_000)

afterEach(killLeftoverApps)

afterAll(async () => {
  await fake?.close()
  if (buildRoot) fs.rmSync(buildRoot, { recursive: true, force: true })
})

/** Starts the production build on `databaseUrl`, waits until it is ready, and returns every module it has loaded. */
async function modulesOfIdleApp(databaseUrl: string): Promise<string[]> {
  const record = path.join(buildRoot, `modules-${Date.now()}`)
  const child = startAppProcess({
    SLACK_BOT_TOKEN: 'xoxb-modules', SLACK_SIGNING_SECRET: '0123456789abcdef', SLACK_API_URL: fake.apiUrl,
    PORT: String(await freePort()), DATABASE_URL: databaseUrl, MODULE_RECORD: record,
  }, { command: ['--import', path.join(repo, 'test', 'support', 'moduleRecorder.mjs'), path.join(buildRoot, 'dist', 'main.js')] })
  await readyLine(child)
  child.process.kill('SIGUSR2')
  const deadline = Date.now() + 30_000
  while (!fs.existsSync(`${record}.done`)) {
    if (Date.now() > deadline) throw new Error(`the app did not list its modules; stderr:\n${child.stderr()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  child.process.kill('SIGTERM')
  expect(await exitWithin(child, appStopMs, 'the app to stop')).toEqual({ code: 0, signal: null })
  const read = (suffix: string) => fs.readFileSync(`${record}${suffix}`, 'utf8').split('\n').filter(Boolean)
  return [...read('.esm'), ...read('.cjs')].map((module) => module.replace(/^file:\/\//, ''))
}

/** The packages (node_modules/<name>) and build folders (dist/<folder>) among `modules`. */
function sources(modules: string[]): Set<string> {
  const found = new Set<string>()
  for (const module of modules) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(module)
    if (pkg) found.add(pkg[1]!)
    const built = /\/dist\/((?:generated\/)?[^/]+)\//.exec(module)
    if (built && module.startsWith(buildRoot)) found.add(`dist/${built[1]}`)
  }
  return found
}

// Loaded when first used: a workbook export, a holiday question, a chart, a Markdown export, a figures file read.
const onFirstUse = [
  'exceljs', 'date-holidays', 'date-holidays-parser', 'moment-timezone', 'astronomia',
  'mdast-util-to-markdown', 'mdast-util-gfm-table', 'vega', 'vega-lite', '@napi-rs/canvas', 'dist/charts', 'dist/export',
  'csv-parse', 'read-excel-file',
]
// Never, in the production start.
const never = ['dist/sandbox', 'tsx', 'typescript', 'prisma']

describe.each(testProviders())('an idle node dist/main.js on %s', (provider) => {
  let database: TestDatabase
  beforeAll(async () => { database = await freshDatabase(provider) })
  afterAll(() => database?.cleanup())

  it('has loaded only what serving needs, and only its own database client', async () => {
    const modules = await modulesOfIdleApp(database.url)
    const loaded = sources(modules)
    // The recorder sees what serving needs (else the assertions below would hold for nothing).
    for (const needed of ['@slack/bolt', '@prisma/client', 'zod', 'luxon', 'dist/slack', 'dist/store']) expect(loaded, needed).toContain(needed)
    for (const lazy of [...onFirstUse, ...never]) expect(loaded, `${lazy} is loaded in an idle process`).not.toContain(lazy)
    const [own, other] = provider === 'sqlite'
      ? [['better-sqlite3', '@prisma/adapter-better-sqlite3', 'dist/generated/sqlite'], ['pg', '@prisma/adapter-pg', 'dist/generated/postgresql']]
      : [['pg', '@prisma/adapter-pg', 'dist/generated/postgresql'], ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'dist/generated/sqlite']]
    for (const module of own) expect(loaded, module).toContain(module)
    for (const module of other) expect(loaded, `${module} is loaded on ${provider}`).not.toContain(module)
    // The query compiler is read from its file and let go, not imported as a module of base64 text.
    expect(modules.filter((module) => module.includes('wasm-base64'))).toEqual([])
  }, processTestMs)
})

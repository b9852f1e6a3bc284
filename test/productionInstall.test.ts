// A production install, as docs/deploy.md describes it: the build output (dist/, compiled with the
// Prisma clients) beside package.json, package-lock.json, .npmrc, prisma/ (the migrations) and the
// postinstall script, then `npm ci --omit=dev` from the registry and `node dist/main.js`. It must
// hold no build or development tool (the Prisma CLI, TypeScript, tsx, vitest), start on an empty
// database of either kind, migrate it and serve. Installing compiles better-sqlite3 where no
// prebuilt binary can be fetched: this file takes minutes and runs in the cpu-bound project.
import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { appStopMs, exitWithin, expectOnlyStartupLines, freePort, jsonLogs, killLeftoverApps, readyLine, repo, startAppProcess } from './support/appProcess.ts'
import { freshDatabase, testProviders, type TestDatabase } from './support/databases.ts'
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.ts'
import { AppClient } from './support/slackRequests.ts'

const run = promisify(execFile)
const installMs = 20 * 60_000

let root: string
let fake: FakeSlack

/** Bytes of the files under `dir` (symbolic links not followed). */
function sizeOf(dir: string): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) total += sizeOf(full)
    else if (entry.isFile()) total += fs.statSync(full).size
  }
  return total
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-desk-production-'))
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) fs.copyFileSync(path.join(repo, file), path.join(root, file))
  fs.mkdirSync(path.join(root, 'scripts'))
  fs.copyFileSync(path.join(repo, 'scripts', 'prisma-schemas.mjs'), path.join(root, 'scripts', 'prisma-schemas.mjs'))
  fs.cpSync(path.join(repo, 'prisma'), path.join(root, 'prisma'), { recursive: true })
  // `npm run build` (done where the development install is), its output copied with the rest.
  execFileSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(repo, 'tsconfig.build.json'), '--outDir', path.join(root, 'dist')], { cwd: repo, stdio: 'pipe' })
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const { stdout } = await run(npm, ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: root, timeout: installMs, maxBuffer: 16 * 1024 * 1024 })
  expect(stdout).toContain('Prisma CLI not installed (a production install)')
  fake = await startFakeSlack({ botToken: 'xoxb-production' })
  fake.addUser({ id: 'U1', name: 'ana' })
  fake.addChannel({ id: 'C1', name: 'campaigns', members: [fake.botUserId, 'U1'] })
}, installMs + 120_000)

afterEach(killLeftoverApps)

afterAll(async () => {
  await fake?.close()
  if (root) fs.rmSync(root, { recursive: true, force: true })
})

describe('npm ci --omit=dev', () => {
  it('installs no build or development tool, only what node dist/main.js loads', () => {
    for (const tool of ['prisma', 'typescript', 'tsx', 'vitest', 'esbuild', '@prisma/engines', '@prisma/studio-core']) {
      expect(fs.existsSync(path.join(root, 'node_modules', tool)), `${tool} is in a production install`).toBe(false)
    }
    for (const needed of ['@prisma/client', '@slack/bolt', 'better-sqlite3', 'pg', 'undici']) {
      expect(fs.existsSync(path.join(root, 'node_modules', needed)), `${needed} is missing from a production install`).toBe(true)
    }
    // The figure docs/deploy.md gives (about 350 MB with this lock file).
    console.info(`production install: ${(sizeOf(path.join(root, 'node_modules')) / 1e6).toFixed(0)} MB in node_modules`)
  })

  describe.each(testProviders())('then node dist/main.js on an empty %s database', (provider) => {
    let database: TestDatabase
    beforeAll(async () => { database = await freshDatabase(provider) })
    afterAll(() => database?.cleanup())

    it('starts, applies every migration, serves a command and stops on SIGTERM', async () => {
      const port = await freePort()
      const child = startAppProcess({
        SLACK_BOT_TOKEN: 'xoxb-production', SLACK_SIGNING_SECRET: '0123456789abcdef', SLACK_API_URL: fake.apiUrl,
        PORT: String(port), DATABASE_URL: database.url,
      }, { command: [path.join(root, 'dist', 'main.js')] })
      expect(await readyLine(child)).toMatch(/listening on port \d+ at \/slack\/events/)

      const migrations = fs.readdirSync(path.join(root, 'prisma', ...(provider === 'sqlite' ? [] : ['postgresql']), 'migrations'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory()).map((entry) => entry.name)
      const applied = jsonLogs(child.stdout()).filter((log) => log.msg === 'migration_applied').map((log) => log.name)
      expect(applied).toEqual(migrations)

      const slack = new AppClient({ baseUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: '0123456789abcdef', slack: fake })
      const since = fake.calls.length
      const answer = await slack.slashCommand({ teamId: 'T1', userId: 'U1', channelId: 'C1', text: 'new' })
      expect(answer.status).toBe(200)
      const opened = await fake.waitFor('views.open', () => true, { since, timeoutMs: 30_000 })
      expect(opened.args.view.callback_id).toBe('campaign_proposal')

      child.process.kill('SIGTERM')
      expect(await exitWithin(child, appStopMs, 'the app to stop on SIGTERM')).toEqual({ code: 0, signal: null })
      expectOnlyStartupLines(child.stderr())
    }, 300_000)
  })
})

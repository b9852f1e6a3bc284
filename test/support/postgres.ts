// One throwaway PostgreSQL server for a whole test run (started by test/support/globalSetup.ts).
//
// In order of preference:
// 1. TEST_DATABASE_URL, when the person gives one: used as is (the role needs CREATEDB; each test
//    database is created and dropped on it), nothing is started or stopped;
// 2. the newest /usr/lib/postgresql/*/bin (Debian/Ubuntu `apt-get install postgresql`): a private
//    server in a temporary directory, on a free port, trust auth, fsync off; stopped and removed
//    at the end of the run;
// 3. neither: on CI (CI=true) that is an error; elsewhere the PostgreSQL tests are skipped with one
//    notice, and the SQLite ones still run.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a PostgreSQL role that may CREATE DATABASE, or null when PostgreSQL tests are skipped. */
    postgresAdminUrl: string | null
  }
}

const run = promisify(execFile)

export type TestPostgres = {
  adminUrl: string
  stop(): Promise<void>
}

/** The newest PostgreSQL bin directory under /usr/lib/postgresql, or null. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string | null {
  let versions: string[]
  try {
    versions = fs.readdirSync(root)
  } catch {
    return null
  }
  const bins = versions
    .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  const newest = bins.at(-1)
  return newest === undefined ? null : path.join(root, newest, 'bin')
}

/** A TCP port nobody listens on right now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))))
    })
  })
}

/**
 * Provides the PostgreSQL for this run: TEST_DATABASE_URL, or a server started from the local
 * binaries, or null (with one notice) when there is neither and this is not CI.
 */
export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres | null> {
  const given = env.TEST_DATABASE_URL?.trim()
  if (given) return { adminUrl: given, stop: async () => {} }

  const bin = findPostgresBin()
  if (!bin) {
    const why = 'no PostgreSQL binaries in /usr/lib/postgresql/*/bin and TEST_DATABASE_URL is not set'
    if (env.CI === 'true') {
      throw new Error(
        'PostgreSQL binaries are missing: nothing in /usr/lib/postgresql/*/bin and TEST_DATABASE_URL is not set. ' +
          'Install them with `apt-get install postgresql` (apt does not start a server; the tests start their own), ' +
          'or set TEST_DATABASE_URL=postgresql://… to a server where the role may CREATE DATABASE.',
      )
    }
    console.warn(
      `[tests] PostgreSQL tests are SKIPPED: ${why}. Run \`apt-get install postgresql\` or set TEST_DATABASE_URL=postgresql://… to run them.`,
    )
    return null
  }
  return startServer(bin)
}

async function startServer(bin: string): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-pg-'))
  // PostgreSQL refuses to run as root: run its programs as the `postgres` user then.
  const asRoot = process.getuid?.() === 0
  const as = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]) : run(path.join(bin, program), args)
  const data = path.join(dir, 'data')
  const logFile = path.join(dir, 'log')
  let started = false
  try {
    if (asRoot) await run('chown', ['postgres:', dir])
    await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'])
    const port = await freePort()
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
    await as('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start'])
    started = true
    return {
      adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        try {
          await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
        } finally {
          fs.rmSync(dir, { recursive: true, force: true })
        }
      },
    }
  } catch (error) {
    let log = ''
    try {
      log = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n')
    } catch {}
    if (started) await as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => {})
    fs.rmSync(dir, { recursive: true, force: true })
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`Could not start the test PostgreSQL from ${bin}: ${message}${log ? `\n${log}` : ''}`, { cause: error })
  }
}

// A Prisma schema engine for the tests that run the Prisma CLI (`migrate diff`, `deploy`, `dev`).
//
// The CLI runs every migrate command through a native schema engine, which it downloads on first
// use. Where the tests find one, in order:
// 1. PRISMA_SCHEMA_ENGINE_BINARY, when set: the person's own engine, used as is;
// 2. an offline stand-in kept next to the clone, at ../shared/tools/prisma-offline/schema-engine-shim.mjs
//    (machines without internet keep one there; it forwards the CLI's calls to Prisma's WebAssembly
//    engine), when that file exists;
// 3. the engine the CLI gets for itself, as on any connected machine: tried once per test file with a
//    `migrate diff` that needs it (without internet the download fails, in a few seconds);
// 4. none: with CI=true the tests that need an engine fail and say why; elsewhere they are skipped
//    after one notice, like the PostgreSQL tests (test/support/postgres.ts).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const prismaCli = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js')
const offlineStandIn = path.resolve(projectRoot, '..', 'shared', 'tools', 'prisma-offline', 'schema-engine-shim.mjs')

export type SchemaEngine =
  | { source: 'PRISMA_SCHEMA_ENGINE_BINARY' | 'offline stand-in'; binary: string }
  /** The CLI's own engine: PRISMA_SCHEMA_ENGINE_BINARY stays unset and the CLI finds it. */
  | { source: 'downloaded by the Prisma CLI' }

export type EngineLookup = { engine: SchemaEngine; why?: undefined } | { engine: null; why: string }

export type PrismaRun = { code: number | null; output: string }

/** Runs the Prisma CLI with the given engine; never throws (the exit code and output say what happened). */
export function runPrisma(
  engine: SchemaEngine | null,
  args: string[],
  options: { cwd?: string; databaseUrl?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<PrismaRun> {
  const env = prismaEnv(engine, options.env ?? process.env)
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl
  return runNode([prismaCli, ...args], options.cwd ?? projectRoot, env, options.timeoutMs)
}

/** The environment for a Prisma CLI process: the engine's variable set (or removed), no update checks. */
export function prismaEnv(engine: SchemaEngine | null, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' }
  if (engine && 'binary' in engine) env.PRISMA_SCHEMA_ENGINE_BINARY = engine.binary
  else delete env.PRISMA_SCHEMA_ENGINE_BINARY
  return env
}

/** Where the schema engine comes from, or why there is none (see the order at the top). */
export async function findSchemaEngine(
  options: { env?: NodeJS.ProcessEnv; standIn?: string; timeoutMs?: number } = {},
): Promise<EngineLookup> {
  const env = options.env ?? process.env
  const configured = env.PRISMA_SCHEMA_ENGINE_BINARY?.trim()
  if (configured) return { engine: { source: 'PRISMA_SCHEMA_ENGINE_BINARY', binary: configured } }
  const standIn = options.standIn ?? offlineStandIn
  if (fs.existsSync(standIn)) return { engine: { source: 'offline stand-in', binary: standIn } }

  const own: SchemaEngine = { source: 'downloaded by the Prisma CLI' }
  const probe = await runPrisma(
    own,
    ['migrate', 'diff', '--from-empty', '--to-schema', path.join(projectRoot, 'prisma', 'schema.prisma'), '--script'],
    { env, timeoutMs: options.timeoutMs ?? 300_000 },
  )
  if (probe.code === 0) return { engine: own }
  const reason = /^Error: (.+)$/m.exec(probe.output)?.[1] ?? probe.output.trim().split('\n').at(-1) ?? `exit code ${probe.code}`
  return { engine: null, why: `the Prisma CLI could not get its own schema engine (${reason.slice(0, 200)})` }
}

/**
 * Whether the tests needing an engine are skipped: only without an engine and not on CI (one notice
 * then). On CI they run, and `requireEngine` makes each of them fail with the reason.
 */
export function skipWithoutEngine(lookup: EngineLookup, what: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (lookup.engine || env.CI === 'true') return false
  console.warn(`[tests] ${what} SKIPPED: no Prisma schema engine: PRISMA_SCHEMA_ENGINE_BINARY is not set and ${lookup.why}. ${howToGetOne}`)
  return true
}

/** The engine, or an error saying why there is none and how to get one. */
export function requireEngine(lookup: EngineLookup): SchemaEngine {
  if (lookup.engine) return lookup.engine
  throw new Error(`No Prisma schema engine: PRISMA_SCHEMA_ENGINE_BINARY is not set and ${lookup.why}. ${howToGetOne}`)
}

const howToGetOne =
  'Run once with internet access (the Prisma CLI downloads its engine) or set PRISMA_SCHEMA_ENGINE_BINARY to a schema engine.'

function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<PrismaRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`
      child.kill('SIGKILL')
    }, timeoutMs)
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

#!/usr/bin/env node
// Keeps the two Prisma schemas in step and generates both clients.
//
// Prisma ties a schema, its migrations and its generated client to one provider (the provider
// cannot come from env()), so SQLite and PostgreSQL need two schema files. prisma/schema.prisma
// is the source; prisma/postgresql/schema.prisma is derived here and must never be edited by hand.
//
//   node scripts/prisma-schemas.mjs derive     write the PostgreSQL schema
//   node scripts/prisma-schemas.mjs generate   derive, then generate both clients (runs at npm install)
//
// A production install (`npm ci --omit=dev`) has no Prisma CLI: there the clients come compiled in
// dist/generated/ (`npm run build`), and `generate` says so and does nothing.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const sqliteSchemaPath = path.join(root, 'prisma', 'schema.prisma')
export const postgresSchemaPath = path.join(root, 'prisma', 'postgresql', 'schema.prisma')

/** The PostgreSQL schema text derived from the SQLite source: only provider and output change. */
export function derivePostgresSchema(sqliteSchema) {
  const derived = sqliteSchema
    .replace('output       = "../src/generated/sqlite"', 'output       = "../../src/generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
  if (derived === sqliteSchema || !derived.includes('"postgresql"') || !derived.includes('generated/postgresql')) {
    throw new Error('prisma/schema.prisma no longer has the generator output or provider line this script rewrites')
  }
  return '// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs: edit the source, not this file.\n' + derived
}

function derive() {
  fs.mkdirSync(path.dirname(postgresSchemaPath), { recursive: true })
  fs.writeFileSync(postgresSchemaPath, derivePostgresSchema(fs.readFileSync(sqliteSchemaPath, 'utf8')))
}

/**
 * The generated client imports the query compiler as a JavaScript module holding it in base64
 * (4.4 MB of text). A module stays loaded for the life of the process, so that text (twice: the
 * source and the string) stayed in the heap, 8.4 MiB of an idle process. Read as a file instead,
 * it is decoded, compiled and let go.
 */
export function loadQueryCompilerFromFile(classSource) {
  const imported = /const \{ wasm \} = await import\(("@prisma\/client\/runtime\/query_compiler_\w+_bg\.\w+\.wasm-base64\.mjs")\)\n(\s*)return await decodeBase64AsWasm\(wasm\)/
  const match = imported.exec(classSource)
  if (!match) throw new Error('the generated client no longer loads its query compiler the way scripts/prisma-schemas.mjs rewrites')
  const [whole, specifier, indent] = match
  return classSource.replace(whole, [
    '// Read as a file, not imported as a module (scripts/prisma-schemas.mjs): the base64 text is let go once compiled.',
    `${indent}const { createRequire } = await import('node:module')`,
    `${indent}const { readFile } = await import('node:fs/promises')`,
    `${indent}const text = await readFile(createRequire(import.meta.url).resolve(${specifier}), 'latin1')`,
    `${indent}return await decodeBase64AsWasm(text.slice(text.indexOf('"') + 1, text.lastIndexOf('"')))`,
  ].join('\n'))
}

function generate() {
  const prisma = path.join(root, 'node_modules', 'prisma', 'build', 'index.js')
  if (!fs.existsSync(prisma)) {
    console.log('Prisma CLI not installed (a production install): the Prisma clients are the ones compiled in dist/generated/')
    return
  }
  derive()
  // `prisma generate` never runs the schema engine, but the CLI still tries to download it
  // first; offline that fails. Any existing file satisfies the check, so point it at node itself
  // unless the person has configured an engine.
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath }
  for (const [schema, output] of [[sqliteSchemaPath, 'sqlite'], [postgresSchemaPath, 'postgresql']]) {
    execFileSync(process.execPath, [prisma, 'generate', '--schema', schema], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
    const classFile = path.join(root, 'src', 'generated', output, 'internal', 'class.ts')
    fs.writeFileSync(classFile, loadQueryCompilerFromFile(fs.readFileSync(classFile, 'utf8')))
  }
  console.log('Prisma clients generated: src/generated/sqlite, src/generated/postgresql')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'generate'
  if (command === 'derive') derive()
  else if (command === 'generate') generate()
  else { console.error(`unknown command: ${command}`); process.exit(2) }
}

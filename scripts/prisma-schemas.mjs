#!/usr/bin/env node
// Keeps the two Prisma schemas in step and generates both clients.
//
// Prisma ties a schema, its migrations and its generated client to one provider (the provider
// cannot come from env()), so SQLite and PostgreSQL need two schema files. prisma/schema.prisma
// is the source; prisma/postgresql/schema.prisma is derived here and must never be edited by hand.
//
//   node scripts/prisma-schemas.mjs derive     write the PostgreSQL schema
//   node scripts/prisma-schemas.mjs generate   derive, then generate both clients (runs at npm install)
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

function generate() {
  derive()
  // `prisma generate` never runs the schema engine, but the CLI still tries to download it
  // first; offline that fails. Any existing file satisfies the check, so point it at node itself
  // unless the person has configured an engine.
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath }
  const prisma = path.join(root, 'node_modules', 'prisma', 'build', 'index.js')
  for (const schema of [sqliteSchemaPath, postgresSchemaPath]) {
    execFileSync(process.execPath, [prisma, 'generate', '--schema', schema], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
  }
  console.log('Prisma clients generated: src/generated/sqlite, src/generated/postgresql')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'generate'
  if (command === 'derive') derive()
  else if (command === 'generate') generate()
  else { console.error(`unknown command: ${command}`); process.exit(2) }
}

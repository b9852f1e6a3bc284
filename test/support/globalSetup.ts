// Vitest global setup: one throwaway PostgreSQL for the whole run (see ./postgres.ts). Its admin
// URL reaches the tests as inject('postgresAdminUrl') — null when PostgreSQL tests are skipped.
import type { TestProject } from 'vitest/node'
import { startTestPostgres } from './postgres.ts'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startTestPostgres()
  project.provide('postgresAdminUrl', postgres?.adminUrl ?? null)
  return async () => {
    await postgres?.stop()
  }
}

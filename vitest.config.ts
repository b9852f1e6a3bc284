import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One throwaway PostgreSQL for the whole run (or TEST_DATABASE_URL); see test/support/postgres.ts.
    globalSetup: ['test/support/globalSetup.ts'],
    // End-to-end tests start real HTTP servers; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on 2 CPUs is one file at a time; most of an end-to-end test is waiting on
    // loopback HTTP and the database, so three files at once keep both cores busy.
    maxWorkers: 3,
    // The JSON report is what .ci/run summarises ("N passed, N failed").
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
})

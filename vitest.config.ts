import { defineConfig } from 'vitest/config'

// Files that run child processes, npm ci, the Prisma CLI or the chart renderer keep a core busy for
// seconds at a time: they run first, one at a time. The rest mostly wait on loopback HTTP and the
// database, so three of those run at once (vitest's default on 2 CPUs would be one).
// The sandbox's browser tests run chromium beside the app: the same.
const cpuBound = [
  'test/productionInstall.test.ts', 'test/productionModules.test.ts', 'test/process.test.ts', 'test/startup.test.ts', 'test/store/schema.test.ts',
  'test/store/readmeMigrationSteps.test.ts', 'test/charts/**/*.test.ts', 'test/sandbox/pageInBrowser.test.ts', 'test/sandbox/start.test.ts',
]

export default defineConfig({
  test: {
    // One throwaway PostgreSQL for the whole run (or TEST_DATABASE_URL); see test/support/postgres.ts.
    globalSetup: ['test/support/globalSetup.ts'],
    // End-to-end tests start real HTTP servers; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report is what .ci/run summarises ("N passed, N failed").
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { extends: true, test: { name: 'cpu-bound', include: cpuBound, maxWorkers: 1, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'app', include: ['test/**/*.test.ts'], exclude: cpuBound, maxWorkers: 3, sequence: { groupOrder: 1 } } },
    ],
  },
})

import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module) builds. Node, and so every dependency, loads the
    // CJS one; Vite would hand our sources the ESM one, and two graphql instances reject each
    // other's types ("from another module or realm"). One instance, as in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The JSON report lets .ci/run print a one-line tally.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    globalSetup: ['test/support/global-setup.ts'],
    // Every file has its own database and Redis prefix, so files run in parallel.
    fileParallelism: true,
    pool: 'forks',
    maxWorkers: 3,
    // Generous: CI shares two cores with PostgreSQL, Redis, Chromium and the servers under test.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})

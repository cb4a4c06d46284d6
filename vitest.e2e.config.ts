import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: the end-to-end scenarios only (tests/e2e/**\/*.e2e.test.ts), one file after another in one
 * worker process, so one Chromium runs at a time. The default `npm test` (vitest.config.ts) includes them too.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    globalSetup: ['tests/helpers/system-tools-setup.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

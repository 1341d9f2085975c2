import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:sea`: the process-level suites again, with the single-file executable named by
// KSP_CLI_BINARY standing in for the npm entry point, plus the executable's own tests.
if (!process.env.KSP_CLI_BINARY) {
  throw new Error('KSP_CLI_BINARY must name the single-file executable (node scripts/sea.mjs builds it)');
}

// Not mergeConfig: it concatenates arrays, so the base's `include` (every suite) and `exclude`
// (test/sea/**) would win, and the executable's own suites would never run.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/cli/**/*.test.ts', 'test/cluster/**/*.test.ts', 'test/sea/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
  },
});

import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:sea`: the process-level suites again, with the single-file executable named by
// KSP_CLI_BINARY standing in for the npm entry point, plus the executable's own tests.
if (!process.env.KSP_CLI_BINARY) {
  throw new Error('KSP_CLI_BINARY must name the single-file executable (node scripts/sea.mjs builds it)');
}

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/cli/**/*.test.ts', 'test/cluster/**/*.test.ts', 'test/sea/**/*.test.ts'],
    // Given whole, not merged: merging would keep the base config's exclusion of test/sea.
    exclude: ['**/node_modules/**'],
  },
});

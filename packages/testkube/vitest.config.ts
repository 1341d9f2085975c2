import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./dist/vitest-global-setup.js'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

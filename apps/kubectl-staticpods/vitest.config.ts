import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The single-file executable's own suites run in `npm run test:sea` (vitest.sea.config.ts).
    exclude: ['test/sea/**', '**/node_modules/**'],
    // One real kube-apiserver + etcd for the whole run (@staticpods/testkube), shared by all files.
    globalSetup: ['../../packages/testkube/dist/vitest-global-setup.js'],
    // The built CLI runs under Node's own loader, as oclif loads it, not through vitest's runner.
    server: { deps: { external: [/\/apps\/kubectl-staticpods\/dist\//] } },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

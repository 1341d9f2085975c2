import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One real kube-apiserver + etcd for the run (or the one named by TESTKUBE_STATE): every
    // DaemonSet the suite produces is sent to it with a server-side dry run.
    globalSetup: [fileURLToPath(import.meta.resolve('@staticpods/testkube/vitest-global-setup'))],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

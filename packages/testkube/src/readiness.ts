import { existsSync } from 'node:fs';
import type { ControlPlaneClient } from './cluster-client.js';
import { createClient } from './http.js';
import { httpGetStatus, type WaitOptions, waitUntil } from './wait.js';

/** Waits for etcd's `/readyz` (3.5.11+), falling back to `/health` (3.4) when it is a 404. */
export function waitForEtcd(clientUrl: string, o: WaitOptions): Promise<void> {
  return waitUntil(
    'etcd readiness',
    async () => {
      const s = await httpGetStatus(`${clientUrl}/readyz`);
      return s === 200 || (s === 404 && (await httpGetStatus(`${clientUrl}/health`)) === 200);
    },
    o,
  );
}

/**
 * How long one readiness probe may take. Short, so a probe that reaches something other than our
 * server (another process took the port; it may accept and never answer) cannot outlast the
 * check for our process's exit between probes.
 */
export const PROBE_TIMEOUT_MS = 2_000;

/** Waits for kube-apiserver's `/readyz`, asked anonymously over TLS verified with the cluster CA. */
export async function waitForApiserver(server: string, ca: string, o: WaitOptions): Promise<void> {
  const anonymous = createClient({ server, ca });
  try {
    await waitUntil(
      'kube-apiserver /readyz',
      async () =>
        (await anonymous.request('GET', '/readyz', undefined, undefined, { timeoutMs: PROBE_TIMEOUT_MS }))
          .status === 200,
      o,
    );
  } finally {
    anonymous.close();
  }
}

// `/readyz` turns 200 once the post-start hooks have *started*; the objects the suites rely on
// may still be on their way (spec §4.1): kube-system comes from the system-namespaces controller
// (pkg/controlplane/controller/systemnamespaces), system-node-critical from the
// scheduling/bootstrap-system-priority-classes hook (pkg/registry/scheduling/rest).
const BOOTSTRAP_OBJECTS = [
  '/api/v1/namespaces/kube-system',
  '/apis/scheduling.k8s.io/v1/priorityclasses/system-node-critical',
];

/** Waits until the bootstrap objects mirror pods depend on exist (read as admin). */
export async function waitForBootstrapObjects(cp: ControlPlaneClient, o: WaitOptions): Promise<void> {
  for (const path of BOOTSTRAP_OBJECTS) {
    await waitUntil(path, async () => (await cp.client('admin').request('GET', path)).status === 200, o);
  }
}

/** Waits until a process has created its unix socket. */
export function waitForSocket(path: string, o: WaitOptions): Promise<void> {
  return waitUntil(`socket ${path}`, async () => existsSync(path), o);
}

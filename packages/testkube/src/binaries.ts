import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute paths of the real Kubernetes binaries the suites run against. */
export interface TestBinaries {
  kubeApiserver: string;
  etcd: string;
  kubectl: string;
  kubeletOracle: string;
  /** core's config-hash layout generator (packages/core/go/gen-hash-layout). */
  hashLayout: string;
  /** go/hollow-node: kubemark's hollow kubelet (the real kubelet, fake container runtime). */
  hollowNode: string;
  kubeControllerManager: string;
  kubeScheduler: string;
}

// Both src/ and dist/ sit one level below the package root, so this resolves from either.
const SCRIPT = fileURLToPath(new URL('../go/build-testbin.sh', import.meta.url));

const KEYS = {
  KUBE_APISERVER: 'kubeApiserver',
  ETCD: 'etcd',
  KUBECTL: 'kubectl',
  KUBELET_ORACLE: 'kubeletOracle',
  HASH_LAYOUT: 'hashLayout',
  HOLLOW_NODE: 'hollowNode',
  KUBE_CONTROLLER_MANAGER: 'kubeControllerManager',
  KUBE_SCHEDULER: 'kubeScheduler',
} as const satisfies Record<string, keyof TestBinaries>;

const NEEDS =
  'testkube needs kube-apiserver, kube-controller-manager, kube-scheduler v1.37.2, etcd v3.6.16, kubectl, ' +
  'kubelet-oracle and hollow-node. They are built from Go ' +
  'modules by packages/testkube/go/build-testbin.sh, which needs Go >= 1.26 on PATH and access to the Go ' +
  'module proxy (https://proxy.golang.org); a cold build took about 7 min on 2 cores (peak RSS 2.2 GiB) and caches the ' +
  'binaries under ~/.cache/kubectl-staticpods/testbin. Alternatively set KUBEBUILDER_ASSETS to a directory ' +
  'holding kube-apiserver and etcd (and optionally kubectl); kubelet-oracle, hollow-node and the ' +
  'controllers are always built from Go modules and therefore still need Go unless they are already cached.';

let cached: Promise<TestBinaries> | undefined;

/**
 * Runs `go/build-testbin.sh` (a no-op taking seconds when the cache is warm) and returns the
 * binaries' absolute paths. The script's stderr is streamed to ours so a cold build shows progress.
 * Memoised per process.
 */
export function ensureBinaries(): Promise<TestBinaries> {
  cached ??= runScript().catch((err: unknown) => {
    cached = undefined; // let a later call retry, e.g. after Go was installed
    throw err;
  });
  return cached;
}

/** Parses the script's `KEY=VALUE` stdout lines; ignores anything else a tool printed there. */
export function parseBinaryLines(stdout: string): Partial<TestBinaries> {
  const out: Partial<TestBinaries> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([A-Z_]+)=(\/.*)$/.exec(line.trim());
    const key = m?.[1] as keyof typeof KEYS | undefined;
    if (m?.[2] && key && key in KEYS) out[KEYS[key]] = m[2];
  }
  return out;
}

function runScript(): Promise<TestBinaries> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      process.stderr.write(d);
      stderrTail = (stderrTail + d).slice(-4000);
    });
    child.on('error', (err) => reject(new Error(`could not run ${SCRIPT}: ${err.message}\n${NEEDS}`)));
    child.on('close', (code, signal) => {
      if (code !== 0) {
        const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`${SCRIPT} ${why}.\n${NEEDS}\nLast output:\n${stderrTail}`));
        return;
      }
      const found = parseBinaryLines(stdout);
      const missing = Object.values(KEYS).filter((k) => !found[k] || !isExecutable(found[k]));
      if (missing.length > 0) {
        reject(new Error(`${SCRIPT} did not provide executable ${missing.join(', ')}.\nstdout:\n${stdout}`));
        return;
      }
      resolve(found as TestBinaries);
    });
  });
}

function isExecutable(path: string | undefined): boolean {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

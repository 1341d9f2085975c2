import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBinaries, type TestBinaries } from './binaries.js';
import type { ControlPlaneClient } from './cluster-client.js';
import { NODE_ADDRESS } from './egress-proxy.js';
import { issueServingCert } from './pki.js';
import { startError, startOnFreePorts } from './port-retry.js';
import {
  isRunning,
  readLog,
  rssKib,
  type StartedProcess,
  startProcess,
  stopProcess,
  tailLines,
} from './processes.js';
import { keepRunDir } from './run-dir.js';
import { isKubeletSettableLabel } from './simulated-kubelet.js';
import { isStatus, type Node, type Taint } from './types.js';
import { waitUntil } from './wait.js';

/** Options for {@link startNode}. */
export interface StartNodeOptions {
  /** The Node's name (lower case; unique within the control plane). */
  name: string;
  /**
   * The kubelet's `staticPodPath`: a directory (created if missing) or a single manifest file.
   * Default: `<node dir>/manifests`, an empty directory.
   */
  staticPodPath?: string;
  /**
   * Node labels. Those a kubelet may set on itself go to its `--node-labels` (the kubelet
   * registers with them); the others (e.g. `node-role.kubernetes.io/*`) are added by the admin
   * once the Node exists, as a cluster operator would.
   */
  labels?: Record<string, string>;
  /** The kubelet's `registerWithTaints`. */
  taints?: Taint[];
  /** The kubelet's `fileCheckFrequency`. Default 1000 ms (the kubelet's default is 20 s). */
  fileCheckFrequencyMs?: number;
  /** Budget from spawn to Ready. Default 120 s. */
  timeoutMs?: number;
  /** Use these binaries instead of the ones of the control plane or {@link ensureBinaries}. */
  binaries?: Pick<TestBinaries, 'hollowNode'>;
}

/** A running hollow node: the real kubelet with a fake container runtime. */
export interface HollowNode {
  readonly name: string;
  /** The node's own directory: root dir, certificates, logs, and the default staticPodPath. */
  readonly dir: string;
  readonly staticPodPath: string;
  /** Port of the kubelet's HTTPS server on 127.0.0.1. */
  readonly port: number;
  readonly pid: number;
  /** From spawning the kubelet to the Node Ready and its server answering through nodes/proxy. */
  readonly startupMs: number;
  /** Kubeconfig of the node's identity (`system:node:<name>`, group `system:nodes`). */
  readonly kubeconfig: string;
  /** The mirror Pod name the kubelet gives a static Pod named `podName` (`<podName>-<node>`). */
  mirrorPodName(podName: string): string;
  /**
   * Writes `<staticPodPath>/<file>` atomically: the text goes to a dot-file first (which the
   * kubelet ignores) and is renamed into place. Returns the path.
   */
  writeManifest(file: string, text: string): Promise<string>;
  /** Removes `<staticPodPath>/<file>` (no error if it is absent). */
  removeManifest(file: string): Promise<void>;
  /** Renames `<staticPodPath>/<from>` to `<staticPodPath>/<to>` (e.g. to a dot-file). */
  renameManifest(from: string, to: string): Promise<void>;
  /** Everything the kubelet logged so far. */
  logs(): string;
  /** Current VmRSS of the kubelet process in KiB, from /proc. */
  rssKib(): number | undefined;
  /** True while the kubelet process runs. */
  isRunning(): boolean;
  /**
   * Stops the kubelet (SIGTERM, SIGKILL after 5 s); then deletes the Node object unless
   * `keepNode` (with kube-controller-manager running, the garbage collector then deletes its
   * mirror Pods) and removes the node's directory unless `TESTKUBE_KEEP=1`.
   */
  stop(options?: { keepNode?: boolean }): Promise<void>;
}

const PID_FILE = 'hollow-node.pid';

/** Kubelets this process started and has not stopped: killed if the process exits first. */
const running = new Map<number, string>();
function killRunning(): void {
  for (const [pid, binary] of running) if (isRunning(pid, binary)) process.kill(pid, 'SIGTERM');
}
const LOG_TAIL_LINES = 40;

/** `<runDir>/nodes`: every hollow node of a control plane lives below it. */
export function nodesDir(runDir: string): string {
  return join(runDir, 'nodes');
}

/**
 * Starts a hollow node (go/hollow-node: kubemark's hollow kubelet, i.e. the real kubelet with a
 * fake CRI runtime, fake cAdvisor and a stub container manager) against the control plane, and
 * waits until the Node is Ready and its kubelet server answers through the apiserver
 * (`GET /api/v1/nodes/<name>/proxy/healthz`).
 *
 * The kubelet authenticates with its own client certificate (`CN=system:node:<name>`,
 * `O=system:nodes`), so the Node authorizer and NodeRestriction judge it for real. Its server
 * binds 127.0.0.1 only. The Node's only address is InternalIP {@link NODE_ADDRESS}, set by the
 * admin: the kubelet refuses to report a loopback node IP itself
 * (pkg/kubelet/kubelet_node_status.go validateNodeIP), and the apiserver refuses to proxy to one
 * (pkg/registry/core/node/strategy.go isProxyableHostname). The apiserver reaches that address
 * only through the control plane's egress proxy, which connects to 127.0.0.1.
 */
export async function startNode(
  cp: ControlPlaneClient & { readonly binaries?: Partial<TestBinaries> },
  opts: StartNodeOptions,
): Promise<HollowNode> {
  const name = opts.name;
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
    throw new Error(`startNode: ${JSON.stringify(name)} is not a valid lower-case node name`);
  }
  const binary = opts.binaries?.hollowNode ?? cp.binaries?.hollowNode ?? (await ensureBinaries()).hollowNode;
  const t0 = Date.now();
  const deadline = t0 + (opts.timeoutMs ?? 120_000);
  // A port taken between choosing and binding it stops the kubelet at once: choose again.
  return startOnFreePorts(1, ([port]) => startNodeOn(cp, opts, port as number, { binary, t0, deadline }));
}

/** One attempt of {@link startNode}, with the port of the kubelet's server. */
async function startNodeOn(
  cp: ControlPlaneClient,
  opts: StartNodeOptions,
  port: number,
  { binary, t0, deadline }: { binary: string; t0: number; deadline: number },
): Promise<HollowNode> {
  const name = opts.name;
  const dir = join(nodesDir(cp.runDir), `${name}-${randomBytes(3).toString('hex')}`);
  const rootDir = join(dir, 'root');
  const staticPodPath = opts.staticPodPath ?? join(dir, 'manifests');
  await mkdir(rootDir, { recursive: true });
  if (opts.staticPodPath === undefined) await mkdir(staticPodPath, { recursive: true });

  const ca = { caCert: cp.caFile, caKey: cp.caKeyFile };
  const [kubeconfig, serving] = await Promise.all([
    cp.nodeKubeconfig(name),
    issueServingCert(ca, join(dir, 'kubelet-serving'), `${name}@kubelet`, [NODE_ADDRESS]),
  ]);
  const ownLabels: string[] = [];
  const adminLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.labels ?? {})) {
    if (isKubeletSettableLabel(k)) ownLabels.push(`${k}=${v}`);
    else adminLabels[k] = v;
  }
  const taints = (opts.taints ?? []).map(
    (t) => `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${t.effect}`,
  );
  // biome-ignore format: flag/value pairs read best on shared lines
  const args = [
    `--name=${name}`, `--kubeconfig=${kubeconfig}`, `--root-dir=${rootDir}`, `--static-pod-path=${staticPodPath}`,
    `--port=${port}`, `--tls-cert-file=${serving.cert}`, `--tls-private-key-file=${serving.key}`,
    `--client-ca-file=${cp.caFile}`, `--file-check-frequency=${opts.fileCheckFrequencyMs ?? 1000}ms`,
    ...(ownLabels.length > 0 ? [`--node-labels=${ownLabels.join(',')}`] : []),
    ...(taints.length > 0 ? [`--register-with-taints=${taints.join(',')}`] : []),
    '--v=2',
  ];
  const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(',');
  const logFile = join(dir, 'hollow-node.log');
  const proc: StartedProcess = startProcess({
    name: `hollow-node ${name}`,
    command: binary,
    args,
    logFile,
    env: { ...process.env, NO_PROXY: noProxy, no_proxy: noProxy },
  });
  await writeFile(join(dir, PID_FILE), `${proc.pid}\n`);
  running.set(proc.pid, binary);
  if (running.size === 1) process.on('exit', killRunning);

  const admin = cp.client('admin');
  const wait = {
    deadline,
    abort: () => (proc.exit ? `the kubelet exited (${proc.exit})` : undefined),
    intervalMs: 200,
  };
  const nodePath = `/api/v1/nodes/${name}`;
  let stopped = false;
  const stop = async (o: { keepNode?: boolean } = {}) => {
    if (stopped) return;
    stopped = true;
    await stopProcess(proc.pid, binary);
    running.delete(proc.pid);
    if (running.size === 0) process.off('exit', killRunning);
    if (!o.keepNode) {
      const res = await admin.request('DELETE', nodePath);
      if (res.status !== 200 && res.status !== 404) {
        throw new Error(`deleting node ${name}: HTTP ${res.status} ${describe(res.body)}`);
      }
    }
    if (!keepRunDir()) await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitUntil(
      `node ${name} to register`,
      async () => (await admin.request('GET', nodePath)).status === 200,
      wait,
    );
    // The Node's only address: InternalIP NODE_ADDRESS (TEST-NET-1), reached only through the
    // control plane's egress proxy, which ends every tunnel on 127.0.0.1 (see egress-proxy.ts:
    // the apiserver refuses to proxy to a loopback address). The kubelet's own node-status
    // patches leave addresses alone, since its address setter fails first on a loopback node IP.
    const status = await admin.request(
      'PATCH',
      `${nodePath}/status`,
      { status: { addresses: [{ type: 'InternalIP', address: NODE_ADDRESS }] } },
      undefined,
      { contentType: 'application/merge-patch+json' },
    );
    if (status.status !== 200)
      throw new Error(`setting the address of node ${name}: ${describe(status.body)}`);
    if (Object.keys(adminLabels).length > 0) {
      const res = await admin.request('PATCH', nodePath, { metadata: { labels: adminLabels } });
      if (res.status !== 200) throw new Error(`labelling node ${name}: ${describe(res.body)}`);
    }
    await waitUntil(
      `node ${name} to be Ready`,
      async () => {
        const res = await admin.request('GET', nodePath);
        const conditions = ((res.body as Node).status?.conditions ?? []) as {
          type: string;
          status: string;
        }[];
        return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
      },
      wait,
    );
    await waitUntil(
      `the kubelet of ${name} to answer through nodes/proxy`,
      async () => (await admin.request('GET', `${nodePath}/proxy/healthz`)).status === 200,
      wait,
    );
    // Until its API-server pod source has delivered its first list, the kubelet's sources are not
    // "ready" and it skips deleting Pods (pkg/kubelet/kubelet.go deletePod: "skipping delete
    // because sources aren't ready yet"), so a static Pod replaced in that window stays Pending.
    // The kubelet logs that first delivery (pkg/kubelet/kubelet.go syncLoopIteration, v=2).
    await waitUntil(
      `the kubelet of ${name} to sync its API server pod source`,
      async () => readLog(logFile).includes('"SyncLoop ADD" source="api"'),
      wait,
    );
  } catch (err) {
    const tail = tailLines(logFile, LOG_TAIL_LINES);
    const output = readLog(logFile);
    await stop().catch(() => undefined);
    const message = `hollow node ${name} did not start: ${(err as Error).message}\n--- last ${LOG_TAIL_LINES} lines of ${logFile} ---\n${tail}`;
    throw startError(message, output, [port], err);
  }

  const inPath = (file: string) => {
    if (file.includes('/') || file === '' || file === '.' || file === '..') {
      throw new Error(`manifest file name ${JSON.stringify(file)} must be a plain file name`);
    }
    return join(staticPodPath, file);
  };
  return {
    name,
    dir,
    staticPodPath,
    port,
    pid: proc.pid,
    startupMs: Date.now() - t0,
    kubeconfig,
    mirrorPodName: (podName) => `${podName}-${name}`,
    async writeManifest(file, text) {
      const path = inPath(file);
      const tmp = join(staticPodPath, `.${file}.${randomBytes(4).toString('hex')}.tmp`);
      await writeFile(tmp, text);
      await rename(tmp, path);
      return path;
    },
    async removeManifest(file) {
      await rm(inPath(file), { force: true });
    },
    async renameManifest(from, to) {
      await rename(inPath(from), inPath(to));
    },
    logs: () => readLog(logFile),
    rssKib: () => rssKib(proc.pid),
    isRunning: () => isRunning(proc.pid, binary),
    stop,
  };
}

/**
 * Stops every hollow node left running under a control plane's run dir (their pid files),
 * e.g. by a test process that crashed. Pids are checked against the binary path.
 */
export async function stopLeftoverNodes(runDir: string, hollowNodeBinary: string | undefined): Promise<void> {
  const root = nodesDir(runDir);
  if (!hollowNodeBinary || !existsSync(root)) return;
  await Promise.all(
    readdirSync(root).map(async (d) => {
      const pidFile = join(root, d, PID_FILE);
      if (!existsSync(pidFile)) return;
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0) await stopProcess(pid, hollowNodeBinary);
    }),
  );
}

function describe(body: unknown): string {
  return isStatus(body) ? (body.message ?? body.reason ?? '') : JSON.stringify(body);
}

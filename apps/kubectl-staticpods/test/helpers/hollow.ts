import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ControlPlaneClient,
  type HollowNode,
  startControllers,
  startNode,
  waitFor,
} from '@staticpods/testkube';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { inject } from 'vitest';
import { APP, baseEnv, type RunResult, runProcess } from './run.js';

/**
 * Real nodes for the tests: hollow kubelets (the kubelet's own code with a fake runtime), each
 * with its staticPodPath at `<root>/<node>/etc/kubernetes/manifests`, so that a node's directory
 * stands for its root filesystem; plus kube-controller-manager and kube-scheduler.
 */
export interface HollowCluster {
  readonly cp: ControlPlaneClient;
  readonly root: string;
  readonly nodes: HollowNode[];
  readonly kubeconfig: string;
  /** `--node-exec` for these nodes: the node script, its paths moved into the node's directory. */
  readonly nodeExec: string;
  manifestDir(node: string): string;
  backupDir(node: string): string;
  stop(): Promise<void>;
}

export const MANIFESTS = '/etc/kubernetes/manifests';
export const BACKUPS = '/etc/kubernetes/manifests-backup';

export async function hollowCluster(
  cp: ControlPlaneClient,
  names: readonly string[],
  manifests: Record<string, string>,
): Promise<HollowCluster> {
  await startControllers({ ...cp, binaries: inject('testkube').binaries });
  const root = mkdtempSync(join(tmpdir(), 'migrate-nodes-'));
  const nodes: HollowNode[] = [];
  const cluster: HollowCluster = {
    cp,
    root,
    nodes,
    kubeconfig: cp.adminKubeconfig,
    // The script sets m, b, d and t to absolute paths on the node; here they live under the node's directory.
    nodeExec: `sed -E 's|^([mbdt])=/|\\1=${root}/{node}/|' | sh -s`,
    manifestDir: (node) => `${root}/${node}${MANIFESTS}`,
    backupDir: (node) => `${root}/${node}${BACKUPS}`,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
  // One after the other: a node's kubelet binds a port picked just before it starts.
  for (const name of names) {
    const dir = cluster.manifestDir(name);
    mkdirSync(dir, { recursive: true });
    const node = await startNode(
      { ...cp, binaries: inject('testkube').binaries },
      { name, staticPodPath: dir },
    );
    nodes.push(node);
    for (const [file, text] of Object.entries(manifests)) await node.writeManifest(file, text);
  }
  return cluster;
}

export async function getPod(cp: ControlPlaneClient, ns: string, name: string): Promise<Pod | undefined> {
  const res = await cp.client('admin').request('GET', `/api/v1/namespaces/${ns}/pods/${name}`);
  return res.status === 200 ? (res.body as Pod) : undefined;
}

export function isReady(pod: Pod | undefined): boolean {
  return pod?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Waits until every node's mirror Pod of `staticName` is Ready. */
export async function mirrorsReady(c: HollowCluster, ns: string, staticName: string): Promise<void> {
  for (const n of c.nodes) {
    await waitFor(`mirror Pod ${staticName}-${n.name} Ready`, async () =>
      isReady(await getPod(c.cp, ns, `${staticName}-${n.name}`)) ? true : undefined,
    );
  }
}

/** The DaemonSet's Pods, by node. */
export async function daemonSetPods(
  c: HollowCluster,
  ns: string,
  selector: string,
): Promise<Map<string, Pod>> {
  const res = await c.cp
    .client('admin')
    .request('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(selector)}`);
  const out = new Map<string, Pod>();
  for (const p of (res.body as { items: Pod[] }).items) {
    const owned = (p.metadata?.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet');
    if (owned && p.spec?.nodeName) out.set(p.spec.nodeName, p);
  }
  return out;
}

export function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * Runs the installed CLI (bin/run.js) as a process, calling `onLine` for every line of stdout as it
 * comes, so a test can act in the middle of a run (send SIGINT).
 */
export function runStreaming(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  onLine: (line: string, child: ReturnType<typeof spawn>) => void = () => {},
  stdin = '',
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${APP}bin/run.js`, ...argv], {
      cwd: APP,
      env: Object.fromEntries(
        Object.entries(baseEnv(env)).filter(([, v]) => v !== undefined),
      ) as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      pending += c.toString();
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        onLine(pending.slice(0, nl), child);
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs a command line the CLI printed (`kubectl staticpods …`) with sh, the plugin standing in for kubectl. */
export function runPrinted(line: string, env: Record<string, string | undefined>): Promise<RunResult> {
  const fn = `kubectl() { shift; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(`${APP}bin/run.js`)} "$@"; }`;
  return runProcess(['-c', `${fn}; ${line}`], { command: '/bin/sh', cwd: APP, env: baseEnv(env) });
}

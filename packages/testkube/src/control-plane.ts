import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBinaries, type TestBinaries } from './binaries.js';
import { type ControlPlaneClient, createControlPlaneClient } from './cluster-client.js';
import { apiserverArgs, egressSelectorConfig, etcdArgs } from './flags.js';
import { writeKubeconfig } from './kubeconfig.js';
import { createPki, issueClientCert } from './pki.js';
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
import { waitForApiserver, waitForBootstrapObjects, waitForEtcd, waitForSocket } from './readiness.js';
import { keepRunDir, stopFromState, type TestkubeState } from './state.js';

/** Options for {@link startControlPlane}. */
export interface ControlPlaneOptions {
  /** Start-up budget, binaries excluded. Default 120 s (spec §5 budgets 60–90 s on 2 busy cores). */
  timeoutMs?: number;
  /** Let the processes outlive this Node process (used by `testkube up`). */
  detached?: boolean;
  /** Use these binaries instead of calling {@link ensureBinaries}. */
  binaries?: TestBinaries;
  /** Parent of the run directory. Default: the OS temp dir. */
  baseDir?: string;
}

/** A running etcd + kube-apiserver owned by this process. */
export interface ControlPlane extends ControlPlaneClient {
  readonly binaries: TestBinaries;
  /** From the first PKI command to both processes ready and bootstrapped (binaries excluded). */
  readonly startupMs: number;
  readonly etcdUrl: string;
  readonly processes: {
    readonly etcd: StartedProcess;
    readonly kubeApiserver: StartedProcess;
    readonly egressProxy: StartedProcess;
  };
  /** The serializable description other processes use (`connect()`, `testkube down`). */
  readonly state: TestkubeState;
  /** Everything both processes have logged so far. */
  logs(): { etcd: string; kubeApiserver: string };
  /** Current VmRSS of both processes in KiB, from /proc. */
  rssKib(): { etcd: number | undefined; kubeApiserver: number | undefined };
  /** SIGTERM (SIGKILL after 5 s) both processes; remove the run dir unless `TESTKUBE_KEEP=1`. */
  stop(): Promise<void>;
}

const LOG_TAIL_LINES = 60;
// Both src/ and dist/ sit one level below the package root; the proxy runs from dist/.
const EGRESS_PROXY = fileURLToPath(new URL('../dist/egress-proxy-cli.js', import.meta.url));

/**
 * Starts etcd and a secure kube-apiserver (flags: ./flags.ts) on free loopback ports and waits
 * until mirror pods can be created: etcd ready, apiserver `/readyz`, then namespace `kube-system`
 * and PriorityClass `system-node-critical` present. On failure or time-out both processes are
 * stopped and the error carries the last lines of both logs. When a process could not bind a
 * port because another process took it after it was chosen, it starts again on new ports.
 */
export async function startControlPlane(opts: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const binaries = opts.binaries ?? (await ensureBinaries());
  const t0 = Date.now();
  const deadline = t0 + (opts.timeoutMs ?? 120_000);
  return startOnFreePorts(3, (ports) =>
    startControlPlaneOn(ports as [number, number, number], binaries, opts, { t0, deadline }),
  );
}

/** One attempt of {@link startControlPlane}, with etcd's client and peer ports and kube-apiserver's. */
async function startControlPlaneOn(
  [etcdPort, peerPort, apiPort]: readonly [number, number, number],
  binaries: TestBinaries,
  opts: ControlPlaneOptions,
  { t0, deadline }: { t0: number; deadline: number },
): Promise<ControlPlane> {
  const runDir = await mkdtemp(join(opts.baseDir ?? tmpdir(), 'testkube-'));
  // etcd on tmpfs when available: tests need no durability, and disk latency slows etcd down.
  const etcdDataDir = existsSync('/dev/shm')
    ? await mkdtemp('/dev/shm/testkube-etcd-')
    : join(runDir, 'etcd');
  const procs: StartedProcess[] = [];
  // Children of a non-detached run must not outlive a test runner that exits without teardown.
  const onExit = () => {
    for (const p of procs) if (isRunning(p.pid, p.command)) process.kill(p.pid, 'SIGTERM');
  };
  if (!opts.detached) process.on('exit', onExit);
  // Fail fast instead of waiting out the budget when a process dies (bad flag, port taken…).
  const abort = () => procs.map((p) => (p.exit ? `${p.name} exited (${p.exit})` : '')).find(Boolean);
  const wait = { deadline, abort };

  try {
    const pki = await createPki(join(runDir, 'pki'));
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const server = `https://127.0.0.1:${apiPort}`;
    // grpc-go (the apiserver's etcd client) honours HTTPS_PROXY; keep loopback traffic direct.
    const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(',');
    const common = {
      detached: opts.detached ?? false,
      env: { ...process.env, NO_PROXY: noProxy, no_proxy: noProxy },
    };
    const logFiles = { etcd: join(runDir, 'etcd.log'), kubeApiserver: join(runDir, 'kube-apiserver.log') };

    const etcdFlags = etcdArgs({ clientUrl: etcdUrl, peerPort, dataDir: etcdDataDir });
    const etcdProc = { name: 'etcd', command: binaries.etcd, args: etcdFlags, logFile: logFiles.etcd };
    procs.push(startProcess({ ...etcdProc, ...common }));
    const adminCert = issueClientCert(pki, join(pki.dir, 'admin'), 'kube-admin', ['system:masters']);
    await waitForEtcd(etcdUrl, wait);

    // The apiserver's way to hollow kubelets (nodes/proxy): see egress-proxy.ts.
    const egressSocket = join(runDir, 'egress.sock');
    const egressConfig = join(runDir, 'egress-selector.json');
    await writeFile(egressConfig, egressSelectorConfig(egressSocket));
    const egress = {
      name: 'egress-proxy',
      command: process.execPath,
      args: [EGRESS_PROXY, egressSocket],
      logFile: join(runDir, 'egress-proxy.log'),
    };
    procs.push(startProcess({ ...egress, ...common }));
    await waitForSocket(egressSocket, wait);

    const certDir = join(runDir, 'apiserver-certs');
    await mkdir(certDir);
    const apiFlags = apiserverArgs({
      etcdUrl,
      port: apiPort,
      pki,
      certDir,
      egressSelectorConfig: egressConfig,
    });
    const api = {
      name: 'kube-apiserver',
      command: binaries.kubeApiserver,
      args: apiFlags,
      logFile: logFiles.kubeApiserver,
    };
    procs.push(startProcess({ ...api, ...common }));
    await waitForApiserver(server, readFileSync(pki.caCert, 'utf8'), wait);

    const cert = await adminCert;
    const adminKubeconfig = join(runDir, 'admin.kubeconfig');
    const files = { server, caFile: pki.caCert, certFile: cert.cert, keyFile: cert.key, user: 'kube-admin' };
    await writeKubeconfig(adminKubeconfig, files);
    const client = createControlPlaneClient({
      server,
      caFile: pki.caCert,
      caKeyFile: pki.caKey,
      runDir,
      adminKubeconfig,
    });
    await waitForBootstrapObjects(client, wait);

    const [etcd, egressProxy, kubeApiserver] = procs as [StartedProcess, StartedProcess, StartedProcess];
    const state: TestkubeState = {
      version: 1,
      server,
      caFile: pki.caCert,
      caKeyFile: pki.caKey,
      runDir,
      adminKubeconfig,
      binaries,
      startupMs: Date.now() - t0,
      etcdUrl,
      etcdDataDir,
      pids: { etcd: etcd.pid, kubeApiserver: kubeApiserver.pid, egressProxy: egressProxy.pid },
      logFiles,
    };
    return {
      ...client,
      binaries,
      startupMs: state.startupMs,
      etcdUrl,
      processes: { etcd, kubeApiserver, egressProxy },
      state,
      logs: () => ({ etcd: readLog(logFiles.etcd), kubeApiserver: readLog(logFiles.kubeApiserver) }),
      rssKib: () => ({ etcd: rssKib(etcd.pid), kubeApiserver: rssKib(kubeApiserver.pid) }),
      async stop() {
        client.close();
        await stopFromState(state);
        process.off('exit', onExit);
      },
    };
  } catch (err) {
    process.off('exit', onExit);
    throw await startFailure(err as Error, procs, [runDir, etcdDataDir], [etcdPort, peerPort, apiPort]);
  }
}

/**
 * Stops what was started, cleans up, and builds an error that shows the end of every log: a
 * `PortTakenError` when a process logged that one of `ports` was taken (port-retry.ts `startError`).
 */
async function startFailure(
  err: Error,
  procs: StartedProcess[],
  dirs: string[],
  ports: readonly number[],
): Promise<Error> {
  const tails = procs.map(
    (p) =>
      `--- last ${LOG_TAIL_LINES} lines of ${p.name} (${p.logFile}) ---\n${tailLines(p.logFile, LOG_TAIL_LINES)}`,
  );
  const output = procs.map((p) => readLog(p.logFile)).join('\n');
  await Promise.all(procs.map((p) => stopProcess(p.pid, p.command, 3_000)));
  if (!keepRunDir()) await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  const hint = keepRunDir() ? `kept: ${dirs.join(', ')}` : 'set TESTKUBE_KEEP=1 to keep the run dir';
  const message = `control plane did not start: ${err.message} (${hint})\n${tails.join('\n')}`;
  return startError(message, output, ports, err);
}

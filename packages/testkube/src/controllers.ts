import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBinaries, type TestBinaries } from './binaries.js';
import type { ControlPlaneClient } from './cluster-client.js';
import { createClient } from './http.js';
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
import { PROBE_TIMEOUT_MS } from './readiness.js';
import { waitUntil } from './wait.js';

/** What another process needs to find (and finally stop) the controllers of a control plane. */
export interface ControllersState {
  version: 1;
  kubeControllerManager: { pid: number; command: string; port: number; logFile: string };
  kubeScheduler: { pid: number; command: string; port: number; logFile: string };
  /** From the first certificate to both processes healthy, in the process that started them. */
  startupMs: number;
}

/** kube-controller-manager and kube-scheduler of one control plane. */
export interface Controllers {
  readonly state: ControllersState;
  /** False when this call started them, true when they were already running (another test file). */
  readonly reused: boolean;
  logs(): { kubeControllerManager: string; kubeScheduler: string };
  rssKib(): { kubeControllerManager: number | undefined; kubeScheduler: number | undefined };
  /**
   * Stops both for every user of the control plane. Tests normally leave them running: the
   * control plane's teardown ({@link stopControllersFromRunDir}) stops them.
   */
  stop(): Promise<void>;
}

/** Options for {@link startControllers}. */
export interface StartControllersOptions {
  /** Start-up budget. Default 120 s. */
  timeoutMs?: number;
  binaries?: Pick<TestBinaries, 'kubeControllerManager' | 'kubeScheduler'>;
}

const STATE_FILE = 'controllers.json';
const LOCK_FILE = 'controllers.lock';

/**
 * Starts kube-controller-manager and kube-scheduler (v1.37.2, built from the same wrapper module
 * as kube-apiserver) for the control plane, or reuses them when another test process already did:
 * they are shared through `<runDir>/controllers.json`, like the control plane through
 * `TESTKUBE_STATE`, started detached, and stopped with the control plane. With them, DaemonSets
 * get Pods, the scheduler binds Pods to hollow nodes, the garbage collector deletes dependents
 * (a deleted Node's mirror Pods), namespaces can be deleted, `default` ServiceAccounts appear and
 * node lifecycle marks silent nodes NotReady.
 *
 * Flags follow kubernetes/kubernetes `hack/local-up-cluster.sh` (start_controller_manager,
 * start_kubescheduler): each controller runs with its own service account's credentials; the
 * processes authenticate as `system:kube-controller-manager` / `system:kube-scheduler`, which the
 * bootstrap RBAC policy binds; leader election is off (one instance per control plane); both
 * serve only on 127.0.0.1 with a serving certificate from the test CA.
 */
export async function startControllers(
  cp: ControlPlaneClient & { readonly binaries?: Partial<TestBinaries> },
  opts: StartControllersOptions = {},
): Promise<Controllers> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const dir = join(cp.runDir, 'controllers');
  await mkdir(dir, { recursive: true });
  const unlock = await lock(join(cp.runDir, LOCK_FILE), deadline);
  try {
    const existing = readControllersState(cp.runDir);
    if (existing && controllersUp(existing)) {
      await waitHealthy(cp, existing, { deadline });
      return handle(cp.runDir, existing, true);
    }
    if (existing) await stopControllersFromRunDir(cp.runDir);
    const bins = {
      kubeControllerManager:
        opts.binaries?.kubeControllerManager ??
        cp.binaries?.kubeControllerManager ??
        (await ensureBinaries()).kubeControllerManager,
      kubeScheduler:
        opts.binaries?.kubeScheduler ?? cp.binaries?.kubeScheduler ?? (await ensureBinaries()).kubeScheduler,
    };
    const t0 = Date.now();
    const ca = { caCert: cp.caFile, caKey: cp.caKeyFile };
    const [kcmKubeconfig, schedKubeconfig, kcmServing, schedServing] = await Promise.all([
      cp.kubeconfigFor('system:kube-controller-manager'),
      cp.kubeconfigFor('system:kube-scheduler'),
      issueServingCert(ca, join(dir, 'kube-controller-manager-serving'), 'kube-controller-manager'),
      issueServingCert(ca, join(dir, 'kube-scheduler-serving'), 'kube-scheduler'),
    ]);
    const setup = { dir, bins, deadline, kcmKubeconfig, schedKubeconfig, kcmServing, schedServing };
    // A port taken between choosing and binding it stops the process at once: choose again.
    const state = await startOnFreePorts(2, ([kcmPort, schedPort]) =>
      startControllersOn(cp, kcmPort as number, schedPort as number, setup),
    );
    state.startupMs = Date.now() - t0;
    await writeFile(join(cp.runDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
    return handle(cp.runDir, state, false);
  } finally {
    await unlock();
  }
}

/** One attempt of {@link startControllers}, with the ports of both secure servers. */
async function startControllersOn(
  cp: ControlPlaneClient,
  kcmPort: number,
  schedPort: number,
  o: {
    dir: string;
    bins: { kubeControllerManager: string; kubeScheduler: string };
    deadline: number;
    kcmKubeconfig: string;
    schedKubeconfig: string;
    kcmServing: { cert: string; key: string };
    schedServing: { cert: string; key: string };
  },
): Promise<ControllersState> {
  const { dir, bins, deadline, kcmKubeconfig, schedKubeconfig, kcmServing, schedServing } = o;
  const pki = join(cp.runDir, 'pki');
  const serving = (kubeconfig: string, port: number, cert: { cert: string; key: string }) => [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--tls-cert-file=${cert.cert}`,
    `--tls-private-key-file=${cert.key}`,
    '--leader-elect=false',
    '--v=1',
  ];
  const kcmArgs = [
    ...serving(kcmKubeconfig, kcmPort, kcmServing),
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${join(pki, 'sa.key')}`,
    `--root-ca-file=${cp.caFile}`,
    '--controllers=*',
  ];
  const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY].filter(Boolean).join(',');
  const common = { detached: true, env: { ...process.env, NO_PROXY: noProxy, no_proxy: noProxy } };
  const kcmLog = join(dir, 'kube-controller-manager.log');
  const schedLog = join(dir, 'kube-scheduler.log');
  const procs: StartedProcess[] = [
    startProcess({
      name: 'kube-controller-manager',
      command: bins.kubeControllerManager,
      args: kcmArgs,
      logFile: kcmLog,
      ...common,
    }),
    startProcess({
      name: 'kube-scheduler',
      command: bins.kubeScheduler,
      args: serving(schedKubeconfig, schedPort, schedServing),
      logFile: schedLog,
      ...common,
    }),
  ];
  const [kcm, sched] = procs as [StartedProcess, StartedProcess];
  const state: ControllersState = {
    version: 1,
    kubeControllerManager: { pid: kcm.pid, command: kcm.command, port: kcmPort, logFile: kcmLog },
    kubeScheduler: { pid: sched.pid, command: sched.command, port: schedPort, logFile: schedLog },
    startupMs: 0,
  };
  // Written before waiting, so the control plane's teardown stops them even if we fail here.
  await writeFile(join(cp.runDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
  try {
    await waitHealthy(cp, state, {
      deadline,
      abort: () => procs.map((p) => (p.exit ? `${p.name} exited (${p.exit})` : '')).find(Boolean),
    });
  } catch (err) {
    const tails = procs.map(
      (p) => `--- last 40 lines of ${p.name} (${p.logFile}) ---\n${tailLines(p.logFile, 40)}`,
    );
    const output = procs.map((p) => readLog(p.logFile)).join('\n');
    await stopControllersFromRunDir(cp.runDir);
    const message = `controllers did not start: ${(err as Error).message}\n${tails.join('\n')}`;
    throw startError(message, output, [kcmPort, schedPort], err);
  }
  return state;
}

/** Reads `<runDir>/controllers.json`, or undefined when no controllers were started. */
export function readControllersState(runDir: string): ControllersState | undefined {
  const file = join(runDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ControllersState;
}

/** Stops the controllers of a control plane (no-op when none run) and forgets them. */
export async function stopControllersFromRunDir(runDir: string): Promise<void> {
  const s = readControllersState(runDir);
  if (!s) return;
  await Promise.all([
    stopProcess(s.kubeControllerManager.pid, s.kubeControllerManager.command),
    stopProcess(s.kubeScheduler.pid, s.kubeScheduler.command),
  ]);
  await rm(join(runDir, STATE_FILE), { force: true });
}

function controllersUp(s: ControllersState): boolean {
  return (
    isRunning(s.kubeControllerManager.pid, s.kubeControllerManager.command) &&
    isRunning(s.kubeScheduler.pid, s.kubeScheduler.command)
  );
}

function handle(runDir: string, state: ControllersState, reused: boolean): Controllers {
  return {
    state,
    reused,
    logs: () => ({
      kubeControllerManager: readLog(state.kubeControllerManager.logFile),
      kubeScheduler: readLog(state.kubeScheduler.logFile),
    }),
    rssKib: () => ({
      kubeControllerManager: rssKib(state.kubeControllerManager.pid),
      kubeScheduler: rssKib(state.kubeScheduler.pid),
    }),
    stop: () => stopControllersFromRunDir(runDir),
  };
}

/** Both `/healthz` endpoints answer 200 (anonymous: always allowed for these paths). */
async function waitHealthy(
  cp: ControlPlaneClient,
  s: ControllersState,
  o: { deadline: number; abort?: () => string | undefined },
): Promise<void> {
  const ca = readFileSync(cp.caFile, 'utf8');
  for (const [name, port] of [
    ['kube-controller-manager', s.kubeControllerManager.port],
    ['kube-scheduler', s.kubeScheduler.port],
  ] as const) {
    const probe = createClient({ server: `https://127.0.0.1:${port}`, ca });
    try {
      await waitUntil(
        `${name} /healthz`,
        async () =>
          (await probe.request('GET', '/healthz', undefined, undefined, { timeoutMs: PROBE_TIMEOUT_MS }))
            .status === 200,
        {
          ...o,
          intervalMs: 200,
        },
      );
    } finally {
      probe.close();
    }
  }
}

/** A cross-process lock: exclusive creation of `path`; stale after 10 minutes. */
async function lock(path: string, deadline: number): Promise<() => Promise<void>> {
  for (;;) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder = 0;
      try {
        holder = Number(readFileSync(path, 'utf8').trim() || 0);
      } catch {
        continue; // released meanwhile
      }
      // An empty file is a lock being taken right now; a dead holder's lock is stale.
      if (holder > 0 && !existsSync(`/proc/${holder}`)) await rm(path, { force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for the controllers lock ${path}`);
      else await sleep(200);
    }
  }
}

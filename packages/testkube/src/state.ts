import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
// Type-only: makes the augmentation below resolvable; nothing of vitest is loaded at run time.
import type {} from 'vitest';
import type { TestBinaries } from './binaries.js';
import {
  type ControlPlaneClient,
  type ControlPlaneInfo,
  createControlPlaneClient,
} from './cluster-client.js';
import { stopControllersFromRunDir } from './controllers.js';
import { stopLeftoverNodes } from './hollow-node.js';
import { isRunning, stopProcess } from './processes.js';

/**
 * Everything another process needs to use (and finally stop) a running control plane. Plain
 * JSON: written by `testkube up`, handed to test files through vitest's `provide`/`inject`.
 */
export interface TestkubeState extends ControlPlaneInfo {
  version: 1;
  binaries: TestBinaries;
  /** From the first PKI command to both processes ready (binaries excluded). */
  startupMs: number;
  etcdUrl: string;
  etcdDataDir: string;
  /** `egressProxy`: a Node process (this package's dist/egress-proxy-cli.js). */
  pids: { etcd: number; kubeApiserver: number; egressProxy?: number };
  logFiles: { etcd: string; kubeApiserver: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared control plane (see vitest-global-setup); pass it to `connect()`. */
    testkube: TestkubeState;
  }
}

/** Turns a state (e.g. `inject('testkube')`) into a client that can mint identities. */
export function connect(state: TestkubeState): ControlPlaneClient {
  return createControlPlaneClient(state);
}

/** Writes a state file atomically. */
export async function writeStateFile(path: string, state: TestkubeState): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, path);
}

/** Reads a state file written by {@link writeStateFile}. */
export function readStateFile(path: string): TestkubeState {
  const state = JSON.parse(readFileSync(path, 'utf8')) as TestkubeState;
  if (state.version !== 1 || !state.server || !state.pids) {
    throw new Error(`${path} is not a testkube state file`);
  }
  return state;
}

/** True while both processes of the state still run. */
export function isUp(state: TestkubeState): boolean {
  return (
    isRunning(state.pids.kubeApiserver, state.binaries.kubeApiserver) &&
    isRunning(state.pids.etcd, state.binaries.etcd)
  );
}

/** Whether run directories are kept for post-mortems (`TESTKUBE_KEEP=1`). */
export function keepRunDir(): boolean {
  return process.env.TESTKUBE_KEEP === '1';
}

/**
 * Stops a control plane by pid: hollow nodes and controllers left running under its run dir,
 * then the apiserver (so it does not spend its shutdown
 * retrying a vanished etcd), then etcd; then removes the run and data directories unless
 * `TESTKUBE_KEEP=1`. Pids are checked against the binary path, so a stale state file never
 * kills an unrelated process that reused a pid.
 */
export async function stopFromState(state: TestkubeState): Promise<void> {
  // Hollow nodes and controllers started on demand live under the run dir; stop them first.
  await stopLeftoverNodes(state.runDir, state.binaries.hollowNode);
  await stopControllersFromRunDir(state.runDir);
  await stopProcess(state.pids.kubeApiserver, state.binaries.kubeApiserver);
  await stopProcess(state.pids.etcd, state.binaries.etcd);
  if (state.pids.egressProxy !== undefined) await stopProcess(state.pids.egressProxy, process.execPath);
  if (keepRunDir()) return;
  await rm(state.runDir, { recursive: true, force: true });
  await rm(state.etcdDataDir, { recursive: true, force: true });
}

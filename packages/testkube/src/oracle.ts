import { execFile } from 'node:child_process';
import type { TestBinaries } from './binaries.js';
import type { Pod } from './types.js';

/** One entry the kubelet's file source logged (go/kubelet-oracle/main.go `logEntry`). */
export interface OracleLog {
  /** klog verbosity (V level) of an info entry; 0 for errors. */
  level: number;
  isError: boolean;
  msg: string;
  /** `err.Error()` of an error entry. */
  err?: string;
  /** Key/value pairs, values rendered with Go's `fmt.Sprint`. */
  values?: Record<string, string>;
}

/** What the kubelet's own static-pod file source made of a staticPodPath. */
export interface OracleResult {
  /** The pods the kubelet would run, after `applyDefaults`, sorted by name. */
  pods: Pod[];
  logs: OracleLog[];
  /** Events recorded by the kubelet's PodConfig (`Type Reason Message`). */
  events: string[];
}

/** Options for {@link runKubeletOracle}. */
export interface OracleOptions {
  /** Passed to the oracle's `--timeout` and used as our own kill timer (+5 s). Default 30 s. */
  timeoutMs?: number;
}

/**
 * Runs the kubelet's static-pod file source (k8s.io/kubernetes pkg/kubelet/config
 * `file.go`/`file_linux.go` via go/kubelet-oracle) over `path` (a directory or one manifest
 * file) as node `nodeName`, and returns its JSON verdict. Throws if the oracle fails to report.
 */
export function runKubeletOracle(
  bins: Pick<TestBinaries, 'kubeletOracle'>,
  path: string,
  nodeName: string,
  opts: OracleOptions = {},
): Promise<OracleResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const args = ['--path', path, '--node', nodeName, '--timeout', `${timeoutMs}ms`];
  return new Promise((resolve, reject) => {
    execFile(
      bins.kubeletOracle,
      args,
      { maxBuffer: 64 << 20, timeout: timeoutMs + 5_000 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`kubelet-oracle ${args.join(' ')} failed: ${err.message}\n${stderr}`));
          return;
        }
        try {
          const out = JSON.parse(stdout) as OracleResult;
          resolve({ pods: out.pods ?? [], logs: out.logs ?? [], events: out.events ?? [] });
        } catch (e) {
          reject(
            new Error(`kubelet-oracle printed no JSON (${(e as Error).message}):\n${stdout}\n${stderr}`),
          );
        }
      },
    );
  });
}

import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { PLACEHOLDER_NODE_NAME, readStaticPodPath } from '@staticpods/core';
import type { ToDaemonSetFlags } from '../commands/to-daemonset.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';

/**
 * DaemonSets written into a staticPodPath would be read by the kubelet there (and refused, noisily,
 * every 20 s): refuse an --output-dir that is the staticPodPath (--static-pod-path, else kubeadm's),
 * the directory of a manifest given with -f, or any directory that already holds a static Pod the
 * kubelet would run.
 */
export async function refuseStaticPodPath(given: string, flags: ToDaemonSetFlags): Promise<void> {
  const { DEFAULT_STATIC_POD_PATH } = await import('@staticpods/converter');
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const target = real(path.resolve(io().cwd, given));
  const staticPodPaths = [flags['static-pod-path'] ?? DEFAULT_STATIC_POD_PATH];
  for (const f of flags.filename ?? []) {
    if (f === '-') continue;
    const full = path.resolve(io().cwd, f);
    staticPodPaths.push(existsSync(full) && statSync(full).isDirectory() ? full : path.dirname(full));
  }
  let holdsPods = staticPodPaths.some((p) => real(p) === target);
  if (!holdsPods && existsSync(target)) {
    const report = await readStaticPodPath(target, { nodeName: PLACEHOLDER_NODE_NAME });
    holdsPods = report.kind === 'directory' && report.entries.some((e) => e.outcome === 'loaded');
  }
  if (holdsPods) {
    throw new UserError(
      'E_USAGE',
      `--output-dir ${given} is a staticPodPath (it holds static Pod manifests): the kubelet would read the DaemonSets written there`,
      'write them to another directory and apply them with kubectl',
    );
  }
}

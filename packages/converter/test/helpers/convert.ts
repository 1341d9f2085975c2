import type { Pod } from 'kubernetes-types/core/v1.js';
import { expect } from 'vitest';
import {
  type ConversionResult,
  type ConvertOptions,
  convertStaticPod,
  type MirrorPodSource,
  type StaticPodSource,
} from '../../src/index.js';
import { dryRun } from './apiserver.js';

/** Converts, and sends every DaemonSet produced to the real API server (it must accept it). */
export async function convertChecked(
  source: StaticPodSource | MirrorPodSource,
  options: ConvertOptions = {},
): Promise<ConversionResult> {
  const result = convertStaticPod(source, options);
  if (result.ok) expect(await dryRun(result.daemonSet), 'the API server refused the DaemonSet').toBe('');
  return result;
}

/** A file source for a Pod literal. */
export function file(
  pod: Pod,
  path = `/etc/kubernetes/manifests/${pod.metadata?.name ?? 'pod'}.yaml`,
): StaticPodSource {
  return { kind: 'file', file: path, pod };
}

/** A minimal valid static Pod, with `spec` merged in. */
export function pod(
  name: string,
  spec: Partial<NonNullable<Pod['spec']>> = {},
  labels: Record<string, string> = { app: name },
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system', labels },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], ...spec },
  };
}

/** The codes of the notes, in order. */
export function codes(result: ConversionResult): string[] {
  return result.notes.map((n) => n.code);
}

/** Narrows to a successful result, failing the test with the notes otherwise. */
export function ok(result: ConversionResult) {
  if (!result.ok)
    throw new Error(`conversion refused:\n${result.notes.map((n) => `${n.code}: ${n.message}`).join('\n')}`);
  return result;
}

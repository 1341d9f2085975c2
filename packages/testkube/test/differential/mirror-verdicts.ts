import type { ClusterFacts, MirrorAdmission } from '@staticpods/core';
import { expect } from 'vitest';
import { type ControlPlaneClient, createMirrorPod, type Pod } from '../../src/index.js';

/**
 * What the cluster holds that the API server's admission of a mirror Pod depends on, as core's
 * `ClusterFacts`: its namespaces and PriorityClasses, and with `runtimeClasses` its RuntimeClasses.
 */
export async function readClusterFacts(
  cp: ControlPlaneClient,
  options: { readonly runtimeClasses?: boolean } = {},
): Promise<ClusterFacts> {
  const admin = cp.client('admin');
  const list = async <T>(path: string) => ((await admin.request('GET', path)).body as { items: T[] }).items;
  const namespaces = await list<{ metadata: { name: string } }>('/api/v1/namespaces');
  const classes = await list<{
    metadata: { name: string };
    value: number;
    globalDefault?: boolean;
    preemptionPolicy?: string;
  }>('/apis/scheduling.k8s.io/v1/priorityclasses');
  const facts: ClusterFacts = {
    namespaces: namespaces.map((n) => n.metadata.name),
    priorityClasses: classes.map((c) => ({
      name: c.metadata.name,
      value: c.value,
      ...(c.globalDefault !== undefined && { globalDefault: c.globalDefault }),
      ...(c.preemptionPolicy !== undefined && { preemptionPolicy: c.preemptionPolicy }),
    })),
  };
  if (!options.runtimeClasses) return facts;
  const runtimeClasses = await list<{
    metadata: { name: string };
    overhead?: { podFixed?: Record<string, string> };
    scheduling?: { nodeSelector?: Record<string, string>; tolerations?: never[] };
  }>('/apis/node.k8s.io/v1/runtimeclasses');
  return {
    ...facts,
    runtimeClasses: runtimeClasses.map((rc) => ({
      name: rc.metadata.name,
      ...(rc.overhead?.podFixed && { overhead: rc.overhead.podFixed }),
      ...(rc.scheduling && { scheduling: rc.scheduling }),
    })),
  };
}

/**
 * Mirror Pods created for real against core's prediction for each: `compare` creates the Pod the
 * kubelet holds as a mirror Pod through the node's identity (`createMirrorPod`, as the kubelet
 * does) and records whether the API server's verdict and exact message equal
 * `predictMirrorAdmission`'s. It keeps every disagreement, and a count of the API server's verdicts
 * (quoted names and numbers folded) to show which admission plugins were exercised.
 */
export class MirrorVerdicts {
  readonly disagreements: string[] = [];
  private readonly kinds = new Map<string, number>();
  private compared = 0;

  constructor(
    private readonly cp: ControlPlaneClient,
    private readonly nodeName: string,
  ) {}

  /** Creates `held` as the mirror Pod of `nodeName`; true when the API server answered as `predicted`. */
  async compare(id: string, held: Pod, predicted: MirrorAdmission): Promise<boolean> {
    const real = await createMirrorPod(this.cp, this.nodeName, held);
    const theirs = real.accepted ? 'accepted' : `${real.status} ${real.message}`;
    const ours = predicted.accepted ? 'accepted' : `${predicted.status} ${predicted.message}`;
    const kind = real.accepted
      ? 'accepted'
      : `${real.status} ${real.message.replace(/"[^"]*"/g, '"…"').replace(/\(\d+\)|\d{3,}/g, 'N')}`;
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    this.compared++;
    if (ours !== theirs) this.disagreements.push(`${id}\n  apiserver: ${theirs}\n  library:   ${ours}`);
    return ours === theirs;
  }

  /** How many agree, and the API server's verdicts, most frequent first. */
  summary(): string {
    return (
      `${this.compared} mirror Pods compared, ${this.compared - this.disagreements.length} agree; the API server's verdicts:\n` +
      [...this.kinds]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`)
        .join('\n')
    );
  }

  /** Fails unless some verdict of the API server contains each of `fragments`: an agreement that never met a refusal proves little. */
  expectVerdictsInclude(fragments: readonly string[]): void {
    for (const fragment of fragments) {
      expect(
        [...this.kinds.keys()].some((k) => k.includes(fragment)),
        fragment,
      ).toBe(true);
    }
  }
}

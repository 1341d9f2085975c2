import type { ClusterFacts } from '@staticpods/core';
import type { Taint } from 'kubernetes-types/core/v1.js';
import { getObject, listAll, NAMESPACES, NODES, PRIORITY_CLASSES } from './api.js';
import type { Transport } from './transport.js';

/**
 * The facts cluster-aware rules need: every namespace, every PriorityClass and, when a node is
 * named, that node's labels and taints. Undefined `node` in the result means it was not found.
 */
export async function fetchClusterFacts(
  transport: Transport,
  nodeName: string | undefined,
): Promise<{ facts: ClusterFacts; nodeMissing: boolean }> {
  const [namespaces, classes, node] = await Promise.all([
    listAll(transport, NAMESPACES, { metadataOnly: true }),
    listAll(transport, PRIORITY_CLASSES),
    nodeName === undefined ? Promise.resolve(undefined) : getObject(transport, NODES, undefined, nodeName),
  ]);
  const facts: ClusterFacts = {
    namespaces: namespaces.map((n) => n.metadata?.name ?? '').filter(Boolean),
    priorityClasses: classes.map((c) => {
      const pc = c as {
        metadata?: { name?: string };
        value?: number;
        globalDefault?: boolean;
        preemptionPolicy?: string;
      };
      return {
        name: pc.metadata?.name ?? '',
        value: pc.value ?? 0,
        ...(pc.globalDefault !== undefined && { globalDefault: pc.globalDefault }),
        ...(pc.preemptionPolicy !== undefined && { preemptionPolicy: pc.preemptionPolicy }),
      };
    }),
    ...(node && {
      nodes: [
        {
          name: nodeName as string,
          labels: (node.metadata?.labels as Record<string, string> | undefined) ?? {},
          taints: ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[],
        },
      ],
    }),
  };
  return { facts, nodeMissing: nodeName !== undefined && !node };
}

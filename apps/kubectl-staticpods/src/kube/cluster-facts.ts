import type { ClusterFacts } from '@staticpods/core';
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { ForbiddenError, getObject, NAMESPACES, NODES, PRIORITY_CLASSES, RUNTIME_CLASSES } from './api.js';
import { listAll } from './list-pages.js';
import type { Transport } from './transport.js';

/**
 * The facts cluster-aware rules need: every namespace, every PriorityClass, every RuntimeClass
 * (left out when listing them is forbidden: RuntimeClasses are then assumed to exist) and, when a
 * node is named, that node's labels and taints. Undefined `node` in the result means it was not found.
 */
export async function fetchClusterFacts(
  transport: Transport,
  nodeName: string | undefined,
): Promise<{ facts: ClusterFacts; nodeMissing: boolean }> {
  const [namespaces, classes, runtimeClasses, node] = await Promise.all([
    listAll(transport, NAMESPACES, { as: 'metadata' }),
    listAll(transport, PRIORITY_CLASSES),
    listAll(transport, RUNTIME_CLASSES).catch((error: unknown) => {
      if (error instanceof ForbiddenError) return undefined;
      throw error;
    }),
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
    ...(runtimeClasses && {
      runtimeClasses: runtimeClasses.map((c) => {
        const rc = c as {
          metadata?: { name?: string };
          overhead?: { podFixed?: Record<string, string> };
          scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
        };
        return {
          name: rc.metadata?.name ?? '',
          ...(rc.overhead?.podFixed && { overhead: rc.overhead.podFixed }),
          ...(rc.scheduling && { scheduling: rc.scheduling }),
        };
      }),
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

/**
 * {@link fetchClusterFacts} without a node, for commands that work without facts: when this
 * identity may not list namespaces or PriorityClasses, `forbidden` says so instead.
 */
export async function clusterFactsIfAllowed(
  transport: Transport,
): Promise<{ facts: ClusterFacts } | { forbidden: ForbiddenError }> {
  try {
    return { facts: (await fetchClusterFacts(transport, undefined)).facts };
  } catch (error) {
    if (error instanceof ForbiddenError) return { forbidden: error };
    throw error;
  }
}

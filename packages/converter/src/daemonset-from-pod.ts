import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { PodSpec } from 'kubernetes-types/core/v1.js';
import { applyApiAccess } from './api-access.js';
import { guardBootstrapComponent } from './bootstrap-guard.js';
import { canonicalize } from './canonical-order.js';
import { applyOverhead, noteMissingClasses } from './cluster-references.js';
import { daemonSetName } from './daemonset-name.js';
import { applyDnsPolicy } from './dns-policy.js';
import { isDnsLabel, isDnsSubdomain } from './k8s-names.js';
import { GATE_LABEL_VALUE, gateLabelKey } from './migration-gate.js';
import { noteNodeSpecificValues } from './node-specific-values.js';
import type { Notes } from './notes.js';
import { applyPlacement } from './placement.js';
import type { PreparedSource } from './prepare-source.js';
import { applyPriority } from './priority.js';
import { provenanceAnnotations } from './provenance.js';
import { pruneEmpty } from './prune-empty.js';
import { applyRestartPolicy } from './restart-policy.js';
import { labelsAndSelector } from './selector.js';
import { applyKubeletToleration } from './tolerations.js';
import type { ConvertOptions } from './types.js';
import { updateStrategyFor } from './update-strategy.js';

export interface BuiltDaemonSet {
  readonly daemonSet: DaemonSet;
  readonly name: string;
  readonly namespace: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly gate: { readonly key: string; readonly value: string } | undefined;
  /** Nodes the placement names (`nodes`, `observed-nodes`). */
  readonly placementNodes: readonly string[];
}

/**
 * Builds the DaemonSet from a clean static Pod manifest. Each step is its own module and leaves a note
 * for what it changes; the steps run even after an error so that one run reports every problem.
 */
export function daemonSetFromPod(src: PreparedSource, options: ConvertOptions, notes: Notes): BuiltDaemonSet {
  const name = options.name ?? daemonSetName(src.staticName, notes);
  const namespace = options.namespace ?? src.namespace;
  if (!isDnsSubdomain(name))
    notes.error('invalid-option', `"${name}" is not a valid DaemonSet name (DNS-1123 subdomain).`);
  if (!isDnsLabel(namespace)) notes.error('invalid-option', `"${namespace}" is not a valid namespace name.`);

  const bootstrapComponent = guardBootstrapComponent(src.pod, options.force ?? false, notes);
  const spec: PodSpec = structuredClone(src.pod.spec ?? { containers: [] });
  if (spec.ephemeralContainers !== undefined) {
    // Only `kubectl debug` puts them on a (mirror) Pod, the kubelet never runs them there
    // (kubernetes/kubernetes#113935), and a Pod template may not have them.
    delete spec.ephemeralContainers;
    notes.warn(
      'dropped-field',
      'spec.ephemeralContainers dropped: debug containers are not part of a workload.',
      ['spec', 'ephemeralContainers'],
    );
  }
  applyRestartPolicy(spec, options.rewriteRestartPolicy ?? false, notes);
  applyPriority(spec, notes);
  applyOverhead(spec, notes);
  noteMissingClasses(spec, options.clusterFacts, notes);
  applyKubeletToleration(
    spec,
    { keep: options.keepKubeletToleration ?? false, kubeletAddsIt: src.kubeletAddsToleration },
    notes,
  );
  applyDnsPolicy(spec, { keep: options.keepDnsPolicy ?? false, bootstrapComponent }, notes);

  const gate =
    (options.cutoverGate ?? true)
      ? { key: gateLabelKey(namespace, name), value: GATE_LABEL_VALUE }
      : undefined;
  const placement = options.placement ?? { kind: src.kind === 'mirror' ? 'observed-nodes' : 'all-nodes' };
  const placementNodes = applyPlacement(
    spec,
    { placement, sourceKind: src.kind, observedNodes: src.nodes, bootstrapComponent, gate },
    notes,
  );
  if (gate) {
    notes.info(
      'cutover-gate',
      `the Pods also require the node label ${gate.key}=${gate.value}, which no node has yet: applying the ` +
        'DaemonSet starts nothing until the cut-over plan labels a node whose static Pod is gone. Pass ' +
        'cutoverGate: false when no node runs the static Pod any more.',
      ['spec', 'template', 'spec', 'nodeSelector', gate.key],
    );
  }
  applyApiAccess(spec, { serviceAccountName: options.serviceAccountName, namespace }, notes);
  noteNodeSpecificValues(src.pod, src.nodes, notes);

  const { templateLabels, selector } = labelsAndSelector(src.pod.metadata?.labels ?? {}, name, notes);
  const daemonSet: DaemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace,
      labels: templateLabels,
      annotations: provenanceAnnotations(src.convertedFrom, options.toolVersion),
    },
    spec: {
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: templateLabels, annotations: { ...src.pod.metadata?.annotations } },
        spec,
      },
      updateStrategy: updateStrategyFor(spec, notes) ?? {},
    },
  };
  return {
    daemonSet: canonicalize(pruneEmpty(daemonSet)) as DaemonSet,
    name,
    namespace,
    selector,
    gate,
    placementNodes,
  };
}

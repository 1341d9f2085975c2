import type { ClusterFacts, FieldPath, MirrorPodGroup } from '@staticpods/core';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';

/** Where the DaemonSet runs. */
export type Placement =
  | { readonly kind: 'all-nodes' }
  | { readonly kind: 'node-selector'; readonly selector: Readonly<Record<string, string>> }
  /** Required node affinity `kubernetes.io/hostname In [nodes]`. */
  | { readonly kind: 'nodes'; readonly nodes: readonly string[] }
  /** Mirror Pods only: the nodes they ran on, as `kind: 'nodes'`. */
  | { readonly kind: 'observed-nodes' }
  /** `node-role.kubernetes.io/control-plane: ""` node selector plus its NoSchedule toleration. */
  | { readonly kind: 'control-plane' };

export interface ConvertOptions {
  /** Where the DaemonSet runs. @default `all-nodes` for a manifest, `observed-nodes` for mirror Pods */
  readonly placement?: Placement;
  /** Turn `restartPolicy: OnFailure`/`Never` into `Always` (otherwise the conversion fails). @default false */
  readonly rewriteRestartPolicy?: boolean;
  /** Convert control-plane bootstrap components (kube-apiserver, etcd, …) anyway. @default false */
  readonly force?: boolean;
  /** Keep the wildcard `NoExecute` toleration the kubelet adds to file-sourced static Pods. @default false */
  readonly keepKubeletToleration?: boolean;
  /** Run the Pods as this ServiceAccount (static Pods cannot; opt-in). */
  readonly serviceAccountName?: string;
  /** DaemonSet name. @default the static Pod's name */
  readonly name?: string;
  /** DaemonSet namespace. @default the Pod's namespace, `default` when it has none */
  readonly namespace?: string;
  /** Written into the `staticpods.io/converted-by` annotation. */
  readonly toolVersion?: string;
  /**
   * Require the per-DaemonSet node label `migrated.staticpods.io/<namespace>.<name>=true`, so that
   * applying the DaemonSet starts no Pod until the cut-over plan labels a node whose static Pod is
   * gone. Set to false only when no node runs the static Pod any more. @default true
   */
  readonly cutoverGate?: boolean;
  /**
   * Leave `dnsPolicy` alone for `hostNetwork` Pods instead of switching `ClusterFirst` to
   * `ClusterFirstWithHostNet`. @default false (true for control-plane bootstrap components)
   */
  readonly keepDnsPolicy?: boolean;
  /**
   * What exists in the target cluster (PriorityClasses, RuntimeClasses). With it, a template naming
   * a class the cluster lacks gets a warning: the DaemonSet is accepted but none of its Pods would be.
   */
  readonly clusterFacts?: ClusterFacts;
  /** The kubelet's staticPodPath, for the cut-over plan. @default the manifest's directory, else `/etc/kubernetes/manifests` */
  readonly staticPodPath?: string;
  /** Where the cut-over plan moves the manifest (outside staticPodPath). @default `<staticPodPath>-backup` */
  readonly backupDir?: string;
}

export type NoteSeverity = 'info' | 'warning' | 'error';

/**
 * What the caller can do about a note: set an option of {@link ConvertOptions}. Data, so that a
 * front end names it its own way (the CLI maps each option to a flag); {@link formatNote} writes
 * `Pass <option> to <effect>.`
 */
export interface Remedy {
  readonly option: keyof ConvertOptions;
  /** The value to set: `true` for a switch, `false` to turn a default off; absent when the caller picks one. */
  readonly value?: boolean;
  /** What setting it does, completing "Pass <option> to …": `convert it anyway`. */
  readonly effect: string;
}

/** One thing the conversion changed, kept, or refused, and why. */
export interface ConversionNote {
  /** Stable kebab-case identifier (see notes.ts). */
  readonly code: string;
  readonly severity: NoteSeverity;
  readonly message: string;
  /** The field concerned, in the Pod (source) or the DaemonSet (output), as the message says. */
  readonly path?: FieldPath;
  /** The option that changes the outcome, when there is one. */
  readonly remedy?: Remedy;
}

/** A decoded static Pod manifest (`decodePod(parseManifest(…))`). */
export interface StaticPodSource {
  readonly kind: 'file';
  /** Its path on the node, e.g. `/etc/kubernetes/manifests/etcd.yaml`. */
  readonly file: string;
  readonly pod: Pod;
}

/**
 * The mirror Pods of ONE static Pod (same namespace and static name), one per node: a group from
 * core's `groupMirrorPods` as it is, or the Pods, which are grouped here.
 */
export type MirrorPodSource =
  | { readonly kind: 'mirror'; readonly group: MirrorPodGroup }
  | { readonly kind: 'mirror'; readonly pods: readonly Pod[] };

export type ConversionResult =
  | {
      readonly ok: true;
      readonly daemonSet: DaemonSet;
      readonly notes: readonly ConversionNote[];
      readonly plan: CutoverPlan;
    }
  | { readonly ok: false; readonly notes: readonly ConversionNote[] };

/** The grouping of mirror Pods is core's (`groupMirrorPods`); re-exported for the converter's users. */
export type { MirrorPodDifference, MirrorPodGroup } from '@staticpods/core';

/**
 * What a cut-over step changes, for an executor (`kubectl staticpods migrate`). Every action is
 * idempotent: doing it again after a crash leaves the same state.
 */
export type CutoverAction =
  | { readonly kind: 'apply-daemonset' }
  | { readonly kind: 'delete-daemonset' }
  /** Move the manifest out of staticPodPath on the node (never overwriting a backup). */
  | {
      readonly kind: 'move-manifest';
      readonly node: string;
      readonly manifestPath: string;
      readonly backupPath: string;
    }
  /** Move the backup back into staticPodPath on the node. */
  | {
      readonly kind: 'restore-manifest';
      readonly node: string;
      readonly manifestPath: string;
      readonly backupPath: string;
    }
  | { readonly kind: 'label-node'; readonly node: string; readonly key: string; readonly value: string }
  | { readonly kind: 'unlabel-node'; readonly node: string; readonly key: string };

/** The condition that ends a step, seen through the API server, and how long it may take. */
export type CutoverWait =
  /** The kubelet deletes the mirror Pod once the static Pod has stopped. */
  | {
      readonly kind: 'mirror-pod-deleted';
      readonly namespace: string;
      readonly pod: string;
      readonly node: string;
      readonly timeoutSeconds: number;
    }
  /** The mirror Pod is back and Ready: the static Pod runs again. */
  | {
      readonly kind: 'mirror-pod-ready';
      readonly namespace: string;
      readonly pod: string;
      readonly node: string;
      readonly timeoutSeconds: number;
    }
  /** A Pod of the DaemonSet (`selector`) on the node is Ready. */
  | {
      readonly kind: 'daemonset-pod-ready';
      readonly namespace: string;
      readonly selector: string;
      readonly node: string;
      readonly timeoutSeconds: number;
    }
  /** No Pod of the DaemonSet is left on the node. */
  | {
      readonly kind: 'daemonset-pod-deleted';
      readonly namespace: string;
      readonly selector: string;
      readonly node: string;
      readonly timeoutSeconds: number;
    }
  /** Every Pod the DaemonSet wants is updated and Ready. */
  | {
      readonly kind: 'rollout-complete';
      readonly namespace: string;
      readonly name: string;
      readonly timeoutSeconds: number;
    };

/** An action, then the wait that confirms it; either may be absent. */
export interface CutoverOperation {
  readonly action?: CutoverAction;
  readonly wait?: CutoverWait;
}

/** One step of a cut-over, as data. */
export interface CutoverStep extends CutoverOperation {
  readonly id: string;
  readonly phase: 'prepare' | 'per-node' | 'finish' | 'rollback';
  /** The node a per-node step is for (`<node>` when the nodes are not known). */
  readonly node?: string;
  /** Where the commands run: with kubectl from a workstation, or as root on the node. */
  readonly where: 'workstation' | 'node';
  readonly title: string;
  /** Why, and what to look for. */
  readonly details: string;
  readonly commands: readonly string[];
  /** What undoes the step, in order (absent: nothing to undo). */
  readonly rollback?: readonly CutoverOperation[];
}

/** Everything a cut-over plan is built from: keep it, and `buildCutoverPlan` gives the same plan again. */
export interface CutoverPlanInput {
  readonly staticName: string;
  /** The static (and mirror) Pod's namespace. @default `namespace` */
  readonly staticNamespace?: string;
  /** The manifest path as given (file sources). */
  readonly file?: string | undefined;
  readonly staticPodPath?: string | undefined;
  readonly backupDir?: string | undefined;
  /** The DaemonSet's namespace and name. */
  readonly namespace: string;
  readonly name: string;
  /** Nodes to migrate, in order. */
  readonly nodes: readonly string[];
  readonly gate?: { readonly key: string; readonly value: string };
  /** `kubectl -l` selector of the DaemonSet's Pods. */
  readonly podSelector: string;
  readonly terminationGracePeriodSeconds: number;
}

export interface CutoverPlan {
  readonly daemonSet: { readonly namespace: string; readonly name: string };
  readonly staticPodPath: string;
  /** The manifest to move away. */
  readonly manifestPath: string;
  /** True when the file name was guessed (mirror Pods do not record it). */
  readonly manifestPathGuessed: boolean;
  readonly backupPath: string;
  /** Nodes to migrate, in order; empty when unknown (the steps then use `<node>`). */
  readonly nodes: readonly string[];
  /** The node label the DaemonSet requires, when the cut-over gate is on. */
  readonly gateLabel?: { readonly key: string; readonly value: string };
  /** `kubectl -l` selector of the DaemonSet's Pods. */
  readonly podSelector: string;
  readonly steps: readonly CutoverStep[];
  /** What the plan was built from (`buildCutoverPlan(plan.input)` rebuilds it). */
  readonly input: CutoverPlanInput;
}

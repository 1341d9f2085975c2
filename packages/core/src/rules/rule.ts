import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field-path.js';
import type { KubeletView } from '../kubelet/kubelet-view.js';
import type { KubeletVerdict } from '../kubelet/verdict.js';
import type { ParsedManifest, Position } from '../manifest/parse.js';
import type { DuplicateGroup, SourceEntry } from '../source/read-static-pod-path.js';
import type { KubernetesVersion } from '../versions.js';

export type Severity = 'error' | 'warning' | 'info';

/** Where the problem shows: in the directory, the file, the kubelet, the API server, the cluster, or a conversion. */
export type RuleCategory = 'directory' | 'manifest' | 'kubelet' | 'api-server' | 'cluster' | 'conversion';

/** The message a component logs or returns, so that users can grep for it. */
export interface LoggedMessage {
  readonly by: 'kubelet' | 'kube-apiserver';
  readonly message: string;
  /** False where our text approximates upstream's (YAML parser wording, Go struct dumps). */
  readonly exact: boolean;
}

/** A rule's declaration: data that the docs, the CLI and SARIF output are generated from. */
export interface RuleMeta {
  /** Stable forever: `SP013`. */
  readonly id: string;
  /** Stable kebab-case name: `secret-reference`. */
  readonly name: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** One line. */
  readonly summary: string;
  /** What happens and why, for the rule's docs page. */
  readonly description: string;
  /** What to do instead. */
  readonly remediation: string;
  /** Where Kubernetes enforces the behaviour: repository file (function), and issues. */
  readonly upstream: readonly string[];
  /** Facts the rule needs besides the manifest (`ClusterFacts`). */
  readonly needs?: 'cluster-facts';
}

/** What a rule reports: a message about a field (or the whole file). */
export interface Report {
  readonly message: string;
  readonly path?: FieldPath;
  /** Overrides the position derived from `path`. */
  readonly position?: Position;
  readonly logged?: LoggedMessage;
  /** Overrides the rule's severity for this finding (e.g. a problem that only bites in newer versions). */
  readonly severity?: Severity;
}

/** Facts about the cluster that some rules need; the CLI fetches them, tests pass literals. */
export interface ClusterFacts {
  /** Namespaces that exist. */
  readonly namespaces?: readonly string[];
  /** PriorityClasses that exist (the two built-in system classes are always known). */
  readonly priorityClasses?: readonly {
    readonly name: string;
    readonly value: number;
    readonly globalDefault?: boolean;
    readonly preemptionPolicy?: string;
  }[];
  /**
   * RuntimeClasses that exist (`node.k8s.io/v1`), with the overhead and scheduling they add to
   * Pods. When given, a missing RuntimeClass is predicted as the RuntimeClass admission plugin
   * refuses it; when absent, RuntimeClasses are assumed to exist.
   */
  readonly runtimeClasses?: readonly RuntimeClassFact[];
  /** The node(s) the manifest will run on, for the kubelet's own admission checks. */
  readonly nodes?: readonly {
    readonly name: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly taints?: readonly Taint[];
  }[];
}

/** What the RuntimeClass admission plugin reads of a RuntimeClass. */
export interface RuntimeClassFact {
  readonly name: string;
  /** `overhead.podFixed`. */
  readonly overhead?: Readonly<Record<string, string>>;
  readonly scheduling?: {
    readonly nodeSelector?: Readonly<Record<string, string>>;
    readonly tolerations?: readonly Toleration[];
  };
}

export interface ResolvedCheckOptions {
  readonly nodeName: string;
  /** The node name was not given: names are checked with a short placeholder. */
  readonly nodeNameAssumed: boolean;
  readonly kubernetesVersion: KubernetesVersion;
  readonly clusterFacts?: ClusterFacts;
}

interface BaseContext {
  readonly options: ResolvedCheckOptions;
  report(report: Report): void;
}

/** Any directory entry, read or not. */
export interface EntryContext extends BaseContext {
  readonly entry: SourceEntry;
}

/** A file the kubelet reads. */
export interface ManifestContext extends EntryContext {
  readonly manifest: ParsedManifest;
  readonly verdict: KubeletVerdict;
}

/** A file that decodes into a v1 Pod (whether or not it then passes validation). */
export interface PodContext extends ManifestContext {
  readonly pod: Pod;
  readonly view: KubeletView;
}

/** All entries of one staticPodPath together. */
export interface SetContext {
  readonly options: ResolvedCheckOptions;
  readonly entries: readonly SourceEntry[];
  readonly duplicates: readonly DuplicateGroup[];
  report(entry: SourceEntry, report: Report): void;
}

export type Rule = RuleMeta & { readonly docsUrl: string } & (
    | { readonly scope: 'entry'; check(ctx: EntryContext): void }
    | { readonly scope: 'manifest'; check(ctx: ManifestContext): void }
    | { readonly scope: 'pod'; check(ctx: PodContext): void }
    | { readonly scope: 'set'; check(ctx: SetContext): void }
  );

/** Documentation lives next to the code; the URL is derived from the id and name so they cannot drift. */
export const DOCS_BASE_URL = 'https://github.com/kubectl-staticpods/kubectl-staticpods/blob/main/docs/rules';

export function docsPath(meta: Pick<RuleMeta, 'id' | 'name'>): string {
  return `${meta.id.toLowerCase()}-${meta.name}.md`;
}

type RuleSpec = RuleMeta &
  (
    | { readonly scope: 'entry'; check(ctx: EntryContext): void }
    | { readonly scope: 'manifest'; check(ctx: ManifestContext): void }
    | { readonly scope: 'pod'; check(ctx: PodContext): void }
    | { readonly scope: 'set'; check(ctx: SetContext): void }
  );

export function defineRule<const S extends RuleSpec>(spec: S): S & { readonly docsUrl: string } {
  return { ...spec, docsUrl: `${DOCS_BASE_URL}/${docsPath(spec)}` };
}

/** One problem found. */
export interface Finding {
  readonly ruleId: string;
  readonly name: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  /** The field, formatted like Kubernetes field errors (`spec.volumes[2].secret.secretName`); absent for file-level findings. */
  readonly field?: string;
  readonly path?: FieldPath;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** What the kubelet or API server logs for this problem. */
  readonly logged?: LoggedMessage;
  readonly docsUrl: string;
}

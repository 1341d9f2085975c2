import type { Pod } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field-path.js';
import { configMapReferences, firstApiReference, secretReferences } from '../kubelet/api-references.js';
import { ANNOTATION_CONFIG_MIRROR } from '../kubelet/constants.js';
import type { KubeletView } from '../kubelet/kubelet-view.js';
import { asKubeletHoldsIt } from '../kubelet/verdict.js';
import type { FieldError } from '../pod-api/field-error.js';
import { compareQuantities, parseQuantity } from '../pod-api/quantity.js';
import { validatePodCreate } from '../pod-api/validate/index.js';
import { resolvePriority } from '../rules/priority.js';
import type { ClusterFacts, RuntimeClassFact } from '../rules/rule.js';
import { type KubernetesVersion, NEWEST_KUBERNETES_VERSION } from '../versions.js';

export interface MirrorAdmissionOptions {
  readonly kubernetesVersion?: KubernetesVersion;
  /** What is known about the cluster; without it, namespaces and custom PriorityClasses are assumed to exist. */
  readonly clusterFacts?: ClusterFacts;
  /** The NodeRestriction admission plugin is enabled (kubeadm enables it). @default true */
  readonly nodeRestriction?: boolean;
  /** kube-apiserver `--allow-privileged` (kubeadm sets it; the flag's own default is false). @default true */
  readonly allowPrivileged?: boolean;
}

export type MirrorAdmission =
  | { readonly accepted: true }
  | {
      readonly accepted: false;
      /** The admission plugin that refuses the mirror Pod. */
      readonly plugin:
        | 'NamespaceLifecycle'
        | 'ServiceAccount'
        | 'NodeRestriction'
        | 'Priority'
        | 'RuntimeClass'
        | 'validation'
        | 'storage';
      readonly status: 403 | 404 | 422 | 500;
      /** The message the API server returns, as the kubelet logs it after "Failed creating a mirror pod". */
      readonly message: string;
      readonly path?: FieldPath;
    };

/**
 * Predicts the API server's answer when the kubelet creates the mirror Pod of a static Pod that
 * passed the kubelet's own checks, following the admission order of kubernetes/kubernetes v1.37.2
 * `pkg/kubeapiserver/options/plugins.go` (`AllOrderedPlugins`): NamespaceLifecycle, ServiceAccount
 * (`plugin/pkg/admission/serviceaccount/admission.go`, mirror branch of `Validate`), NodeRestriction
 * (`plugin/pkg/admission/noderestriction/admission.go` `admitPodCreate`), Priority
 * (`plugin/pkg/admission/priority/admission.go` `admitPod`), RuntimeClass (`Admit`: the class must
 * exist when `clusterFacts.runtimeClasses` describes the cluster, overheads must match) — all of
 * them mutating plugins, so they run before the object is validated — then `ValidatePodCreate`
 * (422, `Pod "<name>" is invalid: …`), RuntimeClass's `Validate` (an overhead without a RuntimeClass
 * that defines one) and last the storage layer (500 for a `metadata.resourceVersion`). Webhooks, LimitRanges, quotas and PodSecurity are cluster policy and not predicted.
 *
 * `pod` is the static Pod as decoded (defaults are irrelevant to these plugins); `view` is
 * the kubelet's view for the node that creates the mirror.
 */
export function predictMirrorAdmission(
  pod: Pod,
  view: KubeletView,
  options: MirrorAdmissionOptions = {},
): MirrorAdmission {
  const forbidden = (
    plugin: 'ServiceAccount' | 'NodeRestriction' | 'Priority' | 'RuntimeClass',
    detail: string,
    path?: FieldPath,
  ) =>
    ({
      accepted: false,
      plugin,
      status: 403,
      message: `pods "${view.mirrorName}" is forbidden: ${detail}`,
      ...(path && { path }),
    }) as const;
  const version = options.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;
  const namespaces = options.clusterFacts?.namespaces;
  if (namespaces && !namespaces.includes(view.namespace)) {
    return {
      accepted: false,
      plugin: 'NamespaceLifecycle',
      status: 404,
      message: `namespaces "${view.namespace}" not found`,
      path: ['metadata', 'namespace'],
    };
  }
  // The kubelet sends the Pod as it holds it, v1 defaults applied: a volume whose type the decoder
  // dropped (a misspelt `hostpath:`) is an emptyDir by then, which no plugin objects to.
  const mirror = asMirrorPod(pod, view);
  const spec = mirror.spec;
  // v1 `serviceAccount` is converted into `serviceAccountName` when that is empty.
  if (spec?.serviceAccountName || spec?.serviceAccount) {
    return forbidden('ServiceAccount', 'a mirror pod may not reference service accounts', [
      'spec',
      spec.serviceAccountName ? 'serviceAccountName' : 'serviceAccount',
    ]);
  }
  const secret = secretReferences(mirror)[0];
  if (secret) return forbidden('ServiceAccount', 'a mirror pod may not reference secrets', secret.path);
  for (const [i, v] of (spec?.volumes ?? []).entries()) {
    const j = v.projected?.sources?.findIndex((s) => s.serviceAccountToken) ?? -1;
    if (j >= 0) {
      return forbidden('ServiceAccount', 'a mirror pod may not use ServiceAccountToken volume projections', [
        'spec',
        'volumes',
        i,
        'projected',
        'sources',
        j,
        'serviceAccountToken',
      ]);
    }
  }
  if (options.nodeRestriction ?? true) {
    const refusal = nodeRestrictionRefusal(mirror, view, version.minor);
    if (refusal) return forbidden('NodeRestriction', refusal.detail, refusal.path);
  }
  const priority = resolvePriority(mirror, options.clusterFacts);
  if (!priority.known && priority.missingClass) {
    return forbidden('Priority', `no PriorityClass with name ${priority.missingClass} was found`, [
      'spec',
      'priorityClassName',
    ]);
  }
  if (priority.known) {
    if (spec?.priority !== undefined && spec.priority !== null && spec.priority !== priority.value) {
      return forbidden(
        'Priority',
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority.value} from the given PriorityClass name`,
        ['spec', 'priority'],
      );
    }
    if (spec?.preemptionPolicy && spec.preemptionPolicy !== priority.preemptionPolicy) {
      return forbidden(
        'Priority',
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${priority.preemptionPolicy} from the given PriorityClass name`,
        ['spec', 'preemptionPolicy'],
      );
    }
  }
  const runtimeClass = admitRuntimeClass(mirror, options.clusterFacts);
  if ('refusal' in runtimeClass) return forbidden('RuntimeClass', runtimeClass.refusal, runtimeClass.path);
  const admitted = runtimeClass.pod;
  const errors = validatePodCreate(admitted, {
    allowPrivileged: options.allowPrivileged ?? true,
  });
  if (errors.length > 0) {
    return {
      accepted: false,
      plugin: 'validation',
      status: 422,
      message: invalidMessage(view.mirrorName, errors),
      path: (errors[0] as FieldError).path,
    };
  }
  // RuntimeClass's validating half (`Validate` → `validateOverhead`) runs after validation.
  const definesOverhead = runtimeClass.class?.overhead !== undefined;
  if (!definesOverhead && runtimeClass.known && Object.keys(admitted.spec?.overhead ?? {}).length > 0) {
    return forbidden(
      'RuntimeClass',
      'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
      ['spec', 'overhead'],
    );
  }
  // The storage layer refuses a resourceVersion that parses as a non-zero unsigned integer
  // (apiserver `pkg/storage/etcd3/store.go` `Create`, `APIObjectVersioner.ObjectResourceVersion`);
  // it is not an API status error, so the answer is a 500 with the bare message.
  const resourceVersion = pod.metadata?.resourceVersion;
  if (
    resourceVersion &&
    /^[0-9]+$/.test(resourceVersion) &&
    BigInt(resourceVersion) > 0n &&
    BigInt(resourceVersion) < 2n ** 64n
  ) {
    return {
      accepted: false,
      plugin: 'storage',
      status: 500,
      message: 'resourceVersion should not be set on objects to be created',
      path: ['metadata', 'resourceVersion'],
    };
  }
  return { accepted: true };
}

/**
 * The RuntimeClass admission plugin's mutating half (`plugin/pkg/admission/runtimeclass/admission.go`
 * `Admit`): the named RuntimeClass must exist, a Pod overhead must equal the class's, and the class's
 * overhead and scheduling (node selector, tolerations) are copied into the Pod. `known` says whether
 * the facts allow a prediction: a RuntimeClass not described by `clusterFacts` is assumed to exist,
 * and then whether it defines an overhead is unknown.
 */
function admitRuntimeClass(
  pod: Pod,
  facts: ClusterFacts | undefined,
): { refusal: string; path: FieldPath } | { pod: Pod; class: RuntimeClassFact | undefined; known: boolean } {
  const name = pod.spec?.runtimeClassName;
  if (name === undefined || name === null) return { pod, class: undefined, known: true };
  const classes = facts?.runtimeClasses;
  if (!classes) return { pod, class: undefined, known: false };
  const rc = classes.find((c) => c.name === name);
  if (!rc)
    return { refusal: `pod rejected: RuntimeClass "${name}" not found`, path: ['spec', 'runtimeClassName'] };
  let spec = pod.spec as NonNullable<Pod['spec']>;
  if (rc.overhead) {
    const given = spec.overhead ?? {};
    if (Object.keys(given).length > 0 && !sameResourceList(rc.overhead, given)) {
      return {
        refusal: "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
        path: ['spec', 'overhead'],
      };
    }
    spec = { ...spec, overhead: { ...rc.overhead } };
  }
  if (rc.scheduling) {
    const selector = { ...(spec.nodeSelector ?? {}) };
    for (const [key, value] of Object.entries(rc.scheduling.nodeSelector ?? {})) {
      const podValue = spec.nodeSelector?.[key];
      if (podValue !== undefined && podValue !== value) {
        return {
          refusal: `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${podValue}`,
          path: ['spec', 'nodeSelector', key],
        };
      }
      selector[key] = value;
    }
    const tolerations = [...(spec.tolerations ?? [])];
    for (const t of rc.scheduling.tolerations ?? [])
      if (!tolerations.some((u) => JSON.stringify(u) === JSON.stringify(t))) tolerations.push(t);
    spec = {
      ...spec,
      ...(Object.keys(selector).length > 0 && { nodeSelector: selector }),
      tolerations,
    };
  }
  return { pod: { ...pod, spec }, class: rc, known: true };
}

/** `apiequality.Semantic.DeepEqual` on two resource lists: the same names, quantities equal by value. */
function sameResourceList(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = parseQuantity(String(a[k]));
    const y = parseQuantity(String(b[k]));
    return typeof x !== 'string' && typeof y !== 'string' && compareQuantities(x, y) === 0;
  });
}

/** What the kubelet sends (`pkg/kubelet/pod/mirror_client.go` `CreateMirrorPod`): the held Pod plus the mirror annotation and the Node owner. */
function asMirrorPod(pod: Pod, view: KubeletView): Pod {
  const held = asKubeletHoldsIt(pod, view);
  const hash = held.metadata?.annotations?.['kubernetes.io/config.hash'] ?? '';
  return {
    ...held,
    metadata: {
      ...held.metadata,
      annotations: { ...held.metadata?.annotations, [ANNOTATION_CONFIG_MIRROR]: hash },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: view.nodeName, uid: hash, controller: true }],
    },
  };
}

/**
 * `apierrors.NewInvalid` (apimachinery `pkg/api/errors/errors.go`): one error is printed as is,
 * several as the aggregate `[a, b]` (duplicates removed).
 */
function invalidMessage(name: string, errors: readonly FieldError[]): string {
  const unique = [...new Set(errors.map((e) => e.message))];
  const detail = unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
  return `Pod "${name}" is invalid: ${detail}`;
}

/**
 * NodeRestriction's reference checks. Since 1.34 (kubernetes/kubernetes#131837) they are
 * `HasAPIObjectReference`; before, the plugin checked configmaps, PVCs, ClusterTrustBundles and
 * resource claims itself (service accounts and secrets are refused earlier by ServiceAccount).
 */
function nodeRestrictionRefusal(
  pod: Pod,
  view: KubeletView,
  minor: number,
): { detail: string; path: FieldPath } | undefined {
  const node = view.nodeName;
  if (minor >= 34) {
    const first = firstApiReference(pod);
    if (!first) return undefined;
    if ('error' in first)
      return { detail: `error checking mirror pod for API references: ${first.error}`, path: first.path };
    return {
      detail: `node "${node}" can not create pods that reference ${first.resource}`,
      path: first.path,
    };
  }
  const configMap = configMapReferences(pod)[0];
  if (configMap)
    return { detail: `node "${node}" can not create pods that reference configmaps`, path: configMap.path };
  for (const [i, v] of (pod.spec?.volumes ?? []).entries()) {
    if (v.persistentVolumeClaim) {
      return {
        detail: `node "${node}" can not create pods that reference persistentvolumeclaims`,
        path: ['spec', 'volumes', i, 'persistentVolumeClaim'],
      };
    }
    const j = v.projected?.sources?.findIndex((s) => s.clusterTrustBundle) ?? -1;
    if (j >= 0) {
      return {
        detail: `node "${node}" can not create pods that reference clustertrustbundles`,
        path: ['spec', 'volumes', i, 'projected', 'sources', j],
      };
    }
  }
  if (pod.spec?.resourceClaims?.length)
    return {
      detail: `node "${node}" can not create pods that reference resourceclaims`,
      path: ['spec', 'resourceClaims'],
    };
  return undefined;
}

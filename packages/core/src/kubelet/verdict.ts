import type { Pod } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field-path.js';
import type { ParsedManifest } from '../manifest/parse.js';
import { withPodDefaults } from '../pod-api/defaults.js';
import type { FieldError } from '../pod-api/field-error.js';
import { formatErrorList } from '../pod-api/field-error.js';
import { validatePodCreate } from '../pod-api/validate/index.js';
import {
  KUBELET_REFUSES_API_REFERENCES_SINCE,
  type KubernetesVersion,
  NEWEST_KUBERNETES_VERSION,
} from '../versions.js';
import { firstApiReference } from './api-references.js';
import { ANNOTATION_CONFIG_HASH } from './constants.js';
import { type DecodeStage, decodePod } from './decode.js';
import { type KubeletView, kubeletView } from './kubelet-view.js';

export interface KubeletVerdictOptions {
  /** The kubelet's node name. */
  readonly nodeName: string;
  /** @default the newest modelled version */
  readonly kubernetesVersion?: KubernetesVersion;
  /** `file` (staticPodPath) or `http` (staticPodURL). @default 'file' */
  readonly source?: 'file' | 'http';
}

/** Where the kubelet stopped with a manifest it refuses. */
export type RefusalStage = DecodeStage | 'validation' | 'api-reference';

export type KubeletVerdict =
  | {
      readonly runs: true;
      readonly pod: Pod;
      readonly view: KubeletView;
      readonly droppedFields: readonly FieldPath[];
    }
  | {
      readonly runs: false;
      readonly stage: RefusalStage;
      /**
       * The error the kubelet logs for the file (`Could not process manifest file … err="<error>"`),
       * with the `<file>: couldn't parse as pod(…), please check config file` wrapper where upstream adds it.
       */
      readonly error: string;
      /** Whether `error` is byte-identical to the kubelet's (some decoder wordings are approximations). */
      readonly exact: boolean;
      /** The decoder's own error inside the `couldn't parse as pod(…)` wrapper. */
      readonly detail?: string;
      readonly path?: FieldPath;
      readonly fieldErrors?: readonly FieldError[];
      readonly pod?: Pod;
      readonly view?: KubeletView;
      readonly droppedFields?: readonly FieldPath[];
    };

/** Stands in for the config hash while validating (it only has to be a non-empty UID; see `configHash`). */
const PLACEHOLDER_UID = '00000000000000000000000000000000';

/**
 * Decides what the kubelet's file source does with one manifest, step by step as
 * `tryDecodeSinglePod` and `extractFromFile` do it (kubernetes/kubernetes v1.37.2
 * `pkg/kubelet/config/common.go`, `file.go`): decode, require a name, apply the static Pod
 * defaults, `ValidatePodCreate`, then refuse references to API objects (1.34+).
 */
export function kubeletVerdict(parsed: ParsedManifest, options: KubeletVerdictOptions): KubeletVerdict {
  const version = options.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;
  const decoded = decodePod(parsed);
  if (!decoded.ok) {
    const f = decoded.failure;
    const error = f.wrapped
      ? `${parsed.file}: couldn't parse as pod(${f.error}), please check config file`
      : f.error;
    return {
      runs: false,
      stage: f.stage,
      error,
      exact: f.exact,
      detail: f.error,
      ...(f.path && { path: f.path }),
    };
  }
  const { pod, droppedFields } = decoded;
  const view = kubeletView(pod, { nodeName: options.nodeName, source: options.source ?? 'file' });
  const held = asKubeletHoldsIt(pod, view);
  const fieldErrors = validatePodCreate(held);
  if (fieldErrors.length > 0) {
    return {
      runs: false,
      stage: 'validation',
      error: `invalid pod: ${formatErrorList(fieldErrors)}`,
      exact: true,
      path: (fieldErrors[0] as FieldError).path,
      fieldErrors,
      pod,
      view,
      droppedFields,
    };
  }
  const refusal = apiReferenceRefusal(held, version);
  if (refusal)
    return { runs: false, stage: 'api-reference', exact: true, ...refusal, pod, view, droppedFields };
  return { runs: true, pod, view, droppedFields };
}

/**
 * The static Pod after the v1 defaulting the decoder applies and the kubelet's `applyDefaults`:
 * the object `ValidatePodCreate` sees.
 */
export function asKubeletHoldsIt(pod: Pod, view: KubeletView): Pod {
  const defaulted = withPodDefaults(pod);
  const uid = pod.metadata?.uid || PLACEHOLDER_UID;
  return {
    ...defaulted,
    metadata: {
      ...defaulted.metadata,
      name: view.mirrorName,
      namespace: view.namespace,
      uid,
      annotations: { ...view.annotations, [ANNOTATION_CONFIG_HASH]: uid },
    },
    spec: {
      ...defaulted.spec,
      containers: defaulted.spec?.containers ?? [],
      nodeName: view.nodeName,
      tolerations: [...view.tolerations],
    },
  };
}

/**
 * The kubelet's refusal of API references: every reference since 1.34 (`HasAPIObjectReference`),
 * only ClusterTrustBundle projections and resource claims before (the 1.29–1.33 `tryDecodeSinglePod`).
 */
export function apiReferenceRefusal(
  pod: Pod,
  version: KubernetesVersion,
): { error: string; path: FieldPath } | undefined {
  if (version.minor >= KUBELET_REFUSES_API_REFERENCES_SINCE) {
    const first = firstApiReference(pod);
    if (!first) return undefined;
    return 'error' in first
      ? first
      : { error: `static pods may not reference ${first.resource}`, path: first.path };
  }
  for (const [i, v] of (pod.spec?.volumes ?? []).entries()) {
    const j = v.projected?.sources?.findIndex((s) => s.clusterTrustBundle) ?? -1;
    if (j >= 0) {
      return {
        error: 'static pods may not use ClusterTrustBundle projected volume sources',
        path: ['spec', 'volumes', i, 'projected', 'sources', j, 'clusterTrustBundle'],
      };
    }
  }
  if (pod.spec?.resourceClaims?.length)
    return { error: 'static pods may not use ResourceClaims', path: ['spec', 'resourceClaims'] };
  return undefined;
}

/**
 * Constants the kubelet and the API server use for static and mirror Pods, in one place.
 * Source: kubernetes/kubernetes v1.37.2 `pkg/kubelet/types/pod_update.go`,
 * `pkg/kubelet/config/common.go`, `staging/src/k8s.io/api/core/v1/annotation_key_constants.go`.
 */

/** `kubernetes.io/config.mirror`: marks a Pod as the mirror of a static Pod; value = the static Pod's config hash. */
export const ANNOTATION_CONFIG_MIRROR = 'kubernetes.io/config.mirror';
/** `kubernetes.io/config.hash`: the static Pod's UID as the kubelet computed it (`configHash` reproduces it). */
export const ANNOTATION_CONFIG_HASH = 'kubernetes.io/config.hash';
/** `kubernetes.io/config.source`: `file`, `http` or `api`. */
export const ANNOTATION_CONFIG_SOURCE = 'kubernetes.io/config.source';
/** `kubernetes.io/config.seen`: when the kubelet first saw this Pod UID (RFC 3339, nanoseconds). */
export const ANNOTATION_CONFIG_SEEN = 'kubernetes.io/config.seen';
/** The prefix every kubelet-owned annotation above shares. */
export const KUBELET_ANNOTATION_PREFIX = 'kubernetes.io/config.';

/** Pod sources (`kubetypes.FileSource`, `HTTPSource`, `ApiserverSource`). */
export type PodSource = 'file' | 'http' | 'api';

/**
 * The kubelet reads at most this many bytes of a manifest (`maxConfigLength` in common.go,
 * used with `utilio.ReadAtMost`, which fails once the limit is reached, so a file of exactly
 * this size is refused too).
 */
export const MAX_MANIFEST_BYTES = 10 * (1 << 20);

/** `utilio.ErrLimitReached` (k8s.io/utils/io). */
export const READ_LIMIT_ERROR = 'the read limit is reached';

/** The toleration `applyDefaults` adds to every file-sourced static Pod. */
export const STATIC_POD_TOLERATION = Object.freeze({ operator: 'Exists', effect: 'NoExecute' } as const);

/** `schedulingapi.SystemCriticalPriority` + 1000: the value of `system-node-critical`. */
export const NODE_CRITICAL_PRIORITY = 2_000_001_000;
/** `schedulingapi.SystemCriticalPriority`: the value of `system-cluster-critical`. */
export const CLUSTER_CRITICAL_PRIORITY = 2_000_000_000;
export const SYSTEM_NODE_CRITICAL = 'system-node-critical';
export const SYSTEM_CLUSTER_CRITICAL = 'system-cluster-critical';

/** The label and taint kubeadm puts on control-plane nodes. */
export const CONTROL_PLANE_ROLE_LABEL = 'node-role.kubernetes.io/control-plane';

/** Object metadata only the API server writes (a manifest that has them was copied from `kubectl get -o yaml`). */
export const API_SERVER_METADATA_FIELDS = Object.freeze([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
  'managedFields',
] as const);

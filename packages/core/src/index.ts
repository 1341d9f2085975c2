// Reading manifests like the kubelet

// The API server's side, and files against mirror Pods
export {
  type MirrorAdmission,
  type MirrorAdmissionOptions,
  predictMirrorAdmission,
} from './apiserver/mirror-admission.js';
export { type ContentVariant, groupNodesByContent } from './correlate/content-groups.js';
export {
  correlateFilesAndMirrors,
  DEFAULT_NODE_MANIFEST_PATH,
  type DriftOptions,
  type DriftRow,
  type DriftStatus,
} from './correlate/drift.js';
export { controlPlaneComponent, hostPortsOf, toleratesControlPlane } from './daemonset/host-ports.js';
// Versions and errors
export { type ErrorCode, InternalError, StaticPodsError } from './errors.js';
export { type FieldPath, formatFieldPath } from './field-path.js';
export {
  type ApiReference,
  type ApiReferenceKind,
  findApiReferences,
  firstApiReference,
} from './kubelet/api-references.js';
// What the kubelet and the API server make of a static Pod
export {
  CONFIG_HASH_VERSIONS,
  type ConfigHash,
  type ConfigHashOptions,
  configHash,
  contentDigest,
} from './kubelet/config-hash/config-hash.js';
export * as kubeletConstants from './kubelet/constants.js';
export { type DecodeFailure, type DecodeResult, type DecodeStage, decodePod } from './kubelet/decode.js';
export {
  applyKubeletDefaults,
  type KubeletView,
  type KubeletViewOptions,
  kubeletView,
} from './kubelet/kubelet-view.js';
export {
  type KubeletVerdict,
  type KubeletVerdictOptions,
  kubeletVerdict,
  type RefusalStage,
} from './kubelet/verdict.js';
export {
  type KubeletConfigz,
  type KubeletPodMirror,
  type KubeletPodRow,
  type KubeletPods,
  type KubeletStaticPodConfig,
  kubeletPodRows,
  kubeletStaticPodConfig,
} from './kubelet-server/kubelet-pods.js';
export { resolvePlainScalar } from './manifest/go-yaml-scalars.js';
export {
  oversizedManifest,
  type ParsedManifest,
  type ParseOptions,
  type Position,
  parseManifest,
  type SyntaxProblem,
} from './manifest/parse.js';
export {
  isKubeletWildcardToleration,
  isMirrorPod,
  type ManifestRepair,
  type MirrorPodInfo,
  mirrorPodInfo,
  mirrorToStaticManifest,
} from './mirror/mirror-pod.js';
export { mirrorPodName, staticNameFromMirrorName } from './mirror/naming.js';
// Pod API semantics
export { stripPodDefaults, withPodDefaults } from './pod-api/defaults.js';
export { type FieldError, formatErrorList } from './pod-api/field-error.js';
export { resolvePriority } from './rules/priority.js';
// Limitation checks
export { allRules, findRule } from './rules/registry.js';
export type {
  ClusterFacts,
  Finding,
  LoggedMessage,
  Rule,
  RuleCategory,
  RuleMeta,
  RuntimeClassFact,
  Severity,
} from './rules/rule.js';
export { docsPath } from './rules/rule.js';
export {
  type CheckOptions,
  type CheckResult,
  checkEntries,
  checkManifest,
  checkStaticPodPath,
  compareFindings,
  PLACEHOLDER_NODE_NAME,
  type SuppressedFinding,
} from './rules/run.js';
export { SUPPRESSION_ANNOTATION_PREFIX } from './rules/suppressions.js';
export { KUBERNETES_SOURCE } from './rules/upstream.js';
export {
  type DuplicateGroup,
  type EntryKind,
  type ReadStaticPodPathOptions,
  readStaticPodPath,
  type SourceEntry,
  type StaticPodPathReport,
} from './source/read-static-pod-path.js';
export {
  formatVersion,
  type KubernetesVersion,
  NEWEST_KUBERNETES_VERSION,
  OLDEST_KUBERNETES_VERSION,
  parseKubernetesVersion,
} from './versions.js';

/** How completely an area of `ValidatePodCreate` is reproduced. */
export type ValidationStatus = 'covered' | 'partial' | 'not covered';

/** One area of pod validation and how much of it `validatePodCreate` reproduces. */
export interface ValidationArea {
  /** Short name, used as a heading in `docs/pod-validation.md`. */
  readonly area: string;
  readonly status: ValidationStatus;
  /** The Go functions in `pkg/apis/core/validation/validation.go` (or apimachinery) it corresponds to. */
  readonly go: readonly string[];
  /** What is checked, and what is not. */
  readonly notes: string;
}

/** The areas of `ValidatePodCreate`, in Go's order, with what this package checks. */
export const VALIDATION_COVERAGE: readonly ValidationArea[] = [
  {
    area: 'Object metadata',
    status: 'partial',
    go: [
      'ValidateObjectMeta',
      'ValidateObjectMetaAccessor',
      'ValidateLabels',
      'ValidateAnnotations',
      'ValidateOwnerReferences',
      'ValidateFinalizers',
    ],
    notes:
      'Name (DNS subdomain), generateName, namespace (DNS label), generation, label keys and values, annotation keys and total size (256 KiB), owner references, finalizers. managedFields are not checked. Labels and annotations are visited in document order; Go visits maps in random order, so with several bad keys the order of the errors can differ.',
  },
  {
    area: 'Pod annotations',
    status: 'partial',
    go: ['ValidatePodSpecificAnnotations', 'ValidateSeccompPodAnnotations', 'ValidateAppArmorPodAnnotations'],
    notes:
      'controller.kubernetes.io/pod-deletion-cost, the deprecated seccomp and AppArmor annotations. The scheduler.alpha.kubernetes.io/tolerations annotation is not parsed.',
  },
  {
    area: 'Termination grace period',
    status: 'covered',
    go: ['ValidatePodSpec', 'validatePodMetadataAndSpec'],
    notes: 'Required (always set by defaulting) and non-negative (defaulting turns negative values into 1).',
  },
  {
    area: 'Volumes',
    status: 'partial',
    go: [
      'ValidateVolumes',
      'validateVolumeSource',
      'validateHostPathVolumeSource',
      'validateSecretVolumeSource',
      'validateConfigMapVolumeSource',
      'validateDownwardAPIVolumeSource',
      'validateProjectedVolumeSource',
      'validateCSIVolumeSource',
    ],
    notes:
      'Name required, DNS label, unique; exactly one source (a volume without any source is defaulted to emptyDir); emptyDir sizeLimit and mode; hostPath path and type; secret, configMap (names, modes, items key/path), downwardAPI (paths, field and resource references), projected (secret, configMap, downwardAPI and serviceAccountToken sources, conflicting paths), persistentVolumeClaim, nfs, gitRepo, csi driver, image. The contents of the other (cloud and network) volume types, ephemeral claim templates, clusterTrustBundle and podCertificate sources are not checked.',
  },
  {
    area: 'Containers and init containers',
    status: 'covered',
    go: [
      'validateContainers',
      'validateInitContainers',
      'validateContainerCommon',
      'validateContainerOnlyForPod',
    ],
    notes:
      'At least one container; name required, DNS label, unique across init and regular containers; image required and without surrounding whitespace; terminationMessagePolicy; imagePullPolicy; lifecycle and probes forbidden on init containers without restartPolicy Always; host port conflicts.',
  },
  {
    area: 'Container ports',
    status: 'covered',
    go: ['validateContainerPorts', 'AccumulateUniqueHostPorts', 'validatePodHostNetworkDeps'],
    notes:
      'containerPort required and 1-65535, hostPort 0-65535, protocol TCP/UDP/SCTP, port names (IANA_SVC_NAME) and their uniqueness, duplicate protocol/hostIP/hostPort, hostPort equal to containerPort with hostNetwork.',
  },
  {
    area: 'Environment variables',
    status: 'covered',
    go: [
      'ValidateEnv',
      'validateEnvVarValueFrom',
      'validateObjectFieldSelector',
      'validateContainerResourceFieldSelector',
      'ValidateEnvFrom',
      'validateFileKeyRefVolumes',
    ],
    notes:
      'Names (relaxed rules, on since 1.34), exactly one valueFrom source and not together with value, fieldRef paths, resourceFieldRef resources and divisors, configMapKeyRef/secretKeyRef names and keys, fileKeyRef, envFrom prefixes and sources.',
  },
  {
    area: 'Volume mounts and devices',
    status: 'covered',
    go: [
      'ValidateVolumeMounts',
      'ValidateVolumeDevices',
      'validateMountPropagation',
      'validateMountRecursiveReadOnly',
    ],
    notes:
      'The volume must exist and be valid, mountPath required and unique, subPath/subPathExpr relative without .., mountPropagation (Bidirectional needs privileged), recursiveReadOnly, bindMountOptions, volumeDevices.',
  },
  {
    area: 'Probes and lifecycle handlers',
    status: 'covered',
    go: [
      'validateLivenessProbe',
      'validateReadinessProbe',
      'validateStartupProbe',
      'validateProbe',
      'validateHandler',
      'validateLifecycle',
    ],
    notes:
      'Exactly one handler; exec command; httpGet port (number 1-65535 or port name), scheme, header names; tcpSocket and grpc ports; sleep within the grace period; numeric fields non-negative; successThreshold 1 for liveness and startup probes; terminationGracePeriodSeconds. Go does not check that a named probe port exists among the container ports, and neither do we.',
  },
  {
    area: 'Resources',
    status: 'partial',
    go: [
      'ValidateContainerResourceRequirements',
      'validateResourceRequirements',
      'ValidateResourceQuantityValue',
      'validatePodResources',
    ],
    notes:
      'Resource names, non-negative quantities, integer extended resources, hugepages, requests not above limits (equal for non-overcommittable resources), resource claim names, pod-level resources and overhead. The pod-level versus container aggregate checks (validatePodResourceConsistency) are not done.',
  },
  {
    area: 'Resize and restart policies',
    status: 'covered',
    go: ['validateResizePolicy', 'validateContainerRestartPolicy', 'validateInitContainerRestartPolicy'],
    notes: 'resizePolicy resource names and policies, container restartPolicy and restartPolicyRules.',
  },
  {
    area: 'Security context',
    status: 'partial',
    go: [
      'ValidateSecurityContext',
      'validatePodSpecSecurityContext',
      'validateSysctls',
      'validateSeccompProfileField',
      'ValidateAppArmorProfileField',
    ],
    notes:
      'User and group IDs, procMount, seccomp and AppArmor profiles, allowPrivilegeEscalation with privileged or CAP_SYS_ADMIN, sysctl names and their host namespaces, fsGroupChangePolicy, supplementalGroupsPolicy, seLinuxChangePolicy, privileged (allowed, as in the kubelet). Windows options are checked only for empty values and the credential spec name.',
  },
  {
    area: 'Restart and DNS policy',
    status: 'covered',
    go: ['validateRestartPolicy', 'validateDNSPolicy', 'validatePodDNSConfig'],
    notes:
      'restartPolicy and dnsPolicy values, dnsConfig required with dnsPolicy None, nameserver count and IPs, search domains, options.',
  },
  {
    area: 'Node selector and affinity',
    status: 'partial',
    go: ['ValidateLabels', 'validateAffinity', 'ValidateNodeSelector', 'validatePodAffinityTerm'],
    notes:
      'nodeSelector labels, node affinity terms and requirements, preferred weights, pod (anti-)affinity label selectors, namespaces and topology keys. matchLabelKeys and mismatchLabelKeys are not checked.',
  },
  {
    area: 'Tolerations',
    status: 'covered',
    go: ['ValidateTolerations', 'validateTaintEffect'],
    notes:
      'Key format, operator (Exists with an empty key, Lt/Gt rejected), value, effect, tolerationSeconds only with NoExecute.',
  },
  {
    area: 'Topology spread constraints',
    status: 'partial',
    go: ['validateTopologySpreadConstraints'],
    notes:
      'maxSkew, topologyKey, whenUnsatisfiable, duplicates, minDomains, node inclusion policies, label selector. matchLabelKeys is not checked.',
  },
  {
    area: 'Host namespaces and names',
    status: 'partial',
    go: [
      'validateHostUsers',
      'validateShareProcessNamespace',
      'validatePodHostName',
      'ValidateHostAliases',
      'validateOS',
      'validateLinux',
      'validateWindows',
    ],
    notes:
      'hostUsers false with host namespaces or volume devices, shareProcessNamespace with hostPID, hostname, subdomain, hostnameOverride, hostAliases IPs and names, spec.os, Windows options on Linux pods and Linux-only settings on Windows pods. Host-process container rules are not checked.',
  },
  {
    area: 'Names of other objects',
    status: 'covered',
    go: ['ValidatePodSpec'],
    notes:
      'serviceAccountName and the deprecated serviceAccount, nodeName, priorityClassName, runtimeClassName, preemptionPolicy, activeDeadlineSeconds range, readiness and scheduling gates.',
  },
  {
    area: 'Create-only rules',
    status: 'covered',
    go: [
      'ValidatePodCreate',
      'validateSeccompAnnotationsAndFields',
      'validateAppArmorAnnotationsAndFieldsMatchOnCreate',
    ],
    notes:
      'Ephemeral containers forbidden on create (their own errors are reported too), schedulingGates with nodeName, service account token projections without a service account, seccomp and AppArmor annotations versus fields.',
  },
  {
    area: 'Resource claims',
    status: 'not covered',
    go: ['validatePodResourceClaims'],
    notes:
      'spec.resourceClaims is not validated (the kubelet rejects static pods that use resource claims anyway).',
  },
  {
    area: 'Scheduling groups and eviction responders',
    status: 'not covered',
    go: ['validateSchedulingGroup'],
    notes: 'spec.schedulingGroup and spec.evictionResponders are not validated.',
  },
  {
    area: 'Decoding',
    status: 'covered',
    go: [
      'sigs.k8s.io/json UnmarshalCaseSensitivePreserveInts',
      'resource.ParseQuantity',
      'intstr.IntOrString.UnmarshalJSON',
      'metav1.Time.UnmarshalJSON',
    ],
    notes:
      'checkPodDecodes: JSON type mismatches with the Go type names, int32/int64 range, fractions for integers, quantities, IntOrString and RFC 3339 times; the first mismatch in decoding order, custom unmarshaler errors first. Missing or unknown kind/apiVersion are not reported.',
  },
];

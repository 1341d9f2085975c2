import { defineRule } from './rule.js';
import { upstream } from './upstream.js';

const WORKLOADS = new Set([
  'Deployment',
  'DaemonSet',
  'StatefulSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'ReplicationController',
]);

export const sp006 = defineRule({
  id: 'SP006',
  name: 'not-a-pod',
  severity: 'error',
  category: 'kubelet',
  scope: 'manifest',
  summary: 'A manifest in the staticPodPath must be a single v1 Pod.',
  description:
    'The kubelet decodes each file with its API scheme and accepts only an object of `apiVersion: v1`, `kind: Pod`. Lists ' +
    '(`PodList`, `List`), workloads (`Deployment`, `DaemonSet`), other kinds, and files without `kind`/`apiVersion` are refused ' +
    'with "couldn\'t parse as pod(…), please check config file" and never run.',
  remediation:
    "Put exactly one Pod in each manifest. Apply other objects with kubectl, or convert a workload's pod template into a Pod.",
  upstream: [
    upstream('pkg/kubelet/config/common.go', 'tryDecodeSinglePod'),
    upstream('pkg/kubelet/config/file.go', 'extractFromFile'),
  ],
  check({ manifest, verdict, report }) {
    if (verdict.runs || verdict.stage !== 'not-a-pod') return;
    if (manifest.firstDocumentEmpty && manifest.ignoredDocuments.length > 0) return; // SP005 explains it
    const logged = { by: 'kubelet', message: verdict.error, exact: verdict.exact } as const;
    const value = manifest.value;
    if (value === null || value === undefined) {
      report({ message: 'the file holds no object (it is empty or only comments)', logged });
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      report({
        message: `the file holds ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a Pod object`,
        logged,
      });
      return;
    }
    const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
    for (const [field, v] of [
      ['kind', kind],
      ['apiVersion', apiVersion],
    ] as const) {
      if (v !== undefined && v !== null && typeof v !== 'string') {
        report({
          message: `${field} must be a string, not ${goValueKind(v)}; the kubelet needs "apiVersion: v1" and "kind: Pod"`,
          path: [field],
          logged,
        });
        return;
      }
    }
    if (!kind || !apiVersion) {
      report({
        message: `the manifest has no ${!kind ? 'kind' : 'apiVersion'}; the kubelet needs "apiVersion: v1" and "kind: Pod"`,
        path: verdict.path ?? [],
        logged,
      });
      return;
    }
    const found = `${String(kind)} (${String(apiVersion)})`;
    const hint =
      kind === 'PodList' || kind === 'List'
        ? ': lists are not read from a staticPodPath; give each Pod its own file'
        : WORKLOADS.has(String(kind))
          ? ': the kubelet does not run workload objects; apply it with kubectl, or turn its pod template into a Pod'
          : kind === 'KubeStaticPodConfig'
            ? ': this is a Talos machine-config document; the Pod is in its "pod" field'
            : kind === 'Pod'
              ? ': static Pods must use apiVersion v1'
              : '';
    report({ message: `found ${found}, not a v1 Pod${hint}`, path: verdict.path ?? ['kind'], logged });
  },
});

/** How a value that should have been a string reads in a message. */
function goValueKind(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `a ${typeof v === 'boolean' ? 'boolean' : typeof v} (${String(v)})`;
}

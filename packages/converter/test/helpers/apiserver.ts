import { connect, createObject, dryRunCreate, type KubeObject } from '@staticpods/testkube';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, Toleration } from 'kubernetes-types/core/v1.js';
import { afterAll, expect, inject } from 'vitest';

let cp: ReturnType<typeof connect> | undefined;
const ready = new Map<string, Promise<void>>();

/** Counts for the report: DaemonSets sent to the API server, and how many it accepted. */
export const dryRunTally = { sent: 0, accepted: 0 };

afterAll(() => {
  if (dryRunTally.sent === 0) return;
  const file = expect.getState().testPath?.split('/').pop() ?? '';
  process.stdout.write(
    `[dry-run] ${file}: ${dryRunTally.sent} DaemonSets sent, ${dryRunTally.accepted} accepted\n`,
  );
});

function controlPlane() {
  cp ??= connect(inject('testkube'));
  return cp;
}

/** The typed Kubernetes objects of the tests, as testkube's loosely typed request bodies. */
export function asKubeObject(obj: object): KubeObject {
  return obj as unknown as KubeObject;
}

/** Creates (once per run and name) an object the dry runs need; "already exists" is fine. */
export function ensure(obj: KubeObject): Promise<void> {
  const key = `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
  let p = ready.get(key);
  if (!p) {
    p = createObject(controlPlane(), obj).then((r) => {
      if (!r.accepted && r.status !== 409) throw new Error(`creating ${key}: ${r.message}`);
    });
    ready.set(key, p);
  }
  return p;
}

/**
 * What the cluster must have for the DaemonSet's Pods: the namespace, and the ServiceAccount the Pods
 * run as (the test control plane has no kube-controller-manager, so not even `default` exists).
 */
export async function prepareNamespace(namespace: string, serviceAccount: string): Promise<void> {
  await ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await ensure({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: serviceAccount, namespace } });
}

/** The tolerations the DaemonSet controller adds (AddOrUpdateDaemonPodTolerations, daemonset_util.go). */
function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  return [
    t('node.kubernetes.io/not-ready', 'NoExecute'),
    t('node.kubernetes.io/unreachable', 'NoExecute'),
    t('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    t('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    t('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    t('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [t('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
}

/**
 * A Pod as the DaemonSet controller would create it from the template (`CreatePodTemplate`), so that
 * the admission plugins that only look at Pods (Priority, ServiceAccount, PodSecurity) see it too.
 */
function daemonPod(ds: DaemonSet): Pod {
  const template = ds.spec?.template;
  const spec = structuredClone(template?.spec ?? { containers: [] });
  spec.tolerations = [...(spec.tolerations ?? []), ...daemonTolerations(spec.hostNetwork === true)];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${(ds.metadata?.name ?? 'x').slice(0, 240)}-dryrn`,
      namespace: ds.metadata?.namespace ?? 'default',
      labels: {
        ...template?.metadata?.labels,
        'controller-revision-hash': 'dryrun',
        'pod-template-generation': '1',
      },
      ...(template?.metadata?.annotations && { annotations: template.metadata.annotations }),
    },
    spec,
  };
}

/**
 * Sends the DaemonSet, and a Pod made from its template, to the real kube-apiserver with a server-side
 * dry run. Returns the API server's messages ('' when both were accepted).
 */
export async function dryRun(ds: DaemonSet): Promise<string> {
  const namespace = ds.metadata?.namespace ?? 'default';
  const sa = ds.spec?.template.spec?.serviceAccountName || 'default';
  await prepareNamespace(namespace, sa);
  dryRunTally.sent++;
  const dsResult = await dryRunCreate(controlPlane(), asKubeObject(ds));
  const podResult = await dryRunCreate(controlPlane(), asKubeObject(daemonPod(ds)));
  const messages = [
    dsResult.accepted ? '' : `DaemonSet: ${dsResult.message}`,
    podResult.accepted ? '' : `daemon Pod: ${podResult.message}`,
  ].filter(Boolean);
  if (messages.length === 0) dryRunTally.accepted++;
  return messages.join('\n');
}

export { controlPlane };

import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { findApiReferences, firstApiReference, formatFieldPath } from '../../src/index.js';
import { staticPod } from '../../src/testing.js';

const withSpec = (spec: Partial<NonNullable<Pod['spec']>>) => staticPod({ name: 'p', spec });
const withVolume = (v: object) => withSpec({ volumes: [{ name: 'v', ...v }] });

describe.each([
  // [what, pod, kind, field, HasAPIObjectReference's resource word]
  [
    'serviceAccountName',
    withSpec({ serviceAccountName: 'sa' }),
    'service-account',
    'spec.serviceAccountName',
    'serviceaccounts',
  ],
  [
    'deprecated serviceAccount',
    withSpec({ serviceAccount: 'sa' }),
    'service-account',
    'spec.serviceAccount',
    'serviceaccounts',
  ],
  [
    'imagePullSecrets',
    withSpec({ imagePullSecrets: [{ name: 'r' }] }),
    'secret',
    'spec.imagePullSecrets[0].name',
    'secrets',
  ],
  [
    'init env secretKeyRef',
    withSpec({
      initContainers: [
        { name: 'i', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] },
      ],
    }),
    'secret',
    'spec.initContainers[0].env[0].valueFrom.secretKeyRef.name',
    'secrets',
  ],
  [
    'ephemeral envFrom configMapRef',
    withSpec({ ephemeralContainers: [{ name: 'e', envFrom: [{ configMapRef: { name: 'c' } }] }] }),
    'config-map',
    'spec.ephemeralContainers[0].envFrom[0].configMapRef.name',
    'configmaps',
  ],
  [
    'secret volume',
    withVolume({ secret: { secretName: 's' } }),
    'secret',
    'spec.volumes[0].secret.secretName',
    'secrets',
  ],
  [
    'projected configMap',
    withVolume({ projected: { sources: [{ configMap: { name: 'c' } }] } }),
    'config-map',
    'spec.volumes[0].projected.sources[0].configMap.name',
    'configmaps',
  ],
  [
    'cephfs secretRef',
    withVolume({ cephfs: { monitors: ['m'], secretRef: { name: 's' } } }),
    'secret',
    'spec.volumes[0].cephfs.secretRef.name',
    'secrets',
  ],
  [
    'csi nodePublishSecretRef',
    withVolume({ csi: { driver: 'd', nodePublishSecretRef: { name: 's' } } }),
    'secret',
    'spec.volumes[0].csi.nodePublishSecretRef.name',
    'secrets',
  ],
  [
    'csi without secret',
    withVolume({ csi: { driver: 'd' } }),
    'csi-volume',
    'spec.volumes[0].csi',
    'csidrivers (via CSI volumes)',
  ],
  [
    'glusterfs',
    withVolume({ glusterfs: { endpoints: 'e', path: 'p' } }),
    'glusterfs-volume',
    'spec.volumes[0].glusterfs',
    'endpoints (via glusterFS volumes)',
  ],
  [
    'pvc',
    withVolume({ persistentVolumeClaim: { claimName: 'c' } }),
    'persistent-volume-claim',
    'spec.volumes[0].persistentVolumeClaim.claimName',
    'persistentvolumeclaims',
  ],
  [
    'ephemeral volume',
    withVolume({ ephemeral: {} }),
    'ephemeral-volume',
    'spec.volumes[0].ephemeral',
    'persistentvolumeclaims (via ephemeral volumes)',
  ],
  [
    'projected SA token',
    withVolume({ projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }),
    'service-account-token',
    'spec.volumes[0].projected.sources[0].serviceAccountToken',
    'serviceaccounts (via projected volumes)',
  ],
  [
    'resourceClaims',
    withSpec({ resourceClaims: [{ name: 'g' }] }),
    'resource-claim',
    'spec.resourceClaims[0]',
    'resourceclaims',
  ],
])('%s', (_what, pod, kind, field, resource) => {
  it(`is a ${kind} reference at ${field}`, () => {
    const refs = findApiReferences(pod);
    expect(refs.map((r) => [r.kind, formatFieldPath(r.path)])).toContainEqual([kind, field]);
  });
  it(`makes the kubelet say "static pods may not reference ${resource}"`, () => {
    expect(firstApiReference(pod)).toMatchObject({ resource });
  });
});

describe('firstApiReference follows HasAPIObjectReference', () => {
  it('reports the service account before secrets', () => {
    expect(
      firstApiReference(withSpec({ serviceAccountName: 'sa', imagePullSecrets: [{ name: 'r' }] })),
    ).toMatchObject({ resource: 'serviceaccounts' });
  });
  it('lets local volume types and projected downwardAPI through', () => {
    expect(firstApiReference(withVolume({ hostPath: { path: '/x' } }))).toBeUndefined();
    expect(
      firstApiReference(withVolume({ projected: { sources: [{ downwardAPI: { items: [] } }] } })),
    ).toBeUndefined();
  });
  it('refuses a volume with no known type, with the two-space message', () => {
    expect(firstApiReference(withVolume({}))).toMatchObject({ error: 'unknown volume type for volume  "v"' });
  });
  it('refuses an empty projected source', () => {
    expect(firstApiReference(withVolume({ projected: { sources: [{}] } }))).toMatchObject({
      error: 'unknown source for projected volume "v"',
    });
  });
  it('ignores references with empty names, like upstream (skipEmptyNames)', () => {
    expect(findApiReferences(withSpec({ imagePullSecrets: [{ name: '' }] }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkManifest,
  kubeletVerdict,
  kubeletView,
  parseKubernetesVersion,
  parseManifest,
  predictMirrorAdmission,
  StaticPodsError,
} from '../../src/index.js';
import { staticPod } from '../../src/testing.js';

const v133 = parseKubernetesVersion('v1.33.5');
const v137 = parseKubernetesVersion('1.37');

function findingsFor(pod: object, version = v137) {
  return checkManifest(parseManifest(JSON.stringify(pod), { file: 'm.json' }), {
    nodeName: 'cp-1',
    kubernetesVersion: version,
  }).findings;
}

describe('parseKubernetesVersion', () => {
  it.each([
    ['1.33', 33],
    ['v1.29.0', 29],
    ['1.37.2-rc.1', 37],
  ])('reads %s', (text, minor) => expect(parseKubernetesVersion(text)).toEqual({ major: 1, minor }));
  it.each(['2.0', '1.28', '1.38', 'latest', ''])('refuses %j with a hint', (text) =>
    expect(() => parseKubernetesVersion(text)).toThrow(StaticPodsError),
  );
});

describe('the consequence of an API reference depends on the version (kubernetes/kubernetes#131837, #140226)', () => {
  const withSecret = staticPod({
    name: 'web',
    spec: { volumes: [{ name: 's', secret: { secretName: 'creds' } }] },
  });

  it('1.37: the kubelet refuses to run the Pod', () => {
    const [f] = findingsFor(withSecret).filter((x) => x.ruleId === 'SP013');
    expect(f).toMatchObject({
      severity: 'error',
      logged: { by: 'kubelet', message: 'static pods may not reference secrets' },
    });
    const v = kubeletVerdict(parseManifest(JSON.stringify(withSecret)), {
      nodeName: 'cp-1',
      kubernetesVersion: v137,
    });
    expect(v.runs).toBe(false);
  });

  it('1.33: the Pod runs, and the API server refuses its mirror', () => {
    const [f] = findingsFor(withSecret, v133).filter((x) => x.ruleId === 'SP013');
    expect(f).toMatchObject({
      severity: 'error',
      logged: {
        by: 'kube-apiserver',
        message: 'pods "web-cp-1" is forbidden: a mirror pod may not reference secrets',
      },
    });
    expect(
      kubeletVerdict(parseManifest(JSON.stringify(withSecret)), { nodeName: 'cp-1', kubernetesVersion: v133 })
        .runs,
    ).toBe(true);
  });

  it('1.33: a CSI volume is still allowed, with a warning about 1.34', () => {
    const pod = staticPod({
      name: 'web',
      spec: { volumes: [{ name: 'c', csi: { driver: 'x.example.com' } }] },
    });
    const [f] = findingsFor(pod, v133).filter((x) => x.ruleId === 'SP021');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('from 1.34 the kubelet refuses');
  });

  it('1.33: the kubelet itself refuses resource claims, with its older wording', () => {
    const pod = staticPod({
      name: 'web',
      // kubernetes-types 1.30 predates the flattened resourceClaimName field (Kubernetes 1.31).
      spec: { resourceClaims: [{ name: 'gpu', resourceClaimName: 'g' } as never] },
    });
    const v = kubeletVerdict(parseManifest(JSON.stringify(pod)), {
      nodeName: 'cp-1',
      kubernetesVersion: v133,
    });
    expect(v).toMatchObject({ runs: false, error: 'static pods may not use ResourceClaims' });
  });

  it('1.33: NodeRestriction words its refusal without HasAPIObjectReference (read in the v1.33.5 source)', () => {
    const pod = staticPod({
      name: 'web',
      spec: { volumes: [{ name: 'p', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    const view = kubeletView(pod, { nodeName: 'cp-1' });
    expect(predictMirrorAdmission(pod, view, { kubernetesVersion: v133 })).toMatchObject({
      accepted: false,
      plugin: 'NodeRestriction',
      message:
        'pods "web-cp-1" is forbidden: node "cp-1" can not create pods that reference persistentvolumeclaims',
    });
    const csi = staticPod({ name: 'web', spec: { volumes: [{ name: 'c', csi: { driver: 'x' } }] } });
    expect(
      predictMirrorAdmission(csi, kubeletView(csi, { nodeName: 'cp-1' }), { kubernetesVersion: v133 }),
    ).toEqual({ accepted: true });
  });

  it('the kubelet warns about priorities only from 1.37 (kubernetes/kubernetes#136705)', () => {
    const pod = staticPod({ name: 'web', spec: { priorityClassName: 'system-node-critical' } });
    expect(findingsFor(pod).find((f) => f.ruleId === 'SP027')?.logged?.message).toMatch(
      /^Static pod has priorityClassName and nil priority/,
    );
    expect(findingsFor(pod, v133).find((f) => f.ruleId === 'SP027')?.logged).toBeUndefined();
  });
});

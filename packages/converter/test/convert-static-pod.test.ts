import { StaticPodsError } from '@staticpods/core';
import { describe, expect, it } from 'vitest';
import { convertStaticPod, formatNote } from '../src/index.js';
import { ensure } from './helpers/apiserver.js';
import { codes, convertChecked, file, ok, pod } from './helpers/convert.js';

describe('restartPolicy and activeDeadlineSeconds', () => {
  it.each(['OnFailure', 'Never'])(
    'refuses %s without rewriteRestartPolicy, with the validation message',
    async (policy) => {
      const r = await convertChecked(file(pod('job', { restartPolicy: policy })));
      expect(r.ok).toBe(false);
      const note = r.notes.find((n) => n.code === 'restart-policy');
      expect(note?.severity).toBe('error');
      expect(note?.message).toContain(`Unsupported value: "${policy}": supported values: "Always"`);
      // The option that would convert it anyway is data, for front ends to name their own way.
      expect(note?.remedy).toMatchObject({ option: 'rewriteRestartPolicy', value: true });
      expect(note && formatNote(note)).toContain('Pass rewriteRestartPolicy to convert anyway: ');
    },
  );

  it('rewrites to Always when asked, with a warning that says what changes', async () => {
    const r = ok(
      await convertChecked(file(pod('job', { restartPolicy: 'OnFailure' })), { rewriteRestartPolicy: true }),
    );
    expect(r.daemonSet.spec?.template.spec?.restartPolicy).toBeUndefined();
    expect(r.notes.find((n) => n.code === 'restart-policy-rewritten')?.severity).toBe('warning');
  });

  it('always refuses activeDeadlineSeconds, even with rewriteRestartPolicy', async () => {
    const r = await convertChecked(file(pod('job', { activeDeadlineSeconds: 60 })), {
      rewriteRestartPolicy: true,
    });
    expect(r.ok).toBe(false);
    expect(r.notes.find((n) => n.code === 'active-deadline-seconds')?.message).toContain(
      'activeDeadlineSeconds in DaemonSet is not Supported',
    );
  });

  it('reports every problem at once', async () => {
    const r = await convertChecked(
      file(pod('etcd', { restartPolicy: 'Never', activeDeadlineSeconds: 5 }, { component: 'etcd' })),
    );
    expect(r.ok).toBe(false);
    expect(r.notes.filter((n) => n.severity === 'error').map((n) => n.code)).toEqual([
      'bootstrap-component',
      'restart-policy',
      'active-deadline-seconds',
    ]);
  });
});

describe('priority', () => {
  it('drops spec.priority when a class is set, keeping the class', async () => {
    const r = ok(
      await convertChecked(
        file(pod('agent', { priority: 2000001000, priorityClassName: 'system-node-critical' })),
      ),
    );
    expect(r.daemonSet.spec?.template.spec?.priority).toBeUndefined();
    expect(r.daemonSet.spec?.template.spec?.priorityClassName).toBe('system-node-critical');
    expect(r.notes.find((n) => n.code === 'priority-dropped')?.severity).toBe('info');
  });

  it('warns when the dropped value disagreed with the class', async () => {
    const r = ok(
      await convertChecked(file(pod('agent', { priority: 1, priorityClassName: 'system-node-critical' }))),
    );
    expect(r.notes.find((n) => n.code === 'priority-dropped')?.severity).toBe('warning');
  });

  it('keeps a system priority without class by naming its class', async () => {
    const r = ok(await convertChecked(file(pod('agent', { priority: 2000000000 }))));
    expect(r.daemonSet.spec?.template.spec?.priorityClassName).toBe('system-cluster-critical');
    expect(codes(r)).toContain('priority-class-added');
  });

  it('keeps preemptionPolicy only for custom classes', async () => {
    await ensure({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'converter-test-never' },
      value: 1000,
      preemptionPolicy: 'Never',
    });
    const custom = ok(
      await convertChecked(
        file(pod('a', { priorityClassName: 'converter-test-never', preemptionPolicy: 'Never' })),
      ),
    );
    expect(custom.daemonSet.spec?.template.spec?.preemptionPolicy).toBe('Never');
    const system = ok(
      await convertChecked(
        file(pod('a', { priorityClassName: 'system-node-critical', preemptionPolicy: 'Never' })),
      ),
    );
    expect(system.daemonSet.spec?.template.spec?.preemptionPolicy).toBeUndefined();
    expect(system.notes.find((n) => n.code === 'preemption-policy-dropped')?.severity).toBe('warning');
  });
});

describe('tolerations, DNS and update strategy', () => {
  it('drops the kubelet wildcard toleration by default and keeps it when asked', async () => {
    const wildcard = { operator: 'Exists', effect: 'NoExecute' };
    const dropped = ok(await convertChecked(file(pod('a', { tolerations: [wildcard] }))));
    expect(dropped.daemonSet.spec?.template.spec?.tolerations).toBeUndefined();
    expect(codes(dropped)).toContain('kubelet-toleration-dropped');
    const kept = ok(await convertChecked(file(pod('a')), { keepKubeletToleration: true }));
    expect(kept.daemonSet.spec?.template.spec?.tolerations).toEqual([wildcard]);
  });

  it('switches hostNetwork Pods to ClusterFirstWithHostNet, unless another policy was chosen', async () => {
    const changed = ok(await convertChecked(file(pod('a', { hostNetwork: true }))));
    expect(changed.daemonSet.spec?.template.spec?.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(changed.notes.find((n) => n.code === 'dns-policy-changed')?.severity).toBe('warning');
    const explicit = ok(await convertChecked(file(pod('a', { hostNetwork: true, dnsPolicy: 'Default' }))));
    expect(explicit.daemonSet.spec?.template.spec?.dnsPolicy).toBe('Default');
    const kept = ok(await convertChecked(file(pod('a', { hostNetwork: true })), { keepDnsPolicy: true }));
    expect(kept.daemonSet.spec?.template.spec?.dnsPolicy).toBeUndefined();
  });

  it('writes maxSurge 0 out for host ports, and leaves the default alone otherwise', async () => {
    const container = { name: 'main', image: 'busybox', ports: [{ containerPort: 80, hostPort: 8080 }] };
    const ports = ok(await convertChecked(file(pod('a', { containers: [container] }))));
    expect(ports.daemonSet.spec?.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
    });
    const plain = ok(await convertChecked(file(pod('a'))));
    expect(plain.daemonSet.spec?.updateStrategy).toBeUndefined();
  });
});

describe('placement', () => {
  const own = pod('a', {
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }],
        },
      },
    },
  });

  it('adds the node list to every one of the Pod own affinity terms', async () => {
    const r = ok(
      await convertChecked(file(own), { placement: { kind: 'nodes', nodes: ['n2', 'n1', 'n1'] } }),
    );
    const spec = r.daemonSet.spec?.template.spec;
    expect(spec?.nodeSelector?.['kubernetes.io/os']).toBe('linux');
    expect(
      spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    ).toEqual([
      {
        matchExpressions: [
          { key: 'disk', operator: 'In', values: ['ssd'] },
          { key: 'kubernetes.io/hostname', operator: 'In', values: ['n1', 'n2'] },
        ],
      },
    ]);
    expect(r.plan.nodes).toEqual(['n1', 'n2']);
  });

  it('selects and tolerates control-plane nodes', async () => {
    const r = ok(await convertChecked(file(own), { placement: { kind: 'control-plane' } }));
    const spec = r.daemonSet.spec?.template.spec;
    expect(spec?.nodeSelector?.['node-role.kubernetes.io/control-plane']).toBe('');
    expect(spec?.tolerations).toContainEqual({
      key: 'node-role.kubernetes.io/control-plane',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  });

  it('refuses a node selector that contradicts the Pod, and a bad option', async () => {
    const conflict = await convertChecked(file(own), {
      placement: { kind: 'node-selector', selector: { 'kubernetes.io/os': 'windows' } },
    });
    expect(codes(conflict)).toContain('placement-conflict');
    const observed = await convertChecked(file(own), { placement: { kind: 'observed-nodes' } });
    expect(codes(observed)).toContain('invalid-option');
    const empty = await convertChecked(file(own), { placement: { kind: 'nodes', nodes: [] } });
    expect(codes(empty)).toContain('invalid-option');
  });

  it('gates the DaemonSet behind a per-DaemonSet node label unless told otherwise', async () => {
    const gated = ok(await convertChecked(file(pod('agent'))));
    expect(gated.daemonSet.spec?.template.spec?.nodeSelector).toEqual({
      'migrated.staticpods.io/kube-system.agent': 'true',
    });
    const open = ok(await convertChecked(file(pod('agent')), { cutoverGate: false }));
    expect(open.daemonSet.spec?.template.spec?.nodeSelector).toBeUndefined();
  });
});

describe('names, labels and options', () => {
  it('uses name and namespace options, and refuses invalid ones', async () => {
    const r = ok(await convertChecked(file(pod('agent')), { name: 'agent-ds', namespace: 'tools' }));
    expect(r.daemonSet.metadata).toMatchObject({ name: 'agent-ds', namespace: 'tools' });
    expect(codes(await convertChecked(file(pod('agent')), { name: 'Agent_DS' }))).toContain('invalid-option');
    expect(codes(await convertChecked(file(pod('agent')), { serviceAccountName: 'Bad Name' }))).toContain(
      'invalid-option',
    );
    expect(
      codes(
        await convertChecked(file(pod('agent')), {
          staticPodPath: '/etc/k8s/m',
          backupDir: '/etc/k8s/m/old',
        }),
      ),
    ).toContain('invalid-option');
  });

  it('sets a ServiceAccount only when asked', async () => {
    const none = ok(await convertChecked(file(pod('agent'))));
    expect(none.daemonSet.spec?.template.spec?.serviceAccountName).toBeUndefined();
    expect(none.daemonSet.spec?.template.spec?.automountServiceAccountToken).toBeUndefined();
    expect(codes(none)).toContain('service-account-token');
    const sa = ok(await convertChecked(file(pod('agent')), { serviceAccountName: 'agent' }));
    expect(sa.daemonSet.spec?.template.spec?.serviceAccountName).toBe('agent');
  });

  it('adds app.kubernetes.io/name only when no stable label exists, and gives long names a short label', async () => {
    const name = `agent-${'x'.repeat(80)}`;
    const r = ok(await convertChecked(file(pod(name, {}, {}))));
    const value = r.daemonSet.spec?.selector.matchLabels?.['app.kubernetes.io/name'] ?? '';
    expect(value.length).toBeLessThanOrEqual(63);
    expect(r.daemonSet.spec?.template.metadata?.labels?.['app.kubernetes.io/name']).toBe(value);
  });

  it('writes provenance on the DaemonSet, not on the Pods', async () => {
    const r = ok(await convertChecked(file(pod('agent')), { toolVersion: '1.2.3' }));
    expect(r.daemonSet.metadata?.annotations).toEqual({
      'staticpods.io/converted-by': 'kubectl-staticpods 1.2.3',
      'staticpods.io/converted-from': 'file:/etc/kubernetes/manifests/agent.yaml',
    });
    expect(r.daemonSet.spec?.template.metadata?.annotations).toBeUndefined();
  });

  it('throws only for programming errors', () => {
    expect(() => convertStaticPod({ kind: 'mirror', pods: [] })).toThrow(StaticPodsError);
  });
});

import { describe, expect, it } from 'vitest';
import { renderCutoverPlan } from '../src/index.js';
import { convertChecked, file, ok, pod } from './helpers/convert.js';

const hostPorts = pod('proxy', {
  hostNetwork: true,
  terminationGracePeriodSeconds: 10,
  containers: [{ name: 'p', image: 'nginx:1.27', ports: [{ containerPort: 443 }] }],
});

describe('the cut-over plan', () => {
  it('applies the gated DaemonSet first, then moves, waits, labels and waits per node', async () => {
    const r = ok(
      await convertChecked(file(hostPorts, '/etc/kubernetes/manifests/proxy.yaml'), {
        placement: { kind: 'nodes', nodes: ['n1', 'n2'] },
      }),
    );
    const { plan } = r;
    expect(plan).toMatchObject({
      daemonSet: { namespace: 'kube-system', name: 'proxy' },
      staticPodPath: '/etc/kubernetes/manifests',
      manifestPath: '/etc/kubernetes/manifests/proxy.yaml',
      manifestPathGuessed: false,
      backupPath: '/etc/kubernetes/manifests-backup/proxy.yaml',
      nodes: ['n1', 'n2'],
      gateLabel: { key: 'migrated.staticpods.io/kube-system.proxy', value: 'true' },
      podSelector: 'app=proxy',
    });
    expect(plan.steps.map((s) => `${s.phase}:${s.id}${s.node ? `@${s.node}` : ''}`)).toEqual([
      'prepare:apply-daemonset',
      'per-node:move-manifest@n1',
      'per-node:wait-mirror-deleted@n1',
      'per-node:label-node@n1',
      'per-node:wait-ready@n1',
      'per-node:move-manifest@n2',
      'per-node:wait-mirror-deleted@n2',
      'per-node:label-node@n2',
      'per-node:wait-ready@n2',
      'finish:check-rollout',
      'finish:remove-gate',
      'rollback:rollback-unlabel-node@n2',
      'rollback:rollback-restore-manifest@n2',
      'rollback:rollback-wait-mirror@n2',
      'rollback:rollback-unlabel-node@n1',
      'rollback:rollback-restore-manifest@n1',
      'rollback:rollback-wait-mirror@n1',
      'rollback:rollback-delete-daemonset',
    ]);
    const move = plan.steps.find((s) => s.id === 'move-manifest');
    expect(move?.where).toBe('node');
    expect(move?.commands).toEqual([
      'sudo install -d -m 0700 /etc/kubernetes/manifests-backup',
      'sudo mv -n /etc/kubernetes/manifests/proxy.yaml /etc/kubernetes/manifests-backup/proxy.yaml',
      "sudo test '!' -e /etc/kubernetes/manifests/proxy.yaml",
    ]);
    // fileCheckFrequency (20 s) + terminationGracePeriodSeconds (10 s) + 60 s.
    expect(plan.steps.find((s) => s.id === 'wait-mirror-deleted')?.commands).toEqual([
      'kubectl -n kube-system wait --for=delete pod/proxy-n1 --timeout=90s',
    ]);
    expect(plan.steps.find((s) => s.id === 'label-node')?.commands).toEqual([
      'kubectl label node n1 migrated.staticpods.io/kube-system.proxy=true',
    ]);
    // The gate the plan labels is the one the DaemonSet requires.
    expect(r.daemonSet.spec?.template.spec?.nodeSelector).toEqual({
      'migrated.staticpods.io/kube-system.proxy': 'true',
    });
  });

  it('without the gate, moves every manifest before applying, and deletes the DaemonSet first on rollback', async () => {
    const r = ok(
      await convertChecked(file(hostPorts), {
        cutoverGate: false,
        placement: { kind: 'nodes', nodes: ['n1'] },
      }),
    );
    expect(r.plan.gateLabel).toBeUndefined();
    expect(r.plan.steps.map((s) => s.id)).toEqual([
      'move-manifest',
      'wait-mirror-deleted',
      'apply-daemonset',
      'check-rollout',
      'rollback-delete-daemonset',
      'rollback-restore-manifest',
      'rollback-wait-mirror',
    ]);
  });

  it('uses a $NODE placeholder when the nodes are not known, and quotes it for the shell', async () => {
    const r = ok(
      await convertChecked(file(hostPorts, 'manifests/proxy.yaml'), {
        staticPodPath: '/var/lib/k0s/manifests',
      }),
    );
    expect(r.plan.nodes).toEqual([]);
    expect(r.plan.manifestPath).toBe('/var/lib/k0s/manifests/proxy.yaml');
    expect(r.plan.manifestPathGuessed).toBe(true);
    expect(r.plan.backupPath).toBe('/var/lib/k0s/manifests-backup/proxy.yaml');
    expect(r.plan.steps.find((s) => s.id === 'wait-mirror-deleted')?.commands[0]).toContain(
      '"pod/proxy-$NODE"',
    );
    const text = renderCutoverPlan(r.plan);
    expect(text).toContain('export NODE=<node name>');
    expect(text).toContain('fileCheckFrequency');
    expect(text).toContain('Rollback');
  });

  it('renders deterministic text with every command of the data', async () => {
    const r = ok(await convertChecked(file(hostPorts), { placement: { kind: 'nodes', nodes: ['n1'] } }));
    const text = renderCutoverPlan(r.plan);
    expect(renderCutoverPlan(structuredClone(r.plan))).toBe(text);
    for (const step of r.plan.steps) for (const c of step.commands) expect(text).toContain(`$ ${c}`);
  });
});

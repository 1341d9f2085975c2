import { describe, expect, inject, it } from 'vitest';
import { connect, isUp } from '../src/index.js';

const state = inject('testkube');
const tk = connect(state);

describe('control plane', () => {
  it('is up, bootstrapped, and reports v1.37.2', async () => {
    expect(isUp(state)).toBe(true);
    const admin = tk.client();
    const version = await admin.request('GET', '/version');
    expect(version.status).toBe(200);
    expect((version.body as { gitVersion: string }).gitVersion).toBe('v1.37.2');
    expect((await admin.request('GET', '/readyz')).status).toBe(200);
    expect((await admin.request('GET', '/api/v1/namespaces/kube-system')).status).toBe(200);
    const pc = await admin.request('GET', '/apis/scheduling.k8s.io/v1/priorityclasses/system-node-critical');
    expect((pc.body as { value: number }).value).toBe(2000001000);
    console.log(`[testkube] startupMs=${state.startupMs}`);
  });

  it('authenticates the admin as kube-admin in system:masters', async () => {
    const res = await tk.client().request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
    expect(res.status).toBe(201);
    const info = (res.body as { status: { userInfo: { username: string; groups: string[] } } }).status
      .userInfo;
    expect(info.username).toBe('kube-admin');
    expect(info.groups).toContain('system:masters');
  });

  it('forbids a user without RBAC bindings to list pods (403)', async () => {
    const alice = tk.client(await tk.kubeconfigFor('alice', []));
    const res = await alice.request('GET', '/api/v1/namespaces/default/pods');
    console.log(`[testkube] alice list pods: ${res.status} ${JSON.stringify(res.body)}`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      message:
        'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"',
    });
  });

  it('caches minted identities per user and group set', async () => {
    const a = await tk.kubeconfigFor('bob', ['team-a', 'team-b']);
    expect(await tk.kubeconfigFor('bob', ['team-b', 'team-a'])).toBe(a);
    expect(await connect(state).kubeconfigFor('bob', ['team-a', 'team-b'])).toBe(a);
    expect(await tk.kubeconfigFor('bob', ['team-c'])).not.toBe(a);
  });
});

import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect, dryRunCreate, type KubeObject } from '../src/index.js';

const tk = connect(inject('testkube'));
afterAll(() => tk.close());

function daemonSet(
  name: string,
  selector: Record<string, string>,
  labels: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] },
      },
    },
  };
}

describe('dryRunCreate', () => {
  it('accepts a valid DaemonSet without persisting it', async () => {
    const res = await dryRunCreate(tk, daemonSet('agent', { app: 'agent' }, { app: 'agent' }));
    expect(res).toMatchObject({ accepted: true, status: 201, message: '' });
    // Defaulting ran:
    expect((res.object as { spec: { updateStrategy: { type: string } } }).spec.updateStrategy.type).toBe(
      'RollingUpdate',
    );
    const get = await tk.client().request('GET', '/apis/apps/v1/namespaces/kube-system/daemonsets/agent');
    expect(get.status).toBe(404);
  });

  it("rejects a DaemonSet whose selector does not match its template's labels", async () => {
    const res = await dryRunCreate(tk, daemonSet('broken', { app: 'agent' }, { app: 'other' }));
    console.log(`[testkube] invalid DaemonSet: ${res.status} ${res.message}`);
    expect(res).toMatchObject({ accepted: false, status: 422, reason: 'Invalid' });
    expect(res.message).toContain('DaemonSet.apps "broken" is invalid');
    expect(res.message).toContain('`selector` does not match template `labels`');
  });
});

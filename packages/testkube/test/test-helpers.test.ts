import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect, ensureNamespace, uniqueName, waitFor } from '../src/index.js';

const tk = connect(inject('testkube'));
afterAll(() => tk.close());

describe('uniqueName', () => {
  it('is the prefix and six hex digits, new on every call', () => {
    const a = uniqueName('ksp');
    expect(a).toMatch(/^ksp-[0-9a-f]{6}$/);
    expect(uniqueName('ksp')).not.toBe(a);
  });
});

describe('waitFor', () => {
  it('returns the first value that is not undefined, 0 included', async () => {
    let calls = 0;
    expect(await waitFor('the third call', async () => (++calls === 3 ? 0 : undefined))).toBe(0);
    expect(calls).toBe(3);
  });

  it('fails naming what it waited for once the time is up', async () => {
    await expect(waitFor('a Pod that never comes', async () => undefined, 0)).rejects.toThrow(
      'timed out after 0 ms waiting for a Pod that never comes',
    );
  });
});

describe('ensureNamespace', () => {
  it('creates the namespace, and a second call for it is fine', async () => {
    const name = uniqueName('ensure');
    await ensureNamespace(tk, name);
    await ensureNamespace(tk, name);
    const res = await tk.client('admin').request('GET', `/api/v1/namespaces/${name}`);
    expect(res.status).toBe(200);
    await tk.client('admin').request('DELETE', `/api/v1/namespaces/${name}`);
  });

  it('fails with the API server message for a name it refuses', async () => {
    await expect(ensureNamespace(tk, 'Not_A_Name')).rejects.toThrow(/^namespace Not_A_Name: .*Invalid value/);
  });
});

import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { compileJsonPath } from '../../src/printers/jsonpath.js';

const list = {
  kind: 'List',
  items: [
    {
      metadata: {
        name: 'etcd-cp-1',
        labels: { component: 'etcd' },
        annotations: { 'kubernetes.io/config.mirror': 'a1' },
      },
      spec: { nodeName: 'cp-1', containers: [{ name: 'etcd' }] },
      status: { phase: 'Running', restarts: 0 },
    },
    {
      metadata: { name: 'kube-apiserver-cp-1', labels: { component: 'kube-apiserver' } },
      spec: { nodeName: 'cp-1', containers: [{ name: 'a' }, { name: 'b' }] },
      status: { phase: 'Pending', restarts: 3 },
    },
    {
      metadata: { name: 'etcd-cp-2', labels: { component: 'etcd' } },
      spec: { nodeName: 'cp-2', containers: [] },
      status: { phase: 'Running', restarts: 12 },
    },
  ],
};

// [template, expected] — the outputs kubectl prints for the same data (client-go util/jsonpath).
describe.each([
  ['{.kind}', 'List'],
  ['{.items[*].metadata.name}', 'etcd-cp-1 kube-apiserver-cp-1 etcd-cp-2'],
  ['{.items[0].metadata.name}', 'etcd-cp-1'],
  ['{.items[-1].metadata.name}', 'etcd-cp-2'],
  ['{.items[0:2].spec.nodeName}', 'cp-1 cp-1'],
  ['{.items[::2].metadata.name}', 'etcd-cp-1 etcd-cp-2'],
  ['{.items[0,2].metadata.name}', 'etcd-cp-1 etcd-cp-2'],
  ["{.items[0]['metadata']['name']}", 'etcd-cp-1'],
  ['{.items[?(@.metadata.labels.component=="etcd")].spec.nodeName}', 'cp-1 cp-2'],
  ["{.items[?(@.status.phase!='Running')].metadata.name}", 'kube-apiserver-cp-1'],
  ['{.items[?(@.status.restarts>2)].metadata.name}', 'kube-apiserver-cp-1 etcd-cp-2'],
  ['{.items[?(@.status.restarts<=3)].status.restarts}', '0 3'],
  ['{.items[?(@.metadata.annotations)].metadata.name}', 'etcd-cp-1'],
  ["{.items[0].metadata.annotations['kubernetes.io/config.mirror']}", 'a1'],
  ['{.items[0].metadata.annotations.kubernetes\\.io/config\\.mirror}', 'a1'],
  [
    '{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}',
    'etcd-cp-1\tcp-1\nkube-apiserver-cp-1\tcp-1\netcd-cp-2\tcp-2\n',
  ],
  ['{range .items[*]}[{.spec.containers[*].name}]{end}', '[etcd][a b][]'],
  ['{..nodeName}', 'cp-1 cp-1 cp-2'],
  ['{.items[0].metadata.labels}', '{"component":"etcd"}'],
  ['{.items[1].spec.containers[*]}', '{"name":"a"} {"name":"b"}'],
  ['{.items[0].metadata.missing}', ''],
  ['names: {.items[*].metadata.name}!', 'names: etcd-cp-1 kube-apiserver-cp-1 etcd-cp-2!'],
  ['{$.kind}', 'List'],
])('%s', (template, expected) => {
  it(`prints ${JSON.stringify(expected)}`, () =>
    expect(compileJsonPath(template).print(list)).toBe(expected));
});

describe('errors', () => {
  it.each(['{.items[}', '{range .items[*]}{.x}', '{end}', '{.items[?(@.x ~ 1)]}', '{.items[a]}'])(
    '%s is a usage error',
    (t) => {
      expect(() => compileJsonPath(t)).toThrow(UserError);
    },
  );
});

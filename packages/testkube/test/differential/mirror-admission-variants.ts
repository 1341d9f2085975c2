/**
 * Generated static Pods the kubelet runs but whose mirror Pods meet API-side rules that depend on
 * what the decoder made of them or on the cluster: misspelt volume types (dropped by the decoder,
 * then defaulted to emptyDir), `metadata.resourceVersion` (refused by the storage layer),
 * RuntimeClass admission (missing classes, overheads, scheduling conflicts), and their order
 * relative to the other plugins. (Pods that fail validation are not among them: the kubelet
 * validates first and never creates their mirrors.)
 */

export interface MirrorVariant {
  readonly group: string;
  readonly file: string;
  readonly text: string;
}

/** The RuntimeClasses the suite creates before it starts. */
export const RUNTIME_CLASSES: readonly {
  name: string;
  overhead?: Record<string, string>;
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Record<string, string>[] };
}[] = [
  { name: 'rc-plain' },
  { name: 'rc-overhead', overhead: { cpu: '100m', memory: '10Mi' } },
  {
    name: 'rc-sched',
    scheduling: {
      nodeSelector: { sandbox: 'gvisor' },
      tolerations: [{ key: 'sandbox', operator: 'Exists' }],
    },
  },
  {
    name: 'rc-both',
    overhead: { cpu: '250m' },
    scheduling: { nodeSelector: { sandbox: 'kata', zone: 'a' } },
  },
];

const IMAGE = 'registry.k8s.io/pause:3.10';

function pod(name: string, opts: { meta?: string[]; spec?: string[]; container?: string[] } = {}): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  namespace: kube-system',
    ...(opts.meta ?? []),
    'spec:',
    ...(opts.spec ?? []),
    '  containers:',
    '  - name: c',
    `    image: ${IMAGE}`,
    ...(opts.container ?? []),
    '',
  ].join('\n');
}

export function mirrorAdmissionVariants(): MirrorVariant[] {
  const out: MirrorVariant[] = [];
  const add = (group: string, id: string, build: (name: string) => string): void => {
    const name = `${group}-${id}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    out.push({ group, file: `${name}.yaml`, text: build(name) });
  };

  // Misspelt or unknown volume types: the decoder drops them, v1 defaulting makes an emptyDir.
  const misspelt: Record<string, string> = {
    hostpath: 'hostpath: {path: /var/log}',
    'upper-host-path': 'HostPath: {path: /var/log}',
    'host-path': 'host_path: {path: /var/log}',
    emptydir: 'emptydir: {}',
    configmap: 'configmap: {name: settings}',
    secrets: 'secrets: {secretName: creds}',
    pvc: 'persistentvolumeclaim: {claimName: data}',
    future: 'someFutureVolume: {driver: x}',
    'nulled-type': 'hostPath: null',
    'two-unknown': 'hostpath: {path: /a}\n    nfsv4: {server: x}',
  };
  for (const [id, volume] of Object.entries(misspelt)) {
    add('misspelt-volume', id, (n) =>
      pod(n, {
        spec: ['  volumes:', '  - name: v', `    ${volume}`],
        container: ['    volumeMounts: [{name: v, mountPath: /v}]'],
      }),
    );
  }
  add('misspelt-volume', 'with-rv', (n) =>
    pod(n, {
      meta: ['  resourceVersion: "7"'],
      spec: ['  volumes:', '  - name: v', '    hostpath: {path: /x}'],
      container: ['    volumeMounts: [{name: v, mountPath: /v}]'],
    }),
  );

  // metadata.resourceVersion: only a non-zero unsigned integer is refused, last of all.
  const versions = [
    '"1"',
    '"0"',
    '"abc"',
    '"007"',
    '""',
    '"+5"',
    '"-1"',
    '"18446744073709551615"',
    '"18446744073709551616"',
    '" 5"',
    '"5 "',
    '"1e3"',
    '"00"',
  ];
  versions.forEach((rv, i) => {
    add('resource-version', `${i}`, (n) => pod(n, { meta: [`  resourceVersion: ${rv}`] }));
  });
  add('resource-version', 'and-priority', (n) =>
    pod(n, { meta: ['  resourceVersion: "3"'], spec: ['  priorityClassName: does-not-exist'] }),
  );
  add('resource-version', 'and-runtime-class', (n) =>
    pod(n, { meta: ['  resourceVersion: "3"'], spec: ['  runtimeClassName: rc-missing'] }),
  );
  add('resource-version', 'and-overhead', (n) =>
    pod(n, { meta: ['  resourceVersion: "3"'], spec: ['  overhead: {cpu: 10m}'] }),
  );

  // RuntimeClass admission.
  const classes = ['rc-missing', 'rc-plain', 'rc-overhead', 'rc-sched', 'rc-both', undefined];
  const overheads: Record<string, string | undefined> = {
    none: undefined,
    empty: '{}',
    equal: '{cpu: 100m, memory: 10Mi}',
    'equal-other-units': '{cpu: "0.1", memory: 10240Ki}',
    different: '{cpu: 200m, memory: 10Mi}',
    partial: '{cpu: 100m}',
    'both-equal': '{cpu: 250m}',
  };
  const selectors: Record<string, string | undefined> = {
    none: undefined,
    same: '{sandbox: gvisor}',
    conflict: '{sandbox: runc}',
    other: '{disk: ssd}',
  };
  for (const rc of classes) {
    for (const [oid, overhead] of Object.entries(overheads)) {
      for (const [sid, selector] of Object.entries(selectors)) {
        if (sid !== 'none' && oid !== 'none' && oid !== 'equal') continue;
        add('runtime-class', `${rc ?? 'none'}-${oid}-${sid}`, (n) =>
          pod(n, {
            spec: [
              ...(rc ? [`  runtimeClassName: ${rc}`] : []),
              ...(overhead ? [`  overhead: ${overhead}`] : []),
              ...(selector ? [`  nodeSelector: ${selector}`] : []),
            ],
          }),
        );
      }
    }
  }
  add('runtime-class', 'missing-and-priority', (n) =>
    pod(n, { spec: ['  runtimeClassName: rc-missing', '  priorityClassName: does-not-exist'] }),
  );
  add('runtime-class', 'both-conflict-zone', (n) =>
    pod(n, { spec: ['  runtimeClassName: rc-both', '  nodeSelector: {zone: b}'] }),
  );
  add('runtime-class', 'sched-toleration', (n) =>
    pod(n, {
      spec: ['  runtimeClassName: rc-sched', '  tolerations: [{key: sandbox, operator: Exists}]'],
    }),
  );
  return out;
}

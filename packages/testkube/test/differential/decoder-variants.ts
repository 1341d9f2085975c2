/**
 * Generated manifests around the places where the kubelet's decoder is easy to get wrong
 * (apimachinery's case-insensitive apiVersion/kind sniffing, go-yaml v2's document end markers,
 * line breaks, directives, UTF-16, floats that JSON cannot hold, whitespace-only files, Go's
 * `encoding/json` number literals and duplicate keys, and the validation of Windows Pods and empty
 * projected sources). Each class is a family of variants, not one example.
 */

export interface DecoderVariant {
  /** The class the variant belongs to (the prefix of its file name). */
  readonly group: string;
  /** File name in the staticPodPath. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

const IMAGE = 'registry.k8s.io/pause:3.10';

/** A minimal valid static Pod as YAML lines, with the name and the top-level keys given. */
function podYaml(name: string, opts: { kindKey?: string; apiKey?: string; extra?: string[] } = {}): string {
  return [
    `${opts.apiKey ?? 'apiVersion'}: v1`,
    `${opts.kindKey ?? 'kind'}: Pod`,
    'metadata:',
    `  name: ${name}`,
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - name: c',
    `    image: ${IMAGE}`,
    ...(opts.extra ?? []),
    '',
  ].join('\n');
}

function podObject(name: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system' },
    spec: { containers: [{ name: 'c', image: IMAGE }] },
  };
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function utf16(s: string, order: 'le' | 'be', bom = true): Uint8Array {
  const le = Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le');
  if (order === 'be') le.swap16();
  return new Uint8Array(le);
}

export function decoderVariants(): DecoderVariant[] {
  const out: DecoderVariant[] = [];
  const add = (group: string, id: string, ext: 'yaml' | 'json', content: string | Uint8Array): void => {
    out.push({
      group,
      file: `${group}-${id}.${ext}`,
      bytes: typeof content === 'string' ? utf8(content) : content,
    });
  };
  const name = (group: string, id: string) => `${group}-${id}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');

  // 1. apiVersion/kind are found case-insensitively (encoding/json folding, Kelvin sign and long s included).
  const kindKeys = ['kind', 'Kind', 'KIND', 'kInD', '\u212aind', 'kınd'];
  const apiKeys = ['apiVersion', 'apiversion', 'APIVERSION', 'ApiVersion', 'apiVer\u017fion', 'api_version'];
  kindKeys.forEach((kindKey, k) => {
    apiKeys.forEach((apiKey, a) => {
      const id = `k${k}a${a}`;
      add('kind-case', `${id}`, 'yaml', podYaml(name('kind-case', id), { kindKey, apiKey }));
      const obj = podObject(name('kind-case-json', id));
      const { apiVersion, kind, ...rest } = obj;
      add(
        'kind-case',
        `${id}-json`,
        'json',
        JSON.stringify({ [apiKey]: apiVersion, [kindKey]: kind, ...rest }),
      );
    });
  });
  // Several keys for one field: the last one the decoder visits wins (document order for JSON,
  // sorted keys for YAML); null leaves the field alone; a non-string is an error.
  const pairs: [string, string, string][] = [
    ['Kind', 'Pod', 'kind: Service'],
    ['Kind', 'Service', 'kind: Pod'],
    ['KIND', 'Pod', 'kind: ConfigMap'],
    ['KIND', 'ConfigMap', 'kind: Pod'],
    ['Kind', 'null', 'kind: Pod'],
    ['Kind', 'Pod', 'kind: null'],
    ['Kind', '5', 'kind: Pod'],
    ['Kind', 'Pod', 'kind: [a]'],
    ['APIVersion', 'v2', 'apiVersion: v1'],
    ['APIVersion', 'v1', 'apiVersion: apps/v1'],
    ['apiversion', 'true', 'apiVersion: v1'],
  ];
  pairs.forEach(([key, value, line], i) => {
    const [field, fieldValue] = line.split(': ') as [string, string];
    const base = podYaml(name('kind-pair', `${i}`))
      .split('\n')
      .map((l) => (l.startsWith(`${field}: `) ? line : l))
      .join('\n');
    add('kind-pair', `${i}`, 'yaml', `${base}${key}: ${value}\n`);
    const obj = podObject(name('kind-pair-json', `${i}`));
    const parse = (v: string) =>
      /^(null|true|\d+|\[.*\])$/.test(v) ? JSON.parse(v.replace('[a]', '["a"]')) : v;
    const { apiVersion, kind, ...rest } = obj;
    const head = { apiVersion, kind, [field]: parse(fieldValue) };
    const text = JSON.stringify({ ...head, ...rest });
    // Document order both ways: the odd key before, and after, the exact one.
    const extra = `${JSON.stringify(key)}:${JSON.stringify(parse(value))}`;
    add('kind-pair', `${i}-json-after`, 'json', text.replace(/}$/, `,${extra}}`));
    add('kind-pair', `${i}-json-before`, 'json', text.replace(/^{/, `{${extra},`));
  });

  // 2. The document end marker: only the first document is read, whatever follows.
  const tails = [
    '...\n',
    '...\ngarbage: [\n',
    '... # a comment\n',
    '...\n---\nkind: Service\n',
    '...\n%YAML 1.2\n---\nfoo: bar\n',
    '...\n\t\u0001 binary\n',
    '...\n...\n',
    '...',
    '...\r\n: : :\r\n',
    '...foo\n',
    '... trailing words\n',
  ];
  tails.forEach((tail, i) => {
    add('doc-end', `${i}`, 'yaml', podYaml(name('doc-end', `${i}`)) + tail);
  });
  add('doc-end', 'first', 'yaml', `...\n${podYaml(name('doc-end', 'first'))}`);
  add('doc-end', 'only', 'yaml', '...\n');

  // 2b. go-yaml's reader checks characters in whole 512-byte reads: a control character after the
  // first document is found when it lies in a read the scanner needed to see the document's end.
  for (const markerAt of [500, 505, 508, 509, 511, 512, 515, 1020, 1024]) {
    for (const after of [0, 4, 10, 40]) {
      const id = `${markerAt}-${after}`;
      let text = podYaml(name('reader-window', id));
      const pad = markerAt - Buffer.byteLength(text);
      if (pad >= 2) text += `#${'x'.repeat(pad - 2)}\n`;
      add('reader-window', id, 'yaml', `${text}---\n${'y'.repeat(after)}\u0001\n`);
    }
  }

  // 3. Line breaks go-yaml v2 knows: CR alone, NEL, LS, PS (and CR LF).
  const breaks: Record<string, string> = {
    cr: '\r',
    crlf: '\r\n',
    nel: '\u0085',
    ls: '\u2028',
    ps: '\u2029',
  };
  for (const [id, br] of Object.entries(breaks)) {
    add('breaks', id, 'yaml', podYaml(name('breaks', id)).replaceAll('\n', br));
    add(
      'breaks',
      `${id}-quoted`,
      'yaml',
      podYaml(name('breaks', `${id}-quoted`), { extra: ['    args: ["one', '      two"]'] }).replaceAll(
        '\n',
        br,
      ),
    );
    add(
      'breaks',
      `${id}-literal`,
      'yaml',
      podYaml(name('breaks', `${id}-literal`), {
        extra: ['    args:', '    - |', '      line one', '      line two'],
      }).replaceAll('\n', br),
    );
    add('breaks', `${id}-tail`, 'yaml', `${podYaml(name('breaks', `${id}-tail`)).replace(/\n$/, '')}${br}`);
  }
  add(
    'breaks',
    'mixed',
    'yaml',
    podYaml(name('breaks', 'mixed')).replace(/\n/g, (_, i: number) => (i % 3 ? '\r' : '\u0085')),
  );

  // 4. Directives: go-yaml v2 reads YAML 1.1 only.
  const directives: Record<string, string> = {
    'yaml-1-1': '%YAML 1.1\n---\n',
    'yaml-1-2': '%YAML 1.2\n---\n',
    'yaml-1-0': '%YAML 1.0\n---\n',
    'yaml-2-0': '%YAML 2.0\n---\n',
    'yaml-01-01': '%YAML 01.01\n---\n',
    'yaml-twice': '%YAML 1.1\n%YAML 1.1\n---\n',
    'after-comment': '# generated\n%YAML 1.2\n---\n',
    'after-blank': '\n\n%YAML 1.2\n---\n',
    'twice-late': '# a\n# b\n%YAML 1.1\n%YAML 1.1\n---\n',
    tag: '%TAG !e! tag:example.com,2000:\n---\n',
    'tag-and-1-2': '%TAG !e! tag:example.com,2000:\n%YAML 1.2\n---\n',
    unknown: '%FOO bar\n---\n',
    'unknown-late': '# c\n%FOO bar\n---\n',
  };
  for (const [id, head] of Object.entries(directives))
    add('directive', id, 'yaml', head + podYaml(name('directive', id)));

  // 5. UTF-16 with a byte-order mark (even JSON then goes to the YAML decoder).
  add('utf16', 'le', 'yaml', utf16(podYaml(name('utf16', 'le')), 'le'));
  add('utf16', 'be', 'yaml', utf16(podYaml(name('utf16', 'be')), 'be'));
  add('utf16', 'le-crlf', 'yaml', utf16(podYaml(name('utf16', 'le-crlf')).replaceAll('\n', '\r\n'), 'le'));
  add('utf16', 'le-json', 'json', utf16(JSON.stringify(podObject(name('utf16', 'le-json'))), 'le'));
  add('utf16', 'be-json', 'json', utf16(JSON.stringify(podObject(name('utf16', 'be-json')), null, 2), 'be'));
  add(
    'utf16',
    'le-astral',
    'yaml',
    utf16(podYaml(name('utf16', 'le-astral'), { extra: ['    args: ["\u{1f600}"]'] }), 'le'),
  );
  const odd = utf16(podYaml(name('utf16', 'odd')), 'le');
  add('utf16', 'odd', 'yaml', new Uint8Array([...odd, 0x41]));
  const lone = utf16(podYaml(name('utf16', 'lone-low')), 'be');
  add('utf16', 'lone-low', 'yaml', new Uint8Array([...lone.slice(0, 20), 0xdc, 0x00, ...lone.slice(20)]));
  const high = utf16(podYaml(name('utf16', 'high-end')), 'le');
  add('utf16', 'high-end', 'yaml', new Uint8Array([...high, 0x00, 0xd8]));
  const pair = utf16(podYaml(name('utf16', 'high-bad')), 'le');
  add(
    'utf16',
    'high-bad',
    'yaml',
    new Uint8Array([...pair.slice(0, 30), 0x00, 0xd8, 0x41, 0x00, ...pair.slice(30)]),
  );
  add('utf16', 'bom-only', 'yaml', utf16('', 'le'));
  add('utf16', 'no-bom', 'yaml', utf16(podYaml(name('utf16', 'no-bom')), 'le', false));

  // 6. NaN and infinities: YAML floats that JSON cannot hold, whichever field they are in.
  const floats = ['.nan', '.NaN', '.inf', '+.inf', '-.inf', '.Inf', '-.INF', '1e400', '-1e400', "'.nan'"];
  floats.forEach((f, i) => {
    add(
      'non-finite',
      `image-${i}`,
      'yaml',
      podYaml(name('non-finite', `image-${i}`)).replace(`image: ${IMAGE}`, `image: ${f}`),
    );
    add(
      'non-finite',
      `label-${i}`,
      'yaml',
      podYaml(name('non-finite', `label-${i}`)).replace(
        '  namespace:',
        `  labels: {tier: ${f}}\n  namespace:`,
      ),
    );
    add(
      'non-finite',
      `unknown-${i}`,
      'yaml',
      podYaml(name('non-finite', `unknown-${i}`), { extra: [`    madeUp: ${f}`] }),
    );
  });
  add(
    'non-finite',
    'two',
    'yaml',
    podYaml(name('non-finite', 'two'), { extra: ['    zz: .nan', '    aa: -.inf'] }),
  );
  add(
    'non-finite',
    'port',
    'yaml',
    podYaml(name('non-finite', 'port'), { extra: ['    ports: [{containerPort: .inf}]'] }),
  );
  add(
    'non-finite',
    'key',
    'yaml',
    podYaml(name('non-finite', 'key')).replace('  namespace:', '  labels: {.nan: x, .inf: y}\n  namespace:'),
  );

  // 7. Whitespace only.
  const blanks = [
    '\t',
    ' \t',
    '\t\n',
    '\n\t\n',
    '  \n',
    '\n',
    '',
    ' \t \n\t',
    '# c\n\t',
    '\t# comment',
    '\r\n\t\r\n',
    '\u0085\t',
  ];
  blanks.forEach((b, i) => {
    add('blank', `${i}`, 'yaml', b);
  });

  // 7b. Tabs in a line's leading blanks inside a document: after a plain value go-yaml's scalar
  // scanner refuses one left of the value's indentation; elsewhere no token starts with a tab.
  const afterLines: Record<string, [string, string]> = {
    // [line to insert after, line to insert it after (by its text)]
    'plain-top': ['kind: Pod', 'kind: Pod'],
    'plain-nested': ['  namespace: kube-system', '  namespace: kube-system'],
    'plain-item': ['    image: IMG', '    image: IMG'],
    'plain-seq': ['    args:\n    - one', '    image: IMG'],
    'plain-comment': ['kind: Pod # the kind', 'kind: Pod'],
    'single-quoted': ["kind: 'Pod'", 'kind: Pod'],
    'double-quoted': ['kind: "Pod"', 'kind: Pod'],
    flow: ['    args: [a, b]', '    image: IMG'],
    key: ['spec:', 'spec:'],
    literal: ['    args:\n    - |\n      one', '    image: IMG'],
  };
  const tabLines = ['\t', ' \t', '  \t', '   \t', '    \t', '     \t', '      \t', '\t# note', '\t\t'];
  for (const [id, [insert, after]] of Object.entries(afterLines)) {
    tabLines.forEach((tabLine, i) => {
      const n = name('tabs', `${id}-${i}`);
      const text = podYaml(n)
        .replace(`    image: ${IMAGE}`, '    image: IMG')
        .split('\n')
        .flatMap((l) => (l === after ? [insert, tabLine] : [l]))
        .join('\n')
        .replace('    image: IMG', `    image: ${IMAGE}`);
      add('tabs', `${id}-${i}`, 'yaml', text);
    });
  }
  add(
    'tabs',
    'continued-plain',
    'yaml',
    podYaml(name('tabs', 'continued-plain'), { extra: ['    args:', '    - one', '      two', '\t'] }),
  );
  add(
    'tabs',
    'in-double-quoted',
    'yaml',
    podYaml(name('tabs', 'in-double-quoted'), { extra: ['    args: ["one', '      \t  two"]'] }),
  );
  add(
    'tabs',
    'in-flow',
    'yaml',
    podYaml(name('tabs', 'in-flow'), { extra: ['    args: [one,', '      \t  two]'] }),
  );
  add(
    'tabs',
    'in-literal',
    'yaml',
    podYaml(name('tabs', 'in-literal'), { extra: ['    args:', '    - |', '      one', '      \ttwo'] }),
  );
  add('tabs', 'after-end', 'yaml', `${podYaml(name('tabs', 'after-end'))}---\n\t\n`);

  // 8. Number literals in integer fields: JSON is decoded from the literal, YAML converted first.
  const numbers = [
    '30.0',
    '3e1',
    '3E1',
    '30.5',
    '1e2',
    '-0.0',
    '0.0',
    '30.00',
    '1.0e1',
    '3e+1',
    '300e-1',
    '30',
  ];
  numbers.forEach((n, i) => {
    const port = (obj: Record<string, unknown>) => {
      (
        (obj.spec as { containers: Record<string, unknown>[] }).containers[0] as Record<string, unknown>
      ).ports = [{ containerPort: '@@' }];
      return obj;
    };
    add(
      'number',
      `port-${i}`,
      'json',
      JSON.stringify(port(podObject(name('number', `port-${i}`)))).replace('"@@"', n),
    );
    add(
      'number',
      `port-${i}`,
      'yaml',
      podYaml(name('number', `port-y-${i}`), { extra: [`    ports: [{containerPort: ${n}}]`] }),
    );
    const grace = podObject(name('number', `grace-${i}`));
    (grace.spec as Record<string, unknown>).terminationGracePeriodSeconds = '@@';
    add('number', `grace-${i}`, 'json', JSON.stringify(grace).replace('"@@"', n));
    const probe = podObject(name('number', `probe-${i}`));
    (
      (probe.spec as { containers: Record<string, unknown>[] }).containers[0] as Record<string, unknown>
    ).readinessProbe = {
      tcpSocket: { port: '@@' },
    };
    add('number', `probe-${i}`, 'json', JSON.stringify(probe).replace('"@@"', n));
  });
  const cpu = podObject(name('number', 'cpu'));
  (
    (cpu.spec as { containers: Record<string, unknown>[] }).containers[0] as Record<string, unknown>
  ).resources = {
    requests: { cpu: '@@' },
  };
  add('number', 'cpu', 'json', JSON.stringify(cpu).replace('"@@"', '0.5'));
  add(
    'number',
    'order',
    'json',
    JSON.stringify({ ...podObject(name('number', 'order')), priority: '@@' })
      .replace('"@@"', '1.0')
      .replace('"priority"', '"zz"'),
  );

  // 9. Duplicate keys in JSON: Go decodes the second value into the first.
  const dupes: Record<string, string> = {
    'spec-merge':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG"}]},"spec":{"hostNetwork":true}}',
    'spec-replace-list':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG"},{"name":"d","image":"IMG"}]},"spec":{"containers":[{"image":"busybox"}]}}',
    'list-grow':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG"}],"containers":[{"ports":[{"containerPort":80}]},{"name":"e","image":"IMG"}]}}',
    'metadata-labels':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","labels":{"a":"1"}},"metadata":{"namespace":"kube-system","labels":{"b":"2"}},"spec":{"containers":[{"name":"c","image":"IMG"}]}}',
    'label-twice':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system","labels":{"a":"1","a":"2"}},"spec":{"containers":[{"name":"c","image":"IMG"}]}}',
    'name-twice':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"other","name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG"}]}}',
    'first-bad':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":"oops"},"spec":{"containers":[{"name":"c","image":"IMG"}]}}',
    'second-bad':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG"}]},"spec":{"hostNetwork":"yes"}}',
    'env-merge':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG","env":[{"name":"A","value":"1"}]}],"containers":[{"env":[{"value":"2"},{"name":"B"}]}]}}',
    'volume-type':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG"}],"volumes":[{"name":"v","hostPath":{"path":"/a"}}],"volumes":[{"emptyDir":{}}]}}',
    'kind-twice':
      '{"apiVersion":"v1","kind":"Service","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG"}]}}',
    'scalar-then-object':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG","ports":[{"containerPort":"x"}],"ports":[{"containerPort":80}]}]}}',
    'toleration-merge':
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"IMG"}],"tolerations":[{"key":"a","operator":"Exists"}],"tolerations":[{"effect":"NoSchedule"}]}}',
  };
  for (const [id, text] of Object.entries(dupes))
    add('json-dup', id, 'json', text.replaceAll('NAME', name('json-dup', id)).replaceAll('IMG', IMAGE));

  // 10. Windows Pods may not set Linux-only fields.
  const windowsPod: Record<string, string[]> = {
    plain: [],
    'pod-seccomp': ['  securityContext: {seccompProfile: {type: RuntimeDefault}}'],
    'pod-apparmor': ['  securityContext: {appArmorProfile: {type: RuntimeDefault}}'],
    'pod-selinux': ['  securityContext: {seLinuxOptions: {level: "s0:c1"}}'],
    'pod-fsgroup': ['  securityContext: {fsGroup: 1000}'],
    'pod-fsgroup-policy': ['  securityContext: {fsGroupChangePolicy: Always}'],
    'pod-sysctls': ['  securityContext: {sysctls: [{name: kernel.shm_rmid_forced, value: "1"}]}'],
    'pod-sysctls-empty': ['  securityContext: {sysctls: []}'],
    'pod-run-as-user': ['  securityContext: {runAsUser: 1000}'],
    'pod-run-as-group': ['  securityContext: {runAsGroup: 1000}'],
    'pod-groups': ['  securityContext: {supplementalGroups: [1]}'],
    'pod-groups-empty': ['  securityContext: {supplementalGroups: []}'],
    'pod-groups-policy': ['  securityContext: {supplementalGroupsPolicy: Merge}'],
    'pod-selinux-change': ['  securityContext: {seLinuxChangePolicy: MountOption}'],
    'pod-run-as-non-root': ['  securityContext: {runAsNonRoot: true}'],
    'pod-windows-options': ['  securityContext: {windowsOptions: {runAsUserName: "ContainerUser"}}'],
    'host-users': ['  hostUsers: true'],
    'host-pid': ['  hostPID: true'],
    'host-pid-false': ['  hostPID: false'],
    'host-ipc': ['  hostIPC: true'],
    'share-pns': ['  shareProcessNamespace: false'],
    'many-pod': [
      '  hostIPC: true',
      '  securityContext: {runAsUser: 1, fsGroup: 2, seccompProfile: {type: RuntimeDefault}}',
    ],
  };
  const windowsContainer: Record<string, string> = {
    'c-seccomp': 'seccompProfile: {type: RuntimeDefault}',
    'c-apparmor': 'appArmorProfile: {type: RuntimeDefault}',
    'c-selinux': 'seLinuxOptions: {level: "s0:c1"}',
    'c-capabilities': 'capabilities: {add: [NET_ADMIN]}',
    'c-read-only': 'readOnlyRootFilesystem: false',
    'c-privileged': 'privileged: false',
    'c-escalation': 'allowPrivilegeEscalation: false',
    'c-proc-mount': 'procMount: Default',
    'c-run-as-user': 'runAsUser: 0',
    'c-run-as-group': 'runAsGroup: 0',
    'c-run-as-non-root': 'runAsNonRoot: true',
    'c-many': 'privileged: true, runAsUser: 0, capabilities: {}',
  };
  const windows = (id: string, extra: string[], os = 'windows') =>
    add('windows', id, 'yaml', podYaml(name('windows', id), { extra: [`  os: {name: ${os}}`, ...extra] }));
  for (const [id, extra] of Object.entries(windowsPod)) windows(id, extra);
  for (const [id, sc] of Object.entries(windowsContainer)) windows(id, [`    securityContext: {${sc}}`]);
  windows('init-seccomp', [
    '  initContainers:',
    '  - name: i',
    `    image: ${IMAGE}`,
    '    securityContext: {seccompProfile: {type: RuntimeDefault}}',
  ]);
  windows('linux-seccomp', ['  securityContext: {seccompProfile: {type: RuntimeDefault}}'], 'linux');
  windows(
    'linux-windows-options',
    ['    securityContext: {windowsOptions: {runAsUserName: "ContainerUser"}}'],
    'linux',
  );

  // 11. Projected sources that set no type.
  const projected: Record<string, string> = {
    empty: '[{}]',
    'null-source': '[{configMap: null}]',
    'empty-then-downward': '[{downwardAPI: {items: [{path: n, fieldRef: {fieldPath: metadata.name}}]}}, {}]',
    'unknown-only': '[{madeUp: {}}]',
    none: '[]',
  };
  for (const [id, sources] of Object.entries(projected)) {
    add(
      'projected',
      id,
      'yaml',
      podYaml(name('projected', id), {
        extra: [
          '    volumeMounts: [{name: p, mountPath: /p}]',
          '  volumes:',
          '  - name: p',
          `    projected: {sources: ${sources}}`,
        ],
      }),
    );
  }
  return out;
}

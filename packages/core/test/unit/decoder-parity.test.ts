import { describe, expect, it } from 'vitest';
import { checkManifest, kubeletVerdict, parseKubernetesVersion, parseManifest } from '../../src/index.js';

/**
 * The decoder details of issue #12, one assertion per behaviour; the differential suite
 * (packages/testkube/test/differential/decoder-parity.test.ts) checks the generated variants of each
 * against the kubelet itself.
 */
const POD = (name: string, head = 'apiVersion: v1\nkind: Pod\n', extra = '') =>
  `${head}metadata:\n  name: ${name}\n  namespace: kube-system\nspec:\n  containers:\n  - name: c\n    image: pause\n${extra}`;

function verdict(content: string | Uint8Array, file = 'm.yaml') {
  return kubeletVerdict(parseManifest(content, { file }), { nodeName: 'n' });
}

function error(content: string | Uint8Array, file = 'm.yaml'): string | undefined {
  const v = verdict(content, file);
  return v.runs
    ? undefined
    : v.error.replace(/^.*couldn't parse as pod\((.*)\), please check config file$/s, '$1');
}

describe('apiVersion and kind are found as encoding/json finds them', () => {
  it('matches keys case-insensitively, the Kelvin sign and the long s included', () => {
    for (const head of [
      'Kind: Pod\napiversion: v1\n',
      'KIND: Pod\nAPIVERSION: v1\n',
      '\u212aind: Pod\napiVer\u017fion: v1\n',
    ])
      expect(verdict(POD('p', head)).runs).toBe(true);
    expect(error(POD('p', 'k\u0131nd: Pod\napiVersion: v1\n'))).toMatch(/^Object 'Kind' is missing/);
  });

  it('lets the last match win: sorted keys for YAML, document order for JSON', () => {
    expect(error(POD('p', 'apiVersion: v1\nKind: Pod\nkind: Service\n'))).toBe(
      'invalid pod: &core.Service{…}',
    );
    const json = (a: string, b: string) =>
      `{"apiVersion":"v1",${a},${b},"metadata":{"name":"p","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"pause"}]}}`;
    expect(verdict(json('"kind":"Service"', '"Kind":"Pod"'), 'm.json').runs).toBe(true);
    expect(error(json('"Kind":"Pod"', '"kind":"Service"'), 'm.json')).toBe('invalid pod: &core.Service{…}');
    expect(error(json('"Kind":5', '"kind":"Pod"'), 'm.json')).toBe(
      `couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string`,
    );
  });
});

describe('JSON reaches the decoder as written', () => {
  it('refuses 30.0 and 3e1 in integer fields, which YAML converts', () => {
    const json = (n: string) =>
      `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"kube-system"},"spec":{"containers":[{"name":"c","image":"pause","ports":[{"containerPort":${n}}]}]}}`;
    expect(error(json('30.0'), 'm.json')).toBe(
      'json: cannot unmarshal number 30.0 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
    expect(error(json('3e1'), 'm.json')).toMatch(/number 3e1 into/);
    expect(verdict(json('30'), 'm.json').runs).toBe(true);
    expect(verdict(POD('p', undefined, '    ports: [{containerPort: 3e1}]\n')).runs).toBe(true);
  });

  it('decodes a repeated key into the value before it', () => {
    const v = verdict(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"kube-system","labels":{"a":"1"}},' +
        '"metadata":{"labels":{"b":"2"}},"spec":{"containers":[{"name":"c","image":"pause"},{"name":"d","image":"pause"}]},' +
        '"spec":{"containers":[{"image":"busybox"}]}}',
      'm.json',
    );
    expect(v.runs).toBe(true);
    if (!v.runs) return;
    expect(v.pod.metadata?.labels).toEqual({ a: '1', b: '2' });
    expect(v.pod.metadata?.namespace).toBe('kube-system');
    expect(v.pod.spec?.containers).toEqual([{ name: 'c', image: 'busybox' }]);
  });
});

describe('go-yaml v2', () => {
  it('reads UTF-16 with a byte-order mark, and refuses a truncated one', () => {
    const le = Buffer.from(`\ufeff${POD('p')}`, 'utf16le');
    expect(verdict(new Uint8Array(le)).runs).toBe(true);
    const be = Buffer.from(le).swap16();
    expect(verdict(new Uint8Array(be)).runs).toBe(true);
    expect(error(new Uint8Array([...le, 0x41]))).toBe('yaml: incomplete UTF-16 character');
  });

  it('breaks lines at CR alone and NEL', () => {
    expect(verdict(POD('p').replaceAll('\n', '\r')).runs).toBe(true);
    expect(verdict(POD('p').replaceAll('\n', '\u0085')).runs).toBe(true);
  });

  it('reads YAML 1.1 only, and needs a document start after directives', () => {
    expect(verdict(`%YAML 1.1\n---\n${POD('p')}`).runs).toBe(true);
    expect(error(`%YAML 1.2\n---\n${POD('p')}`)).toBe('yaml: found incompatible YAML document');
    expect(error(`# c\n%YAML 1.2\n---\n${POD('p')}`)).toBe('yaml: line 1: found incompatible YAML document');
    expect(error(`%YAML 1.1\n%YAML 1.1\n---\n${POD('p')}`)).toBe(
      'yaml: line 1: found duplicate %YAML directive',
    );
    expect(error(`%YAML 1.1\n${POD('p')}`)).toBe('yaml: line 1: did not find expected <document start>');
  });

  it('stops at the document end marker, and refuses one that opens the stream', () => {
    expect(verdict(`${POD('p')}... anything at all\n: [`).runs).toBe(true);
    expect(error(`# c\n...\n${POD('p')}`)).toBe('yaml: line 1: did not find expected node content');
  });

  it('refuses NaN and infinities, which JSON cannot hold', () => {
    expect(error(POD('p').replace('image: pause', 'image: .nan'))).toBe('json: unsupported value: NaN');
    expect(error(POD('p', undefined, '    zz: -.inf\n'))).toBe('json: unsupported value: -Inf');
    expect(verdict(POD('p').replace('image: pause', 'image: 1e400')).runs).toBe(true);
  });

  it("refuses a tab left of a plain value's indentation, and a tab where a token would start", () => {
    expect(error(POD('p').replace('kind: Pod\n', 'kind: Pod\n\t\n'))).toBe(
      'yaml: line 3: found a tab character that violates indentation',
    );
    expect(error(POD('p').replace('kind: Pod\n', "kind: 'Pod'\n\t\n"))).toBe(
      'yaml: line 3: found character that cannot start any token',
    );
    expect(verdict(POD('p').replace('kind: Pod\n', 'kind: Pod\n \t\n')).runs).toBe(true);
    expect(verdict(`${POD('p')}---\n\t\n`).runs).toBe(true);
  });

  it('refuses a tab in the leading blanks of a file with no content', () => {
    expect(error('\t')).toBe('yaml: found character that cannot start any token');
    expect(error('# c\n\t\n')).toBe('yaml: line 2: found character that cannot start any token');
    expect(error('  \n')).toMatch(/^Object 'Kind' is missing in 'null'/);
  });
});

describe('validation', () => {
  it('forbids Linux-only fields in a Windows Pod', () => {
    const v = verdict(
      POD(
        'p',
        undefined,
        '  os: {name: windows}\n  hostPID: true\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n',
      ),
    );
    expect(v.runs).toBe(false);
    if (v.runs) return;
    expect(v.error).toBe(
      'invalid pod: [spec.securityContext.seccompProfile: Forbidden: cannot be set for a windows pod spec.hostPID: Forbidden: cannot be set for a windows pod]',
    );
  });

  it('reports an empty projected source in check as the kubelet refuses it', () => {
    const text = POD(
      'p',
      undefined,
      '    volumeMounts: [{name: x, mountPath: /x}]\n  volumes:\n  - name: x\n    projected: {sources: [{}]}\n',
    );
    const findings = checkManifest(parseManifest(text, { file: 'm.yaml' }), { nodeName: 'n' }).findings;
    const sp023 = findings.filter((f) => f.ruleId === 'SP023');
    expect(sp023).toHaveLength(1);
    expect(sp023[0]?.severity).toBe('error');
    expect(sp023[0]?.logged?.message).toBe('unknown source for projected volume "x"');
    const old = checkManifest(parseManifest(text, { file: 'm.yaml' }), {
      nodeName: 'n',
      kubernetesVersion: parseKubernetesVersion('1.33'),
    }).findings.filter((f) => f.ruleId === 'SP023');
    expect(old.map((f) => f.severity)).toEqual(['warning']);
  });
});

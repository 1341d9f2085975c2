import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/index.js';
import { readBlockYaml } from '../../src/manifest/block-yaml.js';
import { readFirstYamlDocument } from '../../src/manifest/yaml-document.js';
import { locateInValue, type OffsetChildren } from '../../src/manifest/yaml-value.js';

/**
 * The lean reader (block-yaml.ts) and the `yaml` path (yaml-document.ts) must agree on every
 * document the lean reader reads: same value, same field offsets, same duplicate keys, and `yaml`
 * finds no error, no further document and no empty one. What the lean reader declines, `yaml`
 * reads (parse.ts), so declining is always safe; the tests also make sure it declines rarely on
 * real manifests.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every YAML manifest the repository holds: the corpus, the examples, kubeadm's and every fixture. */
const manifests = [
  'packages/core/test/corpus',
  'packages/core/test/kubeadm',
  'packages/core/test/pod-api/fixtures',
  'packages/core/test/rules/fixtures',
  'packages/converter/test/fixtures',
  'apps/kubectl-staticpods/test/fixtures',
  'examples/manifests',
]
  .flatMap((d) => filesUnder(path.join(repo, d)))
  .filter((f) => /\.(ya?ml|bak)$/.test(f));

/** Asserts both readers agree when the lean one reads `text`; returns whether it did. */
function agree(text: string): boolean {
  const lean = readBlockYaml(text);
  if (lean === undefined) return false;
  const full = readFirstYamlDocument(text);
  expect(full.error).toBeUndefined();
  expect(full.ignoredDocuments).toEqual([]);
  expect(full.firstDocumentEmpty).toBe(false);
  expect(full.firstDocumentEndMarker).toBeUndefined();
  expect(lean).toStrictEqual({
    value: full.value,
    offsets: full.offsets,
    duplicateKeys: full.duplicateKeys,
  });
  return true;
}

function isMapping(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every path the offsets hold, for comparing positions. */
function allPaths(
  children: OffsetChildren | undefined,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  if (!children) return [];
  const entries: [string | number, unknown][] = Array.isArray(children)
    ? children.map((c, i) => [i, c])
    : Object.entries(children);
  return entries.flatMap(([k, node]) => {
    const p = [...prefix, k];
    return [p, ...(typeof node === 'number' ? [] : allPaths((node as { c: OffsetChildren }).c, p))];
  });
}

describe('the lean block-YAML reader agrees with the yaml path', () => {
  it('on every manifest of the repository (the corpus, examples and fixtures)', () => {
    expect(manifests.length).toBeGreaterThan(300);
    let read = 0;
    for (const file of manifests) {
      const text = readFileSync(file, 'utf8');
      if (!agree(text)) continue;
      read++;
      // Positions through parseManifest (the lean path's line index) match yaml's line counter.
      const full = readFirstYamlDocument(text);
      const parsed = parseManifest(text, { file });
      for (const p of allPaths(full.offsets)) {
        const at = full.lineCounter.linePos(locateInValue(full.offsets, p).offset);
        expect(parsed.positionOf(p), `${file} ${p.join('.')}`).toEqual({ line: at.line, column: at.col });
      }
    }
    // Most manifests are ordinary block YAML; the lean reader must not quietly stop reading them.
    expect(read / manifests.length).toBeGreaterThan(0.85);
  });

  it('reads the corpus manifests people write (not only the fixtures)', () => {
    const corpus = manifests.filter((f) => f.includes('/test/corpus/') && f.endsWith('.yaml'));
    const read = corpus.filter((f) => readBlockYaml(readFileSync(f, 'utf8')) !== undefined);
    expect(read.length).toBeGreaterThanOrEqual(corpus.length - 6);
  });

  it('on generated documents, mutated ones included', () => {
    let read = 0;
    let valid = 0;
    fc.assert(
      fc.property(documentText, (text) => {
        if (agree(text)) read++;
        const full = readFirstYamlDocument(text);
        if (!full.error && full.ignoredDocuments.length === 0 && isMapping(full.value)) valid++;
      }),
      { numRuns: 4000 },
    );
    // The generator must reach the lean reader often, or this test proves little.
    expect(read / valid).toBeGreaterThan(0.5);
  });

  it('declines what it does not read, and yaml then reads it', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '<<: {a: 1}\n',
      'a:\n\t- b\n',
      'a: 1\r\nb: 2\r\n',
      'a: 1\n---\nb: 2\n',
      'a: 1\n...\n',
      'a: "two\n  lines"\n',
      '? a\n: 1\n',
      'a: {b: 1}\n',
      'a: |2\n   x\n',
      'a: |+\n  x\n\n',
      'a: .nan\n',
      'null: 1\n',
      '1.5: x\n',
      '- a\n',
      '  a: 1\n',
      'a: 1\n b: 2\n',
      'a: b: c\n',
      '\ufeffa: 1\n',
    ]) {
      expect(readBlockYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('reads the forms kubeadm and kubectl write', () => {
    const text = [
      '---',
      '# a comment',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  annotations:',
      '    "prometheus.io/port": \'9100\'',
      '    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://10.0.0.1:2379',
      '  labels: {}',
      '  name: etcd',
      'spec:',
      '  containers:',
      '  - command:',
      '    - etcd',
      '    - --listen-client-urls=https://127.0.0.1:2379,https://10.0.0.1:2379',
      '    - ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:2379',
      '      --cacert=/etc/kubernetes/pki/etcd/ca.crt',
      '    args: ["--v=2", \'-x\', 3]',
      '    env:',
      '    - name: SCRIPT',
      '      value: |',
      '        set -e',
      '',
      '        echo "a: b" # kept',
      '    - name: FOLDED',
      '      value: >-',
      '        one',
      '        two',
      '    image: registry.k8s.io/etcd:3.5.9-0',
      '    ports:',
      '    - containerPort: 0x50',
      '      name: :2112',
      '    resources: {}',
      '  hostNetwork: yes',
      '  hostNetwork: true',
      'status: {}',
      '',
    ].join('\n');
    expect(agree(text)).toBe(true);
    const lean = readBlockYaml(text);
    expect(lean?.duplicateKeys).toEqual([
      { path: ['spec', 'hostNetwork'], offset: text.indexOf('  hostNetwork: true') + 2 },
    ]);
  });
});

// ---- the generator

/** Values kubectl and kubeadm write (some of them resolve to numbers, booleans, null). */
const PLAIN_VALUES = [
  'v1',
  'Pod',
  'true',
  'yes',
  'on',
  'No',
  'null',
  '~',
  '0644',
  '0x1F',
  '1_000',
  '1e3',
  '1.5',
  '.5',
  '-1',
  '+1',
  ':2112',
  '-x',
  '--flag=a:b',
  'a:b',
  'a#b',
  'http://x/y?a=1&b=2',
  '*.log',
  'x   ',
  'x # c',
  'é',
  '2024-01-01',
  '1:30',
  'Y',
  'OFF',
  '0b101',
  '-0b1',
  '9223372036854775808',
  '1e400',
  '<<',
  'a b c',
  'x,y',
  '[x]y',
  '?x',
  'a?',
];
/** Flow collections and quoted scalars. */
const FLOW_AND_QUOTED = [
  '"\\x41\\u00e9\\U0001F600"',
  '[]',
  '{}',
  '[ ]',
  '{ }',
  '[a, "b"]',
  '[ a , b ]',
  '[~, 1]',
  '[--v=2, -x]',
  `["a", 'b']`,
  '"x"',
  "'x'",
  '"a\\"b"',
  '"\\n\\t\\/"',
  "'it''s'",
  '"a" #c',
  '""',
  "''",
  '"a: b"',
  '"#"',
  "'a # b'",
];
/** Values that are something else (anchors, tags, flow maps …) or an error. */
const TRICKY_VALUES = [
  '.inf',
  '.nan',
  'a: b',
  'a #b',
  '&a x',
  '*a',
  '!!str 1',
  '!t x',
  '%x',
  '@x',
  '`x',
  ',x',
  ']x',
  '}x',
  '? x',
  '- x',
  '-',
  '[a,]',
  '[,a]',
  '[a b]',
  '{a: 1}',
  '[-]',
  '[- a]',
  '"unterminated',
  '"\\xZZ"',
  '"\\ud800"',
  '"\\e\\N"',
  "'a' x",
  '"a"#c',
  ':',
  '#x',
  'a:',
  '"a":',
  '[a]]',
  '{}}',
  "'''",
];
const KEYS = [
  'a',
  'b',
  'c',
  'name',
  'image',
  'yes',
  'on',
  'y',
  '1',
  '0644',
  '__proto__',
  'a.b/c-d',
  'f:spec',
  '"q"',
  "'q'",
  '"a b"',
  'k:{"name":"c"}',
];
const TRICKY_KEYS = [
  '1.5',
  'null',
  '~',
  'a b',
  '-a',
  '<<',
  '?',
  'a#b',
  '&x a',
  '!t a',
  'x:',
  ':x',
  'a,b',
  '0x1F',
  '"q" ',
  'a ',
];
const TEXT_LINES = ['echo hi', '', '  indented', '# not a comment', 'a: b', 'x  ', '- y', '"q"', '   ', 'z'];

type Tree =
  | { kind: 'scalar'; text: string }
  | { kind: 'block'; header: string; lines: string[]; extra: number }
  | { kind: 'map'; entries: { key: string; value: Tree }[]; indent: number }
  | { kind: 'seq'; items: Tree[]; indent: number; atKeyColumn: boolean };

const scalar = (values: string[]) =>
  fc.constantFrom(...values).map((text): Tree => ({ kind: 'scalar', text }));

const tree = fc.letrec<{ node: Tree; map: Tree }>((tie) => ({
  node: fc.oneof(
    { weight: 8, arbitrary: scalar(PLAIN_VALUES) },
    { weight: 3, arbitrary: scalar(FLOW_AND_QUOTED) },
    { weight: 1, arbitrary: scalar(TRICKY_VALUES) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('block' as const),
        header: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('|', '|-', '>', '>-') },
          fc.constantFrom('|+', '|2', '| # c', '>+', '|  ', '|x'),
        ),
        lines: fc.array(fc.constantFrom(...TEXT_LINES), { maxLength: 4 }),
        extra: fc.integer({ min: 1, max: 3 }),
      }),
    },
    { weight: 2, arbitrary: tie('map') },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('seq' as const),
        items: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
        indent: fc.integer({ min: 1, max: 3 }),
        atKeyColumn: fc.boolean(),
      }),
    },
  ),
  map: fc.record({
    kind: fc.constant('map' as const),
    entries: fc.array(
      fc.record({
        key: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...KEYS) }, fc.constantFrom(...TRICKY_KEYS)),
        value: tie('node'),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    indent: fc.integer({ min: 1, max: 3 }),
  }),
}));

/** The lines of `node` as the value of something at `column` (the key's or the dash's column). */
function render(node: Tree, column: number, inSeq: boolean): { inline: string; lines: string[] } {
  const pad = (n: number) => ' '.repeat(n);
  switch (node.kind) {
    case 'scalar':
      return { inline: node.text, lines: [] };
    case 'block':
      return {
        inline: node.header,
        lines: node.lines.map((l) => (l === '' ? '' : pad(column + node.extra) + l)),
      };
    case 'map':
      return { inline: '', lines: renderMap(node, column + (inSeq ? 2 : node.indent)) };
    case 'seq':
      return {
        inline: '',
        lines: renderSeq(node, inSeq || !node.atKeyColumn ? column + node.indent : column),
      };
  }
}

function renderMap(node: Extract<Tree, { kind: 'map' }>, column: number): string[] {
  return node.entries.flatMap(({ key, value }) => {
    const r = render(value, column, false);
    return [`${' '.repeat(column)}${key}:${r.inline === '' ? '' : ` ${r.inline}`}`, ...r.lines];
  });
}

function renderSeq(node: Extract<Tree, { kind: 'seq' }>, column: number): string[] {
  return node.items.flatMap((item) => {
    if (item.kind === 'map') {
      // The compact form kubectl writes: the first key on the dash's line.
      const lines = renderMap(item, column + 2);
      return [`${' '.repeat(column)}- ${(lines[0] ?? '').trimStart()}`, ...lines.slice(1)];
    }
    const r = render(item, column, true);
    return [`${' '.repeat(column)}-${r.inline === '' ? '' : ` ${r.inline}`}`, ...r.lines];
  });
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.constantFrom(-2, -1, 1, 2) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ' ',
      ':',
      ': ',
      '#',
      ' #',
      '-',
      '- ',
      '\t',
      '\r',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '&',
      '*',
      '!',
      '|',
      '>',
      '\n',
      '\n  ',
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

const decoration = fc.record({
  start: fc.constantFrom('', '', '---\n', '--- # c\n', '# c\n---\n', '\n', '---a\n', '--- a: 1\n'),
  end: fc.constantFrom('\n', '\n', '', '\n\n', '\n# c\n', '\n   \n', '\n---\nb: 1\n', '\n...\n'),
  blank: fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '   ', '# c', '  # c', '      # c')), {
    maxLength: 3,
  }),
  trailing: fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '  ', ' # c')), { maxLength: 2 }),
  mutations: fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    fc.array(mutation, { minLength: 1, maxLength: 2 }),
  ),
});

const documentText = fc.tuple(tree.map, decoration).map(([root, d]) => {
  const lines = renderMap(root as Extract<Tree, { kind: 'map' }>, 0);
  for (const [at, line] of d.blank) lines.splice(at % (lines.length + 1), 0, line);
  for (const [at, tail] of d.trailing) {
    const i = at % lines.length;
    lines[i] = `${lines[i]}${tail}`;
  }
  for (const m of d.mutations) {
    if (m.kind !== 'indent') continue;
    const i = m.line % lines.length;
    const line = lines[i] as string;
    lines[i] = m.by > 0 ? ' '.repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), '');
  }
  let text = d.start + lines.join('\n') + d.end;
  for (const m of d.mutations) {
    if (m.kind === 'insert') {
      const i = m.at % (text.length + 1);
      text = text.slice(0, i) + m.text + text.slice(i);
    } else if (m.kind === 'delete' && text.length > 0) {
      const i = m.at % text.length;
      text = text.slice(0, i) + text.slice(i + 1);
    }
  }
  return text;
});

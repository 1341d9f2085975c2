import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkManifest, kubeletVerdict, parseManifest } from '../../src/index.js';

/** Whatever the input, parsing and checking return findings; they never throw. */
const options = { numRuns: 400 };

function checkAll(input: string | Uint8Array): void {
  const manifest = parseManifest(input, { file: 'fuzz.yaml' });
  kubeletVerdict(manifest, { nodeName: 'node-1' });
  const { findings } = checkManifest(manifest, { nodeName: 'node-1' });
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
  }
}

const podLike = fc.record(
  {
    apiVersion: fc.constantFrom('v1', 'v2', 'apps/v1', 1, null),
    kind: fc.constantFrom('Pod', 'PodList', 'DaemonSet', '', 3),
    metadata: fc.anything({ maxDepth: 3 }),
    spec: fc.anything({ maxDepth: 4 }),
  },
  { requiredKeys: [] },
);

describe('no input makes the parser or the checker throw', () => {
  it('arbitrary strings', () =>
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => checkAll(s)),
      options,
    ));
  it('arbitrary bytes', () =>
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => checkAll(b)),
      options,
    ));
  it('YAML-ish text built from manifest tokens', () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'apiVersion: v1\n',
            'kind: Pod\n',
            'metadata:\n',
            '  name: x\n',
            'spec:\n',
            '  containers:\n',
            '  - name: c\n',
            '    image: i\n',
            '---\n',
            '\t',
            '&a ',
            '*a',
            '<<: *a\n',
            '[',
            ']',
            '{',
            '}',
            ': ',
            '- ',
            '"',
            "'",
            '#',
            '\ufeff',
            '\r\n',
            '0644',
            'yes',
            '~',
          ),
          { maxLength: 40 },
        ),
        (parts) => checkAll(parts.join('')),
      ),
      options,
    ));
  it('arbitrary JSON-shaped Pods', () =>
    fc.assert(
      fc.property(podLike, (obj) => checkAll(JSON.stringify(obj) ?? 'null')),
      options,
    ));
  it('arbitrary Pods with real field names in odd places', () =>
    fc.assert(
      fc.property(fc.anything({ maxDepth: 5, withObjectString: true }), (spec) =>
        checkAll(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }) ?? '{}'),
      ),
      options,
    ));
});

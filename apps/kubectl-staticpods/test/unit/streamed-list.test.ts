import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { OutStream } from '../../src/io.js';
import { render } from '../../src/output/formats.js';
import { writeStreamedList } from '../../src/output/streamed-list.js';

/** Real manifests written by others (the corpus of packages/core), as objects. */
function corpusObjects(): unknown[] {
  const root = path.resolve(import.meta.dirname, '../../../../packages/core/test/corpus');
  const out: unknown[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(ya?ml|json)$/.test(name)) {
        for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
          const value = 'errors' in doc && doc.errors.length === 0 ? doc.toJS() : undefined;
          if (value && typeof value === 'object') out.push(value);
        }
      }
    }
  };
  walk(root);
  return out;
}

/** Values whose YAML or JSON form depends on where they stand: block scalars, indentation, quotes. */
const tricky = [
  { metadata: { name: 'a', annotations: { multi: 'line one\nline two\n', lead: '  leading spaces\nx' } } },
  { spec: { containers: [], volumes: [{}], command: ['sh', '-c', 'echo "$X"\n\n  indented\n'] } },
  { data: { empty: '', colon: 'a: b', dash: '- x', hash: '# no', unicode: 'ünï\u2028', num: '0755' } },
  { list: [[1, [2, []]], { a: {} }, null, true, 1.5, '2026-01-01T00:00:00Z'] },
];

async function streamed(format: 'json' | 'yaml', items: readonly unknown[], cut: number): Promise<string> {
  let text = '';
  const out: OutStream = {
    write: (t) => {
      text += t;
    },
  };
  async function* batches() {
    for (let i = 0; i < items.length; i += cut) yield items.slice(i, i + cut);
    yield []; // an empty page does not change the text
  }
  await writeStreamedList(format, { batches: batches(), sortKeys: true }, out);
  return text;
}

function whole(format: 'json' | 'yaml', items: readonly unknown[]): string {
  const document = { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
  return render(
    { name: format, argument: undefined },
    { document, sortKeys: true },
    {
      noHeaders: false,
      stream: { write: () => undefined },
      cwd: '/',
    },
  );
}

describe('a List written as its items arrive is the List written whole', () => {
  const corpus = corpusObjects();
  it('reads a real corpus', () => expect(corpus.length).toBeGreaterThanOrEqual(40));
  for (const format of ['json', 'yaml'] as const) {
    it(`${format}: every corpus manifest and the tricky values, in batches of 1, 7 and all`, async () => {
      const items = [...corpus, ...tricky];
      for (const cut of [1, 7, items.length]) {
        expect(await streamed(format, items, cut)).toBe(whole(format, items));
      }
    });
    it(`${format}: one item, and none`, async () => {
      expect(await streamed(format, [tricky[0]], 1)).toBe(whole(format, [tricky[0]]));
      expect(await streamed(format, [], 1)).toBe(whole(format, []));
    });
  }
  it('an error mid-way leaves an unfinished List that no reader takes for whole', async () => {
    let text = '';
    async function* failing() {
      yield [tricky[0]];
      throw new Error('page 2 failed');
    }
    await expect(
      writeStreamedList(
        'json',
        { batches: failing(), sortKeys: true },
        {
          write: (t) => {
            text += t;
          },
        },
      ),
    ).rejects.toThrow('page 2 failed');
    expect(text).toContain('"items": [');
    expect(() => JSON.parse(text)).toThrow();
  });
});

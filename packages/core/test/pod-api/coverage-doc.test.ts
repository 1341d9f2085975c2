import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VALIDATION_COVERAGE } from '../../src/pod-api/index.js';

const doc = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../../../docs/pod-validation.md'),
  'utf8',
);

/** The `### area` sections of the doc with the status written on their first line. */
function sections(): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of doc.split(/^### /m).slice(1)) {
    const [heading = '', ...rest] = part.split('\n');
    out.set(heading.trim(), rest.join('\n').trim());
  }
  return out;
}

describe('docs/pod-validation.md', () => {
  const docSections = sections();

  it('has a section for every area of VALIDATION_COVERAGE, in the same order', () => {
    const areas = VALIDATION_COVERAGE.map((a) => a.area);
    expect([...docSections.keys()]).toEqual(areas);
  });

  for (const area of VALIDATION_COVERAGE) {
    it(`states the status of "${area.area}"`, () => {
      const text = docSections.get(area.area) ?? '';
      const status =
        area.status === 'covered' ? 'Covered.' : area.status === 'partial' ? 'Partial.' : 'Not covered.';
      expect(text.startsWith(status)).toBe(true);
    });
  }

  it('names unique areas', () => {
    expect(new Set(VALIDATION_COVERAGE.map((a) => a.area)).size).toBe(VALIDATION_COVERAGE.length);
  });
});

import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module shared with the docs generator
import { renderRuleDoc, renderRuleIndex } from '../../scripts/rule-docs.mjs';
import {
  allRules,
  type CheckOptions,
  type CheckResult,
  checkManifest,
  checkStaticPodPath,
  docsPath,
  type Finding,
  parseKubernetesVersion,
  parseManifest,
  type Rule,
  readStaticPodPath,
} from '../../src/index.js';

const fixtures = new URL('./fixtures/', import.meta.url);
const docs = new URL('../../../../docs/rules/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Per-folder options: node name, Kubernetes version, cluster facts. */
function optionsFor(dir: string): CheckOptions {
  const file = join(dir, 'options.json');
  if (!existsSync(file)) return {};
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { kubernetesVersion?: string } & CheckOptions;
  return {
    ...raw,
    ...(raw.kubernetesVersion && { kubernetesVersion: parseKubernetesVersion(raw.kubernetesVersion) }),
  };
}

/** `layout.json` creates what git cannot hold: FIFOs, dangling links, 10 MiB files. */
function applyLayout(dir: string): void {
  const file = join(dir, 'layout.json');
  if (!existsSync(file)) return;
  const layout = JSON.parse(readFileSync(file, 'utf8')) as Record<
    string,
    { symlink?: string; fifo?: boolean; size?: number; prefix?: string }
  >;
  rmSync(file);
  for (const [name, spec] of Object.entries(layout)) {
    const target = join(dir, name);
    if (spec.symlink) symlinkSync(spec.symlink, target);
    else if (spec.fifo) execFileSync('mkfifo', [target]);
    else if (spec.size !== undefined) {
      const body = Buffer.alloc(spec.size, 0x20);
      if (spec.prefix) body.write(spec.prefix);
      writeFileSync(target, body);
    }
  }
}

/** Runs a fixture: a single manifest (`fires.yaml`) or a staticPodPath (`fires/`). */
async function runFixture(
  folder: string,
  kind: 'fires' | 'passes',
): Promise<{ result: CheckResult; root: string }> {
  const dir = join(fixtures.pathname, folder);
  const options = optionsFor(dir);
  const single = readdirSync(dir).find((f) => f.startsWith(`${kind}.`) && !f.endsWith('.findings.json'));
  if (single) {
    const path = join(dir, single);
    return { result: checkManifest(parseManifest(readFileSync(path), { file: single }), options), root: dir };
  }
  const tmp = mkdtempSync(join(tmpdir(), `staticpods-${folder}-`));
  temps.push(tmp);
  cpSync(join(dir, kind), tmp, { recursive: true });
  applyLayout(tmp);
  const report = await readStaticPodPath(tmp, { nodeName: options.nodeName ?? 'node-1' });
  return { result: checkStaticPodPath(report, options), root: tmp };
}

/** The golden view of a finding: no absolute temp paths, no docs URL. */
function golden(f: Finding, root: string) {
  return {
    file: f.file.replace(`${root}/`, ''),
    line: f.line,
    column: f.column,
    severity: f.severity,
    ...(f.field && { field: f.field }),
    message: f.message.replaceAll(`${root}/`, ''),
    ...(f.logged && { logged: { ...f.logged, message: f.logged.message.replaceAll(`${root}/`, '') } }),
  };
}

const folderOf = (rule: Rule) => docsPath(rule).replace(/\.md$/, '');

describe.each(allRules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  const folder = folderOf(rule);

  it('has a fixture folder with a firing and a passing case', () => {
    const entries = readdirSync(join(fixtures.pathname, folder));
    expect(entries.some((e) => e === 'fires' || e.startsWith('fires.'))).toBe(true);
    expect(entries.some((e) => e === 'passes' || e.startsWith('passes.'))).toBe(true);
  });

  it('has an up-to-date docs page (npm run docs)', () => {
    const page = new URL(docsPath(rule), docs);
    expect(existsSync(page), `${page.pathname} is missing: run npm run docs`).toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(renderRuleDoc(rule, fixtures.pathname));
  });

  it('fires on its firing case, with the golden findings', async () => {
    const { result, root } = await runFixture(folder, 'fires');
    const mine = result.findings.filter((f) => f.ruleId === rule.id).map((f) => golden(f, root));
    expect(mine.length).toBeGreaterThan(0);
    const goldenFile = join(fixtures.pathname, folder, 'fires.findings.json');
    if (update) writeFileSync(goldenFile, `${JSON.stringify(mine, null, 2)}\n`);
    expect(existsSync(goldenFile), `${goldenFile} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(
      true,
    );
    expect(mine).toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });

  it('does not fire on its passing case', async () => {
    const { result } = await runFixture(folder, 'passes');
    expect(result.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
});

it('docs/rules.md lists every rule (npm run docs)', () => {
  expect(readFileSync(new URL('../rules.md', docs), 'utf8')).toBe(renderRuleIndex(allRules));
});

it('every fixture folder belongs to a rule', () => {
  const known = new Set(allRules.map(folderOf));
  expect(readdirSync(fixtures.pathname).filter((f) => !known.has(f))).toEqual([]);
});

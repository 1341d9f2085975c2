#!/usr/bin/env node
// `npm run fuzz`: the long local run of the reliability suite (issue #11).
//
// 1. The seeded fuzz suites (packages/converter/test/fuzz.test.ts: parse → check → convert → write
//    → read back, and generated staticPodPath directories; apps/kubectl-staticpods/test/cli/fuzz.test.ts:
//    the same directories through the CLI) with FUZZ_RUNS cases per property (default 2000) and a
//    fresh seed (or FUZZ_SEED), printed so a failure can be replayed.
// 2. The worst inputs we know of, each alone in its own process: time and peak RSS, against the
//    same bytes read by the yaml package alone, measured in the same run (the ratio is the
//    figure). A report, not a test: it never fails on timing; only if an input crashes the library.
//
// Needs `npm run build` first. Usage: npm run fuzz [-- --worst-only]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const [mode, name, dir] = process.argv.slice(2);

/** The inputs that used to crash, hang or grow without bound, at the sizes the kubelet still reads. */
const pod = (spec) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: kube-system\nspec:\n${spec}`;
const container = '  containers:\n  - name: c\n    image: registry.k8s.io/pause:3.10\n';
const WORST = {
  'JSON nested 10,000 levels': () => `{"a":${'['.repeat(9999)}${']'.repeat(9999)}}`,
  'YAML nested 5,000 levels (beyond our ~800)': () => `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  '300,000 duplicate keys': () => pod(`${container}  nodeSelector:\n${'    a: b\n'.repeat(300_000)}`),
  '20,000 aliases (186 KB)': () =>
    `x: &x "${'v'.repeat(60)}"\n${pod(`${container}  nodeSelector: {${Array.from({ length: 20_000 }, (_, i) => `k${i}: *x`).join(', ')}}\n`)}`,
  'alias expansion at go-yaml’s ratio limit': () => {
    let s = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 6; i++)
      s += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    return s;
  },
  '100,000 null containers': () => pod(`  containers: [${Array(100_000).fill('~').join(', ')}]\n`),
  '150,000 Secret references': () =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'i',
            env: Array.from({ length: 150_000 }, () => ({
              name: 'E',
              valueFrom: { secretKeyRef: { name: 's', key: 'k' } },
            })),
          },
        ],
      },
    }),
  'a 10 MiB - 1 byte manifest': () => {
    const head = pod(`${container}  nodeSelector:\n    a: "`);
    return `${head}${'x'.repeat(10 * 1024 * 1024 - 1 - head.length - 2)}"\n`;
  },
};
const DIRECTORY = { '10,000 copies of one manifest (SP030)': 10_000 };

if (mode === 'base') {
  // The baseline for one worst input: the same bytes through the yaml package alone (aliases
  // allowed, duplicate keys accepted), in its own process.
  const { parse } = await import('yaml');
  const read = (f) => {
    try {
      parse(readFileSync(f, 'utf8'), { maxAliasCount: -1, uniqueKeys: false, version: '1.1' });
    } catch {
      // what the yaml package cannot read still counts as read
    }
  };
  const start = performance.now();
  if (name in DIRECTORY) for (const f of readdirSync(dir)) read(join(dir, f));
  else read(join(dir, 'input'));
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

if (mode === 'one') {
  // One worst input, in this process: print the time and peak RSS as JSON.
  const core = await import(join(root, 'packages/core/dist/index.js'));
  const start = performance.now();
  let findings = 0;
  if (name in DIRECTORY) {
    const report = await core.readStaticPodPath(dir, { nodeName: 'fuzz-node' });
    findings = core.checkStaticPodPath(report).findings.length;
  } else {
    const text = readFileSync(join(dir, 'input'), 'utf8');
    findings = core.checkManifest(core.parseManifest(text, { file: 'input' }), { nodeName: 'fuzz-node' })
      .findings.length;
  }
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, findings, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

let failed = false;
if (!process.argv.includes('--worst-only')) {
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const runs = Number(process.env.FUZZ_RUNS ?? 2000);
  const report = join(mkdtempSync(join(tmpdir(), 'staticpods-fuzz-')), 'report.json');
  console.log(`fuzz: ${runs} cases per property, seed ${seed} (replay with FUZZ_SEED=${seed})`);
  const started = Date.now();
  const r = spawnSync(
    join(root, 'node_modules/.bin/vitest'),
    ['run', 'test/fuzz.test.ts', '--testTimeout=0'],
    {
      cwd: join(root, 'packages/converter'),
      stdio: 'inherit',
      env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), FUZZ_REPORT: report },
    },
  );
  const cli = spawnSync(
    join(root, 'node_modules/.bin/vitest'),
    ['run', 'test/cli/fuzz.test.ts', '--testTimeout=0'],
    {
      cwd: join(root, 'apps/kubectl-staticpods'),
      stdio: 'inherit',
      env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), FUZZ_REPORT: report },
    },
  );
  const inputs = JSON.parse(readFileSync(report, 'utf8')).inputs;
  const viaCli = JSON.parse(readFileSync(`${report}.cli`, 'utf8'));
  console.log(
    `fuzz: ${viaCli.inputs} generated files through ${viaCli.runs} CLI runs (check, list --manifests)`,
  );
  failed ||= cli.status !== 0;
  console.log(
    `fuzz: ${inputs} inputs in ${((Date.now() - started) / 1000).toFixed(0)} s, ${r.status === 0 ? 'no failures' : 'FAILURES (see above)'}`,
  );
  failed ||= r.status !== 0;
}

console.log(
  '\n| worst input | time | peak RSS | yaml.parse alone (baseline) | ratio | outcome |\n| --- | ---: | ---: | ---: | ---: | --- |',
);
for (const [label, make] of [...Object.entries(WORST), ...Object.entries(DIRECTORY)]) {
  const work = mkdtempSync(join(tmpdir(), 'staticpods-worst-'));
  try {
    if (label in DIRECTORY) {
      const text = pod(container);
      mkdirSync(join(work, 'd'));
      for (let i = 0; i < DIRECTORY[label]; i++) writeFileSync(join(work, 'd', `copy-${i}.yaml`), text);
    } else writeFileSync(join(work, 'input'), make());
    const target = label in DIRECTORY ? join(work, 'd') : work;
    const base = spawnSync(process.execPath, [new URL(import.meta.url).pathname, 'base', label, target], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const b = base.status === 0 ? JSON.parse(base.stdout) : undefined;
    const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, 'one', label, target], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.status !== 0) {
      failed = true;
      console.log(
        `| ${label} | – | – | – | – | CRASH or HANG: ${(r.stderr || r.error?.message || '').split('\n')[0]} |`,
      );
      continue;
    }
    const m = JSON.parse(r.stdout);
    const baseline = b ? `${(b.ms / 1000).toFixed(2)} s, ${b.maxRssMiB.toFixed(0)} MiB` : 'failed';
    const ratio = b ? `${(m.ms / b.ms).toFixed(1)}×` : '–';
    console.log(
      `| ${label} | ${(m.ms / 1000).toFixed(2)} s | ${m.maxRssMiB.toFixed(0)} MiB | ${baseline} | ${ratio} | ${m.findings} findings |`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// `npm run bench` (core): checks 10,000 generated manifests, read from a staticPodPath on disk,
// and compares the time with parsing the same files with `yaml` alone, measured in the same run.
// Each variant runs in its own process (so peak RSS is its own); medians of RUNS repetitions.
// Target: ratio <= 1.5. A benchmark, not a test: it reports and never fails on timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifests } from './generate.js';

const COUNT = Number(process.env.BENCH_MANIFESTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const mode = process.argv[2];

if (mode === 'yaml' || mode === 'check') {
  const dir = process.argv[3];
  const start = performance.now();
  if (mode === 'yaml') {
    const { parse } = await import('yaml');
    let n = 0;
    for (const f of readdirSync(dir).sort())
      n += parse(readFileSync(join(dir, f), 'utf8'), { uniqueKeys: false }) ? 1 : 0;
    if (n !== COUNT) throw new Error(`parsed ${n}`);
  } else {
    const { checkStaticPodPath, readStaticPodPath } = await import('../dist/index.js');
    const report = await readStaticPodPath(dir, { nodeName: 'bench-node' });
    const { findings } = checkStaticPodPath(report);
    if (report.entries.length !== COUNT || findings.length === 0) throw new Error('unexpected result');
  }
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'staticpods-bench-'));
  try {
    for (const m of manifests(COUNT)) writeFileSync(join(dir, m.name), m.text);
    const measure = (variant) => {
      const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, variant, dir], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`${variant} failed: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    const results = { yaml: [], check: [] };
    measure('yaml'); // warm the file cache
    for (let i = 0; i < RUNS; i++) {
      results.yaml.push(measure('yaml'));
      results.check.push(measure('check'));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const yamlMs = median(results.yaml.map((r) => r.ms));
    const checkMs = median(results.check.map((r) => r.ms));
    const row = (label, ms, rss) =>
      `  ${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   peak RSS ${rss.toFixed(0).padStart(5)} MiB`;
    console.log(`check ${COUNT} generated manifests (median of ${RUNS} runs, each in its own process)`);
    console.log(
      row('yaml.parse of every file (baseline)', yamlMs, median(results.yaml.map((r) => r.maxRssMiB))),
    );
    console.log(
      row('readStaticPodPath + checkStaticPodPath', checkMs, median(results.check.map((r) => r.maxRssMiB))),
    );
    console.log(`  ratio check / yaml: ${(checkMs / yamlMs).toFixed(2)}x (target <= 1.5x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
// Regenerates src/kubelet/config-hash/layout-1.37.ts: builds packages/core/go/gen-hash-layout inside
// testkube's wrapper module around k8s.io/kubernetes v1.37.2 (packages/testkube/go/build-testbin.sh,
// which needs Go and the Go module proxy, and caches the binary by source hash), runs it and writes
// what it prints. `node packages/core/scripts/gen-hash-layout.mjs`
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../testkube/go/build-testbin.sh', import.meta.url));
const lines = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const bin = /^HASH_LAYOUT=(.+)$/m.exec(lines)?.[1];
if (!bin) throw new Error(`${script} printed no HASH_LAYOUT line`);
const out = fileURLToPath(new URL('../src/kubelet/config-hash/layout-1.37.ts', import.meta.url));
writeFileSync(out, execFileSync(bin, ['--kubernetes', 'v1.37.2'], { encoding: 'utf8' }));
console.log(`wrote ${out}`);

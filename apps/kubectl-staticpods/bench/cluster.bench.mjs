// Cluster-scale benchmark: `npm run bench:cluster`. Starts a real control plane (testkube:
// kube-apiserver + etcd on 127.0.0.1), fills it with Pods (default 3,000, then grown to 30,000; a
// fifth of them mirror Pods as a kubelet makes them, see cluster-pods.mjs), and at each size runs,
// interleaved run by run so that machine noise hits them all alike, each of:
//   list -A and list -A -o json (node bin/run.js, the npm entry point),
//   kubectl get pods -A and kubectl get pods -A -o json (the kubectl testkube uses),
//   the floor: one paginated Table request loop in Node (table-floor.mjs).
// Prints wall-time medians, ratios and peak RSS medians (GNU time's %M), and checks them against
// the targets of issue #13 (docs/cli.md, "Scale"). Every command's output is checked once per
// size (row counts), so a command that lists too little cannot look fast.
// Options: --sizes 3000,30000 (ascending; the cluster grows from one to the next), --runs N
// (default 5; after one checked warm-up run), --concurrency N (Pod creation, default 16),
// --json FILE (write the figures), --print FILE (print a saved --json report again, running
// nothing). The control plane is stopped on exit, on error and on Ctrl-C.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request } from 'node:https';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadCredentials, startControlPlane } from '@staticpods/testkube';
import {
  APP_NAMESPACES,
  appPod,
  health,
  layout,
  loadStaticPods,
  mirrorPod,
  NAMESPACES,
  nodeIp,
  nodeName,
  runningStatus,
  STATIC_PER_NODE,
} from './cluster-pods.mjs';
import { app, opt, repo } from './options.mjs';

const sizes = opt('--sizes', '3000,30000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const runs = Number(opt('--runs', '5'));
const concurrency = Number(opt('--concurrency', '16'));
const jsonOut = opt('--json');
const printFile = opt('--print');
if (sizes.some((n) => !Number.isInteger(n) || n < 10) || !(runs >= 1) || !(concurrency >= 1)) {
  console.error('usage: cluster.bench.mjs [--sizes 3000,30000] [--runs 5] [--concurrency 16] [--json FILE]');
  process.exit(2);
}
for (const f of ['bin/run.js', 'bundle/run.cjs', '../../packages/testkube/dist/index.js']) {
  if (!existsSync(path.join(app, f))) {
    console.error(`missing ${f}: run "npm run build" first`);
    process.exit(2);
  }
}
const node = process.execPath;
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const work = mkdtempSync(path.join(tmpdir(), 'ksp-cluster-bench-'));
mkdirSync(path.join(work, 'home'));

/** @type {import('@staticpods/testkube').ControlPlane | undefined} */
let cp;
let agent;
let interrupted = false;
async function shutdown() {
  agent?.destroy();
  const running = cp;
  cp = undefined;
  await running?.stop();
  rmSync(work, { recursive: true, force: true });
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the control plane`);
    shutdown().finally(() => process.exit(code));
  });
}

// ---- the cluster ------------------------------------------------------------------------------

// User agents give the objects the field managers a real cluster gives them (managedFields are
// part of every Pod's metadata, so of every byte the clients read).
const KUBELET = 'kubelet/v1.37.2 (linux/amd64) kubernetes/bench';
const CONTROLLER =
  'kube-controller-manager/v1.37.2 (linux/amd64) kubernetes/bench/system:serviceaccount:kube-system:replicaset-controller';

function api(method, urlPath, body, { userAgent = KUBELET, contentType = 'application/json' } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { Accept: 'application/json', 'User-Agent': userAgent };
  if (payload !== undefined)
    Object.assign(headers, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) });
  return new Promise((resolve, reject) => {
    request(new URL(urlPath, cp.server), { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    })
      .on('error', reject)
      .end(payload);
  });
}

async function must(expected, method, urlPath, body, options) {
  const res = await api(method, urlPath, body, options);
  if (!expected.includes(res.status))
    throw new Error(`${method} ${urlPath}: HTTP ${res.status} ${res.text.slice(0, 400)}`);
  return res.text ? JSON.parse(res.text) : undefined;
}

/** Runs task(from..to-1), `concurrency` at a time over the keep-alive pool; a progress line on a terminal. */
async function pool(what, from, to, task) {
  let next = from;
  let done = 0;
  const tty = process.stderr.isTTY;
  const timer = tty && setInterval(() => process.stderr.write(`\r${what}: ${done}/${to - from}`), 500);
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < to) {
          const i = next++;
          await task(i);
          done++;
        }
      }),
    );
  } finally {
    if (timer) {
      clearInterval(timer);
      process.stderr.write(`\r${' '.repeat(60)}\r`);
    }
  }
}

const statics = loadStaticPods(repo);
const nodeUids = [];
const created = { nodes: 0, mirrors: 0, ordinary: 0 };
const startedAt = new Date(Date.now() - 3 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const seenAt = new Date(Date.now() - 3 * 86_400_000).toISOString().replace('Z', '000000Z');

async function setStatus(pod, i, ip, hostIp) {
  const status = runningStatus(pod, { ...health(i), ip, hostIp, started: startedAt });
  const p = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`;
  await must([200], 'PATCH', p, { status }, { contentType: 'application/merge-patch+json' });
}

async function prepare() {
  for (const ns of NAMESPACES) {
    await must([201, 409], 'POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
  }
  // No controller-manager here, and ServiceAccount admission wants the `default` account.
  for (const ns of APP_NAMESPACES) {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } };
    await must([201, 409], 'POST', `/api/v1/namespaces/${ns}/serviceaccounts`, sa);
  }
}

/** Grows the cluster to `target` (a {@link layout}): Nodes, then mirror Pods, then ordinary Pods. */
async function grow(target) {
  await pool('nodes', created.nodes, target.nodes, async (k) => {
    const labels = {
      'kubernetes.io/hostname': nodeName(k),
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
    };
    const n = await must([201], 'POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: nodeName(k), labels },
    });
    nodeUids[k] = n.metadata.uid;
  });
  created.nodes = target.nodes;
  await pool('mirror Pods', created.mirrors, target.mirrors, async (j) => {
    const k = Math.floor(j / STATIC_PER_NODE);
    // Sent with the admin's credentials, not the node's: the object is the one the kubelet sends
    // (NodeRestriction admits each of these objects from the node itself, as checked), without
    // minting a client certificate for each of 600 nodes.
    const pod = mirrorPod(statics[j % STATIC_PER_NODE], k, nodeUids[k], seenAt);
    await must([201], 'POST', `/api/v1/namespaces/${pod.metadata.namespace}/pods`, pod);
    const ip = pod.spec.hostNetwork ? nodeIp(k) : `10.${128 + (j >> 16)}.${(j >> 8) & 255}.${j & 255}`;
    await setStatus(pod, j, ip, nodeIp(k));
  });
  created.mirrors = target.mirrors;
  await pool('ordinary Pods', created.ordinary, target.ordinary, async (i) => {
    const k = i % target.nodes;
    const pod = appPod(i, k);
    await must([201], 'POST', `/api/v1/namespaces/${pod.metadata.namespace}/pods`, pod, {
      userAgent: CONTROLLER,
    });
    await setStatus(pod, i, `10.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, nodeIp(k));
  });
  created.ordinary = target.ordinary;
}

// ---- the measurements -------------------------------------------------------------------------

const devNull = openSync('/dev/null', 'w');

/** Runs one case; returns wall ms and peak RSS in KiB (undefined without GNU time). */
async function measure(c, outFile) {
  const rssFile = path.join(work, 'rss');
  const out = outFile === undefined ? devNull : openSync(outFile, 'w');
  const [command, argv] = gnuTime
    ? [gnuTime, ['-f', '%M', '-o', rssFile, c.command, ...c.args]]
    : [c.command, c.args];
  const start = process.hrtime.bigint();
  const child = spawn(command, argv, { stdio: ['ignore', out, 'pipe'], env: c.env });
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 4000) stderr += d;
  });
  const [code] = await once(child, 'close');
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out !== devNull) closeSync(out);
  if (code !== 0) throw new Error(`${c.name} exited ${code}: ${stderr.slice(0, 1000)}`);
  const rss = gnuTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) : undefined;
  return { ms, rss };
}

async function countLines(file, match = () => true) {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity }))
    if (match(line)) n++;
  return n;
}

/** Checks what one warm-up run printed: every case must have listed everything it should. */
async function check(c, file, expected) {
  let got;
  if (c.check === 'table') got = (await countLines(file, (l) => l.trim() !== '')) - 1;
  else if (c.check === 'count') got = Number(readFileSync(file, 'utf8').trim());
  else if (c.check === 'json') {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    got = (Array.isArray(doc) ? doc : doc.items).length;
  } else {
    // kubectl's List, indented by 4: each item's own kind sits at depth 3.
    got = await countLines(file, (l) => l === '            "kind": "Pod",');
  }
  if (got !== expected)
    throw new Error(`${c.name}: printed ${got} Pods, expected ${expected} (output: ${file})`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function cases(kubeconfig, kubectl) {
  const env = {
    PATH: process.env.PATH,
    HOME: path.join(work, 'home'),
    KUBECONFIG: kubeconfig,
    NO_COLOR: '1',
  };
  const cli = path.join(app, 'bin/run.js');
  return [
    { name: 'list -A', command: node, args: [cli, 'list', '-A'], check: 'table', of: 'mirrors' },
    {
      name: 'list -A -o json',
      command: node,
      args: [cli, 'list', '-A', '-o', 'json'],
      check: 'json',
      of: 'mirrors',
    },
    {
      name: 'kubectl get pods -A',
      command: kubectl,
      args: ['get', 'pods', '-A'],
      check: 'table',
      of: 'pods',
    },
    {
      name: 'kubectl get pods -A -o json',
      command: kubectl,
      args: ['get', 'pods', '-A', '-o', 'json'],
      check: 'kubectl-json',
      of: 'pods',
    },
    {
      name: 'floor: Table pages in Node',
      command: node,
      args: [path.join(app, 'bench/table-floor.mjs'), kubeconfig],
      check: 'count',
      of: 'pods',
    },
  ].map((c) => ({ ...c, env }));
}

async function measureSize(target, list) {
  const samples = list.map(() => ({ ms: [], rss: [] }));
  let bytesPerPod;
  for (const c of list) {
    const file = path.join(work, 'out');
    await measure(c, file);
    await check(c, file, target[c.of]);
    if (c.check === 'kubectl-json') bytesPerPod = statSync(file).size / target.pods;
    rmSync(file);
  }
  for (let r = 0; r < runs; r++) {
    for (const [i, c] of list.entries()) {
      const { ms, rss } = await measure(c);
      samples[i].ms.push(ms);
      if (rss !== undefined) samples[i].rss.push(rss);
    }
  }
  const results = list.map((c, i) => ({
    name: c.name,
    medianMs: median(samples[i].ms),
    minMs: Math.min(...samples[i].ms),
    medianRssMiB: samples[i].rss.length ? median(samples[i].rss) / 1024 : undefined,
  }));
  return { bytesPerPod, results: withRatios(results) };
}

/** Each case's median as a ratio to kubectl's table, kubectl's JSON and the floor (results in case order). */
function withRatios(results) {
  const [kubectlTable, kubectlJson, floor] = [2, 3, 4].map((i) => results[i].medianMs);
  return results.map((r) => ({
    ...r,
    xKubectlTable: r.medianMs / kubectlTable,
    xKubectlJson: r.medianMs / kubectlJson,
    xFloor: r.medianMs / floor,
  }));
}

const mib = (x) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MiB`);

function printSize(s) {
  console.log(
    `\n${s.pods} Pods (${s.mirrors} mirror Pods) on ${s.nodes} nodes in ${NAMESPACES.length} namespaces; ` +
      `${(s.bytesPerPod / 1024).toFixed(1)} KiB per Pod in kubectl's JSON; grown in ${(s.growMs / 1000).toFixed(1)} s, measured in ${(s.measureMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `${'case'.padEnd(30)} ${'median'.padStart(10)} ${'min'.padStart(10)}  ×kubectl get  ×kubectl -o json  ×floor  ${'peak RSS'.padStart(9)}`,
  );
  for (const r of s.results) {
    console.log(
      `${r.name.padEnd(30)} ${`${r.medianMs.toFixed(0)} ms`.padStart(10)} ${`${r.minMs.toFixed(0)} ms`.padStart(10)}  ${r.xKubectlTable.toFixed(2).padStart(12)}  ${r.xKubectlJson.toFixed(2).padStart(16)}  ${r.xFloor.toFixed(2).padStart(6)}  ${mib(r.medianRssMiB).padStart(9)}`,
    );
  }
}

/** Checks `report` against the targets of issue #13 and prints the verdicts. */
function printTargets(report) {
  report.targets = [];
  const target = (name, value, limit) => {
    report.targets.push({ name, value, limit, met: value <= limit });
    console.log(
      `target ${name.padEnd(52)} ${value.toFixed(2)}× (≤ ${limit}×) ${value <= limit ? 'met' : 'NOT met'}`,
    );
  };
  console.log('');
  for (const s of report.sizes) {
    const l = s.results[0];
    target(`list -A vs kubectl get pods -A at ${s.pods} Pods`, l.xKubectlTable, 0.5);
    target(`list -A vs the floor at ${s.pods} Pods`, l.xFloor, 1.5);
  }
  const [first, last] = [report.sizes[0], report.sizes.at(-1)];
  if (last !== first && first.results[0].medianRssMiB !== undefined) {
    target(
      `peak RSS of list -A at ${last.pods} vs ${first.pods} Pods`,
      last.results[0].medianRssMiB / first.results[0].medianRssMiB,
      1.3,
    );
    // For reference: how much a Node process that keeps nothing grows between the same sizes.
    const floorGrowth = last.results[4].medianRssMiB / first.results[4].medianRssMiB;
    report.floorRssGrowth = floorGrowth;
    console.log(`(the floor's peak RSS at ${last.pods} vs ${first.pods} Pods: ${floorGrowth.toFixed(2)}×)`);
  }
}

const header = (r) =>
  `node ${r.node}, kubectl ${r.kubectl}, ${r.cpus} CPUs; median of ${r.runs} runs after 1 checked warm-up`;

// ---- the run ----------------------------------------------------------------------------------

/** A saved --json report, printed again (ratios recomputed from the medians); starts nothing. */
function reprint(file) {
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  const sizes = saved.sizes.map((s) => ({ ...s, results: withRatios(s.results) }));
  console.log(header(saved));
  for (const s of sizes) printSize(s);
  printTargets({ ...saved, sizes });
  console.log(`\nwhole run: ${(saved.totalMs / 1000).toFixed(1)} s`);
}

async function run() {
  const report = { node: process.version, cpus: cpus().length, runs, sizes: [], targets: [] };
  const t0 = Date.now();
  cp = await startControlPlane();
  const creds = loadCredentials(cp.adminKubeconfig);
  agent = new Agent({
    keepAlive: true,
    maxSockets: concurrency,
    ca: creds.ca,
    cert: creds.cert,
    key: creds.key,
  });
  const kubectl = cp.binaries.kubectl;
  const version = await new Promise((resolve) => {
    const p = spawn(kubectl, ['version', '--client', '-o', 'json']);
    let s = '';
    p.stdout.on('data', (d) => {
      s += d;
    });
    p.on('close', () => resolve(s));
  });
  report.kubectl = JSON.parse(version).clientVersion.gitVersion;
  console.log(`control plane up in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${header(report)}`);
  await prepare();
  const list = cases(cp.adminKubeconfig, kubectl);
  for (const pods of sizes) {
    const target = layout(pods);
    const g0 = Date.now();
    await grow(target);
    const growMs = Date.now() - g0;
    const m0 = Date.now();
    const measured = await measureSize(target, list);
    const s = { ...target, growMs, measureMs: Date.now() - m0, ...measured };
    report.sizes.push(s);
    printSize(s);
  }
  printTargets(report);
  report.totalMs = Date.now() - t0;
  console.log(`\nwhole run: ${(report.totalMs / 1000).toFixed(1)} s`);
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(report, null, 2)}\n`);
}

try {
  if (printFile) reprint(printFile);
  else await run();
} catch (err) {
  if (!interrupted) console.error(`cluster bench failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await shutdown();
}

#!/usr/bin/env node
// How many hollow nodes one machine carries: starts a control plane, then N hollow nodes (default
// 20) in waves of 5, each with one static Pod, and reports per node the start time (spawn to
// Ready and answering through nodes/proxy) and RSS, plus how long until every mirror Pod exists.
// The baseline, measured in the same run, is the first node started alone on an idle control
// plane: figures are printed as ratios to it. Usage: npm run bench -w @staticpods/testkube [-- N]
import { startControlPlane, startNode } from '../dist/index.js';

const n = Number(process.argv[2] ?? 20);
const cp = await startControlPlane();
const admin = cp.client('admin');
const manifest = (name) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system' },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] },
  });
const nodes = [];
try {
  const t0 = Date.now();
  nodes.push(await startNode(cp, { name: 'bench-0' }));
  const base = nodes[0];
  for (let i = 1; i < n; i += 5) {
    const wave = Array.from({ length: Math.min(5, n - i) }, (_, k) =>
      startNode(cp, { name: `bench-${i + k}` }),
    );
    nodes.push(...(await Promise.all(wave)));
  }
  const allUp = Date.now() - t0;
  const t1 = Date.now();
  await Promise.all(nodes.map((node) => node.writeManifest('p.json', manifest('p'))));
  for (;;) {
    const res = await admin.request('GET', '/api/v1/namespaces/kube-system/pods');
    const mirrors = res.body.items.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']);
    if (mirrors.length >= n) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const mirrorsMs = Date.now() - t1;
  await new Promise((r) => setTimeout(r, 15_000)); // settle: every kubelet past its first sync
  const rss = nodes.map((node) => node.rssKib() ?? 0);
  const starts = nodes.map((node) => node.startupMs);
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const cpRss = cp.rssKib();
  console.log(
    `hollow nodes: ${n}, all Ready and proxied in ${(allUp / 1000).toFixed(1)} s; ${n} mirror Pods in ${(mirrorsMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `baseline (first node, alone): start ${base.startupMs} ms, RSS ${Math.round(rss[0] / 1024)} MiB`,
  );
  console.log(
    `per node: start avg ${Math.round(avg(starts))} ms (x${(avg(starts) / base.startupMs).toFixed(2)} baseline), max ${Math.max(...starts)} ms; ` +
      `RSS avg ${Math.round(avg(rss) / 1024)} MiB (x${(avg(rss) / rss[0]).toFixed(2)}), total ${Math.round(rss.reduce((a, b) => a + b, 0) / 1024)} MiB`,
  );
  console.log(
    `control plane RSS: kube-apiserver ${Math.round((cpRss.kubeApiserver ?? 0) / 1024)} MiB, etcd ${Math.round((cpRss.etcd ?? 0) / 1024)} MiB`,
  );
} finally {
  await Promise.all(nodes.map((node) => node.stop()));
  await cp.stop();
}

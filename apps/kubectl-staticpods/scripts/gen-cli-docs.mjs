// Writes docs/cli.md from scripts/cli-doc.template.md with the real output of every command
// shown there: `npm run docs:cli` in apps/kubectl-staticpods, after `npm run build`.
//
// Each `<!-- $ COMMAND -->` line of the template is run with sh (so pipes work) and replaced by
// a console block with the command, what it printed (stdout and stderr, as a terminal shows
// them) and, when it is not 0, the exit status. `kubectl staticpods …` runs through a real
// kubectl: the plugin is put on PATH as kubectl-staticpods. The cluster is a real kube-apiserver
// from @staticpods/testkube (TESTKUBE_STATE=FILE reuses a running one) with simulated nodes and
// mirror Pods created the way a kubelet creates them, and for `migrate` three hollow kubelets (the
// kubelet's own code, a fake container runtime) with kube-controller-manager and kube-scheduler.
// Lines `<!-- setup $ COMMAND -->` run a command without showing it (it must succeed).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyKubeletDefaults, configHash, decodePod, parseManifest } from '@staticpods/core';
import {
  connect,
  createMirrorPod,
  createObject,
  markPodRunning,
  readStateFile,
  registerNode,
  startControllers,
  startControlPlane,
  startNode,
} from '@staticpods/testkube';
import { parse, stringify } from 'yaml';

const NODE_IPS = {
  'cp-1': '192.168.56.10',
  'cp-2': '192.168.56.11',
  'cp-3': '192.168.56.12',
  'worker-1': '192.168.56.21',
  'worker-2': '192.168.56.22',
};
const app = fileURLToPath(new URL('..', import.meta.url));
const repo = path.resolve(app, '../..');
const template = readFileSync(`${app}scripts/cli-doc.template.md`, 'utf8');

const owned = process.env.TESTKUBE_STATE ? undefined : await startControlPlane();
const state = owned ? owned.state : readStateFile(process.env.TESTKUBE_STATE);
const cp = owned ?? connect(state);
const hollow = [];
try {
  const work = await scenario(cp);
  hollow.push(...(await edgeNodes(cp, state, work)));
  const table = await startupTable();
  const rendered = (await render(template, work)).replace('START-UP-TABLE', table);
  writeFileSync(`${repo}/docs/cli.md`, rendered);
  console.log(`wrote docs/cli.md (${rendered.split('\n').length} lines)`);
} finally {
  await Promise.all(hollow.map((n) => n.stop()));
  cp.close();
  await owned?.stop();
}

/** `npm run bench`, as text (skipped with BENCH=0). */
async function startupTable() {
  if (process.env.BENCH === '0') return '(not measured in this run: BENCH=0)';
  const r = spawnSync(process.execPath, [`${app}bench/startup.bench.mjs`, '--runs', '20'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench failed: ${r.stderr}`);
  const cpus = (await import('node:os')).cpus();
  return [
    '```text',
    `$ npm run bench   # ${cpus.length} × ${cpus[0]?.model.trim()}, ${process.platform}`,
    r.stdout.trimEnd(),
    '```',
  ].join('\n');
}

/** Nodes, mirror Pods, a restricted user and a node's manifest directory to run the commands against. */
async function scenario(cp) {
  const work = mkdtempSync(path.join(tmpdir(), 'ksp-docs-'));
  const admin = cp.adminKubeconfig;
  const hash = () =>
    [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const manifest = (file, change = (m) => m) =>
    change(parse(readFileSync(`${repo}/examples/manifests/${file}`, 'utf8')));
  const mirror = async (node, pod, configHashValue = hash()) => {
    const decoded = decodePod(parseManifest(JSON.stringify(pod), { file: 'x.json' }));
    if (!decoded.ok) throw new Error(decoded.failure.error);
    const res = await createMirrorPod(
      cp,
      node,
      applyKubeletDefaults(decoded.pod, { nodeName: node, hash: configHashValue }),
    );
    return res;
  };
  // cp-1 reads examples/manifests' files from /etc/kubernetes/manifests (kube-apiserver.yaml.bak
  // shadows kube-apiserver.yaml there): its mirror Pods carry the config hash of each file, as the
  // kubelet computes it (configHash; see packages/testkube/test/differential/config-hash.test.ts).
  const cp1File = { 'kube-apiserver.yaml': 'kube-apiserver.yaml.bak' };
  const cp1Hash = (file) => {
    const name = cp1File[file] ?? file;
    const text = readFileSync(`${repo}/examples/manifests/${name}`, 'utf8');
    const h = configHash(parseManifest(text, { file: name }), {
      nodeName: 'cp-1',
      path: `/etc/kubernetes/manifests/${name}`,
    });
    if (!h.ok) throw new Error(`${name}: ${h.reason}`);
    return { pod: parse(text), hash: h.uid };
  };
  for (const node of ['cp-1', 'cp-2', 'cp-3']) {
    await registerNode(cp, node, {
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    });
  }
  for (const node of ['worker-1', 'worker-2']) await registerNode(cp, node);
  for (const ns of ['monitoring'])
    await createObject(cp, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const node of ['cp-1', 'cp-2', 'cp-3']) {
    for (const file of [
      'etcd.yaml',
      'kube-apiserver.yaml',
      'kube-controller-manager.yaml',
      'kube-scheduler.yaml',
    ]) {
      const pod = manifest(file, (m) => {
        // cp-3 was upgraded first.
        if (node === 'cp-3' && file === 'kube-apiserver.yaml')
          m.spec.containers[0].image = 'registry.k8s.io/kube-apiserver:v1.33.1';
        return m;
      });
      if (node === 'cp-1') {
        const { pod: cp1Pod, hash: cp1HashValue } = cp1Hash(file);
        await mirror(node, cp1Pod, cp1HashValue);
      } else {
        await mirror(node, pod);
      }
      await markPodRunning(cp, 'kube-system', `${pod.metadata.name}-${node}`, {
        ip: NODE_IPS[node],
        restarts: node === 'cp-2' && file === 'kube-scheduler.yaml' ? 2 : 0,
        ready: !(node === 'cp-3' && file === 'kube-controller-manager.yaml'),
      });
    }
  }
  const exporter = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'node-exporter',
      namespace: 'monitoring',
      labels: { 'app.kubernetes.io/name': 'node-exporter' },
    },
    spec: {
      hostNetwork: true,
      containers: [
        {
          name: 'node-exporter',
          image: 'quay.io/prometheus/node-exporter:v1.8.2',
          args: ['--path.rootfs=/host'],
          ports: [{ containerPort: 9100, hostPort: 9100 }],
          volumeMounts: [{ name: 'root', mountPath: '/host', readOnly: true }],
        },
      ],
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
    },
  };
  for (const node of ['worker-1', 'worker-2']) {
    await mirror(node, exporter);
    await markPodRunning(cp, 'monitoring', `node-exporter-${node}`, { ip: NODE_IPS[node] });
  }

  // alice may list Pods in monitoring, nothing else.
  const rbac = 'rbac.authorization.k8s.io/v1';
  const client = cp.client('admin');
  await client.request('POST', `/apis/${rbac}/namespaces/monitoring/roles`, {
    apiVersion: rbac,
    kind: 'Role',
    metadata: { name: 'pod-lister', namespace: 'monitoring' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }],
  });
  await client.request('POST', `/apis/${rbac}/namespaces/monitoring/rolebindings`, {
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: { name: 'alice-pod-lister', namespace: 'monitoring' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-lister' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
  });
  const aliceConfig = parse(readFileSync(await cp.kubeconfigFor('alice', []), 'utf8'));
  for (const c of aliceConfig.contexts) c.context.namespace = 'monitoring';
  writeFileSync(path.join(work, 'alice.kubeconfig'), stringify(aliceConfig));

  // The working directory of the commands: the examples, cp-1's manifest directory, kubeconfigs.
  symlinkSync(`${repo}/examples`, path.join(work, 'examples'));
  const dir = path.join(work, 'cp-1-manifests');
  mkdirSync(dir);
  for (const file of [
    'etcd.yaml',
    'kube-apiserver.yaml',
    'kube-apiserver.yaml.bak',
    'kube-scheduler.yaml',
    'metrics-agent.yaml',
  ]) {
    cpSync(`${repo}/examples/manifests/${file}`, path.join(dir, file));
  }
  // An edit cp-1 has not picked up yet: the scheduler's new image.
  const scheduler = path.join(dir, 'kube-scheduler.yaml');
  writeFileSync(
    scheduler,
    readFileSync(scheduler, 'utf8').replace('kube-scheduler:v1.33.0', 'kube-scheduler:v1.33.1'),
  );
  writeFileSync(
    path.join(dir, 'log-shipper.yaml'),
    stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'log-shipper', namespace: 'logging' },
      spec: { containers: [{ name: 'shipper', image: 'fluent/fluent-bit:3.1' }] },
    }),
  );
  writeFileSync(path.join(work, 'node-exporter.yaml'), stringify(exporter));
  // A broken kubeconfig for the error examples: nothing listens on port 1.
  const broken = parse(readFileSync(admin, 'utf8'));
  broken.clusters[0].cluster.server = 'https://127.0.0.1:1';
  writeFileSync(path.join(work, 'stale.kubeconfig'), stringify(broken));

  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  symlinkSync(`${app}bin/run.js`, path.join(bin, 'kubectl-staticpods'));
  const kubectl = [state.binaries.kubectl, '/usr/bin/kubectl'].find((k) => k && existsSync(k));
  if (kubectl) symlinkSync(kubectl, path.join(bin, 'kubectl'));
  return {
    work,
    bin,
    admin,
    replacements: [
      [`${work}/.kube`, '~/.kube'],
      [work, '.'],
      [admin, '~/.kube/config'],
      [cp.server, 'https://192.168.56.10:6443'],
    ],
  };
}

/**
 * For `migrate`: edge-1, edge-2 and edge-3, hollow kubelets whose root filesystem is
 * `nodes/<node>` (their staticPodPath `nodes/<node>/etc/kubernetes/manifests`, empty until the
 * template's setup copies log-agent.yaml there), and `bin/node-sh`, which runs a node script on
 * such a directory: it stands in for `ssh <node> sudo sh -s`.
 */
async function edgeNodes(cp, state, { work, bin }) {
  await startControllers({ ...cp, binaries: state.binaries });
  await createObject(cp, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'edge' } });
  writeFileSync(
    path.join(work, 'log-agent.yaml'),
    stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'log-agent', namespace: 'edge', labels: { app: 'log-agent' } },
      spec: {
        hostNetwork: true,
        terminationGracePeriodSeconds: 5,
        containers: [
          {
            name: 'agent',
            image: 'fluent/fluent-bit:3.1',
            ports: [{ name: 'http', containerPort: 2020, hostPort: 2020 }],
          },
        ],
      },
    }),
  );
  writeFileSync(
    path.join(bin, 'node-sh'),
    [
      '#!/bin/sh',
      '# Stands in for "ssh NODE sudo sh -s": runs the script from stdin on the node, whose root is nodes/NODE here.',
      `exec sed -E 's|^([mbdt])=/|\\1=${work}/nodes/'"$1"'/|' | sh -s`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const nodes = [];
  for (const name of ['edge-1', 'edge-2', 'edge-3']) {
    const staticPodPath = path.join(work, 'nodes', name, 'etc/kubernetes/manifests');
    mkdirSync(staticPodPath, { recursive: true });
    nodes.push(await startNode({ ...cp, binaries: state.binaries }, { name, staticPodPath }));
  }
  return nodes;
}

async function render(text, { work, bin, admin, replacements }) {
  const out = [];
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: work,
    KUBECONFIG: admin,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
  };
  for (const line of text.split('\n')) {
    const setup = /^<!-- setup \$ (.+) -->$/.exec(line);
    if (setup) {
      const r = spawnSync('sh', ['-c', setup[1]], { cwd: work, env, encoding: 'utf8', input: '' });
      if (r.status !== 0) throw new Error(`setup failed: ${setup[1]}\n${r.stdout}${r.stderr}`);
      continue;
    }
    const m = /^<!-- \$ (.+) -->$/.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const command = m[1];
    const r = spawnSync('sh', ['-c', `{ ${command}\n} 2>&1`], {
      cwd: work,
      env,
      encoding: 'utf8',
      input: '',
    });
    let shown = r.stdout;
    for (const [from, to] of replacements) shown = shown.split(from).join(to);
    out.push('```console', `$ ${command}`, shown.replace(/\n$/, ''));
    if (r.status !== 0) out.push(`$ echo $?`, String(r.status));
    out.push('```');
  }
  rmSync(work, { recursive: true, force: true });
  return out.join('\n');
}

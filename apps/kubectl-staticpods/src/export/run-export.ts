import path from 'node:path';
import { formatFieldPath, mirrorPodInfo, mirrorToStaticManifest } from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import type { ConnectFlags } from '../kube/connect.js';
import { toYaml } from '../printers/output.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface ExportFlags extends ConnectFlags {
  readonly namespace?: string;
  readonly node?: string;
  readonly output: 'yaml' | 'json';
  readonly 'output-dir'?: string;
  readonly overwrite?: boolean;
  readonly verbose?: boolean;
}

/** `kubectl staticpods export`: mirror Pods → `mirrorToStaticManifest` → YAML/JSON. */
export async function runExport(names: readonly string[], flags: ExportFlags): Promise<void> {
  if (names.length === 0 && flags.node === undefined) {
    throw new UserError(
      'E_USAGE',
      'export needs mirror Pod names or --node',
      'for example: kubectl staticpods export kube-apiserver-cp-1 -n kube-system',
    );
  }
  if (names.length > 0 && flags.node !== undefined) {
    throw new UserError('E_USAGE', 'give either Pod names or --node, not both', 'drop one of them');
  }
  const [{ connect }, { getObject, PODS }, { findMirrorPods }] = await Promise.all([
    import('../kube/connect.js'),
    import('../kube/api.js'),
    import('../kube/mirror-pods.js'),
  ]);
  const transport = await connect(flags);
  let pods: Pod[];
  try {
    if (flags.node !== undefined) {
      pods = (await findMirrorPods(transport, { nodeName: flags.node })).pods;
      if (pods.length === 0) io().stderr.write(`No mirror Pods found on node ${flags.node}.\n`);
    } else {
      const namespace = transport.target.namespace;
      pods = [];
      for (const raw of names) {
        const name = raw.replace(/^(pods?|po)\//, '');
        const pod = (await getObject(transport, PODS, namespace, name)) as Pod | undefined;
        if (!pod) {
          throw new UserError(
            'E_NOT_FOUND',
            `pod "${name}" not found in namespace "${namespace}"`,
            flags.namespace
              ? 'check the name with kubectl staticpods list'
              : 'pass -n NAMESPACE (control-plane mirror Pods are in kube-system)',
          );
        }
        pods.push(pod);
      }
    }
  } finally {
    transport.close();
  }

  const outputs = pods.map((pod) => {
    const { manifest, repairs } = mirrorToStaticManifest(pod);
    const info = mirrorPodInfo(pod);
    const staticName = manifest.metadata?.name ?? info?.mirrorName ?? 'pod';
    io().stderr.write(
      `note: pod/${pod.metadata?.name} → ${staticName}: removed or reset ${repairs.length} fields the kubelet or the API server added\n`,
    );
    if (flags.verbose)
      for (const r of repairs) io().stderr.write(`  ${formatFieldPath(r.path)}: ${r.reason}\n`);
    return { staticName, manifest };
  });

  const dir = flags['output-dir'];
  if (dir === undefined) {
    const out = io().stdout;
    if (flags.output === 'json') {
      const docs = outputs.map((o) => o.manifest);
      out.write(
        `${JSON.stringify(docs.length === 1 ? docs[0] : { apiVersion: 'v1', kind: 'List', items: docs }, null, 4)}\n`,
      );
    } else out.write(outputs.map((o) => toYaml(o.manifest)).join('---\n'));
    return;
  }
  for (const { staticName, manifest } of outputs) {
    const name = `${staticName}.${flags.output === 'json' ? 'json' : 'yaml'}`;
    const file = path.join(path.resolve(io().cwd, dir), name);
    const text = flags.output === 'json' ? `${JSON.stringify(manifest, null, 4)}\n` : toYaml(manifest);
    const outcome = await writeFileAtomic(file, text, { overwrite: flags.overwrite ?? false });
    // The path as the user gave the directory, like kubectl prints what it was given.
    io().stdout.write(`${path.join(dir, name)} ${outcome}\n`);
  }
}

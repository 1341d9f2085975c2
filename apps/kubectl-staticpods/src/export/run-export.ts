import path from 'node:path';
import {
  formatFieldPath,
  mirrorPodInfo,
  mirrorToStaticManifest,
  writeJson,
  writeManifests,
} from '@staticpods/core';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { CommandInput, CommandOutput, WrittenFile } from '../cli/define.js';
import type { ExportFlags } from '../commands/export.js';
import { UserError } from '../errors.js';
import { io } from '../io.js';
import type { ViewFor } from '../output/formats.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** One exported manifest. */
export interface ExportedManifest {
  readonly staticName: string;
  readonly manifest: Pod;
}

/**
 * `kubectl staticpods export`: mirror Pods → `mirrorToStaticManifest` → manifests, printed or
 * written with core's kubelet-safe writer.
 */
export async function runExport(
  input: CommandInput<ExportFlags & { readonly verbose?: boolean | undefined }, 'yaml' | 'json'>,
): Promise<CommandOutput<readonly ExportedManifest[], ViewFor<'yaml' | 'json'>>> {
  const { args: names, flags, output } = input;
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

  const outputs: ExportedManifest[] = pods.map((pod) => {
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
  const text = (manifests: readonly Pod[]) =>
    output === 'json' ? writeJson(manifests) : writeManifests(manifests);
  if (dir === undefined) {
    const docs = outputs.map((o) => o.manifest);
    return {
      result: outputs,
      ...(docs.length > 0 && {
        view: {
          document: docs.length === 1 ? docs[0] : { apiVersion: 'v1', kind: 'List', items: docs },
          // YAML: one document per manifest, ready to split into files.
          documents: docs,
        },
      }),
    };
  }
  const written: WrittenFile[] = [];
  for (const { staticName, manifest } of outputs) {
    const name = `${staticName}.${output === 'json' ? 'json' : 'yaml'}`;
    const file = path.join(path.resolve(io().cwd, dir), name);
    const outcome = await writeFileAtomic(file, text([manifest]), { overwrite: flags.overwrite ?? false });
    written.push({ path: path.join(dir, name), outcome });
  }
  return { result: outputs, written };
}

import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ParsedManifest } from '../../manifest/parse.js';
import { formatVersion, type KubernetesVersion, NEWEST_KUBERNETES_VERSION } from '../../versions.js';
import { decodePod } from '../decode.js';
import { Fnv128a } from './fnv128a.js';
import { SpewFormatter, UnpredictableHash } from './go-spew.js';
import { customDecoders, internalPodJson } from './internal-pod.js';
import { LAYOUT as LAYOUT_1_37 } from './layout-1.37.js';
import type { HashLayout } from './layout-types.js';

const LAYOUTS: ReadonlyMap<number, HashLayout> = new Map([[37, LAYOUT_1_37]]);

/** The kubelet minor versions whose config hash this library computes. */
export const CONFIG_HASH_VERSIONS: readonly KubernetesVersion[] = [...LAYOUTS.keys()].map((minor) => ({
  major: 1,
  minor,
}));

export interface ConfigHashOptions {
  /** The kubelet's node name, as the kubelet has it (not lower-cased). */
  readonly nodeName: string;
  /** The manifest's path on the node, as the kubelet globs it: `<staticPodPath>/<file name>`. */
  readonly path: string;
  /** The kubelet's version. @default the newest modelled */
  readonly kubernetesVersion?: KubernetesVersion;
}

export type ConfigHash =
  | {
      readonly ok: true;
      /** The Pod's UID, `kubernetes.io/config.hash` and its mirror Pod's `kubernetes.io/config.mirror`. */
      readonly uid: string;
      /** `manifest`: `metadata.uid` is set and used as it is; `content`: computed from the file. */
      readonly from: 'manifest' | 'content';
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The UID the kubelet gives the static Pod of a manifest, which is also the `kubernetes.io/config.hash`
 * of the Pod and the `kubernetes.io/config.mirror` of its mirror Pod: `metadata.uid` when the manifest
 * sets it, otherwise FNV-128a over go-spew's `%#v` dump of the decoded, defaulted internal Pod,
 * then `host:<node>` and `file:<path>` (kubernetes/kubernetes v1.37.2 pkg/kubelet/config/common.go
 * `applyDefaults`, pkg/util/hash `DeepHashObject`, k8s.io/utils/dump `ForHash`).
 *
 * The hash is computed before validation, so refused manifests have one too. It is not computable
 * (`ok: false`) when the manifest does not decode, for kubelet versions without a generated layout,
 * and when the dump depends on more than the file (a timestamp is set: Go keeps it in the kubelet's
 * time zone).
 */
export function configHash(manifest: ParsedManifest, options: ConfigHashOptions): ConfigHash {
  const version = options.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;
  const decoded = decodePod(manifest);
  if (!decoded.ok)
    return { ok: false, reason: `the kubelet cannot decode the manifest: ${decoded.failure.error}` };
  const uid = decoded.pod.metadata?.uid;
  if (uid) return { ok: true, uid, from: 'manifest' };
  const dump = dumpDecoded(manifest, decoded.pod, version);
  if (!dump.ok) return dump;
  const h = new Fnv128a();
  h.update(utf8.encode(dump.dump));
  h.update(utf8.encode(`host:${options.nodeName}`));
  h.update(utf8.encode(`file:${options.path}`));
  return { ok: true, uid: h.hex(), from: 'content' };
}

/**
 * A digest of the manifest's content as a kubelet of `version` sees it, independent of node and path:
 * two files with the same content digest get the same config hash on the same node and path.
 * `undefined` when {@link configHash} could not compute one.
 */
export function contentDigest(
  manifest: ParsedManifest,
  kubernetesVersion?: KubernetesVersion,
): string | undefined {
  const dump = podDump(manifest, kubernetesVersion ?? NEWEST_KUBERNETES_VERSION);
  return dump.ok ? new Fnv128a().update(utf8.encode(dump.dump)).hex() : undefined;
}

const utf8 = new TextEncoder();

/**
 * go-spew's `%#v` of the internal Pod the kubelet hashes (for tests and diagnostics).
 * @internal
 */
export function podDump(
  manifest: ParsedManifest,
  version: KubernetesVersion,
): { ok: true; dump: string } | { ok: false; reason: string } {
  const decoded = decodePod(manifest);
  if (!decoded.ok)
    return { ok: false, reason: `the kubelet cannot decode the manifest: ${decoded.failure.error}` };
  return dumpDecoded(manifest, decoded.pod, version);
}

/** {@link podDump} of a Pod `decodePod` gave for `manifest`. */
function dumpDecoded(
  manifest: ParsedManifest,
  pod: Pod,
  version: KubernetesVersion,
): { ok: true; dump: string } | { ok: false; reason: string } {
  const layout = LAYOUTS.get(version.minor);
  if (!layout) {
    return {
      ok: false,
      reason: `the config hash of Kubernetes ${formatVersion(version)} is not modelled (only ${CONFIG_HASH_VERSIONS.map(formatVersion).join(', ')})`,
    };
  }
  const original = pod as unknown as Record<string, unknown>;
  try {
    const formatter = new SpewFormatter(layout, customDecoders(manifest, original));
    return { ok: true, dump: formatter.format(internalPodJson(original)) };
  } catch (e) {
    if (e instanceof UnpredictableHash) return { ok: false, reason: `not computable: ${e.message}` };
    throw e;
  }
}

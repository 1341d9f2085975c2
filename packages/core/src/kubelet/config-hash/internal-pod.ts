// The kubelet's hash input: the Pod `tryDecodeSinglePod` holds when `applyDefaults` hashes it
// (kubernetes/kubernetes v1.37.2 pkg/kubelet/config/common.go): v1 JSON decoded, v1 defaults
// applied (pkg/apis/core/v1 SetObjectDefaults_Pod), converted to the internal core.Pod. In 1.37
// the conversion is a memory copy (zz_generated.conversion.go), so the internal Pod is the v1 Pod
// read through the internal type names, except that the decoder clears apiVersion and kind when it
// converts to the internal version (apimachinery runtime/serializer/versioning `Decode`).
import type { FieldPath } from '../../field-path.js';
import type { ParsedManifest } from '../../manifest/parse.js';
import { withPodDefaults } from '../../pod-api/defaults.js';
import { parseQuantityState, type QuantityState, roundUpQuantity, ZERO_QUANTITY } from './go-quantity.js';
import type { CustomDecoder } from './go-spew.js';
import { UnpredictableHash } from './go-spew.js';

type JSONObject = Record<string, unknown>;

/** The v1 Pod after decoding and defaulting, without apiVersion and kind. */
export function internalPodJson(decoded: JSONObject): JSONObject {
  const defaulted = withPodDefaults(decoded as never) as unknown as JSONObject;
  const { apiVersion: _a, kind: _k, ...rest } = defaulted;
  defaultPodStatus(rest);
  return rest;
}

/** Go `SetDefaults_PodStatus` (pkg/apis/core/v1/defaults.go): podIP and podIPs kept in sync. */
function defaultPodStatus(pod: JSONObject): void {
  const status = pod.status;
  if (typeof status !== 'object' || status === null || Array.isArray(status)) return;
  const s = { ...(status as JSONObject) };
  const ip = typeof s.podIP === 'string' ? s.podIP : '';
  const ips = Array.isArray(s.podIPs) ? (s.podIPs as unknown[]) : [];
  const first = ips[0] as JSONObject | null | undefined;
  const firstIp = typeof first?.ip === 'string' ? first.ip : '';
  if (ip !== '' && (ips.length === 0 || firstIp !== ip)) s.podIPs = [{ ip }];
  else if (ip === '' && ips.length > 0) s.podIP = firstIp;
  pod.status = s;
}

/**
 * Resource lists that `SetObjectDefaults_Pod` rounds up to milli units (`SetDefaults_ResourceList`,
 * pkg/apis/core/v1/zz_generated.defaults.go), as JSON paths with `*` for list indexes and map keys.
 */
const ROUNDED_LISTS = [
  'spec.initContainers.*.resources.limits',
  'spec.initContainers.*.resources.requests',
  'spec.containers.*.resources.limits',
  'spec.containers.*.resources.requests',
  'spec.ephemeralContainers.*.resources.limits',
  'spec.ephemeralContainers.*.resources.requests',
  'spec.volumes.*.ephemeral.volumeClaimTemplate.spec.resources.limits',
  'spec.volumes.*.ephemeral.volumeClaimTemplate.spec.resources.requests',
  'spec.overhead',
  'spec.resources.limits',
  'spec.resources.requests',
  'status.initContainerStatuses.*.allocatedResources',
  'status.initContainerStatuses.*.resources.limits',
  'status.initContainerStatuses.*.resources.requests',
  'status.containerStatuses.*.allocatedResources',
  'status.containerStatuses.*.resources.limits',
  'status.containerStatuses.*.resources.requests',
  'status.ephemeralContainerStatuses.*.allocatedResources',
  'status.ephemeralContainerStatuses.*.resources.limits',
  'status.ephemeralContainerStatuses.*.resources.requests',
  'status.allocatedResources',
  'status.resources.limits',
  'status.resources.requests',
].map((p) => p.split('.'));

function inRoundedList(path: readonly (string | number)[]): boolean {
  return ROUNDED_LISTS.some(
    (p) => p.length === path.length - 1 && p.every((seg, i) => seg === '*' || seg === path[i]),
  );
}

/**
 * The decoders of the types with their own `UnmarshalJSON`, producing the Go value spew prints.
 * `original` is the manifest as decoded, before defaulting: quantities keep the text written there
 * (defaulting rewrites rounded quantities, and Go keeps the original string in `Quantity.s`).
 */
export function customDecoders(manifest: ParsedManifest, original: JSONObject): Map<string, CustomDecoder> {
  return new Map<string, CustomDecoder>([
    ['resource.Quantity', (json, path) => quantityGo(quantityAt(manifest, original, json, path))],
    ['intstr.IntOrString', intOrStringGo],
    [
      'v1.Time',
      (json, path) => {
        if (json === null || json === undefined) return undefined;
        // metav1.Time UnmarshalJSON keeps `.Local()`: the dump then holds the kubelet's time zone.
        throw new UnpredictableHash(
          `${path.join('.')} is set: the hash then depends on the kubelet's time zone`,
        );
      },
    ],
    [
      'v1.FieldsV1',
      (json, path) => {
        if (json === null || json === undefined) return undefined;
        throw new UnpredictableHash(`${path.join('.')} is set (managed fields are not modelled)`);
      },
    ],
  ]);
}

/** intstr.IntOrString UnmarshalJSON: a JSON string is type 1, anything else is decoded as int32. */
function intOrStringGo(json: unknown): unknown {
  if (typeof json === 'string') return { Type: 1, IntVal: 0, StrVal: json };
  if (json === null || json === undefined) return undefined;
  return { Type: 0, IntVal: json, StrVal: '' };
}

function quantityAt(
  manifest: ParsedManifest,
  original: JSONObject,
  json: unknown,
  path: readonly (string | number)[],
): QuantityState {
  let source = lookup(original, path);
  let sourcePath: readonly (string | number)[] = path;
  // SetDefaults_Pod copies a container's limits into missing requests (before rounding).
  if (source === undefined && path.length === 6 && path[0] === 'spec' && path[4] === 'requests') {
    if (path[1] === 'containers' || path[1] === 'initContainers') {
      sourcePath = [...path.slice(0, 4), 'limits', path[5] as string];
      source = lookup(original, sourcePath);
    }
  }
  if (source === undefined) source = json;
  if (source === null || source === undefined) return ZERO_QUANTITY;
  const text = quantityText(manifest, source, sourcePath);
  // Quantity UnmarshalJSON: strings.TrimSpace, then ParseQuantity.
  const q = parseQuantityState(goTrimSpace(text));
  if (q === undefined) throw new UnpredictableHash(`${path.join('.')}: ${text} is not a quantity`);
  return inRoundedList(path) ? roundUpQuantity(q, -3) : q;
}

/** The bytes Quantity UnmarshalJSON sees for a JSON value: a string's content, or a number's literal. */
function quantityText(manifest: ParsedManifest, v: unknown, path: FieldPath): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'number') throw new UnpredictableHash(`${path.join('.')}: ${String(v)} is not a quantity`);
  // YAML goes through sigs.k8s.io/yaml: a number is re-encoded by encoding/json (ES6 number format).
  if (manifest.format === 'yaml' || manifest.jsonText === undefined) return String(v);
  // A JSON file reaches the decoder as written: take the literal from the text (the position is
  // the member's key, or the element itself in an array).
  const pos = manifest.positionOf(path);
  const lines = manifest.jsonText.split('\n');
  let offset = pos.column - 1;
  for (let i = 0; i < pos.line - 1; i++) offset += (lines[i] as string).length + 1;
  const m = /^(?:"(?:[^"\\]|\\.)*"\s*:\s*)?(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
    manifest.jsonText.slice(offset),
  );
  if (!m || Number(m[1]) !== v)
    throw new UnpredictableHash(`${path.join('.')}: cannot find the number as written`);
  return m[1] as string;
}

function lookup(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

/** The Go value of a resource.Quantity, field by field (quantity.go, amount.go, inf.Dec, big.Int). */
function quantityGo(q: QuantityState): unknown {
  return {
    i: { value: q.value, scale: q.scale },
    d: { Dec: q.dec === undefined ? null : { unscaled: bigIntGo(q.dec.unscaled), scale: q.dec.scale } },
    s: q.s,
    Format: q.format,
  };
}

/** math/big.Int: the sign and the magnitude as 64-bit words, least significant first (nil when zero). */
function bigIntGo(v: bigint): unknown {
  const neg = v < 0n;
  let abs = neg ? -v : v;
  const words: bigint[] = [];
  while (abs > 0n) {
    words.push(abs & 0xffffffffffffffffn);
    abs >>= 64n;
  }
  return { neg, abs: words.length === 0 ? null : words };
}

/** Go strings.TrimSpace (unicode.IsSpace at both ends). */
function goTrimSpace(s: string): string {
  return s
    .replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u, '')
    .replace(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u, '');
}

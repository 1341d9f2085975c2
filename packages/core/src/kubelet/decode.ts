import type { Pod } from 'kubernetes-types/core/v1.js';
import type { FieldPath } from '../field-path.js';
import { goJsonMarshal } from '../manifest/go-json.js';
import type { ParsedManifest } from '../manifest/parse.js';
import { checkPodDecodes } from '../pod-api/decode.js';
import { pruneUnknownFields } from '../pod-api/prune.js';
import { interpretTypeMeta } from '../pod-api/type-meta.js';
import { READ_LIMIT_ERROR } from './constants.js';

/** How far the kubelet got with a manifest before giving up. */
export type DecodeStage =
  /** 10 MiB or more: not read at all. */
  | 'read-limit'
  /** Not valid YAML/JSON. */
  | 'syntax'
  /** Valid, but not a v1 Pod. */
  | 'not-a-pod'
  /** A v1 Pod whose fields do not have the types the API defines (the JSON decoder fails). */
  | 'field-type'
  /** A Pod without `metadata.name`. */
  | 'name-required';

export interface DecodeFailure {
  readonly stage: DecodeStage;
  /** The error the kubelet reports; `exact` says whether it is byte-identical. */
  readonly error: string;
  readonly exact: boolean;
  /** Whether the kubelet wraps it as `<file>: couldn't parse as pod(<error>), please check config file`. */
  readonly wrapped: boolean;
  /** The field at fault, when there is one. */
  readonly path?: FieldPath;
}

export type DecodeResult =
  | {
      readonly ok: true;
      /** The Pod as the decoder sees it: fields it does not know are gone. */
      readonly pod: Pod;
      /** Fields of the manifest the decoder silently dropped (unknown or wrongly cased). */
      readonly droppedFields: readonly FieldPath[];
    }
  | { readonly ok: false; readonly failure: DecodeFailure };

/**
 * Kinds registered for `v1` in the kubelet's scheme (`pkg/apis/core/register.go`
 * `addKnownTypes`); they decode, and are then refused as `invalid pod: &core.<Kind>{…}`.
 */
const CORE_V1_KINDS = new Set(
  (
    'Pod PodList PodTemplate PodTemplateList ReplicationControllerList ReplicationController ServiceList Service ' +
    'ServiceProxyOptions NodeList Node NodeProxyOptions Endpoints EndpointsList Binding Event EventList List LimitRange ' +
    'LimitRangeList ResourceQuota ResourceQuotaList Namespace NamespaceList ServiceAccount ServiceAccountList Secret ' +
    'SecretList PersistentVolume PersistentVolumeList PersistentVolumeClaim PersistentVolumeClaimList PodAttachOptions ' +
    'PodLogOptions PodExecOptions PodPortForwardOptions PodProxyOptions ComponentStatus ComponentStatusList ' +
    'SerializedReference RangeAllocation ConfigMap ConfigMapList'
  ).split(' '),
);

/**
 * `legacyscheme.Scheme`'s name, from the call site that created it (`runtime.NewScheme` →
 * `naming.GetNameFromCallsite`). The text depends on the build's file paths: release builds
 * print this; a kubelet built from the Go module cache prints `pkg/runtime/scheme.go:111`.
 */
const SCHEME_NAME = 'pkg/api/legacyscheme/scheme.go:30';

const FIND_KIND_TYPE =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/**
 * Decodes a parsed manifest into a v1 Pod the way `tryDecodeSinglePod`
 * (`pkg/kubelet/config/common.go`) does with `runtime.Decode(legacyscheme.Codecs.UniversalDecoder(), json)`:
 * find apiVersion/kind (apimachinery `runtime/serializer/json` `SimpleMetaFactory.Interpret` and
 * `Serializer.Decode`), look the kind up in the scheme, decode the fields, require a name.
 */
export function decodePod(parsed: ParsedManifest): DecodeResult {
  if (parsed.tooLarge) return fail('read-limit', READ_LIMIT_ERROR, true, false);
  if (parsed.syntaxError) {
    // JSON reaches the decoder untouched; its first step (`SimpleMetaFactory.Interpret`) wraps the syntax error.
    const { kubeletError, exact } = parsed.syntaxError;
    const error =
      parsed.format === 'json'
        ? `couldn't get version/kind; json parse error: ${kubeletError}`
        : kubeletError;
    return fail('syntax', error, exact, true);
  }
  const value = parsed.value;
  // The bytes Go quotes in "missing" errors: the file itself for JSON, YAMLToJSON's output for YAML.
  const data = () => parsed.jsonText ?? goJsonMarshal(value);
  if (value === null || value === undefined)
    return fail('not-a-pod', `Object 'Kind' is missing in '${data()}'`, true, true);
  if (typeof value !== 'object' || Array.isArray(value)) {
    const type = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
    return fail(
      'not-a-pod',
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${type} into Go value of type ${FIND_KIND_TYPE}`,
      true,
      true,
    );
  }
  const obj = value as Record<string, unknown>;
  const typeMeta = interpretTypeMeta(obj, parsed.format === 'json' ? 'document' : 'sorted');
  if (!typeMeta.ok) return fail('not-a-pod', typeMeta.message, true, true, [typeMeta.key]);
  const { apiVersion, kind } = typeMeta;
  if (apiVersion.split('/').length > 2)
    return fail('not-a-pod', `unexpected GroupVersion string: ${apiVersion}`, true, true, ['apiVersion']);
  if (kind === '') return fail('not-a-pod', `Object 'Kind' is missing in '${data()}'`, true, true, ['kind']);
  if (apiVersion === '')
    return fail('not-a-pod', `Object 'apiVersion' is missing in '${data()}'`, true, true, ['apiVersion']);
  if (apiVersion !== 'v1' || !CORE_V1_KINDS.has(kind)) {
    return fail(
      'not-a-pod',
      `no kind "${kind}" is registered for version "${apiVersion}" in scheme "${SCHEME_NAME}"`,
      true,
      true,
      ['kind'],
    );
  }
  if (kind !== 'Pod') return fail('not-a-pod', `invalid pod: &core.${kind}{…}`, false, true, ['kind']);
  const typeError = checkPodDecodes(obj, { jsonInput: parsed.format === 'json' });
  if (typeError) return fail('field-type', typeError.message, true, true, typeError.path);
  const { pod: pruned, dropped } = pruneUnknownFields(obj);
  // The decoder takes apiVersion and kind from the (case-insensitive) first step, whatever the
  // case-sensitive Pod decode found under the exact names.
  const { apiVersion: _v, kind: _k, ...rest } = pruned;
  const pod =
    pruned.apiVersion === apiVersion && pruned.kind === kind ? pruned : { apiVersion, kind, ...rest };
  const metadata = pod.metadata as { name?: unknown } | null | undefined;
  if (!metadata?.name)
    return fail('name-required', 'invalid pod: name is needed for the pod', true, false, [
      'metadata',
      'name',
    ]);
  return { ok: true, pod: pod as Pod, droppedFields: dropped };
}

function fail(
  stage: DecodeStage,
  error: string,
  exact: boolean,
  wrapped: boolean,
  path?: FieldPath,
): DecodeResult {
  return { ok: false, failure: { stage, error, exact, wrapped, ...(path && { path }) } };
}

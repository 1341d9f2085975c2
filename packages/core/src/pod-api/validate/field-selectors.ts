import type { FieldPath } from '../../field-path.js';
import { type FieldError, invalid, notSupported, required } from '../field-error.js';
import { has, type JSONObject, str } from '../json-util.js';
import { quantityFromJSON, quantityString } from '../quantity.js';
import { isQualifiedName } from './names.js';

// biome-ignore format: a table
const CONVERTIBLE_FIELD_LABELS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);
// biome-ignore format: a table
const RESOURCE_FIELD_PATHS = [
  'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage',
  'requests.memory',
];
// biome-ignore format: a table
const MEMORY_DIVISORS = new Set([
  '1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei',
]);
const MEMORY_DIVISOR_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/**
 * core `validation.go` `validateObjectFieldSelector` with `pods/helpers.go` `ConvertDownwardAPIFieldLabel`
 * and `fieldpath.SplitMaybeSubscriptedPath`.
 */
export function validateObjectFieldSelector(
  fs: JSONObject,
  expressions: readonly string[],
  path: FieldPath,
  errs: FieldError[],
): void {
  const apiVersion = str(fs, 'apiVersion');
  if (apiVersion === '') return void errs.push(required([...path, 'apiVersion']));
  let fieldPath = str(fs, 'fieldPath');
  if (fieldPath === '') return void errs.push(required([...path, 'fieldPath']));
  const split = splitSubscript(fieldPath);
  let err: string | undefined;
  if (apiVersion !== 'v1') err = `unsupported pod version: ${apiVersion}`;
  else if (split && split[0] !== 'metadata.annotations' && split[0] !== 'metadata.labels') {
    err = `field label does not support subscript: ${fieldPath}`;
  } else if (!split && fieldPath === 'spec.host') fieldPath = 'spec.nodeName';
  else if (!split && !CONVERTIBLE_FIELD_LABELS.has(fieldPath))
    err = `field label not supported: ${fieldPath}`;
  if (err !== undefined) {
    return void errs.push(
      invalid([...path, 'fieldPath'], str(fs, 'fieldPath'), `error converting fieldPath: ${err}`),
    );
  }
  if (split) {
    const subscript = split[0] === 'metadata.annotations' ? split[1].toLowerCase() : split[1];
    for (const msg of isQualifiedName(subscript)) errs.push(invalid(path, subscript, msg));
  } else if (!expressions.includes(fieldPath)) {
    errs.push(notSupported([...path, 'fieldPath'], fieldPath, expressions));
  }
}

/** `pkg/fieldpath` `SplitMaybeSubscriptedPath`: `metadata.labels['key']` → path and key. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

/** core `validation.go` `validateContainerResourceFieldSelector` and `validateContainerResourceDivisor`. */
export function validateResourceFieldSelector(
  fs: JSONObject,
  path: FieldPath,
  volume: boolean,
  errs: FieldError[],
): void {
  const resource = str(fs, 'resource');
  if (volume && str(fs, 'containerName') === '') errs.push(required([...path, 'containerName']));
  else if (resource === '') errs.push(required([...path, 'resource']));
  else if (
    !RESOURCE_FIELD_PATHS.includes(resource) &&
    !resource.startsWith('limits.hugepages-') &&
    !resource.startsWith('requests.hugepages-')
  ) {
    errs.push(notSupported([...path, 'resource'], resource, RESOURCE_FIELD_PATHS));
  }
  if (!has(fs, 'divisor')) return;
  const q = quantityFromJSON(fs.divisor);
  if (q === undefined || typeof q === 'string' || q.unscaled === 0n) return;
  const divisor = quantityString(q);
  const divisorPath = [...path, 'divisor'];
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (divisor !== '1m' && divisor !== '1') {
      errs.push(
        invalid(divisorPath, resource, "only divisor's values 1m and 1 are supported with the cpu resource"),
      );
    }
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!MEMORY_DIVISORS.has(divisor)) {
      errs.push(
        invalid(
          divisorPath,
          resource,
          `only divisor's values ${MEMORY_DIVISOR_LIST} are supported with the memory resource`,
        ),
      );
    }
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!MEMORY_DIVISORS.has(divisor)) {
      errs.push(
        invalid(
          divisorPath,
          resource,
          `only divisor's values ${MEMORY_DIVISOR_LIST} are supported with the local ephemeral storage resource`,
        ),
      );
    }
  }
  if (
    (resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) &&
    !MEMORY_DIVISORS.has(divisor)
  ) {
    errs.push(
      invalid(
        divisorPath,
        resource,
        `only divisor's values ${MEMORY_DIVISOR_LIST} are supported with the hugepages resource`,
      ),
    );
  }
}

import type { FieldPath } from '../../field-path.js';
import { type FieldError, forbidden, GoNamed, invalid, notSupported, required } from '../field-error.js';
import { isObject, type JSONObject, listAt, objAt, str } from '../json-util.js';
import {
  compareQuantities,
  parseQuantity,
  type Quantity,
  quantityFromJSON,
  quantityString,
  scaledValue,
} from '../quantity.js';
import { isQualifiedName } from './names.js';
import { validateClaimNames } from './pod-resources.js';

// biome-ignore format: a table
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services',
  'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);
// biome-ignore format: a table
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** `component-helpers/resource` `SupportedPodLevelResources()`, sorted. */
const POD_LEVEL_RESOURCES = ['cpu', 'hugepages-', 'memory'];

const isHugePages = (name: string) => name.startsWith('hugepages-');
/** core `helper.IsNativeResource`. */
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** core `helper.IsOvercommitAllowed`. */
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);
/** core `helper.IsExtendedResourceName`. */
const isExtended = (name: string) =>
  !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
/** core `helper.IsStandardResourceName`. */
const isStandard = (name: string) =>
  STANDARD_RESOURCES.has(name) || isHugePages(name) || name.startsWith('requests.hugepages-');

type NameCheck = (name: string, path: FieldPath, errs: FieldError[]) => void;

/** core `validation.go` `validateResourceName`: `false` when it reported a format error. */
function validateResourceName(name: string, path: FieldPath, errs: FieldError[]): void {
  const msgs = isQualifiedName(name);
  for (const msg of msgs) errs.push(invalid(path, new GoNamed(name), msg));
  if (msgs.length > 0) return;
  if (!name.includes('/') && !isStandard(name)) {
    errs.push(invalid(path, new GoNamed(name), 'must be a standard resource type or fully qualified'));
  }
}

/** core `validation.go` `ValidateContainerResourceName`. */
const containerResourceName: NameCheck = (name, path, errs) => {
  validateResourceName(name, path, errs);
  if (!name.includes('/')) {
    if (!CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      errs.push(invalid(path, new GoNamed(name), 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && !isExtended(name)) {
    errs.push(invalid(path, new GoNamed(name), "doesn't follow extended resource name standard"));
  }
};

/** core `validation.go` `validatePodResourceName`. */
const podResourceName: NameCheck = (name, path, errs) => {
  const before = errs.length;
  validateResourceName(name, path, errs);
  if (errs.length === before && name !== 'cpu' && name !== 'memory' && !isHugePages(name)) {
    errs.push(notSupported(path, new GoNamed(name), POD_LEVEL_RESOURCES));
  }
};

function parsed(list: JSONObject | undefined, key: string): Quantity | undefined {
  const q = list && quantityFromJSON(list[key]);
  return q === undefined || typeof q === 'string' ? undefined : q;
}

/** core `validation.go` `ValidateResourceQuantityValue` (+ `ValidateNonnegativeQuantity`). */
function validateQuantityValue(name: string, q: Quantity, path: FieldPath, errs: FieldError[]): void {
  if (q.unscaled < 0n) errs.push(invalid(path, quantityString(q), 'must be greater than or equal to 0'));
  if ((INTEGER_RESOURCES.has(name) || isExtended(name)) && scaledValue(q, -3) % 1000n !== 0n) {
    errs.push(invalid(path, new GoNamed(quantityString(q)), 'must be an integer'));
  }
}

/** core `helper.IsHugePageResourceValueDivisible` via `validateResourceQuantityHugePageValue`. */
function validateHugePageValue(name: string, q: Quantity, path: FieldPath, errs: FieldError[]): void {
  const page = parseQuantity(name.slice('hugepages-'.length));
  const ok =
    typeof page !== 'string' &&
    page.unscaled > 0n &&
    scaledValue(page, -3) % 1000n === 0n &&
    scaledValue(q, 0) % scaledValue(page, 0) === 0n;
  if (!ok) {
    const s = quantityString(q);
    errs.push(invalid(path, s, `${s} is not positive integer multiple of ${name}`));
  }
}

/** core `validation.go` `validateResourceRequirements` (Go visits both maps in random order). */
function validateRequirements(
  res: JSONObject,
  nameCheck: NameCheck,
  claimNames: ReadonlySet<string>,
  path: FieldPath,
  errs: FieldError[],
): void {
  const limits = objAt(res, 'limits');
  const requests = objAt(res, 'requests');
  const limPath = [...path, 'limits'];
  const reqPath = [...path, 'requests'];
  let cpuOrMemory = false;
  let hugePages = false;
  for (const name of Object.keys(limits ?? {})) {
    const q = parsed(limits, name);
    nameCheck(name, [...limPath, name], errs);
    if (q) validateQuantityValue(name, q, [...limPath, name], errs);
    if (isHugePages(name)) {
      hugePages = true;
      if (q) validateHugePageValue(name, q, [...limPath, name], errs);
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const name of Object.keys(requests ?? {})) {
    const q = parsed(requests, name);
    nameCheck(name, [...reqPath, name], errs);
    if (q) validateQuantityValue(name, q, [...reqPath, name], errs);
    const limit = parsed(limits, name);
    if (limits && Object.hasOwn(limits, name)) {
      const cmp = q && limit ? compareQuantities(q, limit) : 0;
      const qs = q ? quantityString(q) : '0';
      const ls = limit ? quantityString(limit) : '0';
      if (cmp !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(reqPath, qs, `must be equal to ${name} limit of ${ls}`));
      } else if (cmp > 0) {
        errs.push(invalid(reqPath, qs, `must be less than or equal to ${name} limit of ${ls}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) {
      hugePages = true;
      if (q) validateHugePageValue(name, q, [...reqPath, name], errs);
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  validateClaimNames(listAt(res, 'claims'), claimNames, [...path, 'claims'], errs);
}

/** core `validation.go` `ValidateContainerResourceRequirements` for a container's `resources`. */
export function validateContainerResources(
  c: JSONObject,
  claimNames: ReadonlySet<string>,
  path: FieldPath,
  errs: FieldError[],
): void {
  validateRequirements(
    objAt(c, 'resources') ?? {},
    containerResourceName,
    claimNames,
    [...path, 'resources'],
    errs,
  );
}

/** core `validation.go` `validateOverhead`. */
export function validateOverhead(spec: JSONObject, errs: FieldError[]): void {
  const overhead = objAt(spec, 'overhead');
  if (overhead)
    validateRequirements({ limits: overhead }, containerResourceName, new Set(), ['spec', 'overhead'], errs);
}

/**
 * core `validation.go` `validatePodResources` (PodLevelResources is on): names, quantities and requests ≤ limits
 * of `spec.resources`. The aggregate checks against the containers (`validatePodResourceConsistency`) are not done.
 */
export function validatePodResources(
  spec: JSONObject,
  claimNames: ReadonlySet<string>,
  errs: FieldError[],
): void {
  const res = objAt(spec, 'resources');
  if (!res) return;
  if (str(objAt(spec, 'os'), 'name') === 'windows') {
    return void errs.push(forbidden(['spec', 'resources'], 'may not be set for a windows pod'));
  }
  if (res.claims !== undefined && res.claims !== null) {
    errs.push(forbidden(['spec', 'resources', 'claims'], 'claims may not be set for Resources at pod-level'));
  }
  validateRequirements(res, podResourceName, claimNames, ['spec', 'resources'], errs);
}

/** core `validation.go` `gatherPodResourceClaimNames`. */
export function podClaimNames(spec: JSONObject): Set<string> {
  const names = new Set<string>();
  for (const c of listAt(spec, 'resourceClaims'))
    if (isObject(c) && str(c, 'name') !== '') names.add(str(c, 'name'));
  return names;
}

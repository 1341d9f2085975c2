import type { FieldPath } from '../../field-path.js';
import { type FieldError, forbidden, invalid, required, tooLong } from '../field-error.js';
import { goQuote } from '../go-format.js';
import { isObject, type JSONObject, listAt, objAt, str } from '../json-util.js';
import {
  byteLength,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names.js';
import { validateLocalDescendingPath } from './paths.js';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * apimachinery `api/validation/objectmeta.go` `ValidateObjectMetaAccessor` with `ValidatePodName`
 * (DNS subdomain), `requiresNamespace`, plus core `validation.go` `ValidateObjectMeta`'s finalizer check.
 * Managed fields are not validated.
 */
export function validateObjectMeta(meta: JSONObject, errs: FieldError[]): void {
  const generateName = str(meta, 'generateName');
  if (generateName !== '') {
    for (const msg of nameIsDNSSubdomain(generateName, true)) {
      errs.push(invalid(['metadata', 'generateName'], generateName, msg));
    }
  }
  const name = str(meta, 'name');
  if (name === '') errs.push(required(['metadata', 'name'], 'name or generateName is required'));
  else for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(['metadata', 'name'], name, msg));
  const namespace = str(meta, 'namespace');
  if (namespace === '') errs.push(required(['metadata', 'namespace']));
  else
    for (const msg of nameIsDNSLabel(namespace, false))
      errs.push(invalid(['metadata', 'namespace'], namespace, msg));
  const generation = meta.generation;
  if (typeof generation === 'number' && generation < 0) {
    errs.push(invalid(['metadata', 'generation'], generation, 'must be greater than or equal to 0'));
  }
  validateLabels(objAt(meta, 'labels'), ['metadata', 'labels'], errs);
  validateAnnotations(objAt(meta, 'annotations'), errs);
  validateOwnerReferences(listAt(meta, 'ownerReferences'), errs);
  validateFinalizers(meta.finalizers, errs);
}

/**
 * apimachinery `apis/meta/v1/validation/validation.go` `ValidateLabels`: every error is reported on the map
 * itself (`metadata.labels`), with the key or the value as the bad value. Go visits the map in random order.
 */
export function validateLabels(labels: JSONObject | undefined, path: FieldPath, errs: FieldError[]): void {
  if (!labels) return;
  for (const key of Object.keys(labels)) {
    validateLabelName(key, path, errs);
    for (const msg of isValidLabelValue(str(labels, key))) errs.push(invalid(path, str(labels, key), msg));
  }
}

/** apimachinery `apis/meta/v1/validation/validation.go` `ValidateLabelName`. */
export function validateLabelName(name: string, path: FieldPath, errs: FieldError[]): void {
  for (const msg of isQualifiedName(name)) errs.push(invalid(path, name, msg));
}

/** apimachinery `api/validation/objectmeta.go` `ValidateAnnotations` (keys lowercased, 256 KiB in total). */
function validateAnnotations(annotations: JSONObject | undefined, errs: FieldError[]): void {
  if (!annotations) return;
  let total = 0;
  for (const key of Object.keys(annotations)) {
    for (const msg of isQualifiedName(key.toLowerCase()))
      errs.push(invalid(['metadata', 'annotations'], key, msg));
    total += byteLength(key) + byteLength(str(annotations, key));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT)
    errs.push(tooLong(['metadata', 'annotations'], TOTAL_ANNOTATION_SIZE_LIMIT));
}

/** apimachinery `api/validation/objectmeta.go` `ValidateOwnerReferences` / `validateOwnerReference`. */
function validateOwnerReferences(refs: JSONObject[], errs: FieldError[]): void {
  let firstController = '';
  refs.forEach((ref, i) => {
    if (!isObject(ref)) return;
    const path = ['metadata', 'ownerReferences', i];
    const apiVersion = str(ref, 'apiVersion');
    if (apiVersion === '') errs.push(required([...path, 'apiVersion'], 'must not be empty'));
    else if (!/^([^/]+\/)?[^/]+$/.test(apiVersion)) {
      errs.push(invalid([...path, 'apiVersion'], apiVersion, 'must be <group>/<version> or <version>'));
    }
    if (str(ref, 'kind') === '') errs.push(required([...path, 'kind'], 'must not be empty'));
    if (str(ref, 'name') === '') errs.push(required([...path, 'name'], 'must not be empty'));
    if (str(ref, 'uid') === '') errs.push(required([...path, 'uid'], 'must not be empty'));
    if (ref.controller === true) {
      const current = `${str(ref, 'kind')}/${str(ref, 'name')}`;
      if (firstController === '') firstController = current;
      else {
        errs.push(
          invalid(
            ['metadata', 'ownerReferences'],
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      }
    }
  });
}

/**
 * apimachinery `ValidateFinalizers` (errors on `metadata.finalizers`) then core `validateKubeFinalizerName`
 * (errors on `metadata.finalizers[i]`).
 */
function validateFinalizers(value: unknown, errs: FieldError[]): void {
  if (!Array.isArray(value)) return;
  const finalizers = value.filter((f): f is string => typeof f === 'string');
  for (const f of finalizers) {
    for (const msg of isQualifiedName(f)) errs.push(invalid(['metadata', 'finalizers'], f, msg));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(
      invalid(
        ['metadata', 'finalizers'],
        finalizers,
        'finalizer orphan and foregroundDeletion cannot be both set',
      ),
    );
  }
  finalizers.forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(
        invalid(
          ['metadata', 'finalizers', i],
          f,
          'name is neither a standard finalizer name nor is it fully qualified',
        ),
      );
    }
  });
}

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * core `validation.go` `ValidatePodSpecificAnnotations`: pod deletion cost (PodDeletionCost is on), the
 * deprecated seccomp and AppArmor annotations. The mirror-pod check cannot fire (the kubelet sets
 * `spec.nodeName`); the `scheduler.alpha.kubernetes.io/tolerations` annotation is not checked.
 */
export function validatePodSpecificAnnotations(
  annotations: JSONObject,
  spec: JSONObject,
  errs: FieldError[],
): void {
  if (Object.hasOwn(annotations, DELETION_COST)) {
    const v = str(annotations, DELETION_COST);
    const validFirst =
      v.length > 0 && (v[0] === '-' || v === '0' || ((v[0] as string) >= '1' && (v[0] as string) <= '9'));
    const n = /^[+-]?\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!validFirst || !(n >= -2147483648 && n <= 2147483647)) {
      errs.push(invalid(['metadata', 'annotations', DELETION_COST], v, 'must be a 32bit integer'));
    }
  }
  // Go builds these paths with Child(key), so they print with a dot rather than as a map key.
  if (Object.hasOwn(annotations, SECCOMP_POD)) {
    validateSeccompAnnotation(
      str(annotations, SECCOMP_POD),
      ['metadata', `annotations.${SECCOMP_POD}`],
      errs,
    );
  }
  for (const key of Object.keys(annotations)) {
    if (key.startsWith(SECCOMP_CONTAINER_PREFIX)) {
      validateSeccompAnnotation(str(annotations, key), ['metadata', `annotations.${key}`], errs);
    }
  }
  for (const key of Object.keys(annotations)) {
    if (!key.startsWith(APPARMOR_PREFIX)) continue;
    const container = key.slice(APPARMOR_PREFIX.length);
    if (!podHasContainer(spec, container)) {
      errs.push(invalid(['metadata', 'annotations', key], container, 'container not found'));
    }
    const profile = str(annotations, key);
    if (
      profile !== '' &&
      profile !== 'runtime/default' &&
      profile !== 'unconfined' &&
      !profile.startsWith('localhost/')
    ) {
      errs.push(
        invalid(
          ['metadata', 'annotations', key],
          profile,
          `invalid AppArmor profile name: ${goQuote(profile)}`,
        ),
      );
    }
  }
}

/** core `validation.go` `ValidateSeccompProfile` (annotation form). */
function validateSeccompAnnotation(p: string, path: FieldPath, errs: FieldError[]): void {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return;
  if (p.startsWith('localhost/')) validateLocalDescendingPath(p.slice('localhost/'.length), path, errs);
  else errs.push(invalid(path, p, 'must be a valid seccomp profile'));
}

function podHasContainer(spec: JSONObject, name: string): boolean {
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    if (listAt(spec, list).some((c) => isObject(c) && str(c, 'name') === name)) return true;
  }
  return false;
}

/** core `ValidatePodCreate`'s checks after the spec (ephemeral containers, scheduling gates). */
export function validateCreateOnly(spec: JSONObject, errs: FieldError[]): void {
  if (listAt(spec, 'ephemeralContainers').length > 0) {
    errs.push(forbidden(['spec', 'ephemeralContainers'], 'cannot be set on create'));
  }
  if (str(spec, 'nodeName') !== '' && listAt(spec, 'schedulingGates').length > 0) {
    errs.push(forbidden(['spec', 'nodeName'], 'cannot be set until all schedulingGates have been cleared'));
  }
}

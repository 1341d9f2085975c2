import { duplicate, type FieldError, forbidden, invalid, notFound } from '../field-error.js';
import { isObject, type JSONObject, listAt, str } from '../json-util.js';
import { type PodContext, validateContainerCommon } from './containers.js';

const EPHEMERAL_FORBIDDEN_FIELDS = [
  'ports',
  'resources',
  'resizePolicy',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
];

/**
 * core `validation.go` `validateEphemeralContainers`. `ValidatePodCreate` forbids ephemeral containers
 * anyway; their own errors come first, as in Go. The field allow-list is checked for the common fields only.
 */
export function validateEphemeralContainers(spec: JSONObject, ctx: PodContext, errs: FieldError[]): void {
  const ephemeral = listAt(spec, 'ephemeralContainers');
  if (ephemeral.length === 0) return;
  const others = new Set<string>();
  for (const list of ['containers', 'initContainers']) {
    for (const c of listAt(spec, list)) if (isObject(c)) others.add(str(c, 'name'));
  }
  const all = new Set(others);
  ephemeral.forEach((ec, i) => {
    if (!isObject(ec)) return;
    const path = ['spec', 'ephemeralContainers', i];
    validateContainerCommon(ec, ctx, path, errs);
    const image = str(ec, 'image');
    if (image.length !== image.trim().length) {
      errs.push(invalid([...path, 'image'], image, 'must not have leading or trailing whitespace'));
    }
    const name = str(ec, 'name');
    if (all.has(name)) errs.push(duplicate([...path, 'name'], name));
    else all.add(name);
    const target = str(ec, 'targetContainerName');
    if (target !== '' && !others.has(target)) errs.push(notFound([...path, 'targetContainerName'], target));
    for (const key of EPHEMERAL_FORBIDDEN_FIELDS) {
      const v = ec[key];
      if (
        v !== undefined &&
        v !== null &&
        !(Array.isArray(v) && v.length === 0) &&
        !(key === 'resources' && isEmptyObject(v))
      ) {
        errs.push(forbidden([...path, key], 'cannot be set for an Ephemeral Container'));
      }
    }
    listAt(ec, 'volumeMounts').forEach((m, j) => {
      if (!isObject(m)) return;
      for (const key of ['subPath', 'subPathExpr']) {
        if (str(m, key) !== '')
          errs.push(forbidden([...path, 'volumeMounts', j, key], 'cannot be set for an Ephemeral Container'));
      }
    });
  });
}

function isEmptyObject(v: unknown): boolean {
  return (
    isObject(v) &&
    Object.values(v).every(
      (x) => x === null || x === undefined || (isObject(x) && Object.keys(x).length === 0),
    )
  );
}

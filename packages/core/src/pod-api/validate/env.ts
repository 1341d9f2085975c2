import type { FieldPath } from '../../field-path.js';
import { type FieldError, invalid, required } from '../field-error.js';
import { isObject, type JSONObject, listAt, objAt, str } from '../json-util.js';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './field-selectors.js';
import { isConfigMapKey, isDNS1123Label, isRelaxedEnvVarName, nameIsDNSSubdomain } from './names.js';
import { validatePathNoBacksteps } from './paths.js';

// biome-ignore format: a table
const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];

/** core `validation.go` `ValidateEnv` (RelaxedEnvironmentVariableValidation is locked on in 1.37). */
export function validateEnv(c: JSONObject, path: FieldPath, errs: FieldError[]): void {
  listAt(c, 'env').forEach((ev, i) => {
    if (!isObject(ev)) return;
    const idx = [...path, 'env', i];
    const name = str(ev, 'name');
    if (name === '') errs.push(required([...idx, 'name']));
    else for (const msg of isRelaxedEnvVarName(name)) errs.push(invalid([...idx, 'name'], name, msg));
    validateEnvVarValueFrom(ev, [...idx, 'valueFrom'], errs);
  });
}

/** core `validation.go` `validateEnvVarValueFrom` (EnvFiles is on in 1.37, so `fileKeyRef` is listed). */
function validateEnvVarValueFrom(ev: JSONObject, path: FieldPath, errs: FieldError[]): void {
  const from = objAt(ev, 'valueFrom');
  if (!from) return;
  let count = 0;
  const fieldRef = objAt(from, 'fieldRef');
  if (fieldRef) {
    count++;
    validateObjectFieldSelector(fieldRef, ENV_FIELD_PATHS, [...path, 'fieldRef'], errs);
  }
  const resourceFieldRef = objAt(from, 'resourceFieldRef');
  if (resourceFieldRef) {
    count++;
    validateResourceFieldSelector(resourceFieldRef, [...path, 'resourceFieldRef'], false, errs);
  }
  for (const key of ['configMapKeyRef', 'secretKeyRef']) {
    const ref = objAt(from, key);
    if (!ref) continue;
    count++;
    const name = str(ref, 'name');
    for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid([...path, key, 'name'], name, msg));
    const k = str(ref, 'key');
    if (k === '') errs.push(required([...path, key, 'key']));
    else for (const msg of isConfigMapKey(k)) errs.push(invalid([...path, key, 'key'], k, msg));
  }
  const fileKeyRef = objAt(from, 'fileKeyRef');
  if (fileKeyRef) {
    count++;
    validateFileKeySelector(fileKeyRef, [...path, 'fileKeyRef'], errs);
  }
  if (count === 0) {
    errs.push(
      invalid(
        path,
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`',
      ),
    );
  } else if (str(ev, 'value') !== '') {
    errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (count > 1) {
    errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
}

/** core `validation.go` `validateFileKeySelector`. */
function validateFileKeySelector(s: JSONObject, path: FieldPath, errs: FieldError[]): void {
  const key = str(s, 'key');
  if (key === '') errs.push(required([...path, 'key']));
  else for (const msg of isRelaxedEnvVarName(key)) errs.push(invalid([...path, 'key'], key, msg));
  const volumeName = str(s, 'volumeName');
  if (volumeName === '') errs.push(required([...path, 'volumeName']));
  else
    for (const msg of isDNS1123Label(volumeName))
      errs.push(invalid([...path, 'volumeName'], volumeName, msg));
  const p = str(s, 'path');
  if (p === '') errs.push(required([...path, 'path']));
  else validatePathNoBacksteps(p, [...path, 'path'], errs);
}

/** core `validation.go` `ValidateEnvFrom` (errors for the source count go on the `envFrom` list itself). */
export function validateEnvFrom(c: JSONObject, path: FieldPath, errs: FieldError[]): void {
  listAt(c, 'envFrom').forEach((ev, i) => {
    if (!isObject(ev)) return;
    const idx = [...path, 'envFrom', i];
    const prefix = str(ev, 'prefix');
    if (prefix !== '')
      for (const msg of isRelaxedEnvVarName(prefix)) errs.push(invalid([...idx, 'prefix'], prefix, msg));
    let count = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = objAt(ev, key);
      if (!ref) continue;
      count++;
      const name = str(ref, 'name');
      if (name === '') errs.push(required([...idx, key, 'name']));
      else
        for (const msg of nameIsDNSSubdomain(name, true))
          errs.push(invalid([...idx, key, 'name'], name, msg));
    }
    if (count === 0)
      errs.push(invalid([...path, 'envFrom'], '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (count > 1)
      errs.push(invalid([...path, 'envFrom'], '', 'may not have more than one field specified at a time'));
  });
}

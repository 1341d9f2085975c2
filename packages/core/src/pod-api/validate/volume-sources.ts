import type { FieldPath } from '../../field-path.js';
import { type FieldError, forbidden, invalid, required, tooLong } from '../field-error.js';
import { has, isObject, type JSONObject, listAt, num, objAt, str } from '../json-util.js';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './field-selectors.js';
import { isDNS1123Subdomain, isValidID, nameIsDNSSubdomain } from './names.js';
import { validateLocalNonReservedPath } from './paths.js';

const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
// biome-ignore format: a table
const VOLUME_DOWNWARD_API_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

export function validateMode(src: JSONObject, key: string, path: FieldPath, errs: FieldError[]): void {
  if (has(src, key) && (num(src, key) > 0o777 || num(src, key) < 0)) {
    errs.push(invalid([...path, key], num(src, key), FILE_MODE_MSG));
  }
}

/** core `validation.go` `validateUserField`. */
export function validateUser(src: JSONObject, key: string, path: FieldPath, errs: FieldError[]): void {
  if (!has(src, key)) return;
  for (const msg of isValidID(num(src, key))) errs.push(invalid([...path, key], num(src, key), msg));
}

/** core `validation.go` `validateKeyToPath`. */
export function validateKeyToPath(kp: JSONObject, path: FieldPath, errs: FieldError[]): void {
  if (str(kp, 'key') === '') errs.push(required([...path, 'key']));
  if (str(kp, 'path') === '') errs.push(required([...path, 'path']));
  validateLocalNonReservedPath(str(kp, 'path'), [...path, 'path'], errs);
  validateMode(kp, 'mode', path, errs);
  validateUser(kp, 'user', path, errs);
}

/** core `validation.go` `validateDownwardAPIVolumeFile` (Go reports on the source path, not the item). */
export function validateDownwardAPIFile(file: JSONObject, path: FieldPath, errs: FieldError[]): void {
  if (str(file, 'path') === '') errs.push(required([...path, 'path']));
  validateLocalNonReservedPath(str(file, 'path'), [...path, 'path'], errs);
  const fieldRef = objAt(file, 'fieldRef');
  const resourceFieldRef = objAt(file, 'resourceFieldRef');
  if (fieldRef) {
    validateObjectFieldSelector(fieldRef, VOLUME_DOWNWARD_API_PATHS, [...path, 'fieldRef'], errs);
    if (resourceFieldRef) {
      errs.push(
        invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'),
      );
    }
  } else if (resourceFieldRef) {
    validateResourceFieldSelector(resourceFieldRef, [...path, 'resourceFieldRef'], true, errs);
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  validateMode(file, 'mode', path, errs);
  validateUser(file, 'user', path, errs);
}

/**
 * core `validation.go` `validateProjectionSources`: secret, configMap, downwardAPI and serviceAccountToken
 * sources with their path conflicts; clusterTrustBundle and podCertificate sources are only counted.
 */
export function validateProjectionSources(projection: JSONObject, path: FieldPath, errs: FieldError[]): void {
  const allPaths = new Set<string>();
  const addPath = (p: string, bad: string) => {
    if (allPaths.has(p)) errs.push(invalid(path, bad, 'conflicting duplicate paths'));
    else allPaths.add(p);
  };
  listAt(projection, 'sources').forEach((source, i) => {
    if (!isObject(source)) return;
    const srcPath = [...path, 'sources', i];
    let count = 0;
    for (const key of ['secret', 'configMap'] as const) {
      const src = objAt(source, key);
      if (!src) continue;
      count++;
      if (str(src, 'name') === '') errs.push(required([...srcPath, key, 'name']));
      listAt(src, 'items').forEach((kp, j) => {
        if (!isObject(kp)) return;
        validateKeyToPath(kp, [...srcPath, key, 'items', j], errs);
        if (str(kp, 'path') !== '') addPath(str(kp, 'path'), str(src, 'name'));
      });
    }
    const downward = objAt(source, 'downwardAPI');
    if (downward) {
      count++;
      for (const file of listAt(downward, 'items')) {
        if (!isObject(file)) continue;
        validateDownwardAPIFile(file, [...srcPath, 'downwardAPI'], errs);
        if (str(file, 'path') !== '') addPath(str(file, 'path'), str(file, 'path'));
      }
    }
    const token = objAt(source, 'serviceAccountToken');
    if (token) {
      count++;
      const tokenPath = [...srcPath, 'serviceAccountToken'];
      if (!has(token, 'expirationSeconds')) errs.push(required([...tokenPath, 'expirationSeconds']));
      else {
        const exp = num(token, 'expirationSeconds');
        if (exp < 600)
          errs.push(
            invalid(
              [...tokenPath, 'expirationSeconds'],
              exp,
              'may not specify a duration less than 10 minutes',
            ),
          );
        if (exp > 2 ** 32)
          errs.push(
            invalid(
              [...tokenPath, 'expirationSeconds'],
              exp,
              'may not specify a duration larger than 2^32 seconds',
            ),
          );
      }
      if (str(token, 'path') === '') errs.push(required([...path, 'path']));
      else validateLocalNonReservedPath(str(token, 'path'), [...path, 'path'], errs);
      validateUser(token, 'user', tokenPath, errs);
    }
    if (has(source, 'clusterTrustBundle')) count++;
    if (has(source, 'podCertificate')) count++;
    if (count > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
}

/** core `validation.go` `validateCSIVolumeSource` / `ValidateCSIDriverName`. */
export function validateCSI(src: JSONObject, path: FieldPath, errs: FieldError[]): void {
  const driver = str(src, 'driver');
  if (driver === '') errs.push(required([...path, 'driver']));
  else {
    if (driver.length > 63) errs.push(tooLong([...path, 'driver'], 63));
    for (const msg of isDNS1123Subdomain(driver.toLowerCase()))
      errs.push(invalid([...path, 'driver'], driver, msg));
  }
  const ref = objAt(src, 'nodePublishSecretRef');
  if (ref) {
    const name = str(ref, 'name');
    if (name === '') errs.push(required([...path, 'nodePublishSecretRef', 'name']));
    else for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid([...path, 'name'], name, msg));
  }
}

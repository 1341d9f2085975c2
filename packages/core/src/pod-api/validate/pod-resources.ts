import type { FieldPath } from '../../field-path.js';
import { duplicate, type FieldError, invalid, notFound, required } from '../field-error.js';
import { isObject, type JSONObject, str } from '../json-util.js';
import { isDNS1123Label } from './names.js';

/** core `validation.go` `validateResourceClaimNames`. */
export function validateClaimNames(
  claims: JSONObject[],
  podClaims: ReadonlySet<string>,
  path: FieldPath,
  errs: FieldError[],
): void {
  const names = new Set<string>();
  claims.forEach((claim, i) => {
    if (!isObject(claim)) return;
    const name = str(claim, 'name');
    if (name === '') {
      errs.push(required([...path, i]));
      return;
    }
    if (names.has(name)) errs.push(duplicate([...path, i], name));
    else {
      let key = name;
      const request = str(claim, 'request');
      if (request !== '') {
        for (const msg of isDNS1123Label(request)) errs.push(invalid([...path, i, 'request'], request, msg));
        key += `/${request}`;
      }
      if (names.has(key)) errs.push(duplicate([...path, i], key));
      else if (request === '') {
        for (const k of names) if (k.startsWith(`${name}/`)) errs.push(duplicate([...path, i], name));
      }
      names.add(key);
    }
    if (!podClaims.has(name)) {
      const sorted = [...podClaims].sort();
      const detail = `must be one of the names in pod.spec.resourceClaims${sorted.length === 0 ? ' which is empty' : `: ${sorted.join(', ')}`}`;
      errs.push(notFound([...path, i], name, detail));
    }
  });
}

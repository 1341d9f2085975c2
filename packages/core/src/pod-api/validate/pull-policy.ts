import type { FieldPath } from '../../field-path.js';
import { type FieldError, GoNamed, notSupported, required } from '../field-error.js';

/** core `validation.go` `validatePullPolicy` (valid values listed sorted, as `sets.List` does). */
export function validatePullPolicy(policy: string, path: FieldPath, errs: FieldError[]): void {
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return;
  if (policy === '') errs.push(required(path));
  else errs.push(notSupported(path, new GoNamed(policy), ['Always', 'IfNotPresent', 'Never']));
}

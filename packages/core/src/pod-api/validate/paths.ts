import type { FieldPath } from '../../field-path.js';
import { type FieldError, invalid } from '../field-error.js';

/** core `validation.go` `validatePathNoBacksteps`: no `..` element (one error at most). */
export function validatePathNoBacksteps(target: string, path: FieldPath, errs: FieldError[]): void {
  if (target.split('/').includes('..')) errs.push(invalid(path, target, "must not contain '..'"));
}

/** core `validation.go` `validateLocalDescendingPath`: relative, without `..` elements. */
export function validateLocalDescendingPath(target: string, path: FieldPath, errs: FieldError[]): void {
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  validatePathNoBacksteps(target, path, errs);
}

/** core `validation.go` `ValidateLocalNonReservedPath`: also must not start with `..`. */
export function validateLocalNonReservedPath(target: string, path: FieldPath, errs: FieldError[]): void {
  validateLocalDescendingPath(target, path, errs);
  if (target.startsWith('..') && !target.startsWith('../')) {
    errs.push(invalid(path, target, "must not start with '..'"));
  }
}

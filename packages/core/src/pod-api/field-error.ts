import { type FieldPath, formatFieldPath } from '../field-path.js';
import { GoStruct, goJSON, goQuote } from './go-format.js';

/**
 * Field error types, with the values of Go's `field.ErrorType`
 * (`k8s.io/apimachinery/pkg/util/validation/field/errors.go`).
 */
export const FieldErrorType = {
  NotFound: 'FieldValueNotFound',
  Required: 'FieldValueRequired',
  Duplicate: 'FieldValueDuplicate',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  Internal: 'InternalError',
  TypeInvalid: 'FieldValueTypeInvalid',
} as const;
export type FieldErrorType = (typeof FieldErrorType)[keyof typeof FieldErrorType];

/** A field-level validation error, as Go's `*field.Error`. */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly path: FieldPath;
  /** The path as Go prints it (`spec.containers[0].name`). */
  readonly field: string;
  readonly badValue?: unknown;
  readonly detail: string;
  /** Byte-identical to Go's `(*field.Error).Error()`. */
  readonly message: string;
}

/**
 * A string whose Go type is a named string type (`core.RestartPolicy`, ...) or a pointer to one.
 * Go's `ErrorBody` prints those with `json.Marshal`, not `%q` (only the exact type `string` gets `%q`).
 */
export class GoNamed {
  constructor(readonly value: unknown) {}
}

/** Go `field.ErrorType.String()`. */
const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

const OMIT = Symbol('omit');

/**
 * Go `(*field.Error).ErrorBody()`: simple types with `%v`, the Go type `string` with `%q`,
 * everything else with `json.Marshal`; Required/Forbidden/TooLong/Internal print no value.
 */
function errorBody(type: FieldErrorType, value: unknown, detail: string): string {
  let s = TYPE_TEXT[type];
  const printsValue =
    type !== 'FieldValueRequired' &&
    type !== 'FieldValueForbidden' &&
    type !== 'FieldValueTooLong' &&
    type !== 'InternalError';
  if (printsValue && value !== OMIT) s += `: ${renderValue(value)}`;
  if (detail.length > 0) s += `: ${detail}`;
  return s;
}

function renderValue(value: unknown): string {
  if (value instanceof GoNamed) return goJSON(value.value);
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      return goJSON(value);
  }
}

function unwrap(value: unknown): unknown {
  if (value instanceof GoNamed) return value.value;
  if (value instanceof GoStruct) return Object.fromEntries(value.fields);
  return value === OMIT ? undefined : value;
}

function make(type: FieldErrorType, path: FieldPath, value: unknown, detail: string): FieldError {
  const field = formatFieldPath(path);
  const message = `${field}: ${errorBody(type, value, detail)}`;
  const badValue = unwrap(value);
  return badValue === undefined
    ? { type, path, field, detail, message }
    : { type, path, field, badValue, detail, message };
}

/** Go `field.Required`. */
export function required(path: FieldPath, detail = ''): FieldError {
  return make(FieldErrorType.Required, path, '', detail);
}

/** Go `field.Invalid`. Pass {@link GoNamed} for values of named string types. */
export function invalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return make(FieldErrorType.Invalid, path, value, detail);
}

/**
 * Go `field.NotSupported`: the detail is `supported values: "A", "B"` (each `strconv.Quote`d,
 * joined with `, `), or empty when there are no valid values.
 */
export function notSupported(path: FieldPath, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return make(FieldErrorType.NotSupported, path, value, detail);
}

/** Go `field.Duplicate`. */
export function duplicate(path: FieldPath, value: unknown): FieldError {
  return make(FieldErrorType.Duplicate, path, value, '');
}

/** Go `field.NotFound` (optionally with the detail some callers set afterwards). */
export function notFound(path: FieldPath, value: unknown, detail = ''): FieldError {
  return make(FieldErrorType.NotFound, path, value, detail);
}

/** Go `field.Forbidden`. */
export function forbidden(path: FieldPath, detail: string): FieldError {
  return make(FieldErrorType.Forbidden, path, '', detail);
}

/** Go `field.TooLong` (`may not be more than N bytes`, or `value is too long` for a negative limit). */
export function tooLong(path: FieldPath, maxLength: number): FieldError {
  const detail =
    maxLength >= 0
      ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}`
      : 'value is too long';
  return make(FieldErrorType.TooLong, path, '<value omitted>', detail);
}

/** Go `field.TooMany`. */
export function tooMany(path: FieldPath, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
  return make(FieldErrorType.TooMany, path, actual >= 0 ? actual : OMIT, detail);
}

/** Go `field.InternalError`. */
export function internalError(path: FieldPath, detail: string): FieldError {
  return make(FieldErrorType.Internal, path, '', detail);
}

/** Go `field.TypeInvalid`. */
export function typeInvalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return make(FieldErrorType.TypeInvalid, path, value, detail);
}

/**
 * Go `fmt.Sprintf("%v", errs)` for a `field.ErrorList`: `[` + each `Error()` joined by a space + `]`.
 * The kubelet prints `invalid pod: ` followed by this.
 */
export function formatErrorList(errors: readonly FieldError[]): string {
  let out = '[';
  for (let i = 0; i < errors.length; i++) {
    if (i > 0) out += ' ';
    out += (errors[i] as FieldError).message;
  }
  return `${out}]`;
}

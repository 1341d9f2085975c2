import type { FieldPath } from '../../field-path.js';
import { type FieldError, forbidden, GoNamed, invalid, required } from '../field-error.js';
import { isObject, type JSONObject, listAt, num, objAt, str } from '../json-util.js';
import { validateLabelName, validateLabels } from './meta.js';
import { isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : '')) : [];
}

/**
 * The value-count rules both `ValidateLabelSelectorRequirement` and
 * `ValidateNodeSelectorRequirement` apply to the set-based operators. Returns false when `op` is
 * not one of them, so the caller can try its own operators before calling it invalid.
 */
function checkSetOperator(op: string, values: string[], p: FieldPath, errs: FieldError[]): boolean {
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0)
      errs.push(required([...p, 'values'], "must be specified when `operator` is 'In' or 'NotIn'"));
    return true;
  }
  if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) {
      errs.push(
        forbidden([...p, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
      );
    }
    return true;
  }
  return false;
}

function invalidOperator(op: string, p: FieldPath): FieldError {
  return invalid([...p, 'operator'], new GoNamed(op), 'not a valid selector operator');
}

/** apimachinery `apis/meta/v1/validation` `ValidateLabelSelector` / `ValidateLabelSelectorRequirement`. */
export function validateLabelSelector(
  sel: JSONObject | undefined,
  path: FieldPath,
  errs: FieldError[],
): void {
  if (!sel) return;
  validateLabels(objAt(sel, 'matchLabels'), [...path, 'matchLabels'], errs);
  listAt(sel, 'matchExpressions').forEach((req, i) => {
    if (!isObject(req)) return;
    const p = [...path, 'matchExpressions', i];
    const op = str(req, 'operator');
    const values = strings(req.values);
    if (!checkSetOperator(op, values, p, errs)) errs.push(invalidOperator(op, p));
    validateLabelName(str(req, 'key'), [...p, 'key'], errs);
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid([...p, 'values', j], v, msg));
    });
  });
}

/** core `validation.go` `ValidateNodeSelectorTerm` (+ `ValidateNodeSelectorRequirement`, field requirements). */
function validateNodeSelectorTerm(
  term: JSONObject,
  allowInvalidValues: boolean,
  path: FieldPath,
  errs: FieldError[],
): void {
  listAt(term, 'matchExpressions').forEach((rq, j) => {
    if (!isObject(rq)) return;
    const p = [...path, 'matchExpressions', j];
    const op = str(rq, 'operator');
    const values = strings(rq.values);
    const numeric = op === 'Gt' || op === 'Lt';
    if (numeric && values.length !== 1) {
      errs.push(required([...p, 'values'], "must be specified single value when `operator` is 'Lt' or 'Gt'"));
    } else if (!numeric && !checkSetOperator(op, values, p, errs)) errs.push(invalidOperator(op, p));
    validateLabelName(str(rq, 'key'), [...p, 'key'], errs);
    if (!allowInvalidValues) {
      values.forEach((v, k) => {
        for (const msg of isValidLabelValue(v)) errs.push(invalid([...p, 'values', k], v, msg));
      });
    }
  });
  listAt(term, 'matchFields').forEach((rq, j) => {
    if (!isObject(rq)) return;
    const p = [...path, 'matchFields', j];
    const op = str(rq, 'operator');
    const values = strings(rq.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length !== 1) {
        errs.push(
          required(
            [...p, 'values'],
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
          ),
        );
      }
    } else errs.push(invalidOperator(op, p));
    if (str(rq, 'key') !== 'metadata.name') {
      errs.push(invalid([...p, 'key'], str(rq, 'key'), 'not a valid field selector key'));
    } else {
      values.forEach((v, k) => {
        for (const msg of nameIsDNSSubdomain(v, false)) errs.push(invalid([...p, 'values', k], v, msg));
      });
    }
  });
}

/** core `validation.go` `validatePodAffinityTerm` (matchLabelKeys / mismatchLabelKeys are not checked). */
function validatePodAffinityTerm(term: JSONObject, path: FieldPath, errs: FieldError[]): void {
  validateLabelSelector(objAt(term, 'labelSelector'), [...path, 'labelSelector'], errs);
  validateLabelSelector(objAt(term, 'namespaceSelector'), [...path, 'namespaceSelector'], errs);
  for (const ns of strings(term.namespaces)) {
    for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid([...path, 'namespace'], ns, msg));
  }
  const topologyKey = str(term, 'topologyKey');
  if (topologyKey === '') errs.push(required([...path, 'topologyKey'], 'can not be empty'));
  validateLabelName(topologyKey, [...path, 'topologyKey'], errs);
}

function validateWeight(term: JSONObject, path: FieldPath, errs: FieldError[]): void {
  const w = num(term, 'weight');
  if (w <= 0 || w > 100) errs.push(invalid([...path, 'weight'], w, 'must be in the range 1-100'));
}

/** core `validation.go` `validateAffinity` (node affinity, pod affinity and anti-affinity). */
export function validateAffinity(spec: JSONObject, errs: FieldError[]): void {
  const affinity = objAt(spec, 'affinity');
  if (!affinity) return;
  const path = ['spec', 'affinity'];
  const na = objAt(affinity, 'nodeAffinity');
  if (na) {
    const np = [...path, 'nodeAffinity'];
    const req = objAt(na, 'requiredDuringSchedulingIgnoredDuringExecution');
    if (req) {
      const termsPath = [...np, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'];
      const terms = listAt(req, 'nodeSelectorTerms');
      if (terms.length === 0) errs.push(required(termsPath, 'must have at least one node selector term'));
      terms.forEach((t, i) => {
        if (isObject(t)) validateNodeSelectorTerm(t, false, [...termsPath, i], errs);
      });
    }
    listAt(na, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((t, i) => {
      if (!isObject(t)) return;
      const p = [...np, 'preferredDuringSchedulingIgnoredDuringExecution', i];
      validateWeight(t, p, errs);
      validateNodeSelectorTerm(objAt(t, 'preference') ?? {}, true, [...p, 'preference'], errs);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = objAt(affinity, kind);
    if (!pa) continue;
    const pp = [...path, kind];
    listAt(pa, 'requiredDuringSchedulingIgnoredDuringExecution').forEach((t, i) => {
      if (isObject(t))
        validatePodAffinityTerm(t, [...pp, 'requiredDuringSchedulingIgnoredDuringExecution', i], errs);
    });
    listAt(pa, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((t, i) => {
      if (!isObject(t)) return;
      const p = [...pp, 'preferredDuringSchedulingIgnoredDuringExecution', i];
      validateWeight(t, p, errs);
      validatePodAffinityTerm(objAt(t, 'podAffinityTerm') ?? {}, [...p, 'podAffinityTerm'], errs);
    });
  }
}

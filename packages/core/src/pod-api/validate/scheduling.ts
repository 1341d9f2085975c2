import { duplicate, type FieldError, GoNamed, invalid, notSupported, required } from '../field-error.js';
import { has, isObject, type JSONObject, listAt, num, objAt, str } from '../json-util.js';
import { validateLabelSelector } from './affinity.js';
import { validateLabelName, validateLabels } from './meta.js';
import { isQualifiedName, isValidLabelValue } from './names.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * core `validation.go` `ValidateTolerations` (TaintTolerationComparisonOperators is off in 1.37, so `Lt`/`Gt`
 * are rejected, with a list of valid values that still names them).
 */
export function validateTolerations(spec: JSONObject, errs: FieldError[]): void {
  listAt(spec, 'tolerations').forEach((t, i) => {
    if (!isObject(t)) return;
    const path = ['spec', 'tolerations', i];
    const key = str(t, 'key');
    const operator = str(t, 'operator');
    const effect = str(t, 'effect');
    const value = str(t, 'value');
    if (key !== '') validateLabelName(key, [...path, 'key'], errs);
    if (key === '' && operator !== 'Exists') {
      errs.push(
        invalid(
          [...path, 'operator'],
          new GoNamed(operator),
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (has(t, 'tolerationSeconds') && effect !== 'NoExecute') {
      errs.push(
        invalid(
          [...path, 'effect'],
          new GoNamed(effect),
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid([...path, 'operator'], value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '')
        errs.push(invalid([...path, 'operator'], value, "value must be empty when `operator` is 'Exists'"));
    } else if (operator === 'Lt' || operator === 'Gt') {
      errs.push(notSupported([...path, 'operator'], new GoNamed(operator), ['Equal', 'Exists', 'Lt', 'Gt']));
    } else {
      errs.push(notSupported([...path, 'operator'], new GoNamed(operator), ['Equal', 'Exists']));
    }
    if (effect !== '' && !EFFECTS.includes(effect))
      errs.push(notSupported([...path, 'effect'], new GoNamed(effect), EFFECTS));
  });
}

/** `spec.nodeSelector`: apimachinery `ValidateLabels`. */
export function validateNodeSelector(spec: JSONObject, errs: FieldError[]): void {
  validateLabels(objAt(spec, 'nodeSelector'), ['spec', 'nodeSelector'], errs);
}

/** core `validation.go` `validateReadinessGates` and `validateSchedulingGates`. */
export function validateGates(
  spec: JSONObject,
  kind: 'readinessGates' | 'schedulingGates',
  errs: FieldError[],
): void {
  const seen = new Set<string>();
  listAt(spec, kind).forEach((g, i) => {
    if (!isObject(g)) return;
    if (kind === 'readinessGates') {
      const type = str(g, 'conditionType');
      for (const msg of isQualifiedName(type))
        errs.push(invalid(['spec', kind, i, 'conditionType'], type, msg));
      return;
    }
    const name = str(g, 'name');
    for (const msg of isQualifiedName(name)) errs.push(invalid(['spec', kind, i], name, msg));
    if (seen.has(name)) errs.push(duplicate(['spec', kind, i], name));
    seen.add(name);
  });
}

/**
 * core `validation.go` `validateTopologySpreadConstraints` (matchLabelKeys are not checked).
 */
export function validateTopologySpreadConstraints(spec: JSONObject, errs: FieldError[]): void {
  const constraints = listAt(spec, 'topologySpreadConstraints').filter(isObject);
  constraints.forEach((c, i) => {
    const path = ['spec', 'topologySpreadConstraints', i];
    const maxSkew = num(c, 'maxSkew');
    if (maxSkew <= 0) errs.push(invalid([...path, 'maxSkew'], maxSkew, 'must be greater than zero'));
    const key = str(c, 'topologyKey');
    if (key === '') errs.push(required([...path, 'topologyKey'], 'can not be empty'));
    const action = str(c, 'whenUnsatisfiable');
    if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
      errs.push(
        notSupported([...path, 'whenUnsatisfiable'], new GoNamed(action), [
          'DoNotSchedule',
          'ScheduleAnyway',
        ]),
      );
    }
    if (
      constraints
        .slice(i + 1)
        .some((o) => str(o, 'topologyKey') === key && str(o, 'whenUnsatisfiable') === action)
    ) {
      errs.push(duplicate([...path, '{topologyKey, whenUnsatisfiable}'], `{${key}, ${action}}`));
    }
    if (has(c, 'minDomains')) {
      const min = num(c, 'minDomains');
      if (min <= 0) errs.push(invalid([...path, 'minDomains'], min, 'must be greater than zero'));
      if (action !== 'DoNotSchedule') {
        errs.push(
          invalid(
            [...path, 'minDomains'],
            min,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`,
          ),
        );
      }
    }
    for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (has(c, key) && str(c, key) !== 'Honor' && str(c, key) !== 'Ignore') {
        errs.push(notSupported([...path, key], new GoNamed(str(c, key)), ['Honor', 'Ignore']));
      }
    }
    validateLabelSelector(objAt(c, 'labelSelector'), [...path, 'labelSelector'], errs);
  });
}

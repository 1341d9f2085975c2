import type { FieldPath } from '../../field-path.js';
import {
  duplicate,
  type FieldError,
  GoNamed,
  invalid,
  notSupported,
  required,
  tooMany,
} from '../field-error.js';
import { isObject, type JSONObject, listAt, objAt, str } from '../json-util.js';

/**
 * core `validation.go` `validateContainerRestartPolicy` with ContainerRestartRules and
 * RestartAllContainersOnContainerExits on (1.37 defaults).
 */
export function validateRestartPolicyRules(c: JSONObject, path: FieldPath, errs: FieldError[]): void {
  const rules = listAt(c, 'restartPolicyRules');
  const policyPath = [...path, 'restartPolicy'];
  if (typeof c.restartPolicy !== 'string') {
    if (rules.length === 0) return;
    errs.push(required(policyPath, 'must specify restartPolicy when restart rules are used'));
  } else if (!['Always', 'Never', 'OnFailure'].includes(c.restartPolicy)) {
    errs.push(notSupported(policyPath, new GoNamed(c.restartPolicy), ['Always', 'Never', 'OnFailure']));
  }
  if (rules.length > 20) errs.push(tooMany([...path, 'restartPolicyRules'], rules.length, 20));
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const rulePath = [...path, 'restartPolicyRules', i];
    const action = str(rule, 'action');
    if (action !== 'Restart' && action !== 'RestartAllContainers') {
      errs.push(
        notSupported([...rulePath, 'action'], new GoNamed(action), ['Restart', 'RestartAllContainers']),
      );
    }
    const exitCodes = objAt(rule, 'exitCodes');
    if (!exitCodes) {
      errs.push(required([...rulePath, 'exitCodes'], 'must be specified'));
      return;
    }
    const op = str(exitCodes, 'operator');
    if (op !== 'In' && op !== 'NotIn') {
      errs.push(notSupported([...rulePath, 'exitCodes', 'operator'], new GoNamed(op), ['In', 'NotIn']));
    }
    const values = Array.isArray(exitCodes.values) ? exitCodes.values : [];
    if (values.length > 255) errs.push(tooMany([...rulePath, 'exitCodes', 'values'], values.length, 255));
  });
}

/** core `validation.go` `validateResizePolicy` (most errors are reported on the list path). */
export function validateResizePolicy(
  c: JSONObject,
  podRestartPolicy: string,
  path: FieldPath,
  errs: FieldError[],
): void {
  const seen = new Set<string>();
  listAt(c, 'resizePolicy').forEach((p, i) => {
    if (!isObject(p)) return;
    const name = str(p, 'resourceName');
    if (seen.has(name)) errs.push(duplicate([...path, i], new GoNamed(name)));
    seen.add(name);
    if (name === '') errs.push(required(path));
    else if (name !== 'cpu' && name !== 'memory')
      errs.push(notSupported(path, new GoNamed(name), ['cpu', 'memory']));
    const policy = str(p, 'restartPolicy');
    if (policy === '') errs.push(required(path));
    else if (policy !== 'NotRequired' && policy !== 'RestartContainer') {
      errs.push(notSupported(path, new GoNamed(policy), ['NotRequired', 'RestartContainer']));
    }
    if (podRestartPolicy === 'Never' && policy !== 'NotRequired') {
      errs.push(
        invalid(path, new GoNamed(policy), "must be 'NotRequired' when pod `restartPolicy` is 'Never'"),
      );
    }
  });
}

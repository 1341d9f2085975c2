import type { FieldPath } from '../../field-path.js';
import {
  duplicate,
  type FieldError,
  forbidden,
  GoNamed,
  invalid,
  notSupported,
  required,
} from '../field-error.js';
import { isObject, type JSONObject, listAt, objAt, str } from '../json-util.js';
import { validateEnv, validateEnvFrom } from './env.js';
import { validateVolumeDevices, validateVolumeMounts } from './mounts.js';
import { isDNS1123Label } from './names.js';
import { checkHostPortConflicts, validateContainerPorts } from './ports.js';
import { validateLifecycle, validateProbe } from './probes.js';
import { validatePullPolicy } from './pull-policy.js';
import { validateContainerResources } from './resources.js';
import { validateResizePolicy, validateRestartPolicyRules } from './restart-policy.js';
import { type SecurityOptions, validateSecurityContext } from './security-context.js';

/** What the container validators need to know about the pod. */
export interface PodContext {
  readonly volumes: ReadonlyMap<string, JSONObject>;
  readonly claimNames: ReadonlySet<string>;
  readonly grace: number | undefined;
  readonly restartPolicy: string;
  readonly hostUsers: boolean;
  readonly os: string | undefined;
  readonly security: SecurityOptions;
}

/** core `validation.go` `validateContainerCommon`. */
export function validateContainerCommon(
  c: JSONObject,
  ctx: PodContext,
  path: FieldPath,
  errs: FieldError[],
): void {
  const name = str(c, 'name');
  if (name === '') errs.push(required([...path, 'name']));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid([...path, 'name'], name, msg));
  if (str(c, 'image') === '') errs.push(required([...path, 'image']));
  const tmp = str(c, 'terminationMessagePolicy');
  if (tmp === '') errs.push(required([...path, 'terminationMessagePolicy']));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(
      notSupported([...path, 'terminationMessagePolicy'], new GoNamed(tmp), [
        'File',
        'FallbackToLogsOnError',
      ]),
    );
  }
  validateContainerPorts(c, path, errs);
  validateEnv(c, path, errs);
  validateEnvFrom(c, path, errs);
  validateVolumeMounts(c, ctx, [...path, 'volumeMounts'], errs);
  validateVolumeDevices(c, ctx, [...path, 'volumeDevices'], errs);
  validatePullPolicy(str(c, 'imagePullPolicy'), [...path, 'imagePullPolicy'], errs);
  validateContainerResources(c, ctx.claimNames, path, errs);
  validateResizePolicy(c, ctx.restartPolicy, [...path, 'resizePolicy'], errs);
  validateSecurityContext(c, ctx.hostUsers, ctx.security, path, errs);
}

/** core `validation.go` `validateContainers`. */
export function validateContainers(spec: JSONObject, ctx: PodContext, errs: FieldError[]): void {
  const containers = listAt(spec, 'containers').filter(isObject);
  const listPath = ['spec', 'containers'];
  if (containers.length === 0) return void errs.push(required(listPath));
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const path = [...listPath, i];
    validateContainerCommon(c, ctx, path, errs);
    const name = str(c, 'name');
    if (names.has(name)) errs.push(duplicate([...path, 'name'], name));
    else names.add(name);
    const lifecycle = objAt(c, 'lifecycle');
    if (lifecycle) validateLifecycle(lifecycle, ctx.grace, ctx.os, [...path, 'lifecycle'], errs);
    validateProbe(c, 'livenessProbe', ctx.grace, path, errs);
    validateProbe(c, 'readinessProbe', ctx.grace, path, errs);
    validateProbe(c, 'startupProbe', ctx.grace, path, errs);
    // ContainerRestartRules is on in 1.37.
    validateRestartPolicyRules(c, path, errs);
  });
  checkHostPortConflicts(containers, listPath, errs);
}

const INIT_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

/** core `validation.go` `validateInitContainers` (+ `validateInitContainerRestartPolicy`). */
export function validateInitContainers(spec: JSONObject, ctx: PodContext, errs: FieldError[]): void {
  const listPath = ['spec', 'initContainers'];
  const names = new Set(
    listAt(spec, 'containers')
      .filter(isObject)
      .map((c) => str(c, 'name')),
  );
  listAt(spec, 'initContainers').forEach((c, i) => {
    if (!isObject(c)) return;
    const path = [...listPath, i];
    validateContainerCommon(c, ctx, path, errs);
    const policy = typeof c.restartPolicy === 'string' ? c.restartPolicy : undefined;
    if (policy === undefined) {
      if (listAt(c, 'restartPolicyRules').length > 0) {
        errs.push(
          required([...path, 'restartPolicy'], 'must specify restartPolicy when restart rules are used'),
        );
      }
    } else validateRestartPolicyRules(c, path, errs);
    const restartAlways = policy === 'Always';
    const name = str(c, 'name');
    if (names.has(name)) errs.push(duplicate([...path, 'name'], name));
    else if (name !== '') names.add(name);
    checkHostPortConflicts([c], listPath, errs);
    if (restartAlways) {
      const lifecycle = objAt(c, 'lifecycle');
      if (lifecycle) validateLifecycle(lifecycle, ctx.grace, ctx.os, [...path, 'lifecycle'], errs);
      validateProbe(c, 'livenessProbe', ctx.grace, path, errs);
      validateProbe(c, 'readinessProbe', ctx.grace, path, errs);
      validateProbe(c, 'startupProbe', ctx.grace, path, errs);
    } else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (isObject(c[key])) errs.push(forbidden([...path, key], INIT_FORBIDDEN));
      }
      listAt(c, 'resizePolicy').forEach((p, j) => {
        if (isObject(p) && str(p, 'restartPolicy') === 'RestartContainer') {
          errs.push(
            invalid(
              [...path, 'resizePolicy', j, 'restartPolicy'],
              new GoNamed('RestartContainer'),
              "must not be set to 'RestartContainer' for non-sidecar initContainers",
            ),
          );
        }
      });
    }
  });
}

/** core `validation.go` `validateContainerOnlyForPod` for regular and init containers. */
export function validateContainersOnlyForPod(spec: JSONObject, errs: FieldError[]): void {
  for (const list of ['containers', 'initContainers']) {
    listAt(spec, list).forEach((c, i) => {
      const image = isObject(c) ? str(c, 'image') : '';
      if (image.length !== image.trim().length) {
        errs.push(invalid(['spec', list, i, 'image'], image, 'must not have leading or trailing whitespace'));
      }
    });
  }
}

import type { FieldPath } from '../../field-path.js';
import { type FieldError, forbidden, GoNamed, invalid, notSupported, required } from '../field-error.js';
import { has, type JSONObject, num, objAt, str } from '../json-util.js';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from './names.js';

// biome-ignore format: a table
const LINUX_SIGNALS = [
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF',
  'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2',
  'VTALRM', 'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
].map((s) => `SIG${s}`).sort();

/** core `validation.go` `ValidatePortNumOrName` for an IntOrString port. */
function validatePortNumOrName(port: unknown, path: FieldPath, errs: FieldError[]): void {
  if (typeof port === 'string') {
    for (const msg of isValidPortName(port)) errs.push(invalid(path, port, msg));
  } else {
    const n = typeof port === 'number' ? port : 0;
    for (const msg of isValidPortNum(n)) errs.push(invalid(path, n, msg));
  }
}

/**
 * core `validation.go` `validateHandler` (+ `validateExecAction`, `validateHTTPGetAction`,
 * `validateTCPSocketAction`, `validateGRPCAction`, `validateSleepAction`): exactly one handler.
 */
function validateHandler(
  h: JSONObject,
  kinds: readonly string[],
  grace: number | undefined,
  path: FieldPath,
  errs: FieldError[],
): void {
  let count = 0;
  for (const kind of kinds) {
    const action = objAt(h, kind);
    if (!action) continue;
    if (count > 0) {
      errs.push(forbidden([...path, kind], 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const p = [...path, kind];
    switch (kind) {
      case 'exec':
        if (!Array.isArray(action.command) || action.command.length === 0)
          errs.push(required([...p, 'command']));
        break;
      case 'httpGet':
        validateHTTPGet(action, p, errs);
        break;
      case 'tcpSocket':
        validatePortNumOrName(action.port, [...p, 'port'], errs);
        break;
      case 'grpc':
        validatePortNumOrName(num(action, 'port'), [...p, 'port'], errs);
        if (has(action, 'mode') && !['Plaintext', 'TLS'].includes(str(action, 'mode'))) {
          errs.push(notSupported([...p, 'mode'], new GoNamed(str(action, 'mode')), ['Plaintext', 'TLS']));
        }
        break;
      case 'sleep': {
        const seconds = num(action, 'seconds');
        if (grace !== undefined && (seconds < 0 || seconds > grace)) {
          errs.push(
            invalid(
              p,
              seconds,
              `must be non-negative and less than terminationGracePeriodSeconds (${grace})`,
            ),
          );
        }
        break;
      }
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
}

function validateHTTPGet(action: JSONObject, path: FieldPath, errs: FieldError[]): void {
  if (str(action, 'path') === '') errs.push(required([...path, 'path']));
  validatePortNumOrName(action.port, [...path, 'port'], errs);
  const scheme = str(action, 'scheme');
  if (scheme !== 'HTTP' && scheme !== 'HTTPS')
    errs.push(notSupported([...path, 'scheme'], new GoNamed(scheme), ['HTTP', 'HTTPS']));
  for (const header of Array.isArray(action.httpHeaders) ? action.httpHeaders : []) {
    const name = str(header as JSONObject, 'name');
    for (const msg of isHTTPHeaderName(name)) errs.push(invalid([...path, 'httpHeaders'], name, msg));
  }
  if (has(action, 'protocol')) {
    const protocol = str(action, 'protocol');
    if (protocol !== 'HTTP1' && protocol !== 'HTTP2') {
      errs.push(notSupported([...path, 'protocol'], new GoNamed(protocol), ['HTTP1', 'HTTP2']));
    } else if (protocol === 'HTTP2' && scheme !== 'HTTP') {
      errs.push(invalid([...path, 'protocol'], new GoNamed(protocol), 'is only supported with HTTP (H2C)'));
    } else if (protocol === 'HTTP2' && str(action, 'host') !== '') {
      errs.push(invalid([...path, 'host'], str(action, 'host'), 'must be empty when `protocol` is "HTTP2"'));
    }
  }
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

/**
 * core `validation.go` `validateLivenessProbe` / `validateReadinessProbe` / `validateStartupProbe` over
 * `validateProbe`. Probe fields only need to be non-negative (defaulting turned zeros into the defaults).
 */
export function validateProbe(
  c: JSONObject,
  key: 'livenessProbe' | 'readinessProbe' | 'startupProbe',
  grace: number | undefined,
  path: FieldPath,
  errs: FieldError[],
): void {
  const probe = objAt(c, key);
  if (!probe) return;
  const p = [...path, key];
  validateHandler(probe, PROBE_HANDLERS, grace, p, errs);
  for (const field of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    const v = num(probe, field);
    if (v < 0) errs.push(invalid([...p, field], v, 'must be greater than or equal to 0'));
  }
  if (has(probe, 'terminationGracePeriodSeconds') && num(probe, 'terminationGracePeriodSeconds') <= 0) {
    errs.push(
      invalid(
        [...p, 'terminationGracePeriodSeconds'],
        num(probe, 'terminationGracePeriodSeconds'),
        'must be greater than 0',
      ),
    );
  }
  if (key === 'readinessProbe') {
    if (has(probe, 'terminationGracePeriodSeconds')) {
      errs.push(
        invalid(
          [...p, 'terminationGracePeriodSeconds'],
          num(probe, 'terminationGracePeriodSeconds'),
          'must not be set for readinessProbes',
        ),
      );
    }
  } else if (num(probe, 'successThreshold') !== 1) {
    errs.push(invalid([...p, 'successThreshold'], num(probe, 'successThreshold'), 'must be 1'));
  }
}

/** core `validation.go` `validateLifecycle` (+ `validateStopSignal`). */
export function validateLifecycle(
  lifecycle: JSONObject,
  grace: number | undefined,
  os: string | undefined,
  path: FieldPath,
  errs: FieldError[],
): void {
  for (const key of ['postStart', 'preStop']) {
    const h = objAt(lifecycle, key);
    if (h) validateHandler(h, LIFECYCLE_HANDLERS, grace, [...path, key], errs);
  }
  if (!has(lifecycle, 'stopSignal')) return;
  const signal = str(lifecycle, 'stopSignal');
  const p = [...path, 'stopSignal'];
  if (os === undefined) errs.push(forbidden(p, 'may not be set for containers with empty `spec.os.name`'));
  else if (os === 'windows' && signal !== 'SIGKILL' && signal !== 'SIGTERM') {
    errs.push(notSupported(p, new GoNamed(signal), ['SIGKILL', 'SIGTERM']));
  } else if (os === 'linux' && !LINUX_SIGNALS.includes(signal)) {
    errs.push(notSupported(p, new GoNamed(signal), LINUX_SIGNALS));
  }
}

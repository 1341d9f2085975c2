import type { FieldPath } from '../../field-path.js';
import { duplicate, type FieldError, GoNamed, invalid, notSupported, required } from '../field-error.js';
import { isObject, type JSONObject, listAt, num, str } from '../json-util.js';
import { isValidPortName, isValidPortNum } from './names.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** core `validation.go` `validateContainerPorts`. */
export function validateContainerPorts(c: JSONObject, path: FieldPath, errs: FieldError[]): void {
  const names = new Set<string>();
  listAt(c, 'ports').forEach((port, i) => {
    if (!isObject(port)) return;
    const idx = [...path, 'ports', i];
    const name = str(port, 'name');
    if (name !== '') {
      const msgs = isValidPortName(name);
      for (const msg of msgs) errs.push(invalid([...idx, 'name'], name, msg));
      if (msgs.length === 0) {
        if (names.has(name)) errs.push(duplicate([...idx, 'name'], name));
        else names.add(name);
      }
    }
    const containerPort = num(port, 'containerPort');
    if (containerPort === 0) errs.push(required([...idx, 'containerPort']));
    else
      for (const msg of isValidPortNum(containerPort))
        errs.push(invalid([...idx, 'containerPort'], containerPort, msg));
    const hostPort = num(port, 'hostPort');
    if (hostPort !== 0)
      for (const msg of isValidPortNum(hostPort)) errs.push(invalid([...idx, 'hostPort'], hostPort, msg));
    const protocol = str(port, 'protocol');
    if (protocol === '') errs.push(required([...idx, 'protocol']));
    else if (!PROTOCOLS.includes(protocol))
      errs.push(notSupported([...idx, 'protocol'], new GoNamed(protocol), PROTOCOLS));
  });
}

/**
 * core `validation.go` `AccumulateUniqueHostPorts` via `checkHostPortConflicts`: a protocol/hostIP/hostPort
 * triple may be used once. `firstIndex` is the index Go prints for the first container: init containers are
 * checked one at a time, so Go prints index 0 for every init container.
 */
export function checkHostPortConflicts(
  containers: readonly JSONObject[],
  listPath: FieldPath,
  errs: FieldError[],
): void {
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    listAt(c, 'ports').forEach((port, pi) => {
      if (!isObject(port)) return;
      const hostPort = num(port, 'hostPort');
      if (hostPort === 0) return;
      const key = `${str(port, 'protocol')}/${str(port, 'hostIP')}/${hostPort}`;
      if (seen.has(key)) errs.push(duplicate([...listPath, ci, 'ports', pi, 'hostPort'], key));
      else seen.add(key);
    });
  });
}

/**
 * core `validation.go` `validatePodHostNetworkDeps`: with `hostNetwork`, a set `hostPort` must equal
 * `containerPort` (`ResourceIsPod` is not set by the kubelet, so 0 is allowed — defaulting fills it anyway).
 */
export function validatePodHostNetworkDeps(spec: JSONObject, errs: FieldError[]): void {
  if (spec.hostNetwork !== true) return;
  listAt(spec, 'containers').forEach((c, i) => {
    if (!isObject(c)) return;
    listAt(c, 'ports').forEach((port, j) => {
      if (!isObject(port)) return;
      const hp = num(port, 'hostPort');
      if (hp !== 0 && hp !== num(port, 'containerPort')) {
        errs.push(
          invalid(
            ['spec', 'containers', i, 'ports', j, 'hostPort'],
            hp,
            'must match `containerPort` when `hostNetwork` is true',
          ),
        );
      }
    });
  });
}

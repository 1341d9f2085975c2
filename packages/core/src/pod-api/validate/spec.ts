import type { FieldPath } from '../../field-path.js';
import {
  type FieldError,
  forbidden,
  GoNamed,
  invalid,
  notFound,
  notSupported,
  required,
  tooLong,
} from '../field-error.js';
import { goQuote } from '../go-format.js';
import { has, isObject, type JSONObject, listAt, num, objAt, str } from '../json-util.js';
import { validateAffinity } from './affinity.js';
import { type PodContext, validateContainers, validateInitContainers } from './containers.js';
import {
  validateDNSPolicy,
  validateHostAliases,
  validateHostnames,
  validatePodDNSConfig,
  validateRestartPolicy,
} from './dns.js';
import { validateEphemeralContainers } from './ephemeral.js';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from './names.js';
import { validatePodHostNetworkDeps } from './ports.js';
import { podClaimNames, validateOverhead, validatePodResources } from './resources.js';
import {
  validateGates,
  validateNodeSelector,
  validateTolerations,
  validateTopologySpreadConstraints,
} from './scheduling.js';
import { type SecurityOptions, validatePodSecurityContext } from './security-context.js';
import { validateVolumes } from './volumes.js';

/** Visits init, regular and ephemeral containers in Go's `VisitContainersWithPath` order. */
export function visitContainers(spec: JSONObject, visit: (c: JSONObject, path: FieldPath) => void): void {
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    listAt(spec, list).forEach((c, i) => {
      if (isObject(c)) visit(c, ['spec', list, i]);
    });
  }
}

/** core `validation.go` `ValidatePodSpec`, in Go's order (resource claims and Windows host-process pods skipped). */
export function validatePodSpec(spec: JSONObject, security: SecurityOptions, errs: FieldError[]): void {
  if (!has(spec, 'terminationGracePeriodSeconds'))
    errs.push(required(['spec', 'terminationGracePeriodSeconds']));
  const hostUsers = spec.hostUsers !== false;
  const volumes = validateVolumes(spec, errs);
  const claimNames = podClaimNames(spec);
  const ctx: PodContext = {
    volumes,
    claimNames,
    grace: has(spec, 'terminationGracePeriodSeconds')
      ? num(spec, 'terminationGracePeriodSeconds')
      : undefined,
    restartPolicy: str(spec, 'restartPolicy'),
    hostUsers,
    os: has(spec, 'os') ? str(objAt(spec, 'os'), 'name') : undefined,
    security,
  };
  validateContainers(spec, ctx, errs);
  validateInitContainers(spec, ctx, errs);
  validateEphemeralContainers(spec, ctx, errs);
  validatePodResources(spec, claimNames, errs);
  validatePodHostNetworkDeps(spec, errs);
  validateRestartPolicy(spec, errs);
  validateDNSPolicy(spec, errs);
  validateNodeSelector(spec, errs);
  validatePodSecurityContext(spec, errs);
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(
      invalid(
        ['spec', 'shareProcessNamespace'],
        true,
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  }
  validateAffinity(spec, errs);
  validatePodDNSConfig(spec, errs);
  validateGates(spec, 'readinessGates', errs);
  validateGates(spec, 'schedulingGates', errs);
  validateTopologySpreadConstraints(spec, errs);
  validateHostUsers(spec, errs);
  validatePodHostName(spec, errs);
  const sa = str(spec, 'serviceAccountName');
  if (sa !== '')
    for (const msg of nameIsDNSSubdomain(sa, false))
      errs.push(invalid(['spec', 'serviceAccountName'], sa, msg));
  const deprecated = str(spec, 'serviceAccount');
  if (deprecated !== sa) {
    errs.push(
      invalid(
        ['spec', 'deprecatedServiceAccount'],
        deprecated,
        `must be the same as serviceAccountName: ${goQuote(sa)}`,
      ),
    );
  }
  const nodeName = str(spec, 'nodeName');
  if (nodeName !== '')
    for (const msg of nameIsDNSSubdomain(nodeName, false))
      errs.push(invalid(['spec', 'nodeName'], nodeName, msg));
  if (has(spec, 'activeDeadlineSeconds')) {
    const v = num(spec, 'activeDeadlineSeconds');
    if (v < 1 || v > 2147483647) {
      errs.push(invalid(['spec', 'activeDeadlineSeconds'], v, 'must be between 1 and 2147483647, inclusive'));
    }
  }
  validateHostnames(spec, errs);
  validateTolerations(spec, errs);
  validateHostAliases(spec, errs);
  const priorityClass = str(spec, 'priorityClassName');
  if (priorityClass !== '') {
    for (const msg of nameIsDNSSubdomain(priorityClass, false))
      errs.push(invalid(['spec', 'priorityClassName'], priorityClass, msg));
  }
  if (has(spec, 'runtimeClassName')) {
    const v = str(spec, 'runtimeClassName');
    for (const msg of nameIsDNSSubdomain(v, false)) errs.push(invalid(['spec', 'runtimeClassName'], v, msg));
  }
  if (has(spec, 'preemptionPolicy')) {
    const v = str(spec, 'preemptionPolicy');
    if (v === '') errs.push(required(['spec', 'preemptionPolicy']));
    else if (v !== 'PreemptLowerPriority' && v !== 'Never') {
      errs.push(
        notSupported(['spec', 'preemptionPolicy'], new GoNamed(v), ['PreemptLowerPriority', 'Never']),
      );
    }
  }
  validateOverhead(spec, errs);
  validateOS(spec, errs);
  validateFileKeyRefVolumes(spec, errs);
}

/** core `validation.go` `validateHostUsers`. */
function validateHostUsers(spec: JSONObject, errs: FieldError[]): void {
  if (spec.hostUsers !== false) return;
  const msg = 'when `hostUsers` is false';
  if (spec.hostNetwork === true) errs.push(forbidden(['spec', 'hostNetwork'], msg));
  if (spec.hostPID === true) errs.push(forbidden(['spec', 'HostPID'], msg));
  if (spec.hostIPC === true) errs.push(forbidden(['spec', 'HostIPC'], msg));
  visitContainers(spec, (c, path) => {
    if (listAt(c, 'volumeDevices').length > 0) errs.push(forbidden([...path, 'volumeDevices'], msg));
  });
}

/** core `validation.go` `validatePodHostName` (`spec.hostnameOverride`). */
function validatePodHostName(spec: JSONObject, errs: FieldError[]): void {
  if (!has(spec, 'hostnameOverride')) return;
  const path = ['spec', 'hostnameOverride'];
  const v = str(spec, 'hostnameOverride');
  if (spec.setHostnameAsFQDN === true)
    errs.push(forbidden(path, 'may not be specified when setHostnameAsFQDN is true'));
  if (spec.hostNetwork === true) errs.push(forbidden(path, 'may not be specified when hostNetwork is true'));
  if (v.length > 64) errs.push(tooLong(path, 64));
  for (const msg of isDNS1123Subdomain(v)) errs.push(invalid(path, v, msg));
}

/**
 * core `validation.go` `validateOS`, then `validateLinux` or `validateWindows` (a Windows pod may
 * not set the Linux-only fields of its pod or container security contexts, nor host namespaces).
 */
function validateOS(spec: JSONObject, errs: FieldError[]): void {
  const os = objAt(spec, 'os');
  if (!os) return;
  const name = str(os, 'name');
  if (name === '') return void errs.push(required(['spec', 'os', 'name']));
  if (name !== 'linux' && name !== 'windows') {
    return void errs.push(notSupported(['spec', 'os'], new GoNamed(name), ['linux', 'windows']));
  }
  if (name === 'windows') {
    validateWindows(spec, errs);
    return;
  }
  const msg = 'windows options cannot be set for a linux pod';
  if (has(objAt(spec, 'securityContext'), 'windowsOptions'))
    errs.push(forbidden(['spec', 'securityContext', 'windowsOptions'], msg));
  visitContainers(spec, (c, path) => {
    if (has(objAt(c, 'securityContext'), 'windowsOptions'))
      errs.push(forbidden([...path, 'securityContext', 'windowsOptions'], msg));
  });
}

/** Pod security context fields `validateWindows` forbids, in its order. */
const WINDOWS_FORBIDDEN_POD_SECURITY = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'fsGroup',
  'fsGroupChangePolicy',
  'sysctls',
  'runAsUser',
  'runAsGroup',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'seLinuxChangePolicy',
] as const;

/** Container security context fields `validateWindows` forbids, in its order. */
const WINDOWS_FORBIDDEN_CONTAINER_SECURITY = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
] as const;

/** core `validation.go` `validateWindows`: Linux-only settings on a pod whose `spec.os.name` is windows. */
function validateWindows(spec: JSONObject, errs: FieldError[]): void {
  const msg = 'cannot be set for a windows pod';
  const podSc = objAt(spec, 'securityContext');
  if (podSc) {
    for (const field of WINDOWS_FORBIDDEN_POD_SECURITY) {
      // `len(sysctls) > 0` for the list; every other field is a pointer or a list compared with nil.
      const set = field === 'sysctls' ? listAt(podSc, field).length > 0 : has(podSc, field);
      if (set) errs.push(forbidden(['spec', 'securityContext', field], msg));
    }
  }
  if (has(spec, 'hostUsers')) errs.push(forbidden(['spec', 'hostUsers'], msg));
  if (spec.hostPID === true) errs.push(forbidden(['spec', 'hostPID'], msg));
  if (spec.hostIPC === true) errs.push(forbidden(['spec', 'hostIPC'], msg));
  if (has(spec, 'shareProcessNamespace')) errs.push(forbidden(['spec', 'shareProcessNamespace'], msg));
  visitContainers(spec, (c, path) => {
    const sc = objAt(c, 'securityContext');
    if (!sc) return;
    for (const field of WINDOWS_FORBIDDEN_CONTAINER_SECURITY)
      if (has(sc, field)) errs.push(forbidden([...path, 'securityContext', field], msg));
  });
}

/** core `validation.go` `validateFileKeyRefVolumes`: `fileKeyRef` must name an emptyDir volume. */
function validateFileKeyRefVolumes(spec: JSONObject, errs: FieldError[]): void {
  const volumes = new Map<string, JSONObject>();
  for (const v of listAt(spec, 'volumes')) if (isObject(v)) volumes.set(str(v, 'name'), v);
  visitContainers(spec, (c, path) => {
    listAt(c, 'env').forEach((env, j) => {
      const ref = isObject(env) ? objAt(objAt(env, 'valueFrom') ?? {}, 'fileKeyRef') : undefined;
      if (!ref) return;
      const name = str(ref, 'volumeName');
      const p = [...path, 'env', j, 'valueFrom', 'fileKeyRef', 'volumeName'];
      const vol = volumes.get(name);
      if (vol === undefined) errs.push(notFound(p, name));
      else if (!isObject(vol.emptyDir))
        errs.push(invalid(p, name, 'referenced volume must be of type emptyDir'));
    });
  });
}

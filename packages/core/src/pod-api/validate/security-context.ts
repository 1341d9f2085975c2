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
import { has, isObject, type JSONObject, listAt, num, objAt, str } from '../json-util.js';
import { isValidID } from './names.js';
import {
  internalSecurityContext,
  strList,
  validateAppArmorProfile,
  validateSeccompProfile,
  validateWindowsOptions,
} from './profiles.js';

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_RE = new RegExp(`^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`);
const SYSCTL_MSG = `must have at most 253 characters and match regex ^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;

/** Options of {@link validateSecurityContext} that come from the kubelet's configuration. */
export interface SecurityOptions {
  /** `capabilities.Get().AllowPrivileged`; the kubelet sets it to true at start-up. */
  readonly allowPrivileged: boolean;
}

/** core `validation.go` `validatePodSpecSecurityContext` (+ `validateSysctls`, `ValidateHostSysctl`). */
export function validatePodSecurityContext(spec: JSONObject, errs: FieldError[]): void {
  const sc = objAt(spec, 'securityContext');
  if (!sc) return;
  const path = ['spec', 'securityContext'];
  for (const key of ['fsGroup', 'runAsUser', 'runAsGroup']) {
    if (has(sc, key))
      for (const msg of isValidID(num(sc, key))) errs.push(invalid([...path, key], num(sc, key), msg));
  }
  (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((g, i) => {
    const gid = typeof g === 'number' ? g : 0;
    for (const msg of isValidID(gid)) errs.push(invalid([...path, 'supplementalGroups', i], gid, msg));
  });
  const names = new Set<string>();
  listAt(sc, 'sysctls').forEach((s, i) => {
    const name = isObject(s) ? str(s, 'name') : '';
    const p = [...path, 'sysctls', i, 'name'];
    if (name === '') errs.push(required(p));
    else if (name.length > 253 || !SYSCTL_RE.test(name)) errs.push(invalid(p, name, SYSCTL_MSG));
    else if (names.has(name)) errs.push(duplicate(p, name));
    const ns = sysctlNamespace(name);
    if (spec.hostNetwork === true && ns === 'Net')
      errs.push(invalid(p, name, "may not be specified when 'hostNetwork' is true"));
    else if (spec.hostIPC === true && ns === 'IPC')
      errs.push(invalid(p, name, "may not be specified when 'hostIPC' is true"));
    names.add(name);
  });
  if (has(sc, 'fsGroupChangePolicy')) {
    const v = str(sc, 'fsGroupChangePolicy');
    if (v !== 'Always' && v !== 'OnRootMismatch') {
      errs.push(notSupported([...path, 'fsGroupChangePolicy'], new GoNamed(v), ['Always', 'OnRootMismatch']));
    }
  }
  validateSeccompProfile(objAt(sc, 'seccompProfile'), [...path, 'seccompProfile'], errs);
  validateWindowsOptions(objAt(sc, 'windowsOptions'), [...path, 'windowsOptions'], errs);
  validateAppArmorProfile(objAt(sc, 'appArmorProfile'), [...path, 'appArmorProfile'], errs);
  if (has(sc, 'supplementalGroupsPolicy')) {
    const v = str(sc, 'supplementalGroupsPolicy');
    if (v !== 'Merge' && v !== 'Strict') {
      errs.push(notSupported([...path, 'supplementalGroupsPolicy'], new GoNamed(v), ['Merge', 'Strict']));
    }
  }
  if (has(sc, 'seLinuxChangePolicy')) {
    // SELinuxMount is on in 1.37, so both policies are allowed.
    const v = str(sc, 'seLinuxChangePolicy');
    if (v !== 'MountOption' && v !== 'Recursive') {
      errs.push(notSupported([...path, 'seLinuxChangePolicy'], new GoNamed(v), ['MountOption', 'Recursive']));
    }
  }
}

/** `component-helpers/node/util/sysctl` `GetNamespace` (Net and IPC only). */
function sysctlNamespace(sysctl: string): 'Net' | 'IPC' | '' {
  let name = sysctl;
  const sep = name.search(/[./]/);
  if (sep >= 0 && name[sep] === '/') name = name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
  const star = name.indexOf('*');
  if (star >= 0) name = name.slice(0, star);
  if (/^kernel\.(sem|shmall|shmmax|shmmni|shm_rmid_forced|shm|msgmax|msgmnb|msgmni|msg)$/.test(name))
    return 'IPC';
  if (name.startsWith('net.')) return 'Net';
  if (name.startsWith('fs.mqueue.')) return 'IPC';
  return '';
}

/** core `validation.go` `ValidateSecurityContext` for a container. */
export function validateSecurityContext(
  c: JSONObject,
  hostUsers: boolean,
  opts: SecurityOptions,
  path: FieldPath,
  errs: FieldError[],
): void {
  const sc = objAt(c, 'securityContext');
  if (!sc) return;
  const p = [...path, 'securityContext'];
  if (sc.privileged === true && !opts.allowPrivileged) {
    errs.push(forbidden([...p, 'privileged'], 'disallowed by cluster policy'));
  }
  for (const key of ['runAsUser', 'runAsGroup']) {
    if (has(sc, key))
      for (const msg of isValidID(num(sc, key))) errs.push(invalid([...p, key], num(sc, key), msg));
  }
  if (has(sc, 'procMount')) {
    const v = str(sc, 'procMount');
    if (v !== 'Default' && v !== 'Unmasked')
      errs.push(notSupported([...p, 'procMount'], new GoNamed(v), ['Default', 'Unmasked']));
    if (hostUsers && v === 'Unmasked') {
      errs.push(invalid([...p, 'procMount'], new GoNamed(v), '`hostUsers` must be false to use `Unmasked`'));
    }
  }
  validateSeccompProfile(objAt(sc, 'seccompProfile'), [...p, 'seccompProfile'], errs);
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      errs.push(
        invalid(
          p,
          internalSecurityContext(sc),
          'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
        ),
      );
    }
    for (const cap of strList(objAt(sc, 'capabilities')?.add) ?? []) {
      if (cap === 'CAP_SYS_ADMIN') {
        errs.push(
          invalid(
            p,
            internalSecurityContext(sc),
            'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
          ),
        );
      }
    }
  }
  validateWindowsOptions(objAt(sc, 'windowsOptions'), [...p, 'windowsOptions'], errs);
  validateAppArmorProfile(objAt(sc, 'appArmorProfile'), [...p, 'appArmorProfile'], errs);
}

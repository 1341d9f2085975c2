import type { FieldPath } from '../../field-path.js';
import { type FieldError, GoNamed, invalid, notSupported, required, tooLong } from '../field-error.js';
import { GoStruct } from '../go-format.js';
import { has, type JSONObject, objAt, str } from '../json-util.js';
import { isDNS1123Subdomain } from './names.js';
import { validateLocalDescendingPath } from './paths.js';

/** A pointer field of an internal (untagged) Go struct, for `json.Marshal` of Go field names. */
export const ptr = (o: JSONObject | undefined, key: string) => (o && has(o, key) ? o[key] : null);
export const strList = (v: unknown) => (Array.isArray(v) ? v : null);

/** `json.Marshal` of an internal `*core.SeccompProfile` / `*core.AppArmorProfile` (no JSON tags). */
export function internalProfile(p: JSONObject | undefined): GoStruct | null {
  return p
    ? new GoStruct([
        ['Type', str(p, 'type')],
        ['LocalhostProfile', ptr(p, 'localhostProfile')],
      ])
    : null;
}

/** `json.Marshal` of an internal `*core.SecurityContext`, which Go prints as the bad value of some errors. */
export function internalSecurityContext(sc: JSONObject): GoStruct {
  const caps = objAt(sc, 'capabilities');
  const se = objAt(sc, 'seLinuxOptions');
  const win = objAt(sc, 'windowsOptions');
  return new GoStruct([
    [
      'Capabilities',
      caps
        ? new GoStruct([
            ['Add', strList(caps.add)],
            ['Drop', strList(caps.drop)],
          ])
        : null,
    ],
    ['Privileged', ptr(sc, 'privileged')],
    [
      'SELinuxOptions',
      se
        ? new GoStruct(
            ['user', 'role', 'type', 'level'].map((k) => [k[0]?.toUpperCase() + k.slice(1), str(se, k)]),
          )
        : null,
    ],
    [
      'WindowsOptions',
      win
        ? new GoStruct([
            ['GMSACredentialSpecName', ptr(win, 'gmsaCredentialSpecName')],
            ['GMSACredentialSpec', ptr(win, 'gmsaCredentialSpec')],
            ['RunAsUserName', ptr(win, 'runAsUserName')],
            ['HostProcess', ptr(win, 'hostProcess')],
          ])
        : null,
    ],
    ['RunAsUser', ptr(sc, 'runAsUser')],
    ['RunAsGroup', ptr(sc, 'runAsGroup')],
    ['RunAsNonRoot', ptr(sc, 'runAsNonRoot')],
    ['ReadOnlyRootFilesystem', ptr(sc, 'readOnlyRootFilesystem')],
    ['AllowPrivilegeEscalation', ptr(sc, 'allowPrivilegeEscalation')],
    ['ProcMount', ptr(sc, 'procMount')],
    ['SeccompProfile', internalProfile(objAt(sc, 'seccompProfile'))],
    ['AppArmorProfile', internalProfile(objAt(sc, 'appArmorProfile'))],
  ]);
}

/** core `validation.go` `validateSeccompProfileField`. */
export function validateSeccompProfile(
  sp: JSONObject | undefined,
  path: FieldPath,
  errs: FieldError[],
): void {
  if (!sp) return;
  const type = str(sp, 'type');
  if (type === '') errs.push(required([...path, 'type'], 'type is required when seccompProfile is set'));
  else if (type !== 'Localhost' && type !== 'RuntimeDefault' && type !== 'Unconfined') {
    errs.push(
      notSupported([...path, 'type'], new GoNamed(type), ['Localhost', 'RuntimeDefault', 'Unconfined']),
    );
  }
  if (type === 'Localhost') {
    if (!has(sp, 'localhostProfile')) {
      errs.push(required([...path, 'localhostProfile'], 'must be set when seccomp type is Localhost'));
    } else validateLocalDescendingPath(str(sp, 'localhostProfile'), [...path, 'localhostProfile'], errs);
  } else if (has(sp, 'localhostProfile')) {
    errs.push(
      invalid(
        [...path, 'localhostProfile'],
        internalProfile(sp),
        'can only be set when seccomp type is Localhost',
      ),
    );
  }
}

/** core `validation.go` `ValidateAppArmorProfileField`. */
export function validateAppArmorProfile(
  p: JSONObject | undefined,
  path: FieldPath,
  errs: FieldError[],
): void {
  if (!p) return;
  const type = str(p, 'type');
  const lp = [...path, 'localhostProfile'];
  if (type === 'Localhost') {
    if (!has(p, 'localhostProfile'))
      return void errs.push(required(lp, 'must be set when AppArmor type is Localhost'));
    const profile = str(p, 'localhostProfile');
    if (profile.trim() !== profile) errs.push(invalid(lp, profile, 'must not be padded with whitespace'));
    else if (profile === '') errs.push(required(lp, 'must be set when AppArmor type is Localhost'));
    if (profile.length > 4095) errs.push(tooLong(lp, 4095));
  } else if (type === 'RuntimeDefault' || type === 'Unconfined') {
    if (has(p, 'localhostProfile')) {
      errs.push(
        invalid(
          lp,
          new GoNamed(str(p, 'localhostProfile')),
          'can only be set when AppArmor type is Localhost',
        ),
      );
    }
  } else if (type === '') {
    errs.push(required([...path, 'type'], 'type is required when appArmorProfile is set'));
  } else {
    errs.push(
      notSupported([...path, 'type'], new GoNamed(type), ['Localhost', 'RuntimeDefault', 'Unconfined']),
    );
  }
}

/** core `validation.go` `validateWindowsSecurityContextOptions` (credential spec name and empty strings only). */
export function validateWindowsOptions(w: JSONObject | undefined, path: FieldPath, errs: FieldError[]): void {
  if (!w) return;
  if (has(w, 'gmsaCredentialSpecName')) {
    const name = str(w, 'gmsaCredentialSpecName');
    for (const msg of isDNS1123Subdomain(name))
      errs.push(invalid([...path, 'gmsaCredentialSpecName'], new GoNamed(name), msg));
  }
  if (has(w, 'gmsaCredentialSpec') && str(w, 'gmsaCredentialSpec') === '') {
    errs.push(
      invalid(
        [...path, 'gmsaCredentialSpec'],
        new GoNamed(''),
        'gmsaCredentialSpec cannot be an empty string',
      ),
    );
  }
  if (has(w, 'runAsUserName') && str(w, 'runAsUserName') === '') {
    errs.push(
      invalid([...path, 'runAsUserName'], new GoNamed(''), 'runAsUserName cannot be an empty string'),
    );
  }
}

import { type FieldError, forbidden } from '../field-error.js';
import { type JSONObject, objAt, str } from '../json-util.js';
import { visitContainers } from './spec.js';

const MUST_MATCH = (what: string) => `${what} type in annotation and field must match`;

/** core `validation.go` `validateSeccompAnnotationsAndFieldsMatch`. */
function seccompMatch(
  annotation: string,
  profile: JSONObject,
  path: (string | number)[],
  errs: FieldError[],
): void {
  switch (str(profile, 'type')) {
    case 'Unconfined':
      if (annotation !== 'unconfined') errs.push(forbidden([...path, 'type'], MUST_MATCH('seccomp')));
      return;
    case 'RuntimeDefault':
      if (annotation !== 'runtime/default' && annotation !== 'docker/default') {
        errs.push(forbidden([...path, 'type'], MUST_MATCH('seccomp')));
      }
      return;
    case 'Localhost':
      if (!annotation.startsWith('localhost/'))
        errs.push(forbidden([...path, 'type'], MUST_MATCH('seccomp')));
      else if (
        typeof profile.localhostProfile !== 'string' ||
        annotation.slice(10) !== profile.localhostProfile
      ) {
        errs.push(
          forbidden([...path, 'localhostProfile'], 'seccomp profile in annotation and field must match'),
        );
      }
  }
}

/** core `validation.go` `validateSeccompAnnotationsAndFields`. */
export function validateSeccompAnnotationsAndFields(
  meta: JSONObject,
  spec: JSONObject,
  errs: FieldError[],
): void {
  const annotations = objAt(meta, 'annotations') ?? {};
  const podProfile = objAt(objAt(spec, 'securityContext') ?? {}, 'seccompProfile');
  if (podProfile && Object.hasOwn(annotations, 'seccomp.security.alpha.kubernetes.io/pod')) {
    seccompMatch(
      str(annotations, 'seccomp.security.alpha.kubernetes.io/pod'),
      podProfile,
      ['spec', 'securityContext', 'seccompProfile'],
      errs,
    );
  }
  visitContainers(spec, (c, path) => {
    const profile = objAt(objAt(c, 'securityContext') ?? {}, 'seccompProfile');
    const key = `container.seccomp.security.alpha.kubernetes.io/${str(c, 'name')}`;
    if (profile && Object.hasOwn(annotations, key)) {
      seccompMatch(str(annotations, key), profile, [...path, 'securityContext', 'seccompProfile'], errs);
    }
  });
}

/** core `validation.go` `validateAppArmorAnnotationsAndFieldsMatchOnCreate`. */
export function validateAppArmorAnnotationsAndFields(
  meta: JSONObject,
  spec: JSONObject,
  errs: FieldError[],
): void {
  if (str(objAt(spec, 'os'), 'name') === 'windows') return;
  const annotations = objAt(meta, 'annotations') ?? {};
  const podProfile = objAt(objAt(spec, 'securityContext') ?? {}, 'appArmorProfile');
  visitContainers(spec, (c, path) => {
    const profile = objAt(objAt(c, 'securityContext') ?? {}, 'appArmorProfile') ?? podProfile;
    const key = `container.apparmor.security.beta.kubernetes.io/${str(c, 'name')}`;
    if (!profile || !Object.hasOwn(annotations, key)) return;
    const annotation = str(annotations, key);
    const p = [...path, 'securityContext', 'appArmorProfile'];
    switch (str(profile, 'type')) {
      case 'Unconfined':
        if (annotation !== 'unconfined') errs.push(forbidden([...p, 'type'], MUST_MATCH('apparmor')));
        return;
      case 'RuntimeDefault':
        if (annotation !== 'runtime/default') errs.push(forbidden([...p, 'type'], MUST_MATCH('apparmor')));
        return;
      case 'Localhost':
        if (!annotation.startsWith('localhost/'))
          errs.push(forbidden([...p, 'type'], MUST_MATCH('apparmor')));
        else if (
          typeof profile.localhostProfile !== 'string' ||
          annotation.slice(10) !== profile.localhostProfile
        ) {
          errs.push(
            forbidden([...p, 'localhostProfile'], 'apparmor profile in annotation and field must match'),
          );
        }
    }
  });
}

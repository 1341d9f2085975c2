import type { FieldPath } from '../../field-path.js';
import {
  duplicate,
  type FieldError,
  forbidden,
  GoNamed,
  invalid,
  notFound,
  notSupported,
  required,
} from '../field-error.js';
import { isObject, type JSONObject, listAt, objAt, str } from '../json-util.js';
import type { PodContext } from './containers.js';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths.js';

/** core `validation.go` `ValidateVolumeMounts` (subPath errors are reported on the list path, as in Go). */
export function validateVolumeMounts(
  c: JSONObject,
  ctx: PodContext,
  path: FieldPath,
  errs: FieldError[],
): void {
  const devices = listAt(c, 'volumeDevices').filter(isObject);
  const deviceNames = new Set(devices.map((d) => str(d, 'name')));
  const devicePaths = new Set(devices.map((d) => str(d, 'devicePath')));
  const privileged = objAt(c, 'securityContext')?.privileged === true;
  const mountPoints = new Set<string>();
  listAt(c, 'volumeMounts').forEach((m, i) => {
    if (!isObject(m)) return;
    const idx = [...path, i];
    const name = str(m, 'name');
    const mountPath = str(m, 'mountPath');
    if (name === '') errs.push(required([...idx, 'name']));
    if (!ctx.volumes.has(name)) errs.push(notFound([...idx, 'name'], name));
    if (mountPath === '') errs.push(required([...idx, 'mountPath']));
    if (mountPoints.has(mountPath)) errs.push(invalid([...idx, 'mountPath'], mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (deviceNames.has(name))
      errs.push(invalid([...idx, 'name'], name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) {
      errs.push(
        invalid([...idx, 'mountPath'], mountPath, 'must not already exist as a path in volumeDevices'),
      );
    }
    const subPath = str(m, 'subPath');
    if (subPath !== '') validateLocalDescendingPath(subPath, [...path, 'subPath'], errs);
    const subPathExpr = str(m, 'subPathExpr');
    if (subPathExpr !== '') {
      if (subPath !== '') {
        errs.push(
          invalid([...idx, 'subPathExpr'], subPathExpr, 'subPathExpr and subPath are mutually exclusive'),
        );
      }
      validateLocalDescendingPath(subPathExpr, [...path, 'subPathExpr'], errs);
    }
    const propagation = typeof m.mountPropagation === 'string' ? m.mountPropagation : undefined;
    if (propagation !== undefined) {
      if (!['Bidirectional', 'HostToContainer', 'None'].includes(propagation)) {
        errs.push(
          notSupported([...path, 'mountPropagation'], new GoNamed(propagation), [
            'Bidirectional',
            'HostToContainer',
            'None',
          ]),
        );
      }
      if (propagation === 'Bidirectional' && !privileged) {
        errs.push(
          forbidden(
            [...path, 'mountPropagation'],
            'Bidirectional mount propagation is available only to privileged containers',
          ),
        );
      }
    }
    const rro = typeof m.recursiveReadOnly === 'string' ? m.recursiveReadOnly : undefined;
    if (rro !== undefined && rro !== 'Disabled') {
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (m.readOnly !== true)
          errs.push(forbidden([...path, 'recursiveReadOnly'], 'may only be specified when readOnly is true'));
        if (propagation !== undefined && propagation !== 'None') {
          errs.push(
            forbidden(
              [...path, 'recursiveReadOnly'],
              'may only be specified when mountPropagation is None or not specified',
            ),
          );
        }
      } else {
        errs.push(
          notSupported([...path, 'recursiveReadOnly'], new GoNamed(rro), [
            'Disabled',
            'Enabled',
            'IfPossible',
          ]),
        );
      }
    }
    const bindOpts = Array.isArray(m.bindMountOptions) ? m.bindMountOptions : [];
    const seen = new Set<unknown>();
    bindOpts.forEach((opt, j) => {
      const p = [...idx, 'bindMountOptions', j];
      if (!['nodev', 'noexec', 'nosuid'].includes(opt as string)) {
        errs.push(notSupported(p, new GoNamed(opt), ['nodev', 'noexec', 'nosuid']));
      }
      if (seen.has(opt)) errs.push(duplicate(p, new GoNamed(opt)));
      seen.add(opt);
    });
    if (bindOpts.length > 0 && ctx.volumes.get(name)?.image !== undefined) {
      errs.push(
        invalid(
          [...idx, 'bindMountOptions'],
          bindOpts,
          'bindMountOptions may not be used with image volumes',
        ),
      );
    }
  });
}

/** core `validation.go` `ValidateVolumeDevices`. */
export function validateVolumeDevices(
  c: JSONObject,
  ctx: PodContext,
  path: FieldPath,
  errs: FieldError[],
): void {
  const mounts = listAt(c, 'volumeMounts').filter(isObject);
  const mountNames = new Set(mounts.map((m) => str(m, 'name')));
  const mountPaths = new Set(mounts.map((m) => str(m, 'mountPath')));
  const paths = new Set<string>();
  const names = new Set<string>();
  listAt(c, 'volumeDevices').forEach((d, i) => {
    if (!isObject(d)) return;
    const idx = [...path, i];
    const name = str(d, 'name');
    const devicePath = str(d, 'devicePath');
    const vol = ctx.volumes.get(name);
    if (name === '') errs.push(required([...idx, 'name']));
    if (names.has(name)) errs.push(invalid([...idx, 'name'], name, 'must be unique'));
    if (vol !== undefined && !isObject(vol.persistentVolumeClaim) && !isObject(vol.ephemeral)) {
      errs.push(
        invalid(
          [...idx, 'name'],
          name,
          'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
        ),
      );
    }
    if (vol === undefined) errs.push(notFound([...idx, 'name'], name));
    if (devicePath === '') errs.push(required([...idx, 'devicePath']));
    if (paths.has(devicePath)) errs.push(invalid([...idx, 'devicePath'], devicePath, 'must be unique'));
    const backsteps: FieldError[] = [];
    if (devicePath !== '') validatePathNoBacksteps(devicePath, [...path, 'devicePath'], backsteps);
    if (backsteps.length > 0)
      errs.push(invalid([...idx, 'devicePath'], devicePath, "can not contain backsteps ('..')"));
    else paths.add(devicePath);
    if (mountNames.has(name))
      errs.push(invalid([...idx, 'name'], name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath)) {
      errs.push(
        invalid([...idx, 'devicePath'], devicePath, 'must not already exist as a path in volumeMounts'),
      );
    }
    if (name !== '') names.add(name);
  });
}

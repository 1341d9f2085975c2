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
import { compareQuantities, parseQuantity, quantityFromJSON } from '../quantity.js';
import { isDNS1123Label } from './names.js';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths.js';
import { validatePullPolicy } from './pull-policy.js';
import {
  validateCSI,
  validateDownwardAPIFile,
  validateKeyToPath,
  validateMode,
  validateProjectionSources,
  validateUser,
} from './volume-sources.js';

const EMPTY_DIR_MODE_MSG = 'must be a number between 0 and 01777 (octal), both inclusive';
// biome-ignore format: a table
const HOST_PATH_TYPES = [
  '', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket',
];
const ZERO = parseQuantity('0');

/**
 * The volume sources in the order `validateVolumeSource` checks them, with the path element Go uses in its
 * `may not specify more than 1 volume type` error (it misspells two of them).
 */
// biome-ignore format: a table
const SOURCE_ORDER: readonly (readonly [json: string, forbiddenName: string])[] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'], ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'], ['glusterfs', 'glusterfs'], ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'], ['cinder', 'cinder'],
  ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'], ['storageos', 'storageos'],
  ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

/**
 * core `validation.go` `ValidateVolumes`: returns the names of the volumes without errors (what volume mounts
 * may refer to) and reports volume errors.
 */
export function validateVolumes(spec: JSONObject, errs: FieldError[]): Map<string, JSONObject> {
  const vols = new Map<string, JSONObject>();
  listAt(spec, 'volumes').forEach((vol, i) => {
    if (!isObject(vol)) return;
    const path: FieldPath = ['spec', 'volumes', i];
    const el: FieldError[] = [];
    validateVolumeSource(vol, path, el);
    const name = str(vol, 'name');
    if (name === '') el.push(required([...path, 'name']));
    else for (const msg of isDNS1123Label(name)) el.push(invalid([...path, 'name'], name, msg));
    if (vols.has(name)) el.push(duplicate([...path, 'name'], name));
    if (el.length === 0) vols.set(name, vol);
    else errs.push(...el);
  });
  return vols;
}

/** core `validation.go` `validateVolumeSource`. */
function validateVolumeSource(vol: JSONObject, path: FieldPath, errs: FieldError[]): void {
  let count = 0;
  for (const [key, forbiddenName] of SOURCE_ORDER) {
    const src = objAt(vol, key);
    if (src === undefined) continue;
    if (key === 'emptyDir') {
      count++;
      validateEmptyDir(src, [...path, 'emptyDir'], errs);
      continue;
    }
    if (count > 0) {
      errs.push(forbidden([...path, forbiddenName], 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    validateSource(key, src, [...path, key === 'gcePersistentDisk' ? 'persistentDisk' : key], errs);
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
}

function validateEmptyDir(src: JSONObject, path: FieldPath, errs: FieldError[]): void {
  const limit = quantityFromJSON(src.sizeLimit);
  if (
    limit !== undefined &&
    typeof limit !== 'string' &&
    typeof ZERO !== 'string' &&
    compareQuantities(limit, ZERO) < 0
  ) {
    errs.push(forbidden([...path, 'sizeLimit'], 'SizeLimit field must be a valid resource quantity'));
  }
  if (has(src, 'mode') && (num(src, 'mode') > 0o1777 || num(src, 'mode') < 0)) {
    errs.push(invalid([...path, 'mode'], num(src, 'mode'), EMPTY_DIR_MODE_MSG));
  }
}

function validateSource(key: string, src: JSONObject, path: FieldPath, errs: FieldError[]): void {
  switch (key) {
    case 'hostPath': {
      const p = str(src, 'path');
      if (p === '') return void errs.push(required([...path, 'path']));
      validatePathNoBacksteps(p, [...path, 'path'], errs);
      if (has(src, 'type') && !HOST_PATH_TYPES.includes(str(src, 'type'))) {
        errs.push(notSupported([...path, 'type'], new GoNamed(str(src, 'type')), HOST_PATH_TYPES));
      }
      return;
    }
    case 'gitRepo':
      if (str(src, 'repository') === '') errs.push(required([...path, 'repository']));
      validateLocalDescendingPath(str(src, 'directory'), [...path, 'directory'], errs);
      return;
    case 'secret':
    case 'configMap':
      if (str(src, key === 'secret' ? 'secretName' : 'name') === '') {
        errs.push(required([...path, key === 'secret' ? 'secretName' : 'name']));
      }
      validateMode(src, 'defaultMode', path, errs);
      validateUser(src, 'defaultUser', path, errs);
      listAt(src, 'items').forEach((item, i) => {
        if (isObject(item)) validateKeyToPath(item, [...path, 'items', i], errs);
      });
      return;
    case 'nfs':
      if (str(src, 'server') === '') errs.push(required([...path, 'server']));
      if (str(src, 'path') === '') errs.push(required([...path, 'path']));
      if (!str(src, 'path').startsWith('/'))
        errs.push(invalid([...path, 'path'], str(src, 'path'), 'must be an absolute path'));
      return;
    case 'persistentVolumeClaim':
      if (str(src, 'claimName') === '') errs.push(required([...path, 'claimName']));
      return;
    case 'downwardAPI':
      validateMode(src, 'defaultMode', path, errs);
      validateUser(src, 'defaultUser', path, errs);
      for (const item of listAt(src, 'items')) if (isObject(item)) validateDownwardAPIFile(item, path, errs);
      return;
    case 'projected':
      validateMode(src, 'defaultMode', path, errs);
      validateUser(src, 'defaultUser', path, errs);
      validateProjectionSources(src, path, errs);
      return;
    case 'csi':
      validateCSI(src, path, errs);
      return;
    case 'image':
      if (str(src, 'reference') === '') errs.push(required([...path, 'reference']));
      validatePullPolicy(str(src, 'pullPolicy'), [...path, 'pullPolicy'], errs);
      return;
    case 'ephemeral':
      if (!has(src, 'volumeClaimTemplate')) errs.push(required([...path, 'volumeClaimTemplate']));
      return;
  }
}

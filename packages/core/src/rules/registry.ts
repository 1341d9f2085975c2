import type { Rule } from './rule.js';
import { sp001 } from './sp001-file-ignored-dotfile.js';
import { sp002 } from './sp002-stray-file-in-manifest-dir.js';
import { sp003 } from './sp003-subdirectory-not-read.js';
import { sp004 } from './sp004-file-too-large.js';
import { sp005 } from './sp005-multi-document.js';
import { sp006 } from './sp006-not-a-pod.js';
import { sp007 } from './sp007-name-required.js';
import { sp008 } from './sp008-generated-name-invalid.js';
import { sp009 } from './sp009-pod-validation.js';
import { sp010 } from './sp010-ephemeral-containers-in-manifest.js';
import { sp011 } from './sp011-scheduling-gates.js';
import { sp012 } from './sp012-service-account.js';
import { sp013 } from './sp013-secret-reference.js';
import { sp014 } from './sp014-configmap-reference.js';
import { sp015 } from './sp015-sa-token-projection.js';
import { sp016 } from './sp016-pvc.js';
import { sp017 } from './sp017-ephemeral-volume.js';
import { sp018 } from './sp018-cluster-trust-bundle.js';
import { sp019 } from './sp019-pod-certificate.js';
import { sp020 } from './sp020-resource-claims.js';
import { sp021 } from './sp021-csi-volume.js';
import { sp022 } from './sp022-glusterfs-volume.js';
import { sp023 } from './sp023-unknown-volume.js';
import { sp024 } from './sp024-owner-references.js';
import { sp025 } from './sp025-namespace-missing.js';
import { sp026 } from './sp026-priority-mismatch.js';
import { sp027 } from './sp027-priority-missing.js';
import { sp028 } from './sp028-nodename-ignored.js';
import { sp029 } from './sp029-uid-set.js';
import { sp030 } from './sp030-duplicate-name.js';
import { sp033 } from './sp033-kubelet-admission.js';
import { sp034 } from './sp034-restart-policy-for-daemonset.js';
import { sp035 } from './sp035-hostport-surge.js';
import { sp036 } from './sp036-control-plane-toleration.js';
import { sp037 } from './sp037-priority-not-node-critical.js';
import { sp038 } from './sp038-manifest-syntax.js';
import { sp039 } from './sp039-duplicate-key.js';
import { sp040 } from './sp040-unrendered-placeholder.js';
import { sp041 } from './sp041-suppression-without-reason.js';
import { sp042 } from './sp042-unreadable-entry.js';
import { sp043 } from './sp043-unknown-field.js';
import { sp044 } from './sp044-mirror-pod-as-manifest.js';

/**
 * Every rule, in id order. SP031 (editing a mirror Pod's annotation) and SP032 (ephemeral
 * containers on a mirror Pod) concern API actions on existing mirror Pods, not manifests, and are
 * not rules here; see docs/rules.md.
 */
export const allRules: readonly Rule[] = [
  sp001,
  sp002,
  sp003,
  sp004,
  sp005,
  sp006,
  sp007,
  sp008,
  sp009,
  sp010,
  sp011,
  sp012,
  sp013,
  sp014,
  sp015,
  sp016,
  sp017,
  sp018,
  sp019,
  sp020,
  sp021,
  sp022,
  sp023,
  sp024,
  sp025,
  sp026,
  sp027,
  sp028,
  sp029,
  sp030,
  sp033,
  sp034,
  sp035,
  sp036,
  sp037,
  sp038,
  sp039,
  sp040,
  sp041,
  sp042,
  sp043,
  sp044,
];

/** A rule by id (`SP013`, case-insensitive) or name (`secret-reference`). */
export function findRule(idOrName: string): Rule | undefined {
  const key = idOrName.trim();
  return allRules.find((r) => r.id === key.toUpperCase() || r.name === key);
}

import { checkPlanOptions } from './cutover-paths.js';
import { buildCutoverPlan } from './cutover-plan.js';
import { daemonSetFromPod } from './daemonset-from-pod.js';
import { listing, Notes } from './notes.js';
import { prepareSource } from './prepare-source.js';
import { selectorString } from './selector.js';
import type { ConversionResult, ConvertOptions, MirrorPodSource, StaticPodSource } from './types.js';

/** `terminationGracePeriodSeconds` default (`SetDefaults_PodSpec`, pkg/apis/core/v1/defaults.go). */
const DEFAULT_GRACE_SECONDS = 30;

/**
 * Converts one static Pod (a manifest, or the mirror Pods it has on its nodes) into an `apps/v1`
 * DaemonSet, with a note for every change and a cut-over plan. Expected refusals (a control-plane
 * component without `force`, a restartPolicy a DaemonSet cannot have without `rewriteRestartPolicy`,
 * `activeDeadlineSeconds`, mirror Pods that differ between nodes, invalid options) are results with
 * `ok: false` and at least one error note, never exceptions. The same input always gives the same
 * output.
 * @throws StaticPodsError E_INVALID_ARGUMENT when a mirror source has no Pods.
 */
export function convertStaticPod(
  source: StaticPodSource | MirrorPodSource,
  options: ConvertOptions = {},
): ConversionResult {
  const notes = new Notes();
  const prepared = prepareSource(source, notes);
  if (!prepared) return { ok: false, notes: notes.items };
  const built = daemonSetFromPod(prepared, options, notes);
  const pathInput = {
    staticName: prepared.staticName,
    file: prepared.file,
    staticPodPath: options.staticPodPath,
    backupDir: options.backupDir,
  };
  checkPlanOptions(pathInput, notes);
  if (prepared.kind === 'mirror' && built.placementNodes.length > 0)
    notePlanNodes(prepared.nodes, built.placementNodes, notes);
  if (notes.hasErrors) return { ok: false, notes: notes.items };
  // The plan walks the nodes the DaemonSet takes over: named by a `nodes` placement, else the mirror Pods' nodes.
  const nodes = built.placementNodes.length > 0 ? built.placementNodes : prepared.nodes;
  const plan = buildCutoverPlan({
    ...pathInput,
    ...(prepared.namespace !== built.namespace && { staticNamespace: prepared.namespace }),
    namespace: built.namespace,
    name: built.name,
    nodes,
    ...(built.gate && { gate: built.gate }),
    podSelector: selectorString(built.selector),
    terminationGracePeriodSeconds: prepared.pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
  });
  return { ok: true, daemonSet: built.daemonSet, notes: notes.items, plan };
}

/** A `nodes` placement that does not match where the mirror Pods run leaves static Pods behind, or adds nodes. */
function notePlanNodes(observed: readonly string[], placed: readonly string[], notes: Notes): void {
  const left = observed.filter((n) => !placed.includes(n));
  const added = placed.filter((n) => !observed.includes(n));
  if (left.length > 0) {
    notes.warn(
      'placement',
      `the static Pod also runs on ${listing(left)}, which the placement leaves out: the cut-over plan does not ` +
        'touch those nodes, and their static Pods keep running.',
    );
  }
  if (added.length > 0) {
    notes.info(
      'placement',
      `${listing(added)} ran no mirror Pod: the plan's manifest steps find no file there (mv fails); label those ` +
        'nodes only.',
    );
  }
}

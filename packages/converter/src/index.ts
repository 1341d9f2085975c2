export { toJson, toYaml } from './canonical-output.js';
export { convertStaticPod } from './convert-static-pod.js';
export { DEFAULT_STATIC_POD_PATH } from './cutover-paths.js';
export { buildCutoverPlan, READY_TIMEOUT_SECONDS } from './cutover-plan.js';
export { GATE_LABEL_PREFIX, gateLabelKey } from './migration-gate.js';
export {
  countByStatus,
  type DecodedMigrationState,
  decodeMigrationState,
  encodeMigrationState,
  forwardSteps,
  MIGRATION_STATE_ANNOTATION,
  type MigrationState,
  migrationOrder,
  type NodeProgress,
  type NodeStatus,
  newMigrationState,
  planOf,
  safeNodeOrder,
  withNode,
} from './migration-state.js';
export { type NodeAction, type NodeScriptOptions, nodeScript, SCRIPT_REFUSED } from './node-script.js';
export { formatNote, type NoteCode, type OptionNamer, optionName } from './notes.js';
export { CONVERTED_BY_ANNOTATION, CONVERTED_FROM_ANNOTATION } from './provenance.js';
export { renderCutoverPlan } from './render-cutover-plan.js';
export type {
  ConversionNote,
  ConversionResult,
  ConvertOptions,
  CutoverAction,
  CutoverOperation,
  CutoverPlan,
  CutoverPlanInput,
  CutoverStep,
  CutoverWait,
  MirrorPodDifference,
  MirrorPodGroup,
  MirrorPodSource,
  NoteSeverity,
  Placement,
  Remedy,
  StaticPodSource,
} from './types.js';

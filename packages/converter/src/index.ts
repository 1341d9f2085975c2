export { toJson, toYaml } from './canonical-output.js';
export { convertStaticPod } from './convert-static-pod.js';
export { DEFAULT_STATIC_POD_PATH } from './cutover-paths.js';
export { GATE_LABEL_PREFIX, gateLabelKey } from './migration-gate.js';
export { formatNote, type NoteCode, type OptionNamer, optionName } from './notes.js';
export { CONVERTED_BY_ANNOTATION, CONVERTED_FROM_ANNOTATION } from './provenance.js';
export { renderCutoverPlan } from './render-cutover-plan.js';
export type {
  ConversionNote,
  ConversionResult,
  ConvertOptions,
  CutoverPlan,
  CutoverStep,
  MirrorPodDifference,
  MirrorPodGroup,
  MirrorPodSource,
  NoteSeverity,
  Placement,
  Remedy,
  StaticPodSource,
} from './types.js';

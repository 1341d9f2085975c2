/**
 * Provenance annotations on the DaemonSet, as kompose writes `kompose.cmd`/`kompose.version`
 * (users asked other converters to copy them, sl1pm4t/k2tf#136): where the object came from and
 * which tool made it. They are on the DaemonSet only, not on the Pod template, so that converting
 * again with another tool version does not roll the Pods.
 */
export const CONVERTED_FROM_ANNOTATION = 'staticpods.io/converted-from';
export const CONVERTED_BY_ANNOTATION = 'staticpods.io/converted-by';
export const TOOL_NAME = 'kubectl-staticpods';

export function provenanceAnnotations(convertedFrom: string, toolVersion?: string): Record<string, string> {
  return {
    [CONVERTED_FROM_ANNOTATION]: convertedFrom,
    [CONVERTED_BY_ANNOTATION]: toolVersion ? `${TOOL_NAME} ${toolVersion}` : TOOL_NAME,
  };
}

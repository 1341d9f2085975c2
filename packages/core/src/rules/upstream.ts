/** The Kubernetes source this library was checked against; rule citations refer to files at this tag. */
export const KUBERNETES_SOURCE = 'kubernetes/kubernetes v1.37.2';

/** `kubernetes/kubernetes v1.37.2 <file> (<function>)`. */
export function upstream(file: string, fn?: string): string {
  return fn ? `${KUBERNETES_SOURCE} ${file} (${fn})` : `${KUBERNETES_SOURCE} ${file}`;
}

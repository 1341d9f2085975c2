/**
 * Minimal structural types for the Kubernetes objects testkube handles. The package has no
 * dependency on a Kubernetes types library on purpose: it only moves objects between tests and a
 * real apiserver, which is the authority on their shape.
 */

/** The subset of `metav1.ObjectMeta` testkube reads or writes. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  [key: string]: unknown;
}

/** `metav1.OwnerReference`. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object: typed envelope, free-form body. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

/** `v1.Taint`. */
export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  timeAdded?: string;
}

/** A `v1.Node` as returned by the apiserver (uid always set). */
export interface Node extends KubeObject {
  metadata: ObjectMeta & { name: string; uid: string };
  spec?: { taints?: Taint[]; [key: string]: unknown };
}

/** A `v1.Pod`; the body is left to the apiserver to judge. */
export interface Pod extends KubeObject {
  metadata: ObjectMeta;
}

/** `metav1.Status`, the body of every apiserver error response. */
export interface Status {
  kind: 'Status';
  apiVersion: string;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

/** `metav1.StatusCause`, one validation error in a 422 response. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** True when `body` is a `metav1.Status` object. */
export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}

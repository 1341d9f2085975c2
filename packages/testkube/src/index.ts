export { ensureBinaries, parseBinaryLines, type TestBinaries } from './binaries.js';
export {
  type ControlPlaneClient,
  type ControlPlaneInfo,
  createControlPlaneClient,
  type KubeconfigRef,
} from './cluster-client.js';
export { type ControlPlane, type ControlPlaneOptions, startControlPlane } from './control-plane.js';
export {
  createObject,
  deleteObject,
  dryRunCreate,
  type ObjectRequestOptions,
  type ObjectResult,
} from './dry-run.js';
export {
  type Fault,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultRule,
  startFaultProxy,
} from './fault-proxy.js';
export { createClient, type KubeClient, type KubeResponse, type Query, type RequestOptions } from './http.js';
export { type Credentials, loadCredentials, writeKubeconfig } from './kubeconfig.js';
export {
  type CreateMirrorPodOptions,
  createMirrorPod,
  isKubeletSettableLabel,
  type MarkPodRunningOptions,
  type MirrorPodResult,
  markPodRunning,
  type RegisterNodeOptions,
  registerNode,
} from './kubelet.js';
export { type OracleLog, type OracleOptions, type OracleResult, runKubeletOracle } from './oracle.js';
export { type CertificateAuthority, type ClientCert, createPki, issueClientCert, type Pki } from './pki.js';
export { collectionPath, objectPath } from './resources.js';
export { connect, isUp, readStateFile, stopFromState, type TestkubeState, writeStateFile } from './state.js';
export {
  isStatus,
  type KubeObject,
  type Node,
  type ObjectMeta,
  type OwnerReference,
  type Pod,
  type Status,
  type StatusCause,
  type Taint,
} from './types.js';

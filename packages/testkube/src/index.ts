export { ensureBinaries, parseBinaryLines, type TestBinaries } from './binaries.js';
export {
  type ControlPlaneClient,
  type ControlPlaneInfo,
  createControlPlaneClient,
  type KubeconfigRef,
} from './cluster-client.js';
export { type ControlPlane, type ControlPlaneOptions, startControlPlane } from './control-plane.js';
export {
  type Controllers,
  type ControllersState,
  readControllersState,
  type StartControllersOptions,
  startControllers,
  stopControllersFromRunDir,
} from './controllers.js';
export {
  createObject,
  deleteObject,
  dryRunCreate,
  ensureNamespace,
  type ObjectRequestOptions,
  type ObjectResult,
} from './dry-run.js';
export { NODE_ADDRESS, tunnelPort } from './egress-proxy.js';
export {
  type Fault,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultRule,
  startFaultProxy,
} from './fault-proxy.js';
export { type HollowNode, type StartNodeOptions, startNode } from './hollow-node.js';
export { createClient, type KubeClient, type KubeResponse, type Query, type RequestOptions } from './http.js';
export { type Credentials, loadCredentials, writeKubeconfig } from './kubeconfig.js';
export { uniqueName } from './names.js';
export { type OracleLog, type OracleOptions, type OracleResult, runKubeletOracle } from './oracle.js';
export {
  type CertificateAuthority,
  type ClientCert,
  createPki,
  issueClientCert,
  issueServingCert,
  type Pki,
} from './pki.js';
export { collectionPath, objectPath } from './resources.js';
export {
  type CreateMirrorPodOptions,
  createMirrorPod,
  isKubeletSettableLabel,
  type MarkPodRunningOptions,
  type MirrorPodResult,
  markPodRunning,
  type RegisterNodeOptions,
  registerNode,
} from './simulated-kubelet.js';
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
export { waitFor } from './wait.js';

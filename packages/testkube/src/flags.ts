import type { Pki } from './pki.js';

/** Where etcd listens and keeps its data. */
export interface EtcdLayout {
  clientUrl: string;
  peerPort: number;
  dataDir: string;
}

/**
 * etcd flags from the spec §2.3, as envtest starts it (controller-runtime#1749): one member on
 * loopback, and `--unsafe-no-fsync` (3.5+) because a test cluster needs no durability.
 */
export function etcdArgs(e: EtcdLayout): string[] {
  const peer = `http://127.0.0.1:${e.peerPort}`;
  // biome-ignore format: flags read best one concern per line
  return [
    '--name=testkube', `--data-dir=${e.dataDir}`,
    `--listen-client-urls=${e.clientUrl}`, `--advertise-client-urls=${e.clientUrl}`,
    `--listen-peer-urls=${peer}`, `--initial-advertise-peer-urls=${peer}`, `--initial-cluster=testkube=${peer}`,
    '--unsafe-no-fsync', '--log-level=warn',
  ];
}

/**
 * An EgressSelectorConfiguration (k8s.io/apiserver `apis/apiserver/v1beta1`) that sends the
 * apiserver's `cluster` traffic (to kubelets) through an HTTP CONNECT proxy on a unix socket.
 */
export function egressSelectorConfig(socketPath: string): string {
  return `${JSON.stringify(
    {
      apiVersion: 'apiserver.k8s.io/v1beta1',
      kind: 'EgressSelectorConfiguration',
      egressSelections: [
        {
          name: 'cluster',
          connection: { proxyProtocol: 'HTTPConnect', transport: { uds: { udsName: socketPath } } },
        },
      ],
    },
    null,
    2,
  )}\n`;
}

/** Inputs of {@link apiserverArgs}. */
export interface ApiserverLayout {
  etcdUrl: string;
  port: number;
  pki: Pki;
  /** Scratch dir the apiserver may write generated certificates to (it writes none here). */
  certDir: string;
  /** The EgressSelectorConfiguration that sends `cluster` traffic through the egress proxy. */
  egressSelectorConfig: string;
}

/**
 * kube-apiserver flags from the spec §3.2 (modelled on envtest's
 * `pkg/internal/testing/controlplane/apiserver.go` and `hack/local-up-cluster.sh` start_apiserver).
 * - NodeRestriction is not on by default (pkg/kubeapiserver/options/plugins.go
 *   DefaultOffAdmissionPlugins) and must be enabled; ServiceAccount and Priority admission are
 *   default-on and deliberately left on: their mirror-pod checks are what the suites exercise.
 * - `--authorization-mode=Node,RBAC`: the Node authorizer lets `system:node:*` create/delete
 *   mirror pods without any RoleBinding.
 * - `--advertise-address=127.0.0.1` avoids depending on a default route; `none` as endpoint
 *   reconciler because 1.37 refuses a loopback advertise address with `lease`/`master-count`
 *   (kubernetes/kubernetes#138102).
 * - `--allow-privileged=true`, else mirror pods of privileged static pods are rejected.
 * - `--kubelet-*`: how the apiserver reaches hollow kubelets for `nodes/proxy` (spec §6b): a
 *   client certificate in `system:masters`, the test CA to verify kubelet serving certificates,
 *   and InternalIP only, so it never resolves a node name through DNS.
 * - `--egress-selector-config-file`: traffic to nodes goes through the egress proxy
 *   (./egress-proxy.ts), which ends every tunnel on 127.0.0.1 (hollow nodes report a TEST-NET
 *   address, since the apiserver refuses to proxy to a loopback one).
 */
export function apiserverArgs(a: ApiserverLayout): string[] {
  // biome-ignore format: flags read best one concern per line
  return [
    `--etcd-servers=${a.etcdUrl}`,
    '--bind-address=127.0.0.1', `--secure-port=${a.port}`,
    '--advertise-address=127.0.0.1', '--endpoint-reconciler-type=none',
    `--tls-cert-file=${a.pki.servingCert}`, `--tls-private-key-file=${a.pki.servingKey}`,
    `--client-ca-file=${a.pki.caCert}`,
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${a.pki.saPub}`, `--service-account-signing-key-file=${a.pki.saKey}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    '--authorization-mode=Node,RBAC',
    '--enable-admission-plugins=NodeRestriction',
    '--allow-privileged=true',
    `--kubelet-client-certificate=${a.pki.kubeletClientCert}`, `--kubelet-client-key=${a.pki.kubeletClientKey}`,
    `--kubelet-certificate-authority=${a.pki.caCert}`, '--kubelet-preferred-address-types=InternalIP',
    `--egress-selector-config-file=${a.egressSelectorConfig}`,
    `--cert-dir=${a.certDir}`,
    '--profiling=false', '--v=1',
  ];
}

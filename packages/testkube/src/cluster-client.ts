import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient, type KubeClient } from './http.js';
import { loadCredentials, writeKubeconfig } from './kubeconfig.js';
import { issueClientCert } from './pki.js';

/** The files and URL that identify a running control plane. */
export interface ControlPlaneInfo {
  /** `https://127.0.0.1:<port>` */
  server: string;
  /** The cluster CA certificate (PEM file). */
  caFile: string;
  /** The CA's private key, so any test process can mint client certificates. */
  caKeyFile: string;
  runDir: string;
  /** Kubeconfig of user `kube-admin` in group `system:masters` (the hard-wired superuser group). */
  adminKubeconfig: string;
}

/** Which identity a helper acts as: the admin, or the kubeconfig at a path. */
export type KubeconfigRef = 'admin' | (string & {});

/** Access to a control plane from any process: mint identities, get HTTPS clients. */
export interface ControlPlaneClient extends ControlPlaneInfo {
  /**
   * Path of a kubeconfig for `user` in `groups` (a new client certificate with CN=user and one
   * O per group). Cached per user and group set, across test processes too.
   */
  kubeconfigFor(user: string, groups?: readonly string[]): Promise<string>;
  /**
   * Path of a kubeconfig for the kubelet of `nodeName`: user `system:node:<nodeName>` in group
   * `system:nodes`. Both are needed for the Node authorizer and NodeRestriction to treat the
   * caller as that node (plugin/pkg/auth/authorizer/node `node_authorizer.go`,
   * pkg/auth/nodeidentifier `default.go`).
   */
  nodeKubeconfig(nodeName: string): Promise<string>;
  /** An HTTPS client for a kubeconfig (`'admin'` by default); one per path, reused. */
  client(kubeconfig?: KubeconfigRef): KubeClient;
  /** Closes the pooled connections of every client handed out. */
  close(): void;
}

/** Builds a {@link ControlPlaneClient} from the serializable description of a control plane. */
export function createControlPlaneClient(info: ControlPlaneInfo): ControlPlaneClient {
  const minted = new Map<string, Promise<string>>();
  const clients = new Map<string, KubeClient>();
  const usersDir = join(info.runDir, 'users');
  const ca = { caCert: info.caFile, caKey: info.caKeyFile };

  async function mint(user: string, groups: readonly string[]): Promise<string> {
    const id = createHash('sha256')
      .update(JSON.stringify([user, [...groups].sort()]))
      .digest('hex')
      .slice(0, 12);
    const slug = `${user.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 60)}-${id}`;
    const path = join(usersDir, `${slug}.kubeconfig`);
    if (existsSync(path)) return path; // minted earlier, possibly by another test worker
    await mkdir(usersDir, { recursive: true });
    // A unique base per mint: concurrent minters of the same identity each write complete
    // files, and the atomic kubeconfig rename decides which pair is used.
    const cert = await issueClientCert(
      ca,
      join(usersDir, `${slug}.${randomBytes(4).toString('hex')}`),
      user,
      groups,
    );
    await writeKubeconfig(path, {
      server: info.server,
      caFile: info.caFile,
      certFile: cert.cert,
      keyFile: cert.key,
      user,
    });
    return path;
  }

  const self: ControlPlaneClient = {
    ...info,
    kubeconfigFor(user, groups = []) {
      const key = JSON.stringify([user, [...groups].sort()]);
      let p = minted.get(key);
      if (!p) {
        p = mint(user, groups);
        minted.set(key, p);
        p.catch(() => minted.delete(key));
      }
      return p;
    },
    nodeKubeconfig(nodeName) {
      return self.kubeconfigFor(`system:node:${nodeName}`, ['system:nodes']);
    },
    client(kubeconfig = 'admin') {
      const path = kubeconfig === 'admin' ? info.adminKubeconfig : kubeconfig;
      let c = clients.get(path);
      if (!c) {
        c = createClient(loadCredentials(path));
        clients.set(path, c);
      }
      return c;
    },
    close() {
      for (const c of clients.values()) c.close();
      clients.clear();
    },
  };
  return self;
}

import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/** What an HTTPS client needs to talk to the apiserver as one identity. */
export interface Credentials {
  /** `https://127.0.0.1:<port>` */
  server: string;
  /** PEM of the cluster CA. */
  ca: string;
  /** PEM of the client certificate. */
  cert: string;
  /** PEM of the client key. */
  key: string;
}

/** File paths a kubeconfig refers to. */
export interface KubeconfigFiles {
  server: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /** Name used for the user and context entries. */
  user: string;
}

interface KubeconfigJson {
  clusters?: { name: string; cluster: { server: string; 'certificate-authority'?: string } }[];
  users?: { name: string; user: { 'client-certificate'?: string; 'client-key'?: string } }[];
  contexts?: { name: string; context: { cluster: string; user: string } }[];
  'current-context'?: string;
}

/**
 * Writes a kubeconfig that references the certificate files by absolute path. It is written as
 * JSON, which is valid YAML: kubectl, client-go and @kubernetes/client-node all read it, and
 * testkube can read it back without a YAML parser. The rename makes the write atomic, since
 * several test workers may mint the same identity at once.
 */
export async function writeKubeconfig(path: string, f: KubeconfigFiles): Promise<void> {
  const doc: KubeconfigJson & { apiVersion: string; kind: string } = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'testkube', cluster: { server: f.server, 'certificate-authority': f.caFile } }],
    users: [{ name: f.user, user: { 'client-certificate': f.certFile, 'client-key': f.keyFile } }],
    contexts: [{ name: `${f.user}@testkube`, context: { cluster: 'testkube', user: f.user } }],
    'current-context': `${f.user}@testkube`,
  };
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}

/**
 * Reads the current context of a kubeconfig written by {@link writeKubeconfig} and loads the
 * PEM files it points at. Only the file-reference form testkube writes is supported.
 */
export function loadCredentials(path: string): Credentials {
  let doc: KubeconfigJson;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as KubeconfigJson;
  } catch (err) {
    throw new Error(`${path}: not a JSON kubeconfig written by testkube (${(err as Error).message})`);
  }
  const ctx = doc.contexts?.find((c) => c.name === doc['current-context'])?.context;
  const cluster = doc.clusters?.find((c) => c.name === ctx?.cluster)?.cluster;
  const user = doc.users?.find((u) => u.name === ctx?.user)?.user;
  const caFile = cluster?.['certificate-authority'];
  const certFile = user?.['client-certificate'];
  const keyFile = user?.['client-key'];
  if (!cluster || !caFile || !certFile || !keyFile) {
    throw new Error(`${path}: current context lacks server, certificate-authority or client certificate/key`);
  }
  return {
    server: cluster.server,
    ca: readFileSync(caFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    key: readFileSync(keyFile, 'utf8'),
  };
}

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Paths of the CA every certificate of one control plane chains to. */
export interface CertificateAuthority {
  caCert: string;
  caKey: string;
}

/** All key material a control plane needs, as files in one directory. */
export interface Pki extends CertificateAuthority {
  dir: string;
  servingCert: string;
  servingKey: string;
  /** Service-account token signing key pair (`--service-account-signing-key-file` / `-key-file`). */
  saKey: string;
  saPub: string;
  /**
   * The apiserver's client certificate towards kubelets (`--kubelet-client-certificate`), in
   * group `system:masters` so every kubelet's webhook authorizer allows it (nodes/proxy).
   */
  kubeletClientCert: string;
  kubeletClientKey: string;
}

/** A certificate and its key. */
export interface ClientCert {
  cert: string;
  key: string;
}

// Extensions as in the spec's tested recipe (§3.1). Go's TLS ignores the CN for host names, so the
// serving certificate must carry IP:127.0.0.1 as a SAN; 10.0.0.1 is the first address of
// --service-cluster-ip-range, used only by in-cluster clients.
const SERVER_EXT =
  'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' +
  'extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,' +
  'DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.0.0.1\n';
const CLIENT_EXT =
  'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' +
  'extendedKeyUsage=clientAuth\n';

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { maxBuffer: 1 << 20 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.trim() || e.message}`);
  }
}

/** Escapes a value for openssl's `-subj /K=V/...` syntax, where `/`, `+` and `\` are special. */
function rdn(value: string): string {
  return value.replace(/[\\/+=,]/g, (c) => `\\${c}`);
}

/**
 * Creates a CA, the apiserver's serving certificate and the service-account key pair in `dir`.
 * Every leaf gets a random serial (`-set_serial`) instead of a shared `ca.srl` file, so test
 * workers can mint client certificates concurrently without racing on it.
 */
export async function createPki(dir: string): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const p = (name: string) => join(dir, name);
  // biome-ignore format: flag/value pairs read better on shared lines
  await openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3650',
    '-keyout', p('ca.key'), '-out', p('ca.crt'), '-subj', '/CN=testkube-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]);
  const ca = { caCert: p('ca.crt'), caKey: p('ca.key') };
  const [serving, kubeletClient] = await Promise.all([
    signLeaf(ca, join(dir, 'apiserver'), '/CN=kube-apiserver', SERVER_EXT),
    issueClientCert(ca, join(dir, 'apiserver-kubelet-client'), 'kube-apiserver-kubelet-client', [
      'system:masters',
    ]),
    openssl(['genrsa', '-out', p('sa.key'), '2048']).then(() =>
      openssl(['rsa', '-in', p('sa.key'), '-pubout', '-out', p('sa.pub')]),
    ),
  ]);
  return {
    dir,
    ...ca,
    servingCert: serving.cert,
    servingKey: serving.key,
    saKey: p('sa.key'),
    saPub: p('sa.pub'),
    kubeletClientCert: kubeletClient.cert,
    kubeletClientKey: kubeletClient.key,
  };
}

/**
 * Issues a client certificate for `user` in `groups` (files `<base>.crt` / `<base>.key`). The
 * apiserver's x509 authenticator maps CN to the user name and every O to a group
 * (k8s.io/apiserver `pkg/authentication/request/x509/x509.go` CommonNameUserConversion).
 * `days` is the validity (default 365); a negative number gives an already expired certificate.
 */
export async function issueClientCert(
  ca: CertificateAuthority,
  base: string,
  user: string,
  groups: readonly string[],
  options: { days?: number } = {},
): Promise<ClientCert> {
  const subject = `${groups.map((g) => `/O=${rdn(g)}`).join('')}/CN=${rdn(user)}`;
  return signLeaf(ca, base, subject, CLIENT_EXT, options.days);
}

/**
 * Issues a serving certificate for `commonName`, valid for 127.0.0.1, `localhost` and the extra
 * `ips` (files `<base>.crt` / `<base>.key`): a hollow kubelet's server, which the apiserver
 * verifies with `--kubelet-certificate-authority`, or a controller's. Go's TLS checks the IP SAN,
 * not the CN.
 */
export async function issueServingCert(
  ca: CertificateAuthority,
  base: string,
  commonName: string,
  ips: readonly string[] = [],
): Promise<ClientCert> {
  const sans = ['IP:127.0.0.1', 'DNS:localhost', ...ips.map((ip) => `IP:${ip}`)].join(',');
  const ext =
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' +
    `extendedKeyUsage=serverAuth\nsubjectAltName=${sans}\n`;
  return signLeaf(ca, base, `/CN=${rdn(commonName)}`, ext);
}

async function signLeaf(
  ca: CertificateAuthority,
  base: string,
  subject: string,
  ext: string,
  days = 365,
): Promise<ClientCert> {
  // Write under a unique temporary name and rename at the end: another worker may be issuing
  // the same certificate at the same time, and readers must never see half-written files.
  const tmp = `${base}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(`${tmp}.ext`, ext);
    await openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${tmp}.key`,
      '-out',
      `${tmp}.csr`,
      '-subj',
      subject,
    ]);
    // biome-ignore format: flag/value pairs read better on shared lines
    await openssl([
      'x509', '-req', '-sha256', '-days', String(days), '-in', `${tmp}.csr`, '-CA', ca.caCert, '-CAkey', ca.caKey,
      '-set_serial', `0x${randomBytes(16).toString('hex')}`, '-out', `${tmp}.crt`, '-extfile', `${tmp}.ext`,
    ]);
    await rename(`${tmp}.key`, `${base}.key`);
    await rename(`${tmp}.crt`, `${base}.crt`);
    return { cert: `${base}.crt`, key: `${base}.key` };
  } finally {
    await Promise.all(['.ext', '.csr', '.key', '.crt'].map((s) => rm(`${tmp}${s}`, { force: true })));
  }
}

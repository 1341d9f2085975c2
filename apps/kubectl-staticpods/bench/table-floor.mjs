// The floor of the cluster benchmark (cluster.bench.mjs): the least a Node client can do to see
// every Pod. One paginated list of server-side Tables with the objects' metadata (what `kubectl get`
// asks for, and what carries annotations, node, readiness, restarts and age), 500 rows a page, on
// one keep-alive connection; each page is parsed, counted and dropped. Prints the row count.
// Usage: node table-floor.mjs KUBECONFIG (a JSON kubeconfig with file references, as testkube writes).
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { cluster } = config.clusters[0];
const { user } = config.users[0];
const agent = new Agent({
  keepAlive: true,
  maxSockets: 1,
  ca: readFileSync(cluster['certificate-authority']),
  cert: readFileSync(user['client-certificate']),
  key: readFileSync(user['client-key']),
});
const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

function page(token) {
  const url = new URL('/api/v1/pods', cluster.server);
  url.searchParams.set('limit', '500');
  url.searchParams.set('includeObject', 'Metadata');
  if (token) url.searchParams.set('continue', token);
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: { Accept: accept } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
        else resolve(JSON.parse(text));
      });
    })
      .on('error', reject)
      .end();
  });
}

let rows = 0;
let token;
do {
  const table = await page(token);
  rows += table.rows.length;
  token = table.metadata.continue;
} while (token);
agent.destroy();
process.stdout.write(`${rows}\n`);

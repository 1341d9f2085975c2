import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { APP, EXAMPLES, REPO, runInProcess, runProcess } from '../helpers/run.js';
import { checkWellFormed } from '../helpers/xml.js';

const FIXTURES = `${APP}test/fixtures/check`;
/** Paths relative to the repository, so the golden files do not depend on where it is cloned. */
const opts = { cwd: REPO };

describe('check -o text', () => {
  it('prints file:line:col  severity  message  rule, and a summary (golden)', async () => {
    const r = await runInProcess(['check', 'examples/manifests'], opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    await expect(r.stdout).toMatchFileSnapshot('../golden/check-examples.txt');
  });

  it('colours severities on a terminal, not with NO_COLOR', async () => {
    const color = await runInProcess(['check', 'examples/manifests/metrics-agent.yaml'], {
      ...opts,
      tty: true,
      env: { HOME: '/nonexistent' },
    });
    expect(color.stdout).toContain('\x1b[31merror\x1b[0m');
    const plain = await runInProcess(['check', 'examples/manifests/metrics-agent.yaml'], {
      ...opts,
      tty: true,
    });
    expect(plain.stdout).not.toContain('\x1b[');
  });

  it('reads stdin with -', async () => {
    const r = await runInProcess(['check', '-'], {
      ...opts,
      stdin: readFileSync(`${EXAMPLES}/metrics-agent.yaml`, 'utf8'),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^<stdin>:31:7 {2}error {2}the Pod references Secret "metrics-agent-credentials"/m,
    );
  });

  it('exit code 0 when only warnings, 1 with --fail-on warning', async () => {
    const kubeadm = ['examples/manifests/etcd.yaml', 'examples/manifests/kube-scheduler.yaml'];
    expect((await runInProcess(['check', ...kubeadm], opts)).code).toBe(0);
    const warnings = ['check', `${APP}test/fixtures/check/warnings-only`];
    expect((await runInProcess(warnings, opts)).code).toBe(0);
    expect((await runInProcess([...warnings, '--fail-on', 'warning'], opts)).code).toBe(1);
  });

  it('--kubernetes-version models an older kubelet', async () => {
    const r = await runInProcess(
      ['check', 'examples/manifests/metrics-agent.yaml', '--kubernetes-version', '1.33'],
      opts,
    );
    expect(r.stdout).toMatch(/SP013 secret-reference/);
    expect(r.stdout).toMatch(/mirror Pod/);
  });
});

describe('check --all-documents (CI streams)', () => {
  const etcd = readFileSync(`${EXAMPLES}/etcd.yaml`, 'utf8');
  const agent = readFileSync(`${EXAMPLES}/metrics-agent.yaml`, 'utf8');
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n';
  const stream = `${etcd}---\n${service}---\n${agent}`;
  const agentStart = `${etcd}---\n${service}---\n`.split('\n').length - 1;

  it('without it, only the first document is read, as the kubelet reads a file (SP005 says so)', async () => {
    const r = await runInProcess(['check', '-'], { ...opts, stdin: stream });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SP005 multi-document/);
    expect(r.stdout).not.toMatch(/metrics-agent-credentials/);
  });

  it('checks every Pod of the stream at its line in the stream, and skips other kinds with a note', async () => {
    for (const run of [
      runInProcess,
      (a: readonly string[], o: typeof opts & { stdin: string }) => runProcess(a, o),
    ]) {
      const r = await run(['check', '--all-documents', '-'], { ...opts, stdin: stream });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        new RegExp(
          `^<stdin>:${agentStart + 31}:7 {2}error {2}the Pod references Secret "metrics-agent-credentials"`,
          'm',
        ),
      );
      expect(r.stdout).not.toMatch(/SP005/);
      expect(r.stderr).toBe('note: <stdin>: 1 document(s) that are not Pods were not checked (Service)\n');
    }
  });

  it('reads files too, but not directories', async () => {
    const r = await runInProcess(['check', '--all-documents', 'examples/manifests'], opts);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: examples\/manifests: --all-documents reads files and stdin, not directories/,
    );
  });
});

describe('rules and explain', () => {
  it('rules lists every rule; -o name and -o json are data', async () => {
    const table = await runInProcess(['rules'], opts);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID +NAME +SEVERITY +CATEGORY +SUMMARY$/);
    expect(table.stdout).toMatch(/^SP005 +multi-document +warning +kubelet /m);
    const names = await runInProcess(['rules', '-o', 'name'], opts);
    expect(names.stdout.split('\n')).toContain('rule/SP013');
    const json = JSON.parse((await runInProcess(['rules', '-o', 'json'], opts)).stdout);
    expect(json.kind).toBe('RuleList');
    expect(json.items.find((r: { id: string }) => r.id === 'SP013')).toMatchObject({
      name: 'secret-reference',
    });
  });

  it('explain prints the rule by id or name; a typo gets a suggestion and exit 2', async () => {
    const byId = await runInProcess(['explain', 'SP013'], opts);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toMatch(/^SP013 secret-reference \(error, /);
    expect(byId.stdout).toContain('What to do: ');
    expect((await runInProcess(['explain', 'secret-reference', '-o', 'json'], opts)).stdout).toContain(
      '"id": "SP013"',
    );
    const typo = await runInProcess(['explain', 'secret-referense'], opts);
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toMatch(
      /^error: unknown rule "secret-referense" \(did you mean secret-reference\?\)/,
    );
  });

  it('through the bundle fast path and oclif alike', async () => {
    const fast = await runProcess(['explain', 'SP005'], opts);
    const oclif = await runProcess(['explain', 'SP005'], { ...opts, entry: 'dist' });
    expect(fast).toEqual(oclif);
    expect(fast.code).toBe(0);
  });
});

describe('switching rules off', () => {
  it('--disable by id or name', async () => {
    const r = await runInProcess(
      ['check', 'examples/manifests', '--disable', 'SP036', '--disable', 'duplicate-name'],
      opts,
    );
    expect(r.stdout).not.toMatch(/SP036|SP030/);
    expect(r.stdout).toMatch(/SP013/);
  });

  it('an annotation with a reason suppresses; one without a reason is itself reported (SP041)', async () => {
    const r = await runInProcess(['check', `${FIXTURES}/suppressed`, '-o', 'json'], opts);
    const doc = JSON.parse(r.stdout);
    expect(doc.suppressed.map((s: { ruleId: string; reason: string }) => [s.ruleId, s.reason])).toEqual([
      ['SP013', 'the secret is written to the host by the node bootstrap, not read from the API'],
    ]);
    const ids = doc.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).toContain('SP041');
    expect(ids).toContain('SP014');
    expect(ids).not.toContain('SP013');
    const text = await runInProcess(['check', `${FIXTURES}/suppressed`], opts);
    expect(text.stdout).toMatch(/\(1 suppressed\)\n$/);
  });

  it('.staticpods.yaml is found from the working directory upwards', async () => {
    const r = await runInProcess(['check', '.', '-o', 'json'], { cwd: `${FIXTURES}/configured` });
    const doc = JSON.parse(r.stdout);
    expect(doc.configFile).toBe(`${FIXTURES}/configured/.staticpods.yaml`);
    expect(doc.kubernetesVersion).toBe('1.30');
    expect(doc.nodeName).toBe('cp-1');
    const ids = doc.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`);
    expect(ids).toContain('SP027:error');
    expect(ids.some((i: string) => i.startsWith('SP036') || i.startsWith('SP002'))).toBe(false);
    expect(r.code).toBe(1);
  });

  it('--config names the file; flags win over it', async () => {
    const r = await runInProcess(
      [
        'check',
        `${FIXTURES}/configured`,
        '--config',
        `${FIXTURES}/configured/.staticpods.yaml`,
        '--kubernetes-version',
        '1.35',
        '-o',
        'json',
      ],
      opts,
    );
    expect(JSON.parse(r.stdout).kubernetesVersion).toBe('1.35');
  });

  it('a config file with an unknown rule is an error with its position (exit 2)', async () => {
    const r = await runInProcess(['check', '.'], { cwd: `${FIXTURES}/bad-config` });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${FIXTURES}/bad-config/.staticpods.yaml:3:3: unknown rule "SP999" in severity: use a rule id such as SP013 or a name (docs/rules.md)\n`,
    );
  });

  it('an unknown rule in --disable is a usage error (exit 2)', async () => {
    const r = await runInProcess(['check', 'examples/manifests', '--disable', 'SP999'], opts);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^error: unknown rule "SP999" in --disable/);
  });
});

describe('check -o json', () => {
  const schema = JSON.parse(readFileSync(`${REPO}docs/json-schema/check-v1.json`, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', /^https:\/\//);
  const validate = ajv.compile(schema);

  it.each([
    ['examples', ['examples/manifests']],
    ['suppressions', [`${FIXTURES}/suppressed`]],
    ['stdin and a file', ['-', 'examples/manifests/etcd.yaml']],
    [
      'corpus',
      ['packages/core/test/corpus/kubeadm-etc-dump', 'packages/core/test/corpus/issues-problematic'],
    ],
  ])('%s: valid against docs/json-schema/check-v1.json', async (_, paths) => {
    const r = await runInProcess(['check', ...paths, '-o', 'json'], {
      ...opts,
      stdin: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n',
    });
    const doc = JSON.parse(r.stdout);
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(doc.summary.errors).toBe(
      doc.findings.filter((f: { severity: string }) => f.severity === 'error').length,
    );
    expect(r.code).toBe(doc.summary.errors > 0 ? 1 : 0);
  });

  it('every finding carries ruleId, name, severity, message, file, line, column and field', async () => {
    const doc = JSON.parse((await runInProcess(['check', 'examples/manifests', '-o', 'json'], opts)).stdout);
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['ruleId', 'name', 'severity', 'message', 'file', 'line', 'column', 'field']),
      );
    }
    expect(doc.findings.find((f: { ruleId: string }) => f.ruleId === 'SP013')).toMatchObject({
      file: 'examples/manifests/metrics-agent.yaml',
      line: 31,
      column: 7,
      field: 'spec.volumes[0].secret.secretName',
      severity: 'error',
    });
  });
});

describe('check -o sarif', () => {
  it('is SARIF 2.1.0 with rules, help URIs and located results', async () => {
    const r = await runInProcess(
      ['check', 'examples/manifests', `${FIXTURES}/suppressed`, `${FIXTURES}/warnings-only`, '-o', 'sarif'],
      opts,
    );
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('kubectl-staticpods');
    expect(run.tool.driver.rules.length).toBeGreaterThan(40);
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^SP\d{3}$/);
      expect(rule.helpUri).toMatch(/^https:\/\/github\.com\/.+\/docs\/rules\/sp\d{3}-[a-z0-9-]+\.md$/);
      expect(rule.shortDescription.text).not.toBe('');
    }
    const secret = run.results.find(
      (x: { ruleId: string; suppressions?: unknown }) => x.ruleId === 'SP013' && !x.suppressions,
    );
    expect(secret).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'examples/manifests/metrics-agent.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 31, startColumn: 7 },
          },
        },
      ],
    });
    expect(run.tool.driver.rules[secret.ruleIndex].id).toBe('SP013');
    const suppressed = run.results.filter((x: { suppressions?: unknown }) => x.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions[0].kind).toBe('inSource');
    expect(new Set(run.results.map((x: { level: string }) => x.level))).toEqual(
      new Set(['error', 'warning', 'note']),
    );
  });
});

describe('check -o junit', () => {
  it('is well-formed XML: one testsuite per file, a testcase per rule, failures for errors', async () => {
    const r = await runInProcess(['check', 'examples/manifests', '-o', 'junit'], opts);
    const elements = checkWellFormed(r.stdout);
    expect(elements[0]).toBe('testsuites');
    const suites = [...r.stdout.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)];
    expect(suites.map((s) => s[1])).toEqual([
      'examples/manifests/etcd.yaml',
      'examples/manifests/kube-apiserver.yaml',
      'examples/manifests/kube-apiserver.yaml.bak',
      'examples/manifests/kube-controller-manager.yaml',
      'examples/manifests/kube-scheduler.yaml',
      'examples/manifests/metrics-agent.yaml',
    ]);
    const agent = suites.find((s) => s[1]?.endsWith('metrics-agent.yaml'));
    expect(agent?.[3]).toBe('1');
    expect(r.stdout).toContain('<skipped message="needs --cluster"/>');
    expect(r.stdout).toMatch(
      /<failure message="the Pod references Secret &quot;metrics-agent-credentials&quot;/,
    );
  });
  it('escapes what XML needs escaped', () => {
    expect(() => checkWellFormed('<a b="1"><c>&amp;</c></a>')).not.toThrow();
    expect(() => checkWellFormed('<a><b></a>')).toThrow();
    expect(() => checkWellFormed('<a>x & y</a>')).toThrow();
  });
});

describe('check as a process', () => {
  it('bin/run.js (bundle fast path) and dist/run.js print the same', async () => {
    const argv = ['check', 'examples/manifests', '-o', 'json'];
    const [fast, plain] = await Promise.all([
      runProcess(argv, { cwd: REPO }),
      runProcess(argv, { cwd: REPO, entry: 'dist' }),
    ]);
    expect(fast.code).toBe(1);
    expect(fast).toEqual(plain);
  });
});

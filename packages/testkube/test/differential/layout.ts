import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What to create at one name of a staticPodPath. */
export type LayoutEntry =
  | { readonly text: string | Buffer }
  | { readonly dir: Readonly<Record<string, string>> }
  | { readonly symlink: string }
  | { readonly fifo: true }
  | { readonly socket: true };

/** Writes a staticPodPath layout: files, subdirectories, symlinks (dangling or not), FIFOs, sockets. */
export function writeLayout(root: string, layout: Readonly<Record<string, LayoutEntry>>): void {
  mkdirSync(root, { recursive: true });
  for (const [name, entry] of Object.entries(layout)) {
    const path = join(root, name);
    if ('text' in entry) writeFileSync(path, entry.text);
    else if ('dir' in entry) {
      mkdirSync(path);
      for (const [inner, text] of Object.entries(entry.dir)) writeFileSync(join(path, inner), text);
    } else if ('symlink' in entry) symlinkSync(entry.symlink, path);
    else if ('fifo' in entry) execFileSync('mkfifo', [path]);
    else
      execFileSync('python3', [
        '-c',
        'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])',
        path,
      ]);
  }
}

/** A small valid static Pod manifest. */
export function podYaml(
  name: string,
  extra: { namespace?: string; image?: string; spec?: string; metadata?: string } = {},
): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    ...(extra.namespace ? [`  namespace: ${extra.namespace}`] : []),
    ...(extra.metadata ? [extra.metadata] : []),
    'spec:',
    '  containers:',
    '  - name: main',
    `    image: ${extra.image ?? 'registry.k8s.io/pause:3.10'}`,
    ...(extra.spec ? [extra.spec] : []),
    '',
  ].join('\n');
}

/** `n` bytes: a valid Pod followed by comment padding (YAML comments are ignored). */
export function paddedPod(name: string, n: number): Buffer {
  const head = Buffer.from(`${podYaml(name)}#`);
  const body = Buffer.alloc(n, 0x78);
  head.copy(body);
  body[n - 1] = 0x0a;
  return body;
}

/** The billion-laughs document go-yaml refuses. */
export function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * kubectl's JSONPath dialect (k8s.io/client-go `util/jsonpath`), as `kubectl get -o jsonpath=…`
 * uses it: literal text outside `{…}`; inside, `$`, `@`, `.field`, `..field` (recursive
 * descent), `['key']`, `[n]`, `[-n]`, `[a:b:c]`, `[*]`, unions `[a,b]`, filters
 * `[?(@.x == "y")]` with `== != < > <= >=` or a bare path (exists), `{range …}…{end}`, and
 * string literals such as `{"\n"}`. Missing keys print nothing (kubectl sets `AllowMissingKeys`);
 * strings print raw, maps and lists as JSON, several results of one expression are separated by
 * a space.
 */

import { UserError } from '../errors.js';

type Segment =
  | { readonly kind: 'root' }
  | { readonly kind: 'current' }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'recursive' }
  | { readonly kind: 'index'; readonly selectors: readonly Selector[] }
  | { readonly kind: 'filter'; readonly filter: Filter };

type Selector =
  | { readonly kind: 'key'; readonly name: string }
  | { readonly kind: 'at'; readonly index: number }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly kind: 'all' };

type Operand =
  | { readonly kind: 'path'; readonly path: readonly Segment[] }
  | { readonly kind: 'literal'; readonly value: string | number | boolean };

interface Filter {
  readonly left: Operand;
  readonly op?: '==' | '!=' | '<' | '>' | '<=' | '>=';
  readonly right?: Operand;
}

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expr'; readonly path: readonly Segment[] }
  | { readonly kind: 'range'; readonly path: readonly Segment[]; readonly body: readonly Node[] };

export interface JsonPath {
  /** The template as text, kubectl style (`{.items[*].metadata.name}`). */
  readonly source: string;
  /** Renders the template against `data`. */
  print(data: unknown): string;
  /** Every value the template's expressions select, in order (for `jsonpath-as-json` and custom columns). */
  values(data: unknown): unknown[];
}

/** @throws UserError E_USAGE when the template cannot be parsed. */
export function compileJsonPath(template: string): JsonPath {
  let nodes: Node[];
  try {
    nodes = parseTemplate(template);
  } catch (error) {
    throw new UserError(
      'E_USAGE',
      `error parsing jsonpath ${template}: ${(error as Error).message}`,
      'see https://kubernetes.io/docs/reference/kubectl/jsonpath/',
    );
  }
  return {
    source: template,
    print: (data) => render(nodes, data, data),
    values: (data) => collect(nodes, data, data),
  };
}

// ---------------------------------------------------------------- parsing

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: { nodes: Node[]; path?: readonly Segment[] }[] = [{ nodes: root }];
  let i = 0;
  let text = '';
  const top = () => stack[stack.length - 1] as { nodes: Node[]; path?: readonly Segment[] };
  const flushText = () => {
    if (text) top().nodes.push({ kind: 'text', text });
    text = '';
  };
  while (i < template.length) {
    const ch = template[i] as string;
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    flushText();
    const close = findClose(template, i + 1);
    const action = template.slice(i + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      const done = stack.pop();
      if (!done?.path || stack.length === 0) throw new Error('not in range, nothing to end');
      top().nodes.push({ kind: 'range', path: done.path, body: done.nodes });
      continue;
    }
    if (action.startsWith('range ') || action.startsWith('range\t')) {
      stack.push({ nodes: [], path: parsePath(action.slice(6).trim()) });
      continue;
    }
    if (/^"(?:[^"\\]|\\.)*"$/.test(action) || /^'(?:[^'\\]|\\.)*'$/.test(action)) {
      top().nodes.push({ kind: 'text', text: unquote(action) });
      continue;
    }
    top().nodes.push({ kind: 'expr', path: parsePath(action) });
  }
  flushText();
  if (stack.length !== 1) throw new Error('unclosed action: {range} needs {end}');
  return root;
}

function findClose(template: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < template.length; i++) {
    const ch = template[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '}') return i;
  }
  throw new Error('unclosed action');
}

function unquote(quoted: string): string {
  const body = quoted.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, esc: string) => {
    switch (esc[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'u':
      case 'x':
        return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
      default:
        return esc;
    }
  });
}

function parsePath(text: string): Segment[] {
  const p = new PathParser(text);
  const path = p.path();
  p.skipSpace();
  if (!p.done()) throw new Error(`unrecognized character in action: ${JSON.stringify(text.slice(p.pos))}`);
  if (path.length === 0) throw new Error(`empty expression in ${JSON.stringify(text)}`);
  return path;
}

class PathParser {
  pos = 0;
  constructor(readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(n = 0): string {
    return this.text[this.pos + n] ?? '';
  }

  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  path(): Segment[] {
    const segments: Segment[] = [];
    for (;;) {
      const ch = this.peek();
      if (ch === '$') {
        this.pos++;
        segments.push({ kind: 'root' });
      } else if (ch === '@') {
        this.pos++;
        segments.push({ kind: 'current' });
      } else if (ch === '.' && this.peek(1) === '.') {
        this.pos += 2;
        segments.push({ kind: 'recursive' });
        if (this.peek() === '*') {
          this.pos++;
          segments.push({ kind: 'wildcard' });
        } else if (this.peek() !== '[') segments.push({ kind: 'field', name: this.fieldName() });
      } else if (ch === '.') {
        this.pos++;
        if (this.peek() === '*') {
          this.pos++;
          segments.push({ kind: 'wildcard' });
        } else if (this.done() || this.peek() === ' ') {
          // `{.}` is the current object itself.
        } else segments.push({ kind: 'field', name: this.fieldName() });
      } else if (ch === '[') {
        segments.push(this.bracket());
      } else if (segments.length === 0 && /[A-Za-z_]/.test(ch)) {
        // kubectl accepts a leading field without its dot in custom columns (`metadata.name`).
        segments.push({ kind: 'field', name: this.fieldName() });
      } else return segments;
    }
  }

  fieldName(): string {
    let name = '';
    while (!this.done()) {
      const ch = this.peek();
      if (ch === '\\' && this.peek(1) === '.') {
        name += '.';
        this.pos += 2;
        continue;
      }
      if (/[.[\]\s()=!<>,}'"@$]/.test(ch)) break;
      name += ch;
      this.pos++;
    }
    if (!name) throw new Error(`missing field name at ${JSON.stringify(this.text.slice(this.pos))}`);
    return name;
  }

  bracket(): Segment {
    this.pos++; // [
    this.skipSpace();
    if (this.peek() === '?') {
      this.pos++;
      this.expect('(');
      const filter = this.filter();
      this.expect(')');
      this.skipSpace();
      this.expect(']');
      return { kind: 'filter', filter };
    }
    const selectors: Selector[] = [];
    for (;;) {
      this.skipSpace();
      selectors.push(this.selector());
      this.skipSpace();
      if (this.peek() === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return { kind: 'index', selectors };
    }
  }

  selector(): Selector {
    const ch = this.peek();
    if (ch === '*') {
      this.pos++;
      return { kind: 'all' };
    }
    if (ch === "'" || ch === '"') return { kind: 'key', name: this.quoted() };
    const parts: (number | undefined)[] = [];
    let current = '';
    let colons = 0;
    while (!this.done() && this.peek() !== ']' && this.peek() !== ',') {
      const c = this.peek();
      this.pos++;
      if (c === ':') {
        parts.push(this.int(current));
        current = '';
        colons++;
      } else if (c !== ' ') current += c;
    }
    parts.push(this.int(current));
    if (colons === 0) {
      const index = parts[0];
      if (index === undefined) throw new Error('empty array index');
      return { kind: 'at', index };
    }
    if (colons > 2) throw new Error('too many colons in a slice');
    const [start, end, step] = parts;
    return {
      kind: 'slice',
      ...(start !== undefined && { start }),
      ...(end !== undefined && { end }),
      ...(step !== undefined && { step }),
    };
  }

  int(text: string): number | undefined {
    if (text === '') return undefined;
    if (!/^-?\d+$/.test(text)) throw new Error(`invalid array index ${JSON.stringify(text)}`);
    return Number(text);
  }

  quoted(): string {
    const quote = this.peek();
    const start = this.pos;
    this.pos++;
    while (!this.done() && this.peek() !== quote) {
      if (this.peek() === '\\') this.pos++;
      this.pos++;
    }
    if (this.done()) throw new Error('unterminated quoted string');
    this.pos++;
    return unquote(this.text.slice(start, this.pos));
  }

  filter(): Filter {
    this.skipSpace();
    const left = this.operand();
    this.skipSpace();
    const op = /^(==|!=|<=|>=|<|>)/.exec(this.text.slice(this.pos))?.[1] as Filter['op'];
    if (!op) return { left };
    this.pos += op.length;
    this.skipSpace();
    const right = this.operand();
    this.skipSpace();
    return { left, op, right };
  }

  operand(): Operand {
    const ch = this.peek();
    if (ch === '@' || ch === '$' || ch === '.') return { kind: 'path', path: this.path() };
    if (ch === "'" || ch === '"') return { kind: 'literal', value: this.quoted() };
    const m = /^(true|false|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(this.text.slice(this.pos));
    if (!m?.[1])
      throw new Error(`unrecognized filter operand at ${JSON.stringify(this.text.slice(this.pos))}`);
    this.pos += m[1].length;
    const value = m[1] === 'true' ? true : m[1] === 'false' ? false : Number(m[1]);
    return { kind: 'literal', value };
  }

  expect(ch: string): void {
    if (this.peek() !== ch) throw new Error(`expected ${JSON.stringify(ch)} at ${this.pos + 1}`);
    this.pos++;
  }
}

// ---------------------------------------------------------------- evaluation

function render(nodes: readonly Node[], root: unknown, current: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'expr') out += evaluate(node.path, root, current).map(format).join(' ');
    else for (const item of evaluate(node.path, root, current)) out += render(node.body, root, item);
  }
  return out;
}

function collect(nodes: readonly Node[], root: unknown, current: unknown): unknown[] {
  const out: unknown[] = [];
  for (const node of nodes) {
    if (node.kind === 'expr') out.push(...evaluate(node.path, root, current));
    else if (node.kind === 'range')
      for (const item of evaluate(node.path, root, current)) out.push(...collect(node.body, root, item));
  }
  return out;
}

function evaluate(path: readonly Segment[], root: unknown, current: unknown): unknown[] {
  let values: unknown[] = [current];
  for (const segment of path) {
    values = values.flatMap((v) => step(segment, v, root));
  }
  return values;
}

function step(segment: Segment, value: unknown, root: unknown): unknown[] {
  switch (segment.kind) {
    case 'root':
      return [root];
    case 'current':
      return [value];
    case 'field':
      return isObject(value) && Object.hasOwn(value, segment.name) ? [value[segment.name]] : [];
    case 'wildcard':
      if (Array.isArray(value)) return value;
      if (isObject(value))
        return Object.keys(value)
          .sort()
          .map((k) => value[k]);
      return [];
    case 'recursive':
      return descendants(value);
    case 'index':
      return segment.selectors.flatMap((s) => select(s, value));
    case 'filter':
      return (Array.isArray(value) ? value : []).filter((item) => matches(segment.filter, item, root));
  }
}

function select(selector: Selector, value: unknown): unknown[] {
  if (selector.kind === 'key')
    return isObject(value) && Object.hasOwn(value, selector.name) ? [value[selector.name]] : [];
  if (!Array.isArray(value)) return isObject(value) && selector.kind === 'all' ? Object.values(value) : [];
  const n = value.length;
  if (selector.kind === 'all') return value;
  if (selector.kind === 'at') {
    const i = selector.index < 0 ? n + selector.index : selector.index;
    return i >= 0 && i < n ? [value[i]] : [];
  }
  const stepBy = selector.step ?? 1;
  if (stepBy <= 0) return [];
  const clamp = (i: number) => Math.min(Math.max(i < 0 ? n + i : i, 0), n);
  const start = clamp(selector.start ?? 0);
  const end = clamp(selector.end ?? n);
  const out: unknown[] = [];
  for (let i = start; i < end; i += stepBy) out.push(value[i]);
  return out;
}

function descendants(value: unknown): unknown[] {
  const out: unknown[] = [value];
  if (Array.isArray(value)) for (const v of value) out.push(...descendants(v));
  else if (isObject(value)) for (const k of Object.keys(value).sort()) out.push(...descendants(value[k]));
  return out;
}

function matches(filter: Filter, item: unknown, root: unknown): boolean {
  const left = operandValues(filter.left, item, root);
  if (!filter.op || !filter.right) return left.length > 0 && left.some((v) => v !== false && v !== null);
  const right = operandValues(filter.right, item, root);
  for (const l of left) {
    for (const r of right) {
      if (compare(l, filter.op, r)) return true;
    }
  }
  return false;
}

function operandValues(operand: Operand, item: unknown, root: unknown): unknown[] {
  return operand.kind === 'literal' ? [operand.value] : evaluate(operand.path, root, item);
}

function compare(l: unknown, op: NonNullable<Filter['op']>, r: unknown): boolean {
  if (op === '==') return looseEqual(l, r);
  if (op === '!=') return !looseEqual(l, r);
  const a = typeof l === 'number' ? l : Number(l);
  const b = typeof r === 'number' ? r : Number(r);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
}

function looseEqual(l: unknown, r: unknown): boolean {
  if (typeof l === 'number' || typeof r === 'number') return Number(l) === Number(r);
  return String(l) === String(r);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How kubectl prints one selected value: strings raw, numbers and booleans as text, the rest as JSON. */
export function format(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(sortKeys(value));
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys(value[k]);
    return out;
  }
  return value;
}

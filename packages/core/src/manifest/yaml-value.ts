import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
} from 'yaml';
import { resolvePlainScalar, resolveTaggedScalar } from './go-yaml-scalars.js';
import { setOwn } from './own.js';

/** A YAML construct the kubelet's decoder refuses after parsing succeeded. */
export class YamlValueError extends Error {
  constructor(
    message: string,
    /** The error as go-yaml/sigs.k8s.io/yaml report it inside the kubelet's message. */
    readonly goMessage: string,
    readonly exact: boolean,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** go-yaml v2 `decoder.unmarshal`: more nesting than this is refused. */
const MAX_DEPTH = 10_000;

/**
 * go-yaml v2 `allowedAliasRatio` (decode.go): a document may draw this share of its decoded
 * nodes from alias expansion before it is refused as a "billion laughs" attack.
 */
function allowedAliasRatio(decodeCount: number): number {
  const low = 400_000;
  const high = 4_000_000;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

interface Context {
  /** The node each alias of the document designates (`undefined` for an unknown anchor). */
  readonly aliasTargets: Map<Node, Node | undefined>;
  decodeCount: number;
  aliasCount: number;
  aliasDepth: number;
  readonly expanding: Set<Node>;
  readonly path: (string | number)[];
  readonly duplicateKeys: { path: readonly (string | number)[]; offset: number }[];
  /** The offsets of the collection converted last (a side channel, so `convert` can return plain values). */
  last: OffsetChildren | undefined;
}

/**
 * Where each key (or list item) of the decoded value starts in the text: a compact tree that
 * mirrors the value's collections, a stand-in for the syntax tree (which is not kept).
 */
export type OffsetNode = number | { readonly o: number; readonly c: OffsetChildren };
export type OffsetChildren = Record<string, OffsetNode> | OffsetNode[];

/**
 * Converts a parsed YAML document into the value `sigs.k8s.io/yaml` `YAMLToJSON` produces:
 * go-yaml v2 scalar resolution, merge keys (`<<`, later keys overwrite earlier ones, as in v2),
 * duplicate keys (last wins), map keys turned into strings, and go-yaml's alias-bomb and depth
 * limits. Throws YamlValueError for what the kubelet's decoder refuses.
 */
export function yamlNodeToValue(doc: Document.Parsed): {
  value: unknown;
  duplicateKeys: { path: readonly (string | number)[]; offset: number }[];
  offsets: OffsetChildren | undefined;
} {
  const ctx: Context = {
    aliasTargets: resolveAliases(doc),
    decodeCount: 0,
    aliasCount: 0,
    aliasDepth: 0,
    expanding: new Set(),
    path: [],
    duplicateKeys: [],
    last: undefined,
  };
  const value = convert(doc.contents, ctx, 0);
  return { value, duplicateKeys: ctx.duplicateKeys, offsets: ctx.last };
}

/**
 * Resolves every alias of the document in one pass: an alias designates the last node with its
 * anchor before it, in document order (go-yaml v2 `parser.anchor` records anchors as it parses).
 * `Alias.resolve` of the yaml package walks the whole document for each alias, which made
 * alias-heavy files quadratic.
 */
function resolveAliases(doc: Document.Parsed): Map<Node, Node | undefined> {
  const targets = new Map<Node, Node | undefined>();
  const anchors = new Map<string, Node>();
  // Pre-order, children in document order; an explicit stack, since documents may be deep.
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
      continue;
    }
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isScalar(node)) continue;
      for (let k = node.items.length - 1; k >= 0; k--) {
        const item = node.items[k];
        if (isPair(item)) pending.push(item.value, item.key);
        else pending.push(item);
      }
    }
  }
  return targets;
}

function offsetOf(node: unknown): number {
  return (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
}

function convert(node: unknown, ctx: Context, depth: number): unknown {
  ctx.last = undefined;
  if (node === null || node === undefined) return null;
  ctx.decodeCount++;
  if (ctx.aliasDepth > 0) ctx.aliasCount++;
  if (
    ctx.aliasCount > 100 &&
    ctx.decodeCount > 1000 &&
    ctx.aliasCount / ctx.decodeCount > allowedAliasRatio(ctx.decodeCount)
  ) {
    throw new YamlValueError(
      'the document expands aliases excessively (a "billion laughs" document); the kubelet refuses it',
      'yaml: document contains excessive aliasing',
      true,
      offsetOf(node),
    );
  }
  if (depth > MAX_DEPTH) {
    throw new YamlValueError(
      `the document is nested more than ${MAX_DEPTH} levels deep`,
      `yaml: exceeded max depth of ${MAX_DEPTH}`,
      false,
      offsetOf(node),
    );
  }
  if (isScalar(node)) return scalarValue(node);
  if (isAlias(node)) {
    const target = ctx.aliasTargets.get(node);
    if (!target) {
      throw new YamlValueError(
        `unknown anchor '${node.source}'`,
        `yaml: unknown anchor '${node.source}' referenced`,
        true,
        offsetOf(node),
      );
    }
    if (ctx.expanding.has(target)) {
      throw new YamlValueError(
        `anchor '${node.source}' contains an alias to itself`,
        `yaml: anchor '${node.source}' value contains itself`,
        true,
        offsetOf(node),
      );
    }
    ctx.expanding.add(target);
    ctx.aliasDepth++;
    try {
      return convert(target, ctx, depth + 1);
    } finally {
      ctx.aliasDepth--;
      ctx.expanding.delete(target);
    }
  }
  if (isSeq(node)) {
    const children: OffsetNode[] = [];
    const out = node.items.map((item, i) => {
      ctx.path.push(i);
      try {
        const v = convert(item, ctx, depth + 1);
        children.push(ctx.last ? { o: offsetOf(item), c: ctx.last } : offsetOf(item));
        return v;
      } finally {
        ctx.path.pop();
      }
    });
    ctx.last = children;
    return out;
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const children: Record<string, OffsetNode> = Object.create(null);
    for (const pair of node.items) convertPair(pair, out, children, ctx, depth);
    ctx.last = children;
    return out;
  }
  return null;
}

function scalarValue(node: Scalar): unknown {
  const text = String(node.source ?? node.value ?? '');
  if (node.tag && node.tag !== '!') {
    const r = resolveTaggedScalar(node.tag, text);
    if ('error' in r) throw new YamlValueError(r.error, `yaml: ${r.error}`, true, offsetOf(node));
    return r.value;
  }
  return node.type === 'PLAIN' && node.tag !== '!' ? resolvePlainScalar(text) : text;
}

/** True for the plain, untagged `<<` key (go-yaml `isMerge`). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === 'PLAIN' && !key.tag && key.source === '<<';
}

function convertPair(
  pair: Pair,
  out: Record<string, unknown>,
  children: Record<string, OffsetNode>,
  ctx: Context,
  depth: number,
): void {
  if (isMergeKey(pair.key)) {
    mergeInto(out, children, pair.value, ctx, depth);
    return;
  }
  const keyString = mapKeyString(convert(pair.key, ctx, depth + 1), pair.key);
  if (Object.hasOwn(out, keyString)) {
    ctx.duplicateKeys.push({ path: [...ctx.path, keyString], offset: offsetOf(pair.key) });
  }
  ctx.path.push(keyString);
  try {
    setOwn(out, keyString, convert(pair.value, ctx, depth + 1));
    children[keyString] = ctx.last ? { o: offsetOf(pair.key), c: ctx.last } : offsetOf(pair.key);
  } finally {
    ctx.path.pop();
  }
}

/** go-yaml v2 `decoder.merge`: a map, an alias to a map, or a list of those (earlier ones win). */
function mergeInto(
  out: Record<string, unknown>,
  children: Record<string, OffsetNode>,
  source: unknown,
  ctx: Context,
  depth: number,
): void {
  const sources = isSeq(source) ? [...source.items].reverse() : [source];
  for (const item of sources) {
    const value = convert(item, ctx, depth + 1);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new YamlValueError(
        'a merge key (<<) needs a map, or a list of maps, as its value',
        'yaml: map merge requires map or sequence of maps as the value',
        true,
        offsetOf(item),
      );
    }
    const from = ctx.last as Record<string, OffsetNode> | undefined;
    for (const [k, v] of Object.entries(value)) {
      setOwn(out, k, v);
      const at = from?.[k];
      if (at !== undefined) children[k] = at;
    }
  }
}

/**
 * The string a YAML map key becomes in JSON (`sigs.k8s.io/yaml` `convertToJSONableObject`):
 * strings as they are, integers in decimal, floats with `FormatFloat(f, 'g', -1, 32)`,
 * booleans as `true`/`false`; anything else is refused.
 */
export function mapKeyString(key: unknown, node: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return String(key);
  if (typeof key === 'number') {
    if (Number.isInteger(key) && !String((node as Scalar | null)?.source ?? '').match(/[.eE]/))
      return String(key);
    if (Number.isNaN(key)) return '.nan';
    if (!Number.isFinite(key)) return key > 0 ? '.inf' : '-.inf';
    return String(key).replace(/e(?=\d)/, 'e+');
  }
  const shown =
    key === null ? '<nil>' : Array.isArray(key) ? '[]interface {}' : 'map[interface {}]interface {}';
  throw new YamlValueError(
    `a map key must be a string, a number or a boolean (found ${key === null ? 'null' : typeof key})`,
    `unsupported map key of type: ${shown}`,
    false,
    offsetOf(node),
  );
}

/**
 * The offset of the field a path designates (its key, or the list item), or of the nearest
 * enclosing field found; `found` is how many segments matched.
 */
export function locateInValue(
  offsets: OffsetChildren | undefined,
  path: readonly (string | number)[],
): { found: number; offset: number } {
  let children = offsets;
  let offset = 0;
  let found = 0;
  for (const segment of path) {
    if (!children) break;
    const next = Array.isArray(children) ? children[Number(segment)] : children[String(segment)];
    if (next === undefined) break;
    offset = typeof next === 'number' ? next : next.o;
    children = typeof next === 'number' ? undefined : next.c;
    found++;
  }
  return { found, offset };
}

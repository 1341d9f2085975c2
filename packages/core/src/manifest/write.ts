import { Document, isScalar, parseDocument, visit } from 'yaml';
import { resolvePlainScalar } from './go-yaml-scalars.js';
import { setOwn } from './own.js';

const MERGE_TAG = 'tag:yaml.org,2002:merge';

// Also `@staticpods/core/write`, a light entry for callers that need only the writer (the CLI's output).

/** How {@link writeManifests} and {@link writeJson} lay documents out. */
export interface WriteOptions {
  /**
   * Put keys in canonical order (`apiVersion`, `kind`, `metadata`, `spec` first at the top, every
   * other key in code-unit order at every depth), as the converter and `kubectl get` print objects.
   * @default false (keys keep their order)
   */
  readonly sortKeys?: boolean;
}

/**
 * YAML that the kubelet reads back as the same object: the inverse of {@link parseManifest}.
 * The kubelet decodes YAML with go-yaml v2 (`sigs.k8s.io/yaml` `YAMLToJSON`), whose plain
 * scalars follow YAML 1.1: `yes`, `on`, `y`, `0644`, `1e3`, `0x1F`, `1_000` and `~` are not
 * strings there. A string is double-quoted whenever go-yaml v2 (`resolvePlainScalar`), a YAML
 * 1.2 reader or a YAML 1.1 reader with timestamps and sexagesimals (PyYAML, kubectl's older
 * clients) would read its plain form as anything but that string; `<<` is quoted because go-yaml
 * v2 takes a plain `<<` key for a merge. Block style, lines never folded, lists not indented
 * under their key (as kubectl and kubeadm print them). Several objects are joined by `---`.
 * `undefined` members are left out, as JSON does.
 */
export function writeManifests(objects: readonly unknown[], options: WriteOptions = {}): string {
  return objects.map((o) => writeYamlDocument(o, options)).join('---\n');
}

/** One object as a YAML document; see {@link writeManifests}. */
export function writeYamlDocument(object: unknown, options: WriteOptions = {}): string {
  const value = options.sortKeys ? canonicalize(object) : withoutUndefined(object);
  const doc = new Document(value, {
    version: '1.1',
    // Without this the library writes a `<<` key as a merge key, plain, whatever style it is given.
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== MERGE_TAG),
  });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && needsQuotes(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  // Strings holding these were double-quoted above, so they occur only inside double quotes.
  return doc
    .toString({ lineWidth: 0, minContentWidth: 0, indentSeq: false })
    .replace(RAW_FORBIDDEN_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Characters go-yaml v2 refuses to read raw ("control characters are not allowed": its reader
 * accepts tab, LF, CR, U+0020–U+007E, U+0085 and U+00A0 up, less U+FEFF, U+FFFE and U+FFFF), and
 * the YAML 1.1 line breaks U+0085, U+2028 and U+2029, which it would fold. The writer escapes
 * them; the `yaml` library writes them raw.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const RAW_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;
const RAW_FORBIDDEN_GLOBAL = new RegExp(RAW_FORBIDDEN.source, 'g');

/**
 * JSON as `kubectl get -o json` prints it: four-space indent and a final newline; several
 * objects as one `v1` List (what `kubectl apply -f` accepts).
 */
export function writeJson(objects: readonly unknown[], options: WriteOptions = {}): string {
  const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  return formatJson(options.sortKeys ? canonicalize(value) : value);
}

/** Any JSON value with the one indentation every output of this project uses (four spaces, as kubectl). */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/**
 * Whether a string must be quoted for every reader to read it back as that string: go-yaml v2
 * (the kubelet), a YAML 1.2 reader, and a YAML 1.1 reader (timestamps, `1:20` sexagesimals).
 */
export function needsQuotes(value: string): boolean {
  if (value === '<<' || RAW_FORBIDDEN.test(value)) return true;
  // The library quotes an empty string and block-styles multi-line text itself.
  if (value === '' || value.includes('\n')) return false;
  if (resolvePlainScalar(value) !== value) return true;
  for (const version of ['1.2', '1.1'] as const) {
    try {
      const doc = parseDocument(value, { version, logLevel: 'silent' });
      if (doc.errors.length > 0 || doc.warnings.length > 0 || doc.toJS() !== value) return true;
    } catch {
      return true;
    }
  }
  return false;
}

const TOP_LEVEL_FIRST = ['apiVersion', 'kind', 'metadata', 'spec'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy of a Kubernetes object with its keys in canonical order (cdk8s-core
 * `src/api-object.ts` `sortKeys`): `apiVersion`, `kind`, `metadata`, `spec` first in a top-level
 * object (and in each item of a List), every other key in code-unit order; `undefined` members
 * dropped. Array order is meaningful in Kubernetes and never changed.
 */
export function canonicalize(value: unknown, topLevel = true): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalize(v, topLevel));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  const first = topLevel ? TOP_LEVEL_FIRST.filter((k) => keys.includes(k)) : [];
  const rest = keys.filter((k) => !first.includes(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const k of [...first, ...rest]) setOwn(out, k, canonicalize(value[k], topLevel && k === 'items'));
  return out;
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, withoutUndefined(v));
  return out;
}

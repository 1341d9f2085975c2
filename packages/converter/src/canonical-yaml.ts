import { Document, isScalar, parseDocument, visit } from 'yaml';
import { canonicalize } from './canonical-order.js';

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/**
 * Multi-document YAML with canonical key order and stable bytes. Strings are quoted whenever a YAML 1.1
 * reader would take them for something else: the kubelet and kubectl read YAML with go-yaml v2
 * (`sigs.k8s.io/yaml`), where `yes`, `on`, `y`, `0644`, `1e3`, `0x1F`, `1_000` and `1:20` are not
 * strings. The `yaml` library quotes those under `version: '1.1'`; strings that only YAML 1.2 reads
 * differently (`0o14`, which Go's integer parser also accepts) are quoted too, so every reader agrees.
 * Lines are never folded (a folded plain scalar is valid but hard to review), lists are not indented
 * under their key (as kubectl and kubeadm print them). Comments of the input are not carried over.
 */
export function toYaml(objects: readonly object[]): string {
  return objects.map(documentText).join('---\n');
}

function documentText(object: object): string {
  const doc = new Document(canonicalize(object), {
    version: '1.1',
    // Without this the library writes a `<<` key as a merge key, plain, whatever style it is given.
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== MERGE_TAG),
  });
  visit(doc, {
    Scalar(_key, node) {
      if (
        isScalar(node) &&
        typeof node.value === 'string' &&
        (YAML_11_BREAKS.test(node.value) || readsDifferently(node.value))
      ) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  // Only double-quoted scalars hold these characters now; written raw, go-yaml would break the line there.
  return doc
    .toString({ lineWidth: 0, minContentWidth: 0, indentSeq: false })
    .replace(/[\u0085\u2028\u2029]/g, (c) => YAML_11_BREAK_ESCAPES[c] as string);
}

/**
 * Line breaks in YAML 1.1 (go-yaml v2 `is_break`) that YAML 1.2 writers treat as ordinary
 * characters: NEL, LS and PS. Strings holding them are written double-quoted, with the escapes
 * both readers know.
 */
const YAML_11_BREAKS = /[\u0085\u2028\u2029]/;
const YAML_11_BREAK_ESCAPES: Readonly<Record<string, string>> = {
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/**
 * Whether some reader would not read the plain text back as this string: a YAML 1.2 reader, or
 * go-yaml v2 for `<<`, its merge key (a plain `<<` key with a string value is a decode error there).
 */
function readsDifferently(value: string): boolean {
  if (value === '<<') return true;
  if (value === '' || /[\n:#]/.test(value)) return false; // quoted or block-styled by the library anyway
  try {
    const doc = parseDocument(value, { version: '1.2', logLevel: 'silent' });
    return doc.errors.length > 0 || doc.warnings.length > 0 || doc.toJS() !== value;
  } catch {
    return true;
  }
}

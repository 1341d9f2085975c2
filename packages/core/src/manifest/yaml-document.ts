import { Composer, type Document, isScalar, LineCounter, Parser } from 'yaml';
import { YamlValueError, yamlNodeToValue } from './yaml-value.js';

/** A problem that makes the kubelet's YAML decoder fail. */
export interface YamlSyntaxError {
  /** What is wrong, in our words. */
  readonly message: string;
  /** The decoder's error as the kubelet embeds it (`yaml: line 3: …`); exact only where `exact` is true. */
  readonly kubeletError: string;
  readonly exact: boolean;
  /** Character offset in the text. */
  readonly offset: number;
}

/** A YAML document after the first one: the kubelet never reads it. */
export interface IgnoredDocument {
  /** 1-based index of the document in the file (2 for the first ignored one). */
  readonly index: number;
  readonly offset: number;
  /** The document holds a syntax error; harmless, since the kubelet stops after the first document. */
  readonly hasSyntaxError: boolean;
}

export interface YamlRead {
  /** The first document as the kubelet decodes it, or undefined when decoding failed. */
  readonly value: unknown;
  readonly error?: YamlSyntaxError;
  readonly document?: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The first document exists but holds nothing (`---` followed by `---`, or an empty file). */
  readonly firstDocumentEmpty: boolean;
  /** Documents after the first that hold content. */
  readonly ignoredDocuments: readonly IgnoredDocument[];
  /** Keys that occur twice in one mapping (the later one wins), with the offset of the later key. */
  readonly duplicateKeys: readonly { readonly path: readonly (string | number)[]; readonly offset: number }[];
}

const COMPOSER_OPTIONS = {
  // Scalars are resolved by go-yaml's rules (go-yaml-scalars.ts), so the schema resolves nothing.
  schema: 'failsafe',
  version: '1.1',
  uniqueKeys: false,
  merge: false,
  prettyErrors: false,
} as const;

/**
 * Reads the first YAML document the way `sigs.k8s.io/yaml` `YAMLToJSON` (go-yaml v2 `Unmarshal`)
 * does for the kubelet: only the first document is decoded, anything after it, even invalid
 * YAML, is never looked at (apimachinery `pkg/util/yaml/decoder.go` `ToJSON`).
 */
export function readFirstYamlDocument(text: string): YamlRead {
  const lineCounter = new LineCounter();
  const composer = new Composer(COMPOSER_OPTIONS);
  const docs: Document.Parsed[] = [];
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    for (const doc of composer.next(token)) docs.push(doc as Document.Parsed);
  }
  for (const doc of composer.end()) docs.push(doc as Document.Parsed);
  const first = docs[0];
  const ignoredDocuments: IgnoredDocument[] = docs
    .slice(1)
    .flatMap((doc, i) =>
      isEmptyDocument(doc) && doc.errors.length === 0
        ? []
        : [{ index: i + 2, offset: doc.range[0], hasSyntaxError: doc.errors.length > 0 }],
    );

  const base = { lineCounter, ignoredDocuments } as const;
  if (!first) {
    return { ...base, value: null, firstDocumentEmpty: true, duplicateKeys: [] };
  }
  const syntax = first.errors[0];
  if (syntax) {
    const offset = syntax.pos[0];
    const line = lineCounter.linePos(offset).line;
    const problem = syntax.message.replace(/ at line \d+, column \d+.*$/s, '');
    return {
      ...base,
      value: undefined,
      document: first,
      firstDocumentEmpty: false,
      duplicateKeys: [],
      error: {
        message: `invalid YAML: ${problem}`,
        kubeletError: `yaml: line ${line}: ${problem}`,
        exact: false,
        offset,
      },
    };
  }
  try {
    const { value, duplicateKeys } = yamlNodeToValue(first);
    return { ...base, value, document: first, firstDocumentEmpty: isEmptyDocument(first), duplicateKeys };
  } catch (error) {
    if (!(error instanceof YamlValueError)) throw error;
    return {
      ...base,
      value: undefined,
      document: first,
      firstDocumentEmpty: false,
      duplicateKeys: [],
      error: {
        message: error.message,
        kubeletError: error.goMessage,
        exact: error.exact,
        offset: error.offset,
      },
    };
  }
}

/** A document with no content at all (an empty plain scalar is how `yaml` represents it). */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  return (
    contents === null ||
    (isScalar(contents) && contents.source === '' && !contents.tag && contents.type === 'PLAIN')
  );
}

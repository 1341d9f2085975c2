import { Composer, type Document, isScalar, LineCounter, Parser } from 'yaml';
import { type OffsetChildren, YamlValueError, yamlNodeToValue } from './yaml-value.js';

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
  /** Where the fields of `value` start (absent when decoding failed). */
  readonly offsets?: OffsetChildren | undefined;
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
    const go = goYamlProblem(syntax.code, problem, line);
    const message =
      syntax.code === 'RESOURCE_EXHAUSTION'
        ? 'the YAML is nested too deeply for kubectl-staticpods to read (it reads about 800 levels; the kubelet reads up to 10000)'
        : `invalid YAML: ${problem}`;
    return {
      ...base,
      value: undefined,
      document: first,
      firstDocumentEmpty: false,
      duplicateKeys: [],
      error: { message, kubeletError: go.text, exact: go.exact, offset },
    };
  }
  try {
    const { value, duplicateKeys, offsets } = yamlNodeToValue(first);
    return {
      ...base,
      value,
      offsets,
      document: first,
      firstDocumentEmpty: isEmptyDocument(first),
      duplicateKeys,
    };
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

/**
 * The go-yaml v2 wording of a syntax error, as the kubelet embeds it. The `yaml` library's
 * messages differ, so the common problems are mapped to go-yaml's (`scannerc.go`, `parserc.go`);
 * only a tab used as indentation is located exactly like go-yaml does it (a scanner error printed
 * with the 1-based line, and without a line on the first line, as `parser.fail` in yaml.go does).
 */
function goYamlProblem(code: string, problem: string, line: number): { text: string; exact: boolean } {
  const at = (n: number) => (n > 1 ? `line ${n}: ` : '');
  if (code === 'TAB_AS_INDENT')
    return { text: `yaml: ${at(line)}found character that cannot start any token`, exact: true };
  if (code === 'RESOURCE_EXHAUSTION') {
    // go-yaml accepts up to 10000 levels; the yaml library runs out of stack at about 780.
    return { text: 'yaml: exceeded max depth of 10000', exact: false };
  }
  const mapped = GO_YAML_PROBLEMS.find(([pattern]) => pattern.test(problem));
  return { text: `yaml: ${at(line)}${mapped ? mapped[1] : problem}`, exact: false };
}

/** The `yaml` library's wording → go-yaml's, for the mistakes people make in manifests. */
const GO_YAML_PROBLEMS: readonly (readonly [RegExp, string])[] = [
  [
    /Nested mappings are not allowed|Implicit map keys need to be followed by map values/,
    'mapping values are not allowed in this context',
  ],
  [/Implicit keys need to be on a single line/, "could not find expected ':'"],
  [
    /All mapping items must start at the same column|must be sufficiently indented/i,
    'did not find expected key',
  ],
  [/Missing closing "?quote|Missing closing/, 'found unexpected end of stream'],
  [/Flow (sequence|map) in block collection|Expected flow/, 'did not find expected node content'],
];

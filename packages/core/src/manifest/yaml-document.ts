import { Composer, type Document, isScalar, LineCounter, Parser } from 'yaml';
import { byUtf8 } from './go-json.js';
import { goYamlTabProblem } from './go-yaml-tabs.js';
import { locateInValue, type OffsetChildren, YamlValueError, yamlNodeToValue } from './yaml-value.js';

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
  /**
   * Where the marker that ends the first document (`...`, or the next `---`) starts, if any:
   * go-yaml's scanner reads no further than a few characters past it.
   */
  readonly firstDocumentEndMarker?: number;
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
  const source = goYamlLineBreaks(text);
  const lineCounter = new LineCounter();
  const composer = new Composer(COMPOSER_OPTIONS);
  const docs: Document.Parsed[] = [];
  for (const token of new Parser(lineCounter.addNewLine).parse(source)) {
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

  const endMarker = firstDocumentEndMarker(source);
  const base = {
    lineCounter,
    ignoredDocuments,
    ...(endMarker !== undefined && { firstDocumentEndMarker: endMarker }),
  } as const;
  /** The read when the first document cannot be decoded: no value, the problem that stops the kubelet. */
  const failed = (error: YamlSyntaxError): YamlRead => ({
    ...base,
    value: undefined,
    ...(first && { document: first }),
    firstDocumentEmpty: false,
    duplicateKeys: [],
    error,
  });
  const directive = goYamlStreamStartProblem(source);
  if (directive) return failed(directive);
  if (!first) {
    return { ...base, value: null, firstDocumentEmpty: true, duplicateKeys: [] };
  }
  // go-yaml stops at the first document end marker: whatever follows on its line is not read.
  const syntax = first.errors.find(
    (e) => endMarker === undefined || e.pos[0] < endMarker || !source.startsWith('...', endMarker),
  );
  const tab = goYamlTabProblem(source, first, endMarker ?? source.length);
  if (tab && (!syntax || tab.offset <= syntax.pos[0] || syntax.code === 'TAB_AS_INDENT')) {
    return failed({ message: tab.message, kubeletError: tab.kubeletError, exact: true, offset: tab.offset });
  }
  if (syntax) {
    const offset = syntax.pos[0];
    const line = lineCounter.linePos(offset).line;
    const problem = syntax.message.replace(/ at line \d+, column \d+.*$/s, '');
    const go = goYamlProblem(syntax.code, problem, line);
    const message =
      syntax.code === 'RESOURCE_EXHAUSTION'
        ? 'the YAML is nested too deeply for kubectl-staticpods to read (it reads about 800 levels; the kubelet reads up to 10000)'
        : `invalid YAML: ${problem}`;
    return failed({ message, kubeletError: go.text, exact: go.exact, offset });
  }
  try {
    const { value, duplicateKeys, offsets } = yamlNodeToValue(first);
    const nonFinite = hasNonFiniteNumber(value) ? firstNonFiniteNumber(value) : undefined;
    if (nonFinite) {
      const go = Number.isNaN(nonFinite.value) ? 'NaN' : nonFinite.value > 0 ? '+Inf' : '-Inf';
      return failed({
        message: `${nonFinite.path.join('.')}: YAML reads this as the float ${go}, which JSON cannot hold (quote it for a string)`,
        kubeletError: `json: unsupported value: ${go}`,
        exact: true,
        offset: locateInValue(offsets, nonFinite.path).offset,
      });
    }
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
    return failed({
      message: error.message,
      kubeletError: error.goMessage,
      exact: error.exact,
      offset: error.offset,
    });
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

/**
 * The first NaN or infinity `json.Marshal` meets in the decoded value (map keys in sorted order,
 * as Go marshals a map): `sigs.k8s.io/yaml` `YAMLToJSON` then fails with
 * `json: unsupported value: NaN` (`encoding/json` `floatEncoder`), whatever field holds it.
 */
function firstNonFiniteNumber(value: unknown): { path: (string | number)[]; value: number } | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path: [], value };
  if (value === null || typeof value !== 'object') return undefined;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.keys(value)
        .sort(byUtf8)
        .map((k) => [k, (value as Record<string, unknown>)[k]]);
  for (const [key, child] of entries) {
    const found = firstNonFiniteNumber(child);
    if (found) return { path: [key, ...found.path], value: found.value };
  }
  return undefined;
}

/** A cheap pass without sorting: most manifests hold no NaN or infinity at all. */
function hasNonFiniteNumber(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  for (const child of Array.isArray(value) ? value : Object.values(value))
    if (hasNonFiniteNumber(child)) return true;
  return false;
}

/**
 * go-yaml v2 (YAML 1.1) breaks lines at CR, LF, CR LF, NEL (U+0085), LS (U+2028) and PS (U+2029)
 * (`yamlprivateh.go` `is_break`); the `yaml` library only at LF and CR LF. Each of the others is
 * one UTF-16 unit, so turning it into LF keeps every offset.
 */
function goYamlLineBreaks(text: string): string {
  return /[\r\u0085\u2028\u2029]/.test(text) ? text.replace(/\r(?!\n)|[\u0085\u2028\u2029]/g, '\n') : text;
}

/**
 * What go-yaml v2 refuses before the first document's content, where the `yaml` library is more
 * lenient: only `%YAML 1.1` is compatible and only once (`parserc.go`
 * `yaml_parser_process_directives`), directives need a `---` after them
 * (`yaml_parser_parse_document_start`), only `YAML` and `TAG` are directive names and a tab may
 * not stand in a line's leading blanks where a key could start (`scannerc.go`
 * `yaml_parser_scan_directive`, `yaml_parser_scan_to_next_token`), and a document end marker
 * `...` cannot open the stream (`yaml_parser_parse_node`: no node content). Parser errors are
 * located at the 0-based line, scanner errors at the 1-based one, and go-yaml prints no line for
 * the first line either way (`yaml.go` `parser.fail`).
 */
function goYamlStreamStartProblem(source: string): YamlSyntaxError | undefined {
  let sawYaml = false;
  let sawDirective = false;
  let sawDocStart = false;
  for (let offset = 0, line = 0; offset < source.length; line++) {
    const end = source.indexOf('\n', offset);
    const next = end < 0 ? source.length : end + 1;
    let content = source.slice(offset, end < 0 ? source.length : end);
    if (line === 0 && content.startsWith('\ufeff')) content = content.slice(1);
    const lineOffset = offset;
    offset = next;
    const problem = (kubelet: string, ours: string, scanner: boolean, column = 0): YamlSyntaxError => {
      const shown = line === 0 ? 0 : scanner ? line + 1 : line;
      return {
        message: `invalid YAML: ${ours}`,
        kubeletError: `yaml: ${shown > 0 ? `line ${shown}: ` : ''}${kubelet}`,
        exact: true,
        offset: lineOffset + column,
      };
    };
    const blanks = /^[ \t]*/.exec(content)?.[0] ?? '';
    const rest = content.slice(blanks.length).replace(/\r$/, '');
    if (rest === '' || rest.startsWith('#')) {
      if (blanks.includes('\t'))
        return problem(
          'found character that cannot start any token',
          'Tabs are not allowed as indentation',
          true,
          blanks.indexOf('\t'),
        );
      continue;
    }
    if (blanks !== '') return undefined;
    const marker = /^(---|\.\.\.)(?=[ \t]|$)/.exec(rest)?.[1];
    if (sawDirective && !sawDocStart && marker !== '---' && !rest.startsWith('%'))
      return problem('did not find expected <document start>', 'directives must be followed by ---', false);
    if (marker === '...' && !sawDocStart)
      return problem(
        'did not find expected node content',
        'the file starts with a document end marker (...)',
        false,
      );
    if (marker === '---') {
      if (sawDocStart) return undefined;
      sawDocStart = true;
      const after = rest.slice(3).trim();
      if (after !== '' && !after.startsWith('#')) return undefined;
      continue;
    }
    if (!rest.startsWith('%') || sawDocStart) return undefined;
    sawDirective = true;
    const name = /^%([0-9A-Za-z_-]*)/.exec(rest)?.[1] ?? '';
    if (name === 'YAML') {
      const version = /^%YAML[ \t]+([0-9]{1,9})\.([0-9]{1,9})(?=[ \t]|$)/.exec(rest);
      if (!version) return undefined;
      if (sawYaml) return problem('found duplicate %YAML directive', 'a second %YAML directive', false);
      sawYaml = true;
      if (Number(version[1]) !== 1 || Number(version[2]) !== 1) {
        return problem(
          'found incompatible YAML document',
          `%YAML ${version[1]}.${version[2]}: the kubelet's YAML parser reads YAML 1.1 documents only`,
          false,
        );
      }
    } else if (name !== 'TAG' && name !== '' && /^[ \t]|^$/.test(rest.slice(name.length + 1))) {
      return problem('found unknown directive name', `unknown directive %${name}`, true);
    }
  }
  return undefined;
}

/**
 * The offset of the column-0 marker that ends the first document: the first `...`, or the first
 * `---` after the document's content has begun (a `---` before it opens the first document).
 */
function firstDocumentEndMarker(source: string): number | undefined {
  const marker = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let contentSeen = false;
  let lineStart = 0;
  for (let m = marker.exec(source); m; m = marker.exec(source)) {
    if (!contentSeen) contentSeen = hasContent(source.slice(lineStart, m.index));
    if (m[1] === '...' || contentSeen) return m.index;
    // A `---` opening the first document: content may follow on its own line.
    const eol = source.indexOf('\n', m.index);
    const rest = source.slice(m.index + 3, eol < 0 ? source.length : eol).trim();
    contentSeen = rest !== '' && !rest.startsWith('#');
    lineStart = eol < 0 ? source.length : eol + 1;
  }
  return undefined;
}

/** Whether the lines hold anything but blanks, comments and directives. */
function hasContent(lines: string): boolean {
  return lines.split('\n').some((l) => {
    const t = l.trim();
    return t !== '' && !t.startsWith('#') && !(l.startsWith('%') && t.length > 1);
  });
}

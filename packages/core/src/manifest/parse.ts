import type { LineCounter } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { MAX_MANIFEST_BYTES } from '../kubelet/constants.js';
import { type BlockYamlRead, readBlockYaml } from './block-yaml.js';
import { readJson } from './json-document.js';
import {
  charOffsetOfByte,
  decodeUtf8,
  decodeUtf16,
  firstNonPrintable,
  goYamlUtf8Problem,
  looksLikeJson,
  utf16ByteOrder,
} from './text.js';
import { readFirstYamlDocument } from './yaml-document.js';
import { locateInValue, type OffsetChildren } from './yaml-value.js';

/** A 1-based line and column, like editors and compilers print them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Why the kubelet cannot turn the bytes into an object at all. */
export interface SyntaxProblem extends Position {
  /** In our words, for people. */
  readonly message: string;
  /** The decoder error as the kubelet embeds it in `couldn't parse as pod(…)`. */
  readonly kubeletError: string;
  /** Whether `kubeletError` is byte-identical to the kubelet's text (YAML parser wording differs). */
  readonly exact: boolean;
}

export interface ParsedManifest {
  /** The name findings use for this manifest (a path, or `<stdin>`). */
  readonly file: string;
  /** `json` when the first non-space character is `{` (the kubelet then skips YAML entirely). */
  readonly format: 'yaml' | 'json';
  readonly byteLength: number;
  /** `byteLength` reaches the kubelet's 10 MiB read limit: the kubelet reads nothing of it. */
  readonly tooLarge: boolean;
  /**
   * The object the kubelet's YAML→JSON step hands to its decoder (the first YAML document only),
   * with YAML 1.1 scalar semantics as go-yaml v2 has them. `undefined` when that step fails.
   */
  readonly value: unknown;
  /** For JSON input, the text as read: Go's decoder quotes it verbatim in some errors. */
  readonly jsonText?: string;
  readonly syntaxError?: SyntaxProblem;
  /** The first YAML document is empty (for example `---` twice): the kubelet decodes `null`. */
  readonly firstDocumentEmpty: boolean;
  /** YAML documents after the first that hold content; the kubelet silently ignores them. */
  readonly ignoredDocuments: readonly (Position & {
    readonly index: number;
    readonly hasSyntaxError: boolean;
  })[];
  /** Keys given twice in one mapping; the last one wins, silently. */
  readonly duplicateKeys: readonly (Position & { readonly path: FieldPath })[];
  /** The position of a field (its key), or of the nearest enclosing field that exists. */
  positionOf(path: FieldPath): Position;
}

export interface ParseOptions {
  /** Name used in findings. @default '<input>' */
  readonly file?: string;
}

/**
 * Parses one static Pod manifest exactly as the kubelet's file source reads it
 * (`pkg/kubelet/config/file.go` `extractFromFile`, `common.go` `tryDecodeSinglePod`,
 * apimachinery `pkg/util/yaml` `ToJSON`): JSON when the first non-space character is `{`, else
 * the first YAML document with go-yaml v2 semantics; files of 10 MiB or more are not read.
 * Never throws for bad input: problems are reported on the result.
 */
export function parseManifest(content: Uint8Array | string, options: ParseOptions = {}): ParsedManifest {
  const file = options.file ?? '<input>';
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const byteLength = bytes.byteLength;
  if (byteLength >= MAX_MANIFEST_BYTES) {
    return emptyResult(file, 'yaml', byteLength, { tooLarge: true });
  }
  // go-yaml reads UTF-16 with a byte-order mark; such bytes never start with `{` as UTF-8, so
  // `ToJSON` always hands them to the YAML decoder (JSON in UTF-16 is read as YAML).
  const utf16 = typeof content === 'string' ? undefined : utf16ByteOrder(bytes);
  if (utf16) {
    const d = decodeUtf16(bytes, utf16);
    const problem = d.problem === undefined ? undefined : { at: d.text.length, problem: d.problem };
    return parseYaml(file, byteLength, d.text, new LineIndex(d.text), problem, true);
  }
  const decoded = typeof content === 'string' ? { text: content } : decodeUtf8(bytes);
  const text = decoded.text;
  const lines = new LineIndex(text);
  return looksLikeJson(text)
    ? parseJson(file, byteLength, text, lines)
    : parseYaml(file, byteLength, text, lines, invalidUtf8(bytes, decoded.invalidUtf8At));
}

function parseJson(file: string, byteLength: number, text: string, lines: LineIndex): ParsedManifest {
  const read = readJson(text);
  const at = (offset: number) => lines.position(offset);
  return {
    file,
    format: 'json',
    byteLength,
    tooLarge: false,
    value: read.value,
    jsonText: text,
    ...(read.error && {
      syntaxError: {
        ...at(read.error.offset),
        message: read.error.message,
        kubeletError: read.error.goMessage,
        exact: true,
      },
    }),
    firstDocumentEmpty: false,
    ignoredDocuments: [],
    duplicateKeys: read.duplicateKeys.map((d) => ({ path: d.path, ...at(d.offset) })),
    positionOf: (path) => at(read.locate(path).offset),
  };
}

/** Where the first ill-formed UTF-8 sequence is (as a text offset), and go-yaml's complaint about it. */
function invalidUtf8(
  bytes: Uint8Array,
  byteOffset: number | undefined,
): { at: number; problem: string } | undefined {
  if (byteOffset === undefined) return undefined;
  return { at: charOffsetOfByte(bytes, byteOffset), problem: goYamlUtf8Problem(bytes, byteOffset) };
}

function parseYaml(
  file: string,
  byteLength: number,
  text: string,
  lines: LineIndex,
  /** The first byte sequence go-yaml's reader refuses (ill-formed UTF-8 or UTF-16), as a text offset. */
  utf8: { at: number; problem: string } | undefined,
  utf16 = false,
): ParsedManifest {
  // Ordinary block YAML is read by the lean reader; anything else by `yaml` (block-yaml.ts).
  const lean = readBlockYaml(text);
  if (lean) return leanResult(file, byteLength, lines, lean, utf8);
  const read = readFirstYamlDocument(text);
  const counter: LineCounter = read.lineCounter;
  const at = (offset: number): Position => {
    const p = counter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const firstEnd = readerWindowEnd(text, read.firstDocumentEndMarker, utf16);
  let syntaxError: SyntaxProblem | undefined;
  // go-yaml validates characters as it reads them, so problems past the first document go unseen.
  // A problem in the very last bytes (a truncated UTF-16 file) is met when the reader reaches the end.
  if (utf8 && (utf8.at < firstEnd || (firstEnd === text.length && utf8.at >= text.length))) {
    syntaxError = utf8SyntaxError(lines, utf8);
  } else {
    const bad = firstNonPrintable(text, 0, firstEnd);
    if (bad >= 0) {
      const code = text.charCodeAt(bad).toString(16).padStart(4, '0').toUpperCase();
      syntaxError = {
        ...lines.position(bad),
        message: `the file contains a control character (U+${code}); is it a binary file?`,
        kubeletError: 'yaml: control characters are not allowed',
        exact: true,
      };
    } else if (read.error) {
      syntaxError = {
        ...at(read.error.offset),
        message: read.error.message,
        kubeletError: read.error.kubeletError,
        exact: read.error.exact,
      };
    }
  }
  return {
    file,
    format: 'yaml',
    byteLength,
    tooLarge: false,
    value: syntaxError ? undefined : read.value,
    ...(syntaxError && { syntaxError }),
    firstDocumentEmpty: read.firstDocumentEmpty,
    ignoredDocuments: read.ignoredDocuments.map((d) => ({
      index: d.index,
      hasSyntaxError: d.hasSyntaxError,
      ...at(d.offset),
    })),
    duplicateKeys: read.duplicateKeys.map((d) => ({ path: d.path, ...at(d.offset) })),
    positionOf: yamlPositions(read.offsets, counter),
  };
}

/**
 * The result for a document the lean reader read: one document, no syntax error but an
 * ill-formed byte sequence (the reader reads no control character), and its text holds no line
 * break but LF, so the line index finds the same positions as `yaml`'s line counter.
 */
function leanResult(
  file: string,
  byteLength: number,
  lines: LineIndex,
  read: BlockYamlRead,
  utf8: { at: number; problem: string } | undefined,
): ParsedManifest {
  const syntaxError = utf8 && utf8SyntaxError(lines, utf8);
  return {
    file,
    format: 'yaml',
    byteLength,
    tooLarge: false,
    value: syntaxError ? undefined : read.value,
    ...(syntaxError && { syntaxError }),
    firstDocumentEmpty: false,
    ignoredDocuments: [],
    duplicateKeys: read.duplicateKeys.map((d) => ({ path: d.path, ...lines.position(d.offset) })),
    positionOf: (path) => lines.position(locateInValue(read.offsets, path).offset),
  };
}

/** go-yaml's error for an ill-formed byte sequence, where the reader met it. */
function utf8SyntaxError(lines: LineIndex, utf8: { at: number; problem: string }): SyntaxProblem {
  return {
    ...lines.position(utf8.at),
    message: utf8Message(utf8.problem),
    kubeletError: `yaml: ${utf8.problem}`,
    exact: true,
  };
}

function utf8Message(problem: string): string {
  return `the file is not valid ${problem.includes('UTF-16') || problem.includes('surrogate') ? 'UTF-16' : 'UTF-8'} text (${problem})`;
}

/** go-yaml v2 reads its input in chunks of this many bytes (`yamlprivateh.go` `input_raw_buffer_size`). */
const GO_YAML_RAW_CHUNK = 512;

/**
 * How far go-yaml's reader has checked the characters when it stops after the first document:
 * it decodes (and refuses bad characters in) whole 512-byte chunks, and the scanner needs a few
 * characters past the marker that ends the document (`readerc.go` `yaml_parser_update_buffer`).
 * The whole file when the first document runs to its end. A text offset.
 */
function readerWindowEnd(text: string, endMarker: number | undefined, utf16: boolean): number {
  if (endMarker === undefined) return text.length;
  const needed = Math.min(text.length, endMarker + 4);
  const bytesOf = (chars: number) => (utf16 ? 2 * chars : Buffer.byteLength(text.slice(0, chars), 'utf8'));
  const window = Math.ceil(bytesOf(needed) / GO_YAML_RAW_CHUNK) * GO_YAML_RAW_CHUNK;
  if (window >= bytesOf(text.length)) return text.length;
  // Back from bytes to characters.
  let lo = needed;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bytesOf(mid) <= window) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Looks positions up in the offsets recorded while decoding; the syntax tree itself is not kept. */
function yamlPositions(
  offsets: OffsetChildren | undefined,
  counter: LineCounter,
): (path: FieldPath) => Position {
  return (path) => {
    if (!offsets) return { line: 1, column: 1 };
    const p = counter.linePos(locateInValue(offsets, path).offset);
    return { line: p.line, column: p.col };
  };
}

/** A manifest the kubelet refuses to read because it reaches the 10 MiB limit. */
export function oversizedManifest(file: string, byteLength: number): ParsedManifest {
  return emptyResult(file, 'yaml', byteLength, { tooLarge: true });
}

function emptyResult(
  file: string,
  format: 'yaml' | 'json',
  byteLength: number,
  extra: { tooLarge: boolean },
): ParsedManifest {
  return {
    file,
    format,
    byteLength,
    tooLarge: extra.tooLarge,
    value: undefined,
    firstDocumentEmpty: false,
    ignoredDocuments: [],
    duplicateKeys: [],
    positionOf: () => ({ line: 1, column: 1 }),
  };
}

/** Offsets to 1-based line/column for text not parsed by yaml's LineCounter. */
class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  position(offset: number): Position {
    if (!this.starts) {
      this.starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1))
        this.starts.push(i + 1);
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}

/**
 * A lean first pass over ordinary block-style YAML: the shape nearly every static Pod manifest
 * has (block mappings and sequences, one-line plain and quoted scalars, literal and simple folded
 * block scalars, `[]`, `{}` and one-line flow sequences of scalars, comments, a leading `---`).
 * It gives exactly what `readFirstYamlDocument` (the `yaml` package plus go-yaml v2 semantics)
 * gives for such a document: the same value, the same offsets of every field, the same duplicate
 * keys. Anything else (anchors, aliases, tags, merge keys, multi-line plain or quoted scalars,
 * other flow collections, tabs, CR, control characters, several documents, any syntax error) it
 * does not try to read: it returns `undefined` and the caller reads the text with `yaml`.
 * `test/property/block-yaml.test.ts` checks both readers agree on the corpus and on generated
 * documents.
 *
 * Starting `yaml`'s lexer, parser and composer costs a short-lived CLI more than reading a
 * manifest does; this reader is small and makes one pass.
 */
import { resolvePlainScalar } from './go-yaml-scalars.js';
import { setOwn } from './own.js';
import type { OffsetChildren, OffsetNode } from './yaml-value.js';

export interface BlockYamlRead {
  /** The first document's value, as `sigs.k8s.io/yaml` decodes it (a mapping). */
  readonly value: Record<string, unknown>;
  /** Where each field starts, as `yamlNodeToValue` records it. */
  readonly offsets: OffsetChildren;
  /** Keys given twice in one mapping, at the later key. */
  readonly duplicateKeys: { path: readonly (string | number)[]; offset: number }[];
}

/** Thrown inside the reader when the text leaves the forms it reads; never escapes. */
const GIVE_UP: unique symbol = Symbol('not ordinary block YAML');

/**
 * Characters the reader never reads through: tab, CR, the other C0 and C1 controls, DEL, LS,
 * PS, and everything from the surrogates up (the byte-order mark included).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNREAD = /[\0-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\uffff]/;

/** Nesting this deep goes to `yaml` (go-yaml's own limit of 10000 is checked there). */
const MAX_DEPTH = 100;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/** Reads `text` when it is ordinary block YAML holding one mapping; `undefined` when `yaml` must read it. */
export function readBlockYaml(text: string): BlockYamlRead | undefined {
  if (UNREAD.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

/** Characters a plain key may start with here: letters, digits and `_ . /` (and `-` after the first). */
function isKeyChar(c: number, first: boolean): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === 0x2e || // .
    c === 0x2f || // /
    (c === DASH && !first)
  );
}

/** Plain characters accepted inside a one-line flow sequence: key characters, `=`, `+`, `~`, `-` anywhere. */
function isFlowPlainChar(c: number): boolean {
  return isKeyChar(c, false) || c === 0x3d || c === 0x2b || c === 0x7e;
}

class Reader {
  /** Start of the current line. */
  private line = 0;
  /** End of the current line (its LF, or the end of the text). */
  private end = 0;
  /** Leading spaces of the current line. */
  private indent = 0;
  private readonly path: (string | number)[] = [];
  private readonly duplicateKeys: BlockYamlRead['duplicateKeys'] = [];
  /** The offsets of the collection read last (like `yamlNodeToValue`'s side channel). */
  private last: OffsetChildren | undefined;

  constructor(private readonly text: string) {
    this.setLine(0);
  }

  document(): BlockYamlRead {
    const t = this.text;
    // Blank and comment lines, then a `---` (with at most a comment after it) may open the document.
    while (
      !this.atEnd() &&
      (this.line + this.indent === this.end || t.charCodeAt(this.line + this.indent) === HASH)
    )
      this.nextLine();
    if (this.indent === 0 && t.startsWith('---', this.line)) {
      const after = this.line + 3;
      if (after < this.end && t.charCodeAt(after) !== SPACE) giveUp();
      this.afterValue(after);
      this.nextLine();
      this.skipBlank();
    }
    if (this.atEnd() || this.indent !== 0) giveUp();
    const value = this.mapping(0, this.line, 0);
    const offsets = this.last as OffsetChildren;
    this.skipBlank();
    if (!this.atEnd()) giveUp();
    return { value, offsets, duplicateKeys: this.duplicateKeys };
  }

  // ---- lines

  private setLine(start: number): void {
    const t = this.text;
    this.line = start;
    const lf = t.indexOf('\n', start);
    this.end = lf < 0 ? t.length : lf;
    let i = start;
    while (i < this.end && t.charCodeAt(i) === SPACE) i++;
    this.indent = i - start;
  }

  private atEnd(): boolean {
    return this.line >= this.text.length;
  }

  private nextLine(): void {
    this.setLine(this.end + 1);
  }

  /** Skips lines holding only spaces or a comment. */
  private skipBlank(): void {
    const t = this.text;
    while (!this.atEnd()) {
      const first = this.line + this.indent;
      if (first < this.end && t.charCodeAt(first) !== HASH) {
        // `---` and `...` at column 0 end the document: several documents go to `yaml`.
        if (this.indent === 0 && (t.startsWith('---', first) || t.startsWith('...', first))) giveUp();
        return;
      }
      this.nextLine();
    }
  }

  /** After a value ends at `i`: only spaces, then the end of the line or a comment. */
  private afterValue(i: number): void {
    const t = this.text;
    while (i < this.end && t.charCodeAt(i) === SPACE) i++;
    if (i < this.end && !(t.charCodeAt(i) === HASH && t.charCodeAt(i - 1) === SPACE)) giveUp();
  }

  /** Whether the character at `i` is a space or ends the line. */
  private spaceOrEnd(i: number): boolean {
    return i >= this.end || this.text.charCodeAt(i) === SPACE;
  }

  // ---- collections

  /**
   * A block mapping whose keys stand at `column`; its first key starts at `first` on the current
   * line (after `- ` in a sequence item). Ends before the first line indented less.
   */
  private mapping(column: number, first: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) giveUp();
    const out: Record<string, unknown> = {};
    const children: Record<string, OffsetNode> = Object.create(null);
    let at = first;
    for (;;) {
      const key = this.key(at);
      if (key === undefined) giveUp();
      const { name, valueAt } = key;
      if (Object.hasOwn(out, name)) this.duplicateKeys.push({ path: [...this.path, name], offset: at });
      this.path.push(name);
      setOwn(out, name, this.mappingValue(column, valueAt, depth));
      this.path.pop();
      children[name] = this.last ? { o: at, c: this.last } : at;
      this.skipBlank();
      if (this.atEnd() || this.indent < column) break;
      if (this.indent > column) giveUp();
      at = this.line + column;
    }
    this.last = children;
    return out;
  }

  /** The value of a key of the mapping at `column`; `at` is just after its `:`. */
  private mappingValue(column: number, at: number, depth: number): unknown {
    const t = this.text;
    while (at < this.end && t.charCodeAt(at) === SPACE) at++;
    if (at < this.end && t.charCodeAt(at) !== HASH) {
      const value = this.inlineValue(at, column);
      // A more indented line after a one-line value continues it (or is an error): `yaml` reads it.
      this.skipBlank();
      if (!this.atEnd() && this.indent > column) giveUp();
      return value;
    }
    // Nothing on the key's line: a nested collection on the next lines, or null.
    this.nextLine();
    this.skipBlank();
    this.last = undefined;
    if (this.atEnd()) return null;
    const start = this.line + this.indent;
    const dash = t.charCodeAt(start) === DASH && this.spaceOrEnd(start + 1);
    if (this.indent > column) {
      return dash
        ? this.sequence(this.indent, column, depth + 1)
        : this.mapping(this.indent, start, depth + 1);
    }
    // A sequence may stand at its key's own column.
    if (this.indent === column && dash) return this.sequence(column, column, depth + 1);
    return null;
  }

  /**
   * A block sequence whose dashes stand at `column`, inside a collection at `parent` (equal to
   * `column` for a sequence at its key's column). Ends before the first line that is not an item.
   */
  private sequence(column: number, parent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) giveUp();
    const t = this.text;
    const out: unknown[] = [];
    const children: OffsetNode[] = [];
    for (;;) {
      let at = this.line + column + 1;
      while (at < this.end && t.charCodeAt(at) === SPACE) at++;
      // An item on the lines below its dash, or a comment after the dash: `yaml` reads it.
      if (at >= this.end || t.charCodeAt(at) === HASH) giveUp();
      this.path.push(out.length);
      let value: unknown;
      const key = this.key(at);
      if (key !== undefined) {
        value = this.mapping(at - this.line, at, depth + 1);
      } else {
        value = this.inlineValue(at, column);
        this.skipBlank();
        if (!this.atEnd() && this.indent > column) giveUp();
      }
      this.path.pop();
      out.push(value);
      children.push(this.last ? { o: at, c: this.last } : at);
      if (this.atEnd() || this.indent < column) break;
      if (this.indent > column) giveUp();
      const start = this.line + column;
      if (!(t.charCodeAt(start) === DASH && this.spaceOrEnd(start + 1))) {
        // The parent mapping's next key, when the sequence stands at the key's column.
        if (column === parent) break;
        giveUp();
      }
    }
    this.last = children;
    return out;
  }

  // ---- keys

  /**
   * The key of a mapping entry starting at `at` (plain or quoted, then `:` and a space or the end
   * of the line), or undefined when the text at `at` is not a key. Gives up on a plain scalar
   * holding `: ` that is not a key the reader accepts.
   */
  private key(at: number): { name: string; valueAt: number } | undefined {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 0x22 || c === 0x27) {
      const q = this.quoted(at);
      if (t.charCodeAt(q.end) !== COLON) return undefined;
      if (!this.spaceOrEnd(q.end + 1)) giveUp();
      return { name: q.value, valueAt: q.end + 1 };
    }
    if (isKeyChar(c, true)) {
      // Then anything but a space, up to a `:` followed by a space or the end of the line.
      let colon = t.indexOf(':', at);
      while (colon >= 0 && colon < this.end && !this.spaceOrEnd(colon + 1)) colon = t.indexOf(':', colon + 1);
      const space = t.indexOf(' ', at);
      if (colon >= 0 && colon < this.end && (space < 0 || colon < space)) {
        if (colon - at > 1000) giveUp(); // `yaml` limits implicit keys to 1024 characters
        return { name: keyString(t.slice(at, colon)), valueAt: colon + 1 };
      }
    }
    // Not a key: make sure no `: ` follows on the line (a key this reader does not accept).
    this.plainText(at);
    return undefined;
  }

  /**
   * The plain text from `at` to the end of the line or a comment, without trailing spaces, and
   * whether a comment follows. Gives up on a `:` followed by a space or the end of the line.
   */
  private plainText(at: number): { text: string; comment: boolean } {
    const line = this.text.slice(at, this.end);
    const hash = line.indexOf(' #');
    const body = hash < 0 ? line : line.slice(0, hash);
    if (body.includes(': ') || body.endsWith(':')) giveUp();
    let end = body.length;
    while (end > 0 && body.charCodeAt(end - 1) === SPACE) end--;
    return { text: body.slice(0, end), comment: hash >= 0 };
  }

  // ---- scalars

  /**
   * A value that starts on the current line at `at`, inside a collection at `column`: a scalar,
   * a block scalar, `[]`/`{}` or a one-line flow sequence. Leaves the reader on the line after it.
   */
  private inlineValue(at: number, column: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(at);
    this.last = undefined;
    let value: unknown;
    if (c === 0x22 || c === 0x27) {
      const q = this.quoted(at);
      this.afterValue(q.end);
      value = q.value;
    } else if (c === 0x7c || c === 0x3e) {
      return this.blockScalar(at, column);
    } else if (c === 0x5b) {
      value = this.flowSequence(at);
    } else if (c === 0x7b) {
      let i = at + 1;
      while (i < this.end && t.charCodeAt(i) === SPACE) i++;
      if (t.charCodeAt(i) !== 0x7d) giveUp();
      this.afterValue(i + 1);
      this.last = Object.create(null) as Record<string, OffsetNode>;
      value = {};
    } else {
      return this.plain(at, column);
    }
    this.nextLine();
    return value;
  }

  /**
   * A plain scalar at `at`, inside a collection at `column`, resolved as go-yaml v2 resolves it.
   * It goes on over more indented lines (kubeadm wraps long ones), folded into one line.
   * Leaves the reader on the line after it.
   */
  private plain(at: number, column: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(at);
    // Indicators that cannot start a plain scalar, or start something else (anchors, aliases,
    // tags, directives, reserved characters, flow punctuation, `- `, `? `, `: `).
    if (
      c === 0x26 || // &
      c === 0x2a || // *
      c === 0x21 || // !
      c === 0x25 || // %
      c === 0x40 || // @
      c === 0x60 || // `
      c === 0x2c || // ,
      c === 0x5d || // ]
      c === 0x7d || // }
      ((c === DASH || c === 0x3f || c === COLON) && this.spaceOrEnd(at + 1))
    )
      giveUp();
    let text = '';
    let breaks = 0;
    for (;;) {
      const { text: part, comment } = this.plainText(at);
      text = text === '' ? part : text + (breaks === 0 ? ' ' : '\n'.repeat(breaks)) + part;
      this.nextLine();
      if (comment) break;
      // The next line that holds something continues the scalar when it is indented more.
      breaks = 0;
      while (!this.atEnd() && this.line + this.indent === this.end) {
        breaks++;
        this.nextLine();
      }
      if (this.atEnd() || this.indent <= column) break;
      at = this.line + this.indent;
      const d = t.charCodeAt(at);
      if (d === HASH) break;
      if (CONTINUATION_INDICATORS.includes(d) && !(PLAIN_SAFE_AFTER.includes(d) && !this.spaceOrEnd(at + 1)))
        giveUp();
    }
    return scalarValue(text);
  }

  /** A quoted scalar that closes on its own line; `end` is just after the closing quote. */
  private quoted(at: number): { value: string; end: number } {
    const t = this.text;
    if (t.charCodeAt(at) === 0x27) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const q = t.indexOf("'", from);
        if (q < 0 || q >= this.end) giveUp();
        value += t.slice(from, q);
        if (t.charCodeAt(q + 1) !== 0x27) return { value, end: q + 1 };
        value += "'";
        from = q + 2;
      }
    }
    let value = '';
    let from = at + 1;
    for (let i = from; ; i++) {
      if (i >= this.end) giveUp();
      const d = t.charCodeAt(i);
      if (d === 0x22) return { value: value + t.slice(from, i), end: i + 1 };
      if (d === 0x5c) {
        const e = t.charAt(i + 1);
        let decoded = DOUBLE_QUOTED_ESCAPES[e];
        let length = 2;
        const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (digits > 0) {
          const hex = t.slice(i + 2, i + 2 + digits);
          const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? Number.parseInt(hex, 16) : -1;
          // Surrogates and code points past Unicode go to `yaml`.
          if (code < 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) giveUp();
          decoded = String.fromCodePoint(code);
          length += digits;
        }
        if (decoded === undefined) giveUp();
        value += t.slice(from, i) + decoded;
        i += length - 1;
        from = i + 1;
      }
    }
  }

  /** `[]`, or a one-line flow sequence of quoted and simple plain scalars. */
  private flowSequence(at: number): unknown[] {
    const t = this.text;
    const out: unknown[] = [];
    const children: OffsetNode[] = [];
    const skip = (i: number) => {
      while (i < this.end && t.charCodeAt(i) === SPACE) i++;
      return i;
    };
    let i = skip(at + 1);
    if (t.charCodeAt(i) !== 0x5d) {
      for (;;) {
        const c = t.charCodeAt(i);
        let value: unknown;
        const start = i;
        if (c === 0x22 || c === 0x27) {
          const q = this.quoted(i);
          value = q.value;
          i = q.end;
        } else {
          // `-` alone, or followed by a space, is not a plain scalar.
          if (c === DASH && !isFlowPlainChar(t.charCodeAt(i + 1))) giveUp();
          while (i < this.end && isFlowPlainChar(t.charCodeAt(i))) i++;
          if (i === start) giveUp();
          value = scalarValue(t.slice(start, i));
        }
        out.push(value);
        children.push(start);
        i = skip(i);
        const d = t.charCodeAt(i);
        if (d === 0x5d) break;
        if (d !== 0x2c) giveUp();
        i = skip(i + 1);
        // A trailing comma, or an empty entry.
        if (t.charCodeAt(i) === 0x5d || t.charCodeAt(i) === 0x2c) giveUp();
      }
    }
    this.afterValue(i + 1);
    this.last = children;
    return out;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `at`, inside a collection at
   * `column`: clip (default) or strip (`-`) chomping, the indentation detected from its first
   * line. Keep chomping, indentation indicators, a comment on the header, and folded scalars with
   * more-indented lines go to `yaml`.
   */
  private blockScalar(at: number, column: number): string {
    const t = this.text;
    const literal = t.charCodeAt(at) === 0x7c;
    let i = at + 1;
    let strip = false;
    if (t.charCodeAt(i) === DASH) {
      strip = true;
      i++;
    }
    while (i < this.end && t.charCodeAt(i) === SPACE) i++;
    if (i !== this.end) giveUp();
    if (this.end >= t.length) giveUp();
    // The content lines: empty ones (spaces only) and those indented at least `indent`.
    const lines: string[] = [];
    let indent = -1;
    let leadingSpaces = 0;
    this.nextLine();
    while (!this.atEnd()) {
      const blank = this.line + this.indent === this.end;
      if (indent < 0) {
        if (blank) {
          leadingSpaces = Math.max(leadingSpaces, this.indent);
          lines.push('');
          this.nextLine();
          continue;
        }
        if (this.indent <= column || leadingSpaces > this.indent) giveUp();
        indent = this.indent;
      }
      if (blank && this.indent <= indent) lines.push('');
      else if (this.indent >= indent) lines.push(t.slice(this.line + indent, this.end));
      else break;
      // The last line must end with a line break (what clip keeps at the end of the text differs).
      if (this.end >= t.length) giveUp();
      this.nextLine();
    }
    if (indent < 0) giveUp();
    let last = lines.length;
    while (last > 0 && lines[last - 1] === '') last--;
    const content = lines.slice(0, last);
    let value: string;
    if (literal) {
      value = content.join('\n');
    } else {
      value = '';
      let breaks = 0;
      for (const [k, line] of content.entries()) {
        if (line.charCodeAt(0) === SPACE) giveUp(); // more-indented lines keep their breaks
        if (line === '') {
          breaks++;
          continue;
        }
        if (k > 0) value += breaks === 0 && value !== '' ? ' ' : '\n'.repeat(breaks);
        breaks = 0;
        value += line;
      }
    }
    return strip ? value : `${value}\n`;
  }
}

/** Characters that may not start a continuation line of a plain scalar here (they go to `yaml`). */
const CONTINUATION_INDICATORS = [...'-?:,[]{}&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0));
/** Indicators that may start a plain scalar when a non-space character follows. */
const PLAIN_SAFE_AFTER = [DASH, 0x3f, COLON];

/** The one-character escapes of double-quoted scalars the reader decodes (`\x`, `\u` and `\U` are decoded too); any other goes to `yaml`. */
const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  ' ': ' ',
  '0': '\0',
};

/** A plain scalar's value; non-finite floats (which JSON cannot hold) go to `yaml` for their error. */
function scalarValue(text: string): unknown {
  const value = resolvePlainScalar(text);
  if (typeof value === 'number' && !Number.isFinite(value)) giveUp();
  return value;
}

/**
 * A plain key as `sigs.k8s.io/yaml` turns it into a JSON key (`mapKeyString` in yaml-value.ts):
 * keys that resolve to anything but a string, a boolean or an integer written as one go to `yaml`.
 */
function keyString(text: string): string {
  const key = resolvePlainScalar(text);
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return String(key);
  if (typeof key === 'number' && Number.isInteger(key) && !/[.eE]/.test(text)) return String(key);
  return giveUp();
}

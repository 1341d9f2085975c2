/** Turning a manifest's bytes into text the way the kubelet's decoders see them. */

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface DecodedText {
  /** The text; invalid UTF-8 sequences are replaced by U+FFFD (as Go's JSON decoder does in strings). */
  readonly text: string;
  /** Byte offset of the first invalid UTF-8 sequence, if any. */
  readonly invalidUtf8At?: number;
}

/** Decodes UTF-8 without dropping a byte-order mark, so that positions match the file. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strictDecoder.decode(bytes) };
  } catch {
    return { text: lenientDecoder.decode(bytes), invalidUtf8At: firstInvalidUtf8(bytes) };
  }
}

/** Byte offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong 3-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    const c1 = bytes[i + 1] as number;
    if (
      (b === 0xe0 && c1 < 0xa0) ||
      (b === 0xed && c1 > 0x9f) ||
      (b === 0xf0 && c1 < 0x90) ||
      (b === 0xf4 && c1 > 0x8f)
    ) {
      return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** Number of UTF-16 code units in the text decoded from `bytes[0, byteOffset)`. */
export function charOffsetOfByte(bytes: Uint8Array, byteOffset: number): number {
  return lenientDecoder.decode(bytes.subarray(0, byteOffset)).length;
}

/**
 * Whitespace as Go's `unicode.IsSpace` sees it, which `k8s.io/apimachinery/pkg/util/yaml`
 * `hasJSONPrefix` trims before looking for `{`. Unlike JavaScript's `\s`, it does not include
 * the byte-order mark U+FEFF.
 */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

/**
 * True when the kubelet treats the content as JSON: `utilyaml.ToJSON` passes data through
 * unchanged when its first non-space character is `{` (apimachinery `pkg/util/yaml/decoder.go`).
 */
export function looksLikeJson(text: string): boolean {
  const lead = GO_SPACE.exec(text)?.[0].length ?? 0;
  return text.charCodeAt(lead) === 0x7b;
}

/**
 * The first character go-yaml refuses to read (`yaml_parser_update_buffer`: "control characters
 * are not allowed"), as an index into `text`, or -1. go-yaml accepts tab, LF, CR, printable ASCII,
 * NEL, U+00A0–U+D7FF, U+E000–U+FFFD (a BOM only at the start) and the supplementary planes.
 */
export function firstNonPrintable(text: string, from = 0, to = text.length): number {
  NON_PRINTABLE.lastIndex = from;
  const m = NON_PRINTABLE.exec(text);
  // A byte-order mark is allowed only as the very first character.
  const bom = text.indexOf('\ufeff', Math.max(from, 1));
  const first = Math.min(
    m && m.index < to ? m.index : Number.POSITIVE_INFINITY,
    bom >= 0 && bom < to ? bom : Number.POSITIVE_INFINITY,
  );
  return Number.isFinite(first) ? first : -1;
}

/** Everything go-yaml's reader refuses, as one sticky-free global expression (fast in V8). */
const NON_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ud800-\udfff\ue000-\ufffd]/g;

/**
 * go-yaml v2's reader error for the ill-formed UTF-8 sequence at `offset` (`readerc.go`
 * `yaml_parser_update_buffer`): the leading byte gives the width, then a short input, a bad
 * continuation byte, an overlong form and a non-character each have their own message.
 */
export function goYamlUtf8Problem(bytes: Uint8Array, offset: number): string {
  const b = bytes[offset] as number;
  const width = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
  if (width === 0) return 'invalid leading UTF-8 octet';
  if (offset + width > bytes.length) return 'incomplete UTF-8 octet sequence';
  let value = width === 2 ? b & 0x1f : width === 3 ? b & 0x0f : b & 0x07;
  for (let k = 1; k < width; k++) {
    const c = bytes[offset + k] as number;
    if ((c & 0xc0) !== 0x80) return 'invalid trailing UTF-8 octet';
    value = (value << 6) | (c & 0x3f);
  }
  if ((width === 2 && value < 0x80) || (width === 3 && value < 0x800) || (width === 4 && value < 0x10000)) {
    return 'invalid length of a UTF-8 sequence';
  }
  return 'invalid Unicode character';
}

/** The UTF-16 byte order a leading byte-order mark announces, if any (go-yaml `yaml_parser_determine_encoding`). */
export function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

/**
 * Decodes UTF-16 text (the byte-order mark kept, so that offsets match the file) as go-yaml v2's
 * reader does (`readerc.go` `yaml_parser_update_buffer`), stopping at the first sequence it refuses,
 * with its words: an odd trailing byte, a low surrogate first, or a high surrogate without its low half.
 */
export function decodeUtf16(
  bytes: Uint8Array,
  order: 'le' | 'be',
): DecodedText & { readonly problem?: string } {
  const unit = (i: number) =>
    order === 'le'
      ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8)
      : ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
  const units: number[] = [];
  const done = (problem?: string) => {
    let text = '';
    for (let k = 0; k < units.length; k += 8192) text += String.fromCharCode(...units.slice(k, k + 8192));
    return problem === undefined ? { text } : { text, invalidUtf8At: text.length, problem };
  };
  for (let i = 0; i < bytes.length; ) {
    if (i + 1 >= bytes.length) return done('incomplete UTF-16 character');
    const w1 = unit(i);
    if (w1 >= 0xdc00 && w1 <= 0xdfff) return done('unexpected low surrogate area');
    if (w1 >= 0xd800 && w1 <= 0xdbff) {
      if (i + 3 >= bytes.length) return done('incomplete UTF-16 surrogate pair');
      const w2 = unit(i + 2);
      if (w2 < 0xdc00 || w2 > 0xdfff) return done('expected low surrogate area');
      units.push(w1, w2);
      i += 4;
    } else {
      units.push(w1);
      i += 2;
    }
  }
  return done();
}

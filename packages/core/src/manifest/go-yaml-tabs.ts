import { type Document, isCollection, isMap, isScalar, isSeq, type Node, type Scalar, visit } from 'yaml';

/** A tab go-yaml v2 refuses, with its words and where. */
export interface TabProblem {
  readonly offset: number;
  /** 1-based line of the tab. */
  readonly line: number;
  readonly kubeletError: string;
  readonly message: string;
}

interface Token {
  readonly start: number;
  /** Where the token's text ends (a scalar's value end, a flow collection's closing bracket). */
  readonly end: number;
  /** A plain scalar that is not a key: go-yaml's scanner is still inside it at the next line. */
  readonly plain: boolean;
  /** A block scalar or a quoted scalar: its lines are its own. */
  readonly opaque: boolean;
  /** The column of the block collection holding it (go-yaml's `parser.indent`). */
  readonly parentColumn: number;
}

/**
 * The first tab go-yaml v2 refuses in a line's leading blanks, which the `yaml` library lets pass
 * (`scannerc.go`): right after a plain scalar, the scalar's scanner eats the following blanks and
 * line breaks and refuses a tab left of the scalar's indentation ("found a tab character that
 * violates indentation", `yaml_parser_scan_plain_scalar`); anywhere else in block context a line
 * starts where a key may, so a tab there cannot be skipped and starts no token ("found character
 * that cannot start any token", `yaml_parser_scan_to_next_token`). Lines inside flow collections,
 * quoted and block scalars are theirs. Only the text before `end` (the first document) is read.
 * Both are scanner errors, located at the tab's 1-based line.
 */
export function goYamlTabProblem(source: string, doc: Document.Parsed, end: number): TabProblem | undefined {
  if (!source.includes('\t')) return undefined;
  const tokens = documentTokens(doc, source).sort((a, b) => a.start - b.start);
  // The first tab of each line's leading blanks.
  const lineRe = /^( *)\t/gm;
  for (let m = lineRe.exec(source); m && m.index < end; m = lineRe.exec(source)) {
    const lineStart = m.index;
    const column = m[1]?.length ?? 0;
    const tabAt = lineStart + column;
    const previous = lastTokenBefore(tokens, lineStart);
    if (!previous) continue; // before any content: the stream-start check handles it
    // Inside a quoted or block scalar or a flow collection (nothing inside them is a token).
    if (previous.opaque && lineStart < previous.end) continue;
    const line = lineNumber(source, lineStart);
    const commentBetween = source.slice(previous.end, lineStart).includes('#');
    if (previous.plain && !commentBetween) {
      if (column < previous.parentColumn + 1) {
        return {
          offset: tabAt,
          line,
          kubeletError: `yaml: line ${line}: found a tab character that violates indentation`,
          message: 'invalid YAML: a tab in the indentation after a plain value (go-yaml refuses it)',
        };
      }
      continue;
    }
    return {
      offset: tabAt,
      line,
      kubeletError: `yaml: line ${line}: found character that cannot start any token`,
      message: 'invalid YAML: Tabs are not allowed as indentation',
    };
  }
  return undefined;
}

/** Scalars outside flow collections, and flow collections as wholes, in the order they appear. */
function documentTokens(doc: Document.Parsed, source: string): Token[] {
  const tokens: Token[] = [];
  const columnOf = (offset: number) => offset - (source.lastIndexOf('\n', offset - 1) + 1);
  visit(doc, {
    Pair(_, pair, path) {
      const parent = path[path.length - 1] as Node | undefined;
      const column = parent && isMap(parent) && parent.range ? columnOf(parent.range[0]) : 0;
      if (isScalar(pair.key)) tokens.push(scalarToken(pair.key, column, true));
      if (isScalar(pair.value)) tokens.push(scalarToken(pair.value, column, false));
      if (isCollection(pair.value) && pair.value.flow && pair.value.range)
        tokens.push(flowToken(pair.value.range));
      if (isCollection(pair.value) && pair.value.flow) return visit.SKIP;
      return undefined;
    },
    Seq(_, seq) {
      if (seq.flow) return visit.SKIP;
      const column = seq.range ? columnOf(seq.range[0]) : 0;
      for (const item of seq.items) {
        if (isScalar(item)) tokens.push(scalarToken(item, column, false));
        if (isCollection(item) && item.flow && item.range) tokens.push(flowToken(item.range));
      }
      return undefined;
    },
    Map(_, map) {
      return map.flow ? visit.SKIP : undefined;
    },
  });
  const top = doc.contents;
  if (isScalar(top)) tokens.push(scalarToken(top, -1, false));
  if ((isMap(top) || isSeq(top)) && top.flow && top.range) tokens.push(flowToken(top.range));
  return tokens;
}

function scalarToken(s: Scalar, parentColumn: number, isKey: boolean): Token {
  const [start, end] = s.range ?? [0, 0];
  const empty = s.type === 'PLAIN' && (s.source === '' || s.source === undefined) && !s.tag;
  return {
    start,
    end,
    plain: s.type === 'PLAIN' && !isKey && !empty,
    opaque: s.type !== 'PLAIN',
    parentColumn,
  };
}

function flowToken(range: readonly [number, number, number]): Token {
  return { start: range[0], end: range[1], plain: false, opaque: true, parentColumn: 0 };
}

/** The token that starts last before `offset` (tokens sorted by start). */
function lastTokenBefore(tokens: readonly Token[], offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? tokens[lo - 1] : undefined;
}

function lineNumber(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

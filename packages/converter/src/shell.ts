/** Stands for the node name in plans whose nodes are not known; the plan says to set `NODE` first. */
export const NODE_PLACEHOLDER = '$NODE';

/**
 * A POSIX shell word: as it is when it is safe, double-quoted when it uses the `$NODE` variable,
 * otherwise single-quoted.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-./=:,@%+]+$/.test(word)) return word;
  if (word.includes(NODE_PLACEHOLDER) && /^[A-Za-z0-9_\-./=:,@%+$]+$/.test(word)) return `"${word}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A command line from words, each quoted as needed. */
export function command(...words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/** RFC 6901 escaping of one JSON-pointer segment (`/` → `~1`, `~` → `~0`). */
export function jsonPointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

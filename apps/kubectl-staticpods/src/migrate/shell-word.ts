/** A POSIX shell word, single-quoted unless it is plainly safe. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_\-./=:,@%+]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * "Did you mean": the candidate closest to what was typed, as kubectl (cobra's
 * `SuggestionsFor`: Levenshtein distance up to 2, or a prefix) suggests commands. Undefined
 * when nothing is close.
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const c = name.toLowerCase();
    const distance = c.startsWith(lower) && lower.length >= 2 ? 0 : levenshtein(lower, c);
    if (distance <= Math.max(2, Math.floor(lower.length / 4)) && (!best || distance < best.distance))
      best = { name, distance };
  }
  return best?.name;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

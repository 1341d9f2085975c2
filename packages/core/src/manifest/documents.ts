import { type ParsedManifest, type ParseOptions, parseManifest } from './parse.js';

/**
 * Every YAML document of a stream as a manifest of its own, for CI pipelines that render several
 * manifests into one stream (`helm template`). The kubelet reads only the first document of a
 * file (`parseManifest`, rule SP005); this reads each one the same way. Lines and columns stay
 * those of the whole stream. JSON, a file too large to read and a single document give one
 * manifest. Empty documents are left out.
 */
export function parseManifestDocuments(
  content: Uint8Array | string,
  options: ParseOptions = {},
): ParsedManifest[] {
  const whole = parseManifest(content, options);
  if (whole.format === 'json' || whole.tooLarge || whole.ignoredDocuments.length === 0) return [whole];
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const startOf = (line: number) => lineStarts[line - 1] ?? text.length;
  // Each document from the start of its line to the start of the next one's, after blank lines
  // that keep its line numbers.
  const starts = [1, ...whole.ignoredDocuments.map((d) => d.line)];
  const out: ParsedManifest[] = [];
  starts.forEach((line, i) => {
    const next = starts[i + 1];
    const slice = text.slice(startOf(line), next === undefined ? text.length : startOf(next));
    const manifest = parseManifest('\n'.repeat(line - 1) + slice, options);
    if (i > 0 || !manifest.firstDocumentEmpty || manifest.syntaxError) out.push(manifest);
  });
  return out;
}

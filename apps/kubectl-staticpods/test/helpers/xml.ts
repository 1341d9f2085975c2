/**
 * A small XML 1.0 well-formedness check for the JUnit output: one root element, properly nested
 * and closed tags, quoted attributes without duplicates, only the five predefined entities or
 * character references, no raw `<` or `&` in text. Returns the element names in document order.
 */
export function checkWellFormed(xml: string): string[] {
  let i = 0;
  const names: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at offset ${i}: ${why}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const entity = (text: string) => {
    for (const m of text.matchAll(/&([^;]*);?/g)) {
      if (!/^(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(m[1] ?? '') || !m[0].endsWith(';'))
        fail(`bad entity ${m[0]}`);
    }
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const next = xml.indexOf('<', i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      if (stack.length === 0 && text.trim() !== '') fail('text outside the root element');
      if (text.includes('>') && stack.length === 0) fail('stray >');
      entity(text);
      i = next < 0 ? xml.length : next;
      continue;
    }
    const close = xml[i + 1] === '/';
    const m = /^<\/?([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(
      xml.slice(i),
    );
    if (!m) fail('bad tag');
    const [all, name = '', attrs = '', selfClosing] = m as RegExpExecArray;
    const seen = new Set<string>();
    for (const a of attrs.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      if (seen.has(a[1] ?? '')) fail(`duplicate attribute ${a[1]}`);
      seen.add(a[1] ?? '');
      entity(a[3] ?? a[4] ?? '');
    }
    if (close) {
      if (stack.pop() !== name) fail(`</${name}> does not close the open element`);
    } else {
      if (stack.length === 0 && ++roots > 1) fail('more than one root element');
      names.push(name);
      if (!selfClosing) stack.push(name);
    }
    i += all.length;
  }
  if (stack.length > 0) throw new Error(`unclosed elements: ${stack.join(', ')}`);
  if (roots !== 1) throw new Error('no root element');
  return names;
}

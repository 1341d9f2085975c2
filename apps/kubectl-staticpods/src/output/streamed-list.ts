/**
 * A v1 List written as its items arrive, for `-o json` and `-o yaml` of many objects: the same
 * text the List would print whole (test/unit/streamed-list.test.ts holds the two side by side),
 * without holding it. When the items stop with an error, what was written stays an unfinished
 * List (no closing bracket, no `kind:`), which no reader takes for a whole one.
 */
import { formatJson, writeYamlDocument } from '@staticpods/core';
import type { OutStream } from '../io.js';
import { sortKeys } from '../printers/jsonpath.js';

export interface StreamedList {
  /** The items, a batch at a time (a page of a list). */
  readonly batches: AsyncIterable<readonly unknown[]>;
  /** Keys of API objects are sorted as kubectl sorts them. */
  readonly sortKeys: boolean;
}

/** What closes every List this tool prints: kubectl's `kind: List` with an empty resourceVersion. */
const TAIL = { kind: 'List', metadata: { resourceVersion: '' } } as const;

export async function writeStreamedList(
  format: 'json' | 'yaml',
  list: StreamedList,
  out: OutStream,
): Promise<void> {
  const prepare = (item: unknown) => (list.sortKeys ? sortKeys(item) : item);
  let count = 0;
  for await (const batch of list.batches) {
    let text = '';
    for (const item of batch) {
      if (count === 0)
        text +=
          format === 'json' ? '{\n    "apiVersion": "v1",\n    "items": [\n' : 'apiVersion: v1\nitems:\n';
      else if (format === 'json') text += ',\n';
      text += format === 'json' ? jsonItem(prepare(item)) : yamlItem(prepare(item));
      count++;
    }
    if (text !== '') await write(out, text);
  }
  await write(out, format === 'json' ? jsonTail(count) : yamlTail(count));
}

function jsonItem(item: unknown): string {
  return formatJson(item)
    .slice(0, -1)
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n');
}

function jsonTail(count: number): string {
  const tail = formatJson(TAIL).slice(2); // the object's body, without its opening brace
  return count === 0 ? `{\n    "apiVersion": "v1",\n    "items": [],\n${tail}` : `\n    ],\n${tail}`;
}

function yamlItem(item: unknown): string {
  const lines = writeYamlDocument(item).slice(0, -1).split('\n');
  return `${lines.map((line, i) => (i === 0 ? `- ${line}` : line === '' ? '' : `  ${line}`)).join('\n')}\n`;
}

function yamlTail(count: number): string {
  return `${count === 0 ? 'apiVersion: v1\nitems: []\n' : ''}${writeYamlDocument(TAIL)}`;
}

/** Writes, waiting while a stream that is not synchronous (a pipe on macOS) has a full buffer. */
function write(out: OutStream, text: string): Promise<void> {
  const flowing = out.write(text);
  const stream = out as OutStream & { once?: (event: string, fn: () => void) => void };
  if (flowing !== false || typeof stream.once !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    stream.once?.('drain', resolve);
    stream.once?.('close', resolve);
  });
}

// oclif without files: the root plugin is made here with its commands already in memory, so
// oclif neither reads package.json or oclif.manifest.json nor imports a commands module (a
// single-file executable has neither files beside it nor a module loader for its own code).
import path from 'node:path';
import { type Interfaces, Plugin } from '@oclif/core';
import { COMMANDS } from './commands.js';

export async function inMemoryLoadOptions(pjson: Record<string, unknown>): Promise<Interfaces.LoadOptions> {
  const root = path.dirname(process.execPath);
  const oclif = (pjson.oclif ?? {}) as Record<string, unknown>;
  const json = {
    ...pjson,
    oclif: { ...oclif, commands: { strategy: 'explicit', target: './commands', identifier: 'COMMANDS' } },
  } as unknown as Interfaces.PJSON;
  const plugin = new Plugin({ root, pjson: json, isRoot: true, ignoreManifest: true });
  // oclif's explicit strategy reads the commands from this cache before it would import the target.
  (plugin as unknown as { commandCache: unknown }).commandCache = COMMANDS;
  await plugin.load();
  return { root, pjson: json, plugins: new Map([[plugin.name, plugin]]) };
}

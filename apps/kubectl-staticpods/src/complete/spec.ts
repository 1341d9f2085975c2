/**
 * What completion knows about the commands: read from oclif.manifest.json (written by
 * `oclif manifest` at build time from the command classes), so commands and flags are declared
 * once, in the commands. The bundle inlines the manifest; the tsc output reads the file.
 */
import { readFileSync } from 'node:fs';

export interface FlagSpec {
  readonly name: string;
  readonly char?: string;
  /** The flag takes a value (`--output json`), as opposed to a switch. */
  readonly takesValue: boolean;
  readonly multiple: boolean;
  readonly options?: readonly string[];
  readonly summary: string;
}

export interface CommandSpec {
  readonly id: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
}

interface ManifestFlag {
  readonly name: string;
  readonly char?: string;
  readonly type: 'option' | 'boolean';
  readonly multiple?: boolean;
  readonly options?: readonly string[];
  readonly summary?: string;
  readonly description?: string;
  readonly hidden?: boolean;
  readonly allowNo?: boolean;
}

export interface OclifManifest {
  readonly commands: Readonly<
    Record<
      string,
      {
        readonly id: string;
        readonly summary?: string;
        readonly description?: string;
        readonly hidden?: boolean;
        readonly flags: Readonly<Record<string, ManifestFlag>>;
      }
    >
  >;
}

const firstLine = (text: string | undefined) => (text ?? '').split('\n')[0]?.trim() ?? '';

/** The commands of an oclif manifest, hidden ones and hidden flags left out. */
export function commandSpecs(manifest: OclifManifest): CommandSpec[] {
  return Object.values(manifest.commands)
    .filter((c) => !c.hidden)
    .map((c) => ({
      id: c.id,
      summary: firstLine(c.summary ?? c.description),
      flags: Object.values(c.flags)
        .filter((f) => !f.hidden)
        .flatMap((f): FlagSpec[] => {
          const spec: FlagSpec = {
            name: f.name,
            ...(f.char && { char: f.char }),
            takesValue: f.type === 'option',
            multiple: f.multiple === true,
            ...(f.options && { options: f.options }),
            summary: firstLine(f.summary ?? f.description),
          };
          // oclif's allowNo: --no-<name> is a flag of its own.
          return f.allowNo
            ? [spec, { name: `no-${f.name}`, takesValue: false, multiple: false, summary: spec.summary }]
            : [spec];
        }),
    }));
}

/** Reads oclif.manifest.json from the package root. */
export function readManifest(packageRoot: string): OclifManifest {
  return JSON.parse(readFileSync(`${packageRoot}oclif.manifest.json`, 'utf8')) as OclifManifest;
}

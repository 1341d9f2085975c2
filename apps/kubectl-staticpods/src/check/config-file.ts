import { existsSync } from 'node:fs';
import path from 'node:path';
import { findRule, type Severity } from '@staticpods/core';
import { isMap, isSeq, LineCounter, parseDocument, type Scalar } from 'yaml';
import { UserError } from '../errors.js';
import { readFileBounded } from '../util/read-bounded.js';

/** The names the config file may have; the first found wins. */
export const CONFIG_FILE_NAMES = ['.staticpods.yaml', '.staticpods.yml'] as const;

/** `.staticpods.yaml`: every key optional. */
export interface CheckConfig {
  /** The file it came from. */
  readonly file: string;
  /** Rule ids or names to skip (`SP013`, `pvc`). */
  readonly disable: readonly string[];
  /** Severity per rule id or name. */
  readonly severity: Readonly<Record<string, Severity>>;
  readonly kubernetesVersion?: string;
  readonly nodeName?: string;
}

const KEYS = new Set(['disable', 'severity', 'kubernetesVersion', 'nodeName']);
const SEVERITIES = new Set<string>(['error', 'warning', 'info']);

/**
 * Finds the config: `--config FILE` (must exist), else the nearest `.staticpods.yaml` from `cwd`
 * up to the filesystem root; undefined when there is none.
 */
export function findConfigFile(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file))
      throw new UserError(
        'E_CONFIG',
        `config file "${explicit}" does not exist`,
        'check the path given to --config',
      );
    return file;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Reads and validates a config file. Scalars stay strings (YAML's failsafe schema), so
 * `kubernetesVersion: 1.30` means 1.30, not 1.3.
 * @throws UserError E_CONFIG naming the file, line and key for anything it does not understand.
 */
export function loadConfig(file: string): CheckConfig {
  let text: string;
  try {
    text = readFileBounded(file, `config file ${file}`).toString('utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      'E_CONFIG',
      `cannot read config file ${file}: ${(error as Error).message}`,
      'check the file and its permissions',
    );
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, uniqueKeys: true });
  const at = (node: { range?: [number, number, number] | null } | null | undefined) => {
    const pos = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    return `${file}:${pos.line}:${pos.col}`;
  };
  const fail = (where: string, message: string, hint: string): never => {
    throw new UserError('E_CONFIG', `${where}: ${message}`, hint);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    fail(
      e?.linePos ? `${file}:${e.linePos[0].line}:${e.linePos[0].col}` : file,
      `not valid YAML: ${e?.message.split('\n')[0]}`,
      'fix the YAML syntax',
    );
  }
  const config: {
    disable: string[];
    severity: Record<string, Severity>;
    kubernetesVersion?: string;
    nodeName?: string;
  } = {
    disable: [],
    severity: {},
  };
  if (doc.contents === null) return { file, ...config };
  if (!isMap(doc.contents))
    fail(
      at(doc.contents),
      'expected a mapping with disable, severity, kubernetesVersion, nodeName',
      'see docs/cli.md, "Configuration file"',
    );
  const root = doc.contents as import('yaml').YAMLMap;
  for (const pair of root.items) {
    const key = String((pair.key as Scalar | null)?.value ?? '');
    const value = pair.value as import('yaml').Node | null;
    if (!KEYS.has(key))
      fail(
        at(pair.key as Scalar),
        `unknown key "${key}"`,
        'the keys are disable, severity, kubernetesVersion and nodeName',
      );
    if (key === 'disable') {
      if (!isSeq(value))
        fail(
          at(value ?? (pair.key as Scalar)),
          'disable must be a list of rule ids or names',
          'for example: disable: [SP013, pvc]',
        );
      for (const item of (value as import('yaml').YAMLSeq).items) {
        const rule = String((item as Scalar).value ?? '');
        if (!findRule(rule))
          fail(
            at(item as Scalar),
            `unknown rule "${rule}" in disable`,
            'use a rule id such as SP013 or a name such as secret-reference (docs/rules.md)',
          );
        config.disable.push(rule);
      }
    } else if (key === 'severity') {
      if (!isMap(value))
        fail(
          at(value ?? (pair.key as Scalar)),
          'severity must map rule ids or names to error, warning or info',
          'for example: severity: {SP027: error}',
        );
      for (const p of (value as import('yaml').YAMLMap).items) {
        const rule = String((p.key as Scalar | null)?.value ?? '');
        const level = String((p.value as Scalar | null)?.value ?? '');
        if (!findRule(rule))
          fail(
            at(p.key as Scalar),
            `unknown rule "${rule}" in severity`,
            'use a rule id such as SP013 or a name (docs/rules.md)',
          );
        if (!SEVERITIES.has(level))
          fail(
            at(p.value as Scalar),
            `severity of ${rule} must be error, warning or info, not "${level}"`,
            'to switch a rule off, list it under disable',
          );
        config.severity[rule] = level as Severity;
      }
    } else {
      const scalar = value as Scalar | null;
      if (!scalar || typeof scalar.value !== 'string')
        fail(
          at(value ?? (pair.key as Scalar)),
          `${key} must be a string`,
          key === 'nodeName' ? 'for example: nodeName: cp-1' : 'for example: kubernetesVersion: "1.33"',
        );
      if (key === 'kubernetesVersion') config.kubernetesVersion = (scalar as Scalar<string>).value;
      else config.nodeName = (scalar as Scalar<string>).value;
    }
  }
  return { file, ...config };
}

import { UserError } from '../errors.js';

interface Requirement {
  readonly key: string;
  readonly op: 'exists' | 'not-exists' | 'in' | 'notin';
  /** For `in` and `notin`. */
  readonly values: readonly string[];
}

/** A compiled `-l` selector: whether a set of labels matches. */
export type LabelMatcher = (labels: Readonly<Record<string, string>>) => boolean;

/**
 * Parses a label selector as kubectl's `-l` reads it (k8s.io/apimachinery `pkg/labels/selector.go`
 * `Parse`): comma-separated requirements `key`, `!key`, `key=value`, `key==value`, `key!=value`,
 * `key in (a,b)`, `key notin (a,b)`; all must hold. `key!=value` and `notin` also match labels
 * without the key, as upstream.
 * @throws UserError E_USAGE naming the requirement that cannot be read.
 */
export function parseLabelSelector(text: string): LabelMatcher {
  const requirements: Requirement[] = [];
  for (const part of splitTop(text)) {
    const p = part.trim();
    if (p === '') continue;
    const requirement = parseRequirement(p);
    if (!requirement) {
      throw new UserError(
        'E_USAGE',
        `unable to parse requirement "${p}" of label selector "${text}"`,
        'write key=value, key!=value, key, !key, key in (a,b) or key notin (a,b), separated by commas',
      );
    }
    requirements.push(requirement);
  }
  return (labels) => requirements.every((r) => holds(r, labels));
}

function holds(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  if (r.op === 'exists' || r.op === 'not-exists') return r.op === 'exists' ? has : !has;
  const matches = has && r.values.includes(labels[r.key] as string);
  return r.op === 'in' ? matches : !matches;
}

const KEY = '([^\\s=!(),]+)';

function parseRequirement(p: string): Requirement | undefined {
  const notExists = new RegExp(`^!\\s*${KEY}$`).exec(p);
  if (notExists) return { key: notExists[1] as string, op: 'not-exists', values: [] };
  const equality = new RegExp(`^${KEY}\\s*(==|=|!=)\\s*([^\\s=!(),]*)$`).exec(p);
  if (equality) {
    return {
      key: equality[1] as string,
      op: equality[2] === '!=' ? 'notin' : 'in',
      values: [equality[3] as string],
    };
  }
  const set = new RegExp(`^${KEY}\\s+(in|notin)\\s*\\(([^()]*)\\)$`).exec(p);
  if (set) {
    const values = (set[3] as string).split(',').map((v) => v.trim());
    return { key: set[1] as string, op: set[2] as 'in' | 'notin', values };
  }
  const exists = new RegExp(`^${KEY}$`).exec(p);
  return exists ? { key: exists[1] as string, op: 'exists', values: [] } : undefined;
}

/** Splits at commas outside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

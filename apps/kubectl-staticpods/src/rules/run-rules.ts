import { allRules, findRule, type Rule, SUPPRESSION_ANNOTATION_PREFIX } from '@staticpods/core';
import type { CommandOutput } from '../cli/define.js';
import { UserError } from '../errors.js';
import { type Table, tableText, type ViewFor } from '../output/formats.js';
import { closest } from '../suggest.js';

/** A rule as `rules` and `explain` print it (its data, without the check function). */
export interface RuleInfo {
  readonly id: string;
  readonly name: string;
  readonly severity: Rule['severity'];
  readonly category: Rule['category'];
  readonly summary: string;
  readonly description: string;
  readonly remediation: string;
  readonly upstream: readonly string[];
  readonly needsCluster: boolean;
  readonly docsUrl: string;
}

function info(r: Rule): RuleInfo {
  return {
    id: r.id,
    name: r.name,
    severity: r.severity,
    category: r.category,
    summary: r.summary,
    description: r.description,
    remediation: r.remediation,
    upstream: r.upstream,
    needsCluster: r.needs === 'cluster-facts',
    docsUrl: r.docsUrl,
  };
}

/** `kubectl staticpods rules`. */
export async function runRules(): Promise<
  CommandOutput<readonly RuleInfo[], ViewFor<'text' | 'wide' | 'json' | 'yaml' | 'name'>>
> {
  const items = allRules.map(info);
  const view = {
    document: { apiVersion: 'kubectl-staticpods/v1', kind: 'RuleList', items },
    names: items.map((r) => `rule/${r.id}`),
    table: (wide: boolean): Table => ({
      headers: ['ID', 'NAME', 'SEVERITY', 'CATEGORY', ...(wide ? ['CLUSTER', 'DOCS'] : []), 'SUMMARY'],
      rows: items.map((r) => [
        r.id,
        r.name,
        r.severity,
        r.category,
        ...(wide ? [r.needsCluster ? 'yes' : 'no', r.docsUrl] : []),
        r.summary,
      ]),
    }),
  };
  return { result: items, view: { ...view, text: tableText(view) } };
}

/** `kubectl staticpods explain RULE`. */
export async function runExplain(
  args: readonly string[],
): Promise<CommandOutput<RuleInfo, ViewFor<'text' | 'json' | 'yaml'>>> {
  if (args.length !== 1) {
    throw new UserError(
      'E_USAGE',
      args.length === 0 ? 'explain needs a rule id or name' : 'explain takes one rule',
      'for example: kubectl staticpods explain SP013 ("kubectl staticpods rules" lists them)',
    );
  }
  const wanted = args[0] as string;
  const rule = findRule(wanted);
  if (!rule) {
    const suggestion = closest(wanted, [...allRules.map((r) => r.id), ...allRules.map((r) => r.name)]);
    throw new UserError(
      'E_USAGE',
      `unknown rule "${wanted}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
      '"kubectl staticpods rules" lists them',
    );
  }
  const r = info(rule);
  const text = [
    `${r.id} ${r.name} (${r.severity}, ${r.category}${r.needsCluster ? ', needs --cluster' : ''})`,
    '',
    r.summary,
    '',
    r.description,
    '',
    `What to do: ${r.remediation}`,
    '',
    'Where Kubernetes does this:',
    ...r.upstream.map((u) => `  ${u}`),
    '',
    `Docs: ${r.docsUrl}`,
    `Switch it off: kubectl staticpods check --disable ${r.id}, or the annotation ${SUPPRESSION_ANNOTATION_PREFIX}${r.id}: "<reason>"`,
    '',
  ].join('\n');
  return { result: r, view: { document: r, text: () => text } };
}

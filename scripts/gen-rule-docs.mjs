// Writes docs/rules.md and docs/rules/*.md from the rule declarations (run after a build).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { allRules, docsPath } from '@staticpods/core';
import { renderRuleDoc, renderRuleIndex } from '../packages/core/scripts/rule-docs.mjs';

const root = new URL('../', import.meta.url).pathname;
const fixtures = `${root}packages/core/test/rules/fixtures`;
mkdirSync(`${root}docs/rules`, { recursive: true });
const wanted = new Set(allRules.map(docsPath));
for (const stale of readdirSync(`${root}docs/rules`).filter((f) => !wanted.has(f)))
  rmSync(`${root}docs/rules/${stale}`);
for (const rule of allRules)
  writeFileSync(`${root}docs/rules/${docsPath(rule)}`, renderRuleDoc(rule, fixtures));
writeFileSync(`${root}docs/rules.md`, renderRuleIndex(allRules));
console.log(`wrote docs/rules.md and ${allRules.length} rule pages`);

import { defineCommand } from '../cli/define.js';

export const rules = defineCommand({
  id: 'rules',
  summary: 'List the rules that check runs.',
  description:
    'Every rule of @staticpods/core: its id and name (either switches it off with check --disable), its severity, where the problem shows and what it is about. "kubectl staticpods explain RULE" tells more about one.',
  examples: [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -o wide',
    '<%= config.bin %> <%= command.id %> -o json',
  ],
  formats: ['text', 'wide', 'json', 'yaml', 'name'],
  flags: {},
  fastPath: () => true,
  run: async () => (await import('../rules/run-rules.js')).runRules(),
});

export const explain = defineCommand({
  id: 'explain',
  summary: 'Explain a rule: what happens, why, and what to do.',
  description:
    'Prints what the rule checks, what the kubelet or the API server does with such a manifest, what to do instead, where Kubernetes enforces it, and the docs page. The rule is named by id (SP013) or name (secret-reference).',
  examples: [
    '<%= config.bin %> <%= command.id %> SP013',
    '<%= config.bin %> <%= command.id %> secret-reference -o json',
  ],
  usage: '<%= command.id %> RULE [flags]',
  args: 'RULE',
  formats: ['text', 'json', 'yaml'],
  flags: {},
  fastPath: () => true,
  run: async (input) => (await import('../rules/run-rules.js')).runExplain(input.args),
});

import { defineCommand } from '../cli/define.js';

export const version = defineCommand({
  id: 'version',
  summary: "Print the plugin's version and the Kubernetes it models.",
  examples: ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> -o json'],
  formats: ['text', 'json', 'yaml'],
  flags: {},
  // Node-local: the fast path answers it without oclif (docs/cli.md, "Start-up").
  fastPath: () => true,
  run: async () => (await import('../version-info.js')).runVersion(),
});

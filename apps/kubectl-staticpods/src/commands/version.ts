import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { runVersion } from '../version-info.js';

export default class Version extends BaseCommand {
  static override summary = "Print the plugin's version and the Kubernetes it models.";
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> -o json',
  ];
  static override flags = {
    output: Flags.string({
      char: 'o',
      summary: 'Output format.',
      options: ['text', 'json', 'yaml'],
      default: 'text',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Version);
    await runVersion(flags.output as 'text' | 'json' | 'yaml');
  }
}

import Check from './commands/check.js';
import Export from './commands/export.js';
import List from './commands/list.js';
import Migrate from './commands/migrate.js';
import ToDaemonSet from './commands/to-daemonset.js';
import Version from './commands/version.js';

/** Every command, for oclif's `explicit` discovery strategy (and the bundle). */
export const COMMANDS = {
  list: List,
  check: Check,
  'to-daemonset': ToDaemonSet,
  migrate: Migrate,
  export: Export,
  version: Version,
};

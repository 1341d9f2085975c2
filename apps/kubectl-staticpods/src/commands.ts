import { oclifCommand } from './oclif/adapt.js';
import { COMMAND_SPECS } from './registry.js';

/** Every command, for oclif's `explicit` discovery strategy (and the bundle), from the registry. */
export const COMMANDS = Object.fromEntries(COMMAND_SPECS.map((spec) => [spec.id, oclifCommand(spec)]));

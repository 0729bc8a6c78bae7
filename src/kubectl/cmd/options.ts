/** `kubectl options`: the global flags every command accepts. */
import { flagUsages } from '../cli/help';
import type { Command } from './types';
import { GLOBAL_FLAGS } from './globals';

export const options: Command = {
  name: 'options',
  usage: 'options',
  short: 'Print the list of flags inherited by all commands',
  long: 'Print the list of flags inherited by all commands',
  example: '# Print flags inherited by all commands\nkubectl options',
  async run(ctx) {
    ctx.out.stdout(`The following options can be passed to any command:\n\n${flagUsages(GLOBAL_FLAGS)}\n\n`);
  },
};

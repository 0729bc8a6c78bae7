/**
 * `kubectl auth`: inspect authorization. Without a subcommand it prints its help to stderr
 * and fails, as kubectl does.
 */
import { ExitError, UsageError } from '../errors';
import { canI } from './auth-can-i';
import { whoami } from './auth-whoami';
import type { Command } from './types';

export const auth: Command = {
  name: 'auth',
  usage: 'auth [flags]',
  short: 'Inspect authorization',
  long: 'Inspect authorization: ask whether an action is allowed, or who the apiserver thinks you are.',
  subcommands: [canI, whoami],
  async run(ctx) {
    if (ctx.args.length > 0)
      throw new UsageError(ctx.path, `unknown command ${JSON.stringify(ctx.args.join(' '))}`);
    ctx.out.stderr(ctx.help());
    throw new ExitError();
  },
};

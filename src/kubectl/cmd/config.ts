/**
 * `kubectl config`: reads and changes the session's kubeconfig. Without a subcommand it
 * prints its help to stderr and fails, as kubectl does.
 */
import { ExitError, UsageError } from '../errors';
import { currentContext } from './config-current-context';
import { getContexts } from './config-get-contexts';
import { setContext } from './config-set-context';
import { useContext } from './config-use-context';
import { view } from './config-view';
import type { Command } from './types';

export const config: Command = {
  name: 'config',
  usage: 'config SUBCOMMAND',
  short: 'Modify kubeconfig files',
  long: `Modify kubeconfig files using subcommands like "kubectl config set-context --current --namespace=web".

 Here the kubeconfig is not a file: it lives in the page for the whole terminal session, so a namespace set on the current context applies to every later command.`,
  subcommands: [currentContext, getContexts, setContext, useContext, view],
  async run(ctx) {
    if (ctx.args.length > 0)
      throw new UsageError(ctx.path, `unknown command ${JSON.stringify(ctx.args.join(' '))}`);
    ctx.out.stderr(ctx.help());
    throw new ExitError();
  },
};

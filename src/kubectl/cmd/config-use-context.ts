/** `kubectl config use-context NAME`: makes a context the current one. */
import type { Command } from './types';

export const useContext: Command = {
  name: 'use-context',
  aliases: ['use'],
  usage: 'use-context CONTEXT_NAME',
  short: 'Set the current-context in a kubeconfig file',
  long: 'Set the current-context in a kubeconfig file.',
  example: '# Use the context for the minikube cluster\nkubectl config use-context minikube',
  async run(ctx) {
    if (ctx.args.length !== 1) {
      ctx.out.stdout(ctx.help());
      throw new Error(`Unexpected args: [${ctx.args.join(' ')}]`);
    }
    const name = ctx.args[0] as string;
    if (name === '') throw new Error('empty context names are not allowed');
    if (ctx.kubeconfig.context(name) === undefined)
      throw new Error(`no context exists with the name: ${JSON.stringify(name)}`);
    ctx.kubeconfig.data['current-context'] = name;
    ctx.out.stdout(`Switched to context ${JSON.stringify(name)}.\n`);
  },
};

/** `kubectl config current-context`: the kubeconfig's current context. */
import type { Command } from './types';

export const currentContext: Command = {
  name: 'current-context',
  usage: 'current-context [flags]',
  short: 'Display the current-context',
  long: 'Display the current-context.',
  example: '# Display the current-context\nkubectl config current-context',
  async run(ctx) {
    const current = ctx.kubeconfig.data['current-context'];
    if (current === '') throw new Error('current-context is not set');
    ctx.out.stdout(`${current}\n`);
  },
};

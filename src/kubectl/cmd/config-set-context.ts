/**
 * `kubectl config set-context [NAME | --current] [--cluster=...] [--user=...]
 * [--namespace=...]`: creates or changes a context; only the fields given change.
 */
import { flag } from '../flags/flags';
import type { Command } from './types';

export const setContext: Command = {
  name: 'set-context',
  usage:
    'set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]',
  short: 'Set a context entry in kubeconfig',
  long: 'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  example:
    '# Set the user field on the gce context entry without touching other values\nkubectl config set-context gce --user=cluster-admin',
  flags: [
    flag.string('cluster', 'cluster for the context entry in kubeconfig'),
    flag.bool('current', 'Modify the current context'),
    flag.string('namespace', 'namespace for the context entry in kubeconfig'),
    flag.string('user', 'user for the context entry in kubeconfig'),
  ],
  async run(ctx) {
    if (ctx.args.length > 1) {
      ctx.out.stdout(ctx.help());
      throw new Error(`Unexpected args: [${ctx.args.join(' ')}]`);
    }
    const given = ctx.args[0] ?? '';
    const current = ctx.flags.bool('current');
    if (given === '' && !current) throw new Error('you must specify a non-empty context name or --current');
    if (given !== '' && current) throw new Error('you cannot specify both a context name and --current');
    const { data } = ctx.kubeconfig;
    if (current && data['current-context'] === '') throw new Error('no current context is set');
    const name = current ? data['current-context'] : given;
    let entry = ctx.kubeconfig.context(name);
    const exists = entry !== undefined;
    if (entry === undefined) {
      entry = { name, context: {} };
      data.contexts.push(entry);
    }
    if (ctx.flags.changed('cluster')) entry.context.cluster = ctx.flags.string('cluster');
    if (ctx.flags.changed('user')) entry.context.user = ctx.flags.string('user');
    if (ctx.flags.changed('namespace')) entry.context.namespace = ctx.flags.string('namespace');
    ctx.out.stdout(`Context ${JSON.stringify(name)} ${exists ? 'modified' : 'created'}.\n`);
  },
};

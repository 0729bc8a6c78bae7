/** `kubectl config get-contexts [NAME...]`: the kubeconfig's contexts as a table, or their names. */
import { flag } from '../flags/flags';
import { TabWriter } from '../printers/tabwriter';
import type { Command } from './types';

export const getContexts: Command = {
  name: 'get-contexts',
  usage: 'get-contexts [(-o|--output=)name)]',
  short: 'Describe one or many contexts',
  long: 'Display one or many contexts from the kubeconfig file.',
  example:
    '# List all the contexts in your kubeconfig file\nkubectl config get-contexts\n\n# Describe one context in your kubeconfig file\nkubectl config get-contexts my-context',
  flags: [
    flag.bool(
      'no-headers',
      "When using the default or custom-column output format, don't print headers (default print headers).",
    ),
    flag.string('output', 'Output format. One of: (name).', { shorthand: 'o' }),
  ],
  async run(ctx) {
    const output = ctx.flags.string('output');
    if (output !== '' && output !== 'name')
      throw new Error(
        `--output ${output} is not available in kubectl config get-contexts; resetting to default output format`,
      );
    const { data } = ctx.kubeconfig;
    const errors: Error[] = [];
    const names =
      ctx.args.length === 0
        ? data.contexts.map((c) => c.name)
        : ctx.args.filter((name) => {
            const known = ctx.kubeconfig.context(name) !== undefined;
            if (!known) errors.push(new Error(`context ${name} not found`));
            return known;
          });
    const w = new TabWriter();
    if (output !== 'name' && !ctx.flags.bool('no-headers'))
      w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
    for (const name of names.sort()) {
      const context = ctx.kubeconfig.context(name)?.context ?? {};
      if (output === 'name') w.write(`${name}\n`);
      else {
        const current = data['current-context'] === name ? '*' : ' ';
        w.write(
          `${current}\t${name}\t${context.cluster ?? ''}\t${context.user ?? ''}\t${context.namespace ?? ''}\n`,
        );
      }
    }
    ctx.out.stdout(w.flush());
    if (errors.length > 0) throw new AggregateError(errors);
  },
};

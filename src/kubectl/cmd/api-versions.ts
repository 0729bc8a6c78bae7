/** `kubectl api-versions`: every group/version discovery lists, sorted. */
import { UsageError } from '../errors';
import type { Command } from './types';

export const apiVersions: Command = {
  name: 'api-versions',
  usage: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  example: '# Print the supported API versions\nkubectl api-versions',
  async run(ctx) {
    if (ctx.args.length > 0) throw new UsageError(ctx.path, `unexpected arguments: [${ctx.args.join(' ')}]`);
    const document = await ctx
      .discovery()
      .refresh()
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`couldn't get available api versions from server: ${message}`);
      });
    const versions = document.groups.flatMap((g) =>
      g.versions.map((v) => (g.name === '' ? v : `${g.name}/${v}`)),
    );
    for (const v of versions.sort()) ctx.out.stdout(`${v}\n`);
  },
};

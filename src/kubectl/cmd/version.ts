/** `kubectl version`: the client's version, the kustomize version, and the server's (`GET /version`). */
import { flag } from '../flags/flags';
import { toYaml } from '../printers/yaml';
import { KUSTOMIZE_VERSION, type VersionInfo } from '../version';
import type { Command } from './types';

export const version: Command = {
  name: 'version',
  usage: 'version [flags]',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  example: '# Print the client and server versions for the current context\nkubectl version',
  flags: [
    flag.bool('client', 'If true, shows client version only (no server required).'),
    flag.string('output', "One of 'yaml' or 'json'.", { shorthand: 'o' }),
  ],
  async run(ctx) {
    const clientOnly = ctx.flags.bool('client');
    const output = ctx.flags.string('output');
    if (!clientOnly) {
      ctx.clientConfig();
      if (ctx.args.length > 0) throw new Error(`extra arguments: [${ctx.args.join(' ')}]`);
    }
    if (output !== '' && output !== 'yaml' && output !== 'json')
      throw new Error("--output must be 'yaml' or 'json'");
    let serverVersion: VersionInfo | undefined;
    let serverError: unknown;
    if (!clientOnly) {
      try {
        serverVersion = await ctx.client().json<VersionInfo>({ path: '/version', defaultTimeout: '32s' });
      } catch (error) {
        serverError = error;
      }
    }
    const info = {
      clientVersion: ctx.clientVersion,
      kustomizeVersion: KUSTOMIZE_VERSION,
      ...(serverVersion === undefined ? {} : { serverVersion }),
    };
    if (output === 'yaml') ctx.out.stdout(`${toYaml(info)}\n`);
    else if (output === 'json') ctx.out.stdout(`${JSON.stringify(info, null, 2)}\n`);
    else {
      ctx.out.stdout(
        `Client Version: ${info.clientVersion.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`,
      );
      if (serverVersion !== undefined) ctx.out.stdout(`Server Version: ${serverVersion.gitVersion}\n`);
    }
    if (serverError !== undefined) throw serverError;
  },
};

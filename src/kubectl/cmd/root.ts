/**
 * The `kubectl` root command: kubectl's global flags (the ones this kubectl implements),
 * and the registry of commands in kubectl's registration order, which is the order cobra
 * suggests them in. A new command is one file in this folder, added to a group here.
 */
import type { CommandGroup } from '../cli/help';
import { apiResources } from './api-resources';
import { apiVersions } from './api-versions';
import { clusterInfo } from './cluster-info';
import { config } from './config';
import { get } from './get';
import { GLOBAL_FLAGS } from './globals';
import { options } from './options';
import type { Command } from './types';
import { version } from './version';

/** The groups of `kubectl --help`, each in kubectl's order. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { title: 'Basic Commands (Intermediate):', commands: [get] },
  { title: 'Cluster Management Commands:', commands: [clusterInfo] },
];

/** Commands outside the groups, registered after them (listed as "Other Commands", sorted). */
const OTHER_COMMANDS: readonly Command[] = [config, version, apiVersions, apiResources, options];

/** The other commands as the root help lists them: by name, `options` left out. */
export const OTHER_GROUP: CommandGroup = {
  title: 'Other Commands:',
  commands: OTHER_COMMANDS.filter((c) => c !== options).sort((a, b) => (a.name < b.name ? -1 : 1)),
};

export const root: Command = {
  name: 'kubectl',
  usage: 'kubectl [flags]',
  short: 'kubectl controls the Kubernetes cluster manager',
  long: 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/',
  persistentFlags: GLOBAL_FLAGS,
  subcommands: [...COMMAND_GROUPS.flatMap((g) => g.commands), ...OTHER_COMMANDS],
  async run(ctx) {
    ctx.out.stdout(ctx.help());
  },
};

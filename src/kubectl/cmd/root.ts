/**
 * The `kubectl` root command: kubectl's global flags (the ones this kubectl implements),
 * and the registry of commands in kubectl's registration order, which is the order cobra
 * suggests them in. A new command is one file in this folder, added to a group here.
 */
import type { CommandGroup } from '../cli/help';
import { apiResources } from './api-resources';
import { apiVersions } from './api-versions';
import { annotate } from './annotate';
import { apply } from './apply';
import { autoscale } from './autoscale';
import { attach } from './attach';
import { auth } from './auth';
import { clusterInfo } from './cluster-info';
import { config } from './config';
import { create } from './create';
import { deleteCommand } from './delete';
import { edit } from './edit';
import { expose } from './expose';
import { cordon, uncordon } from './cordon';
import { describe } from './describe';
import { drain } from './drain';
import { events } from './events';
import { exec } from './exec';
import { explain } from './explain';
import { get } from './get';
import { label } from './label';
import { GLOBAL_FLAGS } from './globals';
import { logs } from './logs';
import { options } from './options';
import { patch } from './patch';
import { rollout } from './rollout';
import { runCommand } from './run';
import { scale } from './scale';
import { set } from './set';
import { taint } from './taint';
import { top } from './top';
import type { Command } from './types';
import { version } from './version';
import { wait } from './wait';

/** The groups of `kubectl --help`, each in kubectl's order. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { title: 'Basic Commands (Beginner):', commands: [create, expose, runCommand, set] },
  { title: 'Basic Commands (Intermediate):', commands: [explain, get, edit, deleteCommand] },
  { title: 'Deploy Commands:', commands: [rollout, scale, autoscale] },
  { title: 'Cluster Management Commands:', commands: [clusterInfo, top, cordon, uncordon, drain, taint] },
  {
    title: 'Troubleshooting and Debugging Commands:',
    commands: [describe, logs, attach, exec, auth, events],
  },
  { title: 'Advanced Commands:', commands: [apply, patch, wait] },
  { title: 'Settings Commands:', commands: [label, annotate] },
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

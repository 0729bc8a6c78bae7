/** `kubectl cordon NODE` and `kubectl uncordon NODE`: mark nodes unschedulable, or schedulable again. */
import { checkNodeArgs, cordonNodes, nodesOf } from '../drain/nodes';
import { DRY_RUN_FLAG, dryRunOf } from '../mutate/dry-run';
import { flag } from '../flags/flags';
import type { Command, CommandContext } from './types';

/** `-l`, as cordon, uncordon and drain define it. */
export const NODE_SELECTOR = flag.string(
  'selector',
  "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
  { shorthand: 'l' },
);

function runner(desired: boolean, use: string) {
  return async (ctx: CommandContext) => {
    checkNodeArgs(ctx, use);
    const dryRun = dryRunOf(ctx);
    await cordonNodes(ctx, await nodesOf(ctx), desired, dryRun);
  };
}

export const cordon: Command = {
  name: 'cordon',
  usage: 'cordon NODE',
  short: 'Mark node as unschedulable',
  long: 'Mark node as unschedulable: the scheduler places no new pods on it, and the pods already there keep running.',
  example: '# Stop new pods from being scheduled to node-1\nkubectl cordon node-1',
  flags: [DRY_RUN_FLAG, NODE_SELECTOR],
  run: runner(true, 'cordon NODE'),
};

export const uncordon: Command = {
  name: 'uncordon',
  usage: 'uncordon NODE',
  short: 'Mark node as schedulable',
  long: 'Mark node as schedulable: the scheduler may place pods on it again.',
  example: '# Let node-1 take new pods again\nkubectl uncordon node-1',
  flags: [DRY_RUN_FLAG, NODE_SELECTOR],
  run: runner(false, 'uncordon NODE'),
};

/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: runs a
 * command in a container through the pods/exec subresource, streaming its output (and with
 * `-i` its stdin: piped text, or the terminal, raw with `-t`), and exits as the command did.
 */
import { UsageError } from '../errors';
import { SESSION_FLAGS, attachablePod, finishSession, podRunningTimeout, setupStdin } from '../exec/target';
import { runSession } from '../exec/stream';
import { defaultContainerName } from '../pods/containers';
import type { Command, CommandContext } from './types';

/** How long exec waits for a workload's pod by default. */

async function run(ctx: CommandContext): Promise<void> {
  const { args, argsLenAtDash, flags } = ctx;
  const resource = args.length > 0 && argsLenAtDash !== 0 ? (args[0] ?? '') : '';
  let command: readonly string[] = [];
  if (argsLenAtDash > -1) command = args.slice(argsLenAtDash);
  else if (args.length > 1)
    throw new UsageError(
      ctx.path,
      'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
    );
  const { namespace } = ctx.namespace();
  let timeout: number;
  try {
    timeout = podRunningTimeout(ctx);
  } catch (error) {
    throw new UsageError(ctx.path, (error as Error).message);
  }
  if (resource === '') throw new Error('pod, type/name or --filename must be specified');
  if (command.length === 0) throw new Error('you must specify at least one command for the container');
  const pod = await attachablePod(ctx, namespace, resource, timeout);
  const phase = pod.status?.phase ?? '';
  if (phase === 'Succeeded' || phase === 'Failed')
    throw new Error(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const quiet = flags.bool('quiet');
  const container =
    flags.string('container') || defaultContainerName(pod, quiet, (text) => ctx.out.stderr(text));
  const stdin = flags.bool('stdin');
  const { source, tty } = setupStdin(ctx, { stdin, tty: flags.bool('tty'), quiet });
  const query: Record<string, string[]> = { command: [...command], container: [container] };
  if (stdin) query.stdin = ['true'];
  query.stdout = ['true'];
  if (!tty) query.stderr = ['true'];
  if (tty) query.tty = ['true'];
  const podName = pod.metadata?.name ?? '';
  const session = await ctx.client().connect({
    path: `/api/v1/namespaces/${encodeURIComponent(pod.metadata?.namespace ?? namespace)}/pods/${encodeURIComponent(podName)}/exec`,
    query,
    target: { group: '', resource: 'pods', name: podName },
  });
  finishSession(ctx, await runSession(session, source, ctx.out, ctx.signal));
}

export const exec: Command = {
  name: 'exec',
  usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  short: 'Execute a command in a container',
  long: 'Execute a command in a container.',
  example: `# Print the hostname of the pod web (its first container, or the annotated default)
kubectl exec web -- hostname

# Run a shell command in the container sidecar of the pod web
kubectl exec web -c sidecar -- sh -c 'echo $HOSTNAME; ls /'

# Send text to a command's stdin
kubectl exec -i web -- cat

# Open an interactive shell with a TTY (Ctrl-D or exit leaves it)
kubectl exec -it web -- sh

# Run a command in the first pod of the deployment web
kubectl exec deploy/web -- date`,
  flags: SESSION_FLAGS,
  run,
};

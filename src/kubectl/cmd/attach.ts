/**
 * `kubectl attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t]`: streams what the container's
 * main process writes from now on (through the pods/attach subresource), and with `-i` sends
 * it stdin, until the process exits or Ctrl-C.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { UsageError } from '../errors';
import { runSession } from '../exec/stream';
import { SESSION_FLAGS, attachablePod, finishSession, podRunningTimeout, setupStdin } from '../exec/target';
import { defaultContainerName } from '../pods/containers';
import type { Command, CommandContext } from './types';

/** The container to attach to: the named one, or kubectl's default. */
function containerOf(ctx: CommandContext, pod: Pod, quiet: boolean): Container {
  const spec = pod.spec;
  const all: Container[] = [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []),
    ...((spec?.ephemeralContainers ?? []) as Container[]),
  ];
  const wanted = ctx.flags.string('container');
  const name = wanted !== '' ? wanted : defaultContainerName(pod, quiet, (text) => ctx.out.stderr(text));
  const container = all.find((c) => c.name === name);
  if (container === undefined)
    throw new Error(`container ${name} not found in pod ${pod.metadata?.name ?? ''}`);
  return container;
}

async function run(ctx: CommandContext): Promise<void> {
  const { flags, args } = ctx;
  const { namespace } = ctx.namespace();
  let timeout: number;
  try {
    timeout = podRunningTimeout(ctx);
  } catch (error) {
    throw new UsageError(ctx.path, (error as Error).message);
  }
  if (args.length === 0) throw new Error('at least 1 argument is required for attach');
  if (args.length > 2)
    throw new Error(
      `expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`,
    );
  const pod = await attachablePod(
    ctx,
    namespace,
    args.length === 2 ? `${args[0]}/${args[1]}` : (args[0] ?? ''),
    timeout,
  );
  const phase = pod.status?.phase ?? '';
  if (phase === 'Succeeded' || phase === 'Failed')
    throw new Error(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const quiet = flags.bool('quiet');
  let container: Container;
  try {
    container = containerOf(ctx, pod, quiet);
  } catch (error) {
    throw new Error(`cannot attach to the container: ${(error as Error).message}`, { cause: error });
  }
  let wantTty = flags.bool('tty');
  if (wantTty && container.tty !== true) {
    wantTty = false;
    if (!quiet)
      ctx.out.stderr(`error: Unable to use a TTY - container ${container.name} did not allocate one\n`);
  } else if (!wantTty && container.tty === true) wantTty = true;
  const stdin = flags.bool('stdin');
  const { source, tty } = setupStdin(ctx, { stdin, tty: wantTty, quiet });
  if (!quiet) ctx.out.stderr("If you don't see a command prompt, try pressing enter.\n");
  const query: Record<string, string[]> = { container: [container.name] };
  if (stdin) query.stdin = ['true'];
  query.stdout = ['true'];
  if (!tty) query.stderr = ['true'];
  if (tty) query.tty = ['true'];
  const name = pod.metadata?.name ?? '';
  const session = await ctx.client().connect({
    path: `/api/v1/namespaces/${encodeURIComponent(pod.metadata?.namespace ?? namespace)}/pods/${encodeURIComponent(name)}/attach`,
    query,
    target: { group: '', resource: 'pods', name },
  });
  finishSession(ctx, await runSession(session, source, ctx.out, ctx.signal));
  if (!quiet && stdin && tty && pod.spec?.restartPolicy === 'Always') {
    const ephemeral = (pod.spec?.ephemeralContainers ?? []).some((c) => c.name === container.name);
    ctx.out.stdout(
      ephemeral
        ? `Session ended, the ephemeral container will not be restarted but may be reattached using '${ctx.path} ${name} -c ${container.name} -i -t' if it is still running\n`
        : `Session ended, resume using '${ctx.path} ${name} -c ${container.name} -i -t' command when the pod is running\n`,
    );
  }
}

export const attach: Command = {
  name: 'attach',
  usage: 'attach (POD | TYPE/NAME) -c CONTAINER',
  short: 'Attach to a running container',
  long: 'Attach to a process that is already running inside an existing container: see what it writes from now on, and with -i send it input.',
  example: `# Follow the output of the pod web (its default container)
kubectl attach web

# Follow the output of the container sidecar of the pod web
kubectl attach web -c sidecar

# Send stdin to the container of the pod web, which allocated a TTY
kubectl attach web -i -t`,
  flags: SESSION_FLAGS,
  run,
};

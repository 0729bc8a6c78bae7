/**
 * What exec and attach connect to, as kubectl finds it: the pod named by POD or TYPE/NAME
 * (a workload's most active pod), its container, the TTY decision, and how the session's
 * end becomes kubectl's exit (`command terminated with exit code N`).
 */
import { flag } from '../flags/flags';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Status } from '../../sim/apiserver/types';
import type { CommandContext } from '../cmd/types';
import { ExitError } from '../errors';
import { mostActiveFirst, podsFor, selectorFor } from '../pods/select';
import { planVisits } from '../resource/args';
import { fetchVisits } from '../resource/fetch';
import type { StdinSource } from './stream';

/**
 * The pod `name` (POD or TYPE/NAME) stands for (AttachablePodForObject): the pod itself, or
 * the most active pod a workload selects, waiting up to `timeoutMs` for one to exist.
 */
export async function attachablePod(
  ctx: CommandContext,
  namespace: string,
  name: string,
  timeoutMs: number,
): Promise<Pod> {
  const words = name.includes('/') ? [name] : ['pods', name];
  const plan = await planVisits(words, ctx.mapper(), { namespace, allNamespaces: false, selector: false });
  const { infos } = await fetchVisits(ctx.client(), plan.visits, {
    table: false,
    labelSelector: '',
    fieldSelector: '',
    chunkSize: 500,
    includeObject: false,
    continueOnError: false,
  });
  const [info] = infos;
  if (info === undefined) throw new Error('no objects passed to exec');
  if (infos.length > 1) throw new Error('cannot exec into multiple objects at a time');
  if (info.mapping.group === '' && info.mapping.kind === 'Pod') return info.object as unknown as Pod;
  const target = selectorFor(info.object, info.mapping, 'attach to');
  const [pod] = await podsFor(
    ctx.client(),
    target.namespace,
    target.selector,
    timeoutMs,
    mostActiveFirst,
    ctx,
  );
  if (pod === undefined) throw new Error('no pods found');
  return pod;
}

/** `--pod-running-timeout` in ms; kubectl refuses a value that is not above zero. */
export function podRunningTimeout(ctx: CommandContext): number {
  const ns = ctx.flags.duration('pod-running-timeout');
  if (ns <= 0) throw new Error('--pod-running-timeout must be higher than zero');
  return ns / 1_000_000;
}

/** The message kubectl prints when `-t` cannot be honoured because stdin is not a terminal. */
const NO_TTY = 'Unable to use a TTY - input is not a terminal or the right kind of file\n';

/**
 * StreamOptions.SetupTTY: where stdin comes from and whether a TTY is used. A TTY needs
 * `-i` and a terminal; asked for without one, kubectl says so (unless quiet) and goes on.
 */
export function setupStdin(
  ctx: CommandContext,
  options: { readonly stdin: boolean; readonly tty: boolean; readonly quiet: boolean },
): { readonly source: StdinSource; readonly tty: boolean } {
  if (!options.stdin) return { source: { kind: 'none' }, tty: false };
  const { terminal, stdin } = ctx.input;
  const interactive = stdin === undefined && terminal !== undefined;
  if (options.tty && !interactive && !options.quiet) ctx.out.stderr(NO_TTY);
  const tty = options.tty && interactive;
  if (terminal !== undefined && stdin === undefined)
    return { source: { kind: 'terminal', terminal, raw: tty }, tty };
  return { source: { kind: 'text', text: stdin ?? '' }, tty };
}

/**
 * Ends the command as kubectl does for the session's Status: nothing for Success, exit
 * code N with `command terminated with exit code N` for a non-zero exit, else the error.
 */
export function finishSession(ctx: CommandContext, status: Status): void {
  if (status.status === 'Success') return;
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number(cause?.message ?? '');
    if (Number.isInteger(code)) {
      ctx.out.stderr(`command terminated with exit code ${code}\n`);
      throw new ExitError(code);
    }
  }
  throw new Error(status.message ?? '');
}

/** kubectl's default --pod-running-timeout (1m), in nanoseconds as duration flags hold it. */
const DEFAULT_POD_TIMEOUT_NS = 60_000_000_000;

/** The flags `exec` and `attach` share (they are the same flags in kubectl). */
export const SESSION_FLAGS = [
  flag.string(
    'container',
    'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    { shorthand: 'c' },
  ),
  flag.duration(
    'pod-running-timeout',
    'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    { default: DEFAULT_POD_TIMEOUT_NS },
  ),
  flag.bool('quiet', 'Only print output from the remote session', { shorthand: 'q' }),
  flag.bool('stdin', 'Pass stdin to the container', { shorthand: 'i' }),
  flag.bool('tty', 'Stdin is a TTY', { shorthand: 't' }),
];

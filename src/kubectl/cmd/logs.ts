/**
 * `kubectl logs`: prints (or with `-f` streams) the logs of a pod's container, of the pods a
 * label selector picks, or of a workload's best pod (`deploy/web`, `job/pi`), with kubectl's
 * container defaulting, checks and messages.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { hasReason, UsageError } from '../errors';
import { flag } from '../flags/flags';
import { byLogging, podsFor, selectorFor } from '../pods/select';
import { readLogs, type LogQuery } from '../logs/read';
import { formatRfc3339, parseRfc3339 } from '../logs/rfc3339';
import { podSources, type LogSource, type SourceOptions } from '../logs/sources';
import { planVisits } from '../resource/args';
import { fetchVisits, type Info } from '../resource/fetch';
import type { Command, CommandContext } from './types';

const USAGE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]';
const USAGE_ERROR = `expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command`;
/** The tail a label selector gets when `--tail` is not given. */
const SELECTOR_TAIL = 10;
const NS_PER_SECOND = 1_000_000_000;

/** The log request's options from the flags (ToLogOptions), checked as kubectl checks them. */
function logQuery(ctx: CommandContext, selector: string): LogQuery {
  const { flags } = ctx;
  const sinceTimeText = flags.string('since-time');
  let sinceTime: string | undefined;
  if (sinceTimeText !== '') {
    const parsed = parseRfc3339(sinceTimeText);
    if (typeof parsed !== 'number') throw new Error(parsed.error);
    sinceTime = formatRfc3339(parsed);
  }
  const since = flags.duration('since');
  const tail = flags.int('tail');
  const limitBytes = flags.int('limit-bytes');
  const tailLines =
    selector !== '' && tail === -1 && !flags.changed('tail') ? SELECTOR_TAIL : tail !== -1 ? tail : undefined;
  return {
    follow: flags.bool('follow'),
    previous: flags.bool('previous'),
    timestamps: flags.bool('timestamps'),
    ...(tailLines === undefined ? {} : { tailLines }),
    ...(limitBytes === 0 ? {} : { limitBytes }),
    ...(since === 0 ? {} : { sinceSeconds: Math.sign(since) * Math.round(Math.abs(since) / NS_PER_SECOND) }),
    ...(sinceTime === undefined ? {} : { sinceTime }),
  };
}

/** The checks of kubectl's Validate, after the object was found. */
function validate(ctx: CommandContext, query: LogQuery, container: string): void {
  const { flags } = ctx;
  if (flags.string('since-time') !== '' && flags.duration('since') !== 0)
    throw new Error('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (flags.bool('all-containers') && container !== '')
    throw new Error(`--all-containers=true should not be specified with container name ${container}`);
  if (flags.changed('container') && ctx.args.length === 2)
    throw new Error('only one of -c or an inline [CONTAINER] arg is allowed');
  if ((query.limitBytes ?? 0) < 0) throw new Error('--limit-bytes must be greater than 0');
  if ((query.sinceSeconds ?? 0) < 0) throw new Error('--since must be greater than 0');
  if ((query.tailLines ?? 0) < -1) throw new Error('--tail must be greater than or equal to -1');
}

/** The pods a selector picks, or the object the argument names (the builder of Complete). */
async function findObjects(ctx: CommandContext, namespace: string, selector: string): Promise<Info[]> {
  const arg = ctx.args[0] ?? '';
  const words = selector !== '' ? ['pods'] : arg.includes('/') ? [arg] : ['pods', arg];
  const plan = await planVisits(words, ctx.mapper(), {
    namespace,
    allNamespaces: false,
    selector: selector !== '',
    singleType: true,
  });
  const fetched = await fetchVisits(ctx.client(), plan.visits, {
    table: false,
    labelSelector: selector,
    fieldSelector: '',
    chunkSize: 500,
    includeObject: false,
    continueOnError: false,
  }).catch((error: unknown) => {
    if (hasReason(error, 'NotFound'))
      throw new Error(
        `error from server (NotFound): ${error.message} in namespace ${JSON.stringify(namespace)}`,
      );
    throw error;
  });
  if (selector !== '' && fetched.infos.length === 0)
    ctx.out.stderr(`No resources found in ${namespace} namespace.\n`);
  if (selector === '' && fetched.infos.length !== 1) throw new Error('expected a resource');
  return fetched.infos;
}

/** The log sources of what was found (LogsForObject). */
async function sourcesFor(
  ctx: CommandContext,
  infos: readonly Info[],
  selector: string,
  options: SourceOptions,
): Promise<LogSource[]> {
  if (selector !== '') return infos.flatMap((info) => podSources(info.object as unknown as Pod, options));
  const [info] = infos;
  if (info === undefined) return [];
  if (info.mapping.group === '' && info.mapping.kind === 'Pod')
    return podSources(info.object as unknown as Pod, options);
  const target = selectorFor(info.object, info.mapping, 'get the logs from');
  const timeout = ctx.flags.duration('pod-running-timeout') / 1_000_000;
  const pods = await podsFor(ctx.client(), target.namespace, target.selector, timeout, byLogging, ctx);
  const [first] = pods;
  if (first === undefined) return [];
  if (pods.length > 1 && !options.allPods)
    ctx.out.stderr(`Found ${pods.length} pods, using pod/${first.metadata?.name ?? ''}\n`);
  return (options.allPods ? pods : [first]).flatMap((pod) => podSources(pod, options));
}

async function run(ctx: CommandContext): Promise<number | void> {
  const { flags, args } = ctx;
  const selector = flags.string('selector');
  if (args.length === 0 && selector === '') throw new UsageError(ctx.path, USAGE_ERROR);
  if (args.length === 1 && selector !== '')
    throw new UsageError(ctx.path, 'only a selector (-l) or a POD name is allowed');
  if (args.length > 2) throw new UsageError(ctx.path, USAGE_ERROR);
  const container = args.length === 2 ? (args[1] ?? '') : flags.string('container');
  const allPods = flags.bool('all-pods');
  const { namespace } = ctx.namespace();
  if (flags.duration('pod-running-timeout') <= 0)
    throw new Error('--pod-running-timeout must be higher than zero');
  const query = logQuery(ctx, selector);
  const options: SourceOptions = {
    container,
    allContainers: flags.bool('all-containers'),
    allPods,
    warn: (text) => ctx.out.stderr(text),
  };
  const infos = await findObjects(ctx, namespace, selector);
  validate(ctx, query, container);
  const sources = await sourcesFor(ctx, infos, selector, options);
  const max = flags.int('max-log-requests');
  if (query.follow && sources.length > 1 && sources.length > max)
    throw new Error(
      `you are attempting to follow ${sources.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`,
    );
  await readLogs(
    ctx.client(),
    sources,
    {
      query,
      prefix: flags.bool('prefix') || allPods,
      ignoreErrors: flags.bool('ignore-errors'),
      signal: ctx.signal,
    },
    ctx.out,
  );
  // Ctrl-C ends a followed log through kubectl's interrupt handler, which exits with 1.
  if (ctx.signal.aborted) return 1;
}

export const logs: Command = {
  name: 'logs',
  usage: USAGE,
  short: 'Print the logs for a container in a pod',
  long: `Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional: with several, kubectl picks the one the kubectl.kubernetes.io/default-container annotation names, or the first, and says so. For a workload (deployment, job, replica set...) it reads the logs of one of its pods.`,
  example: `# Show the logs of the pod web, which has one container
kubectl logs web

# Show the logs of the container nginx of the pod web
kubectl logs web -c nginx

# Show the logs of every container of the pod web, each line prefixed with its source
kubectl logs web --all-containers --prefix

# Show the last 10 lines of each pod labelled app=web
kubectl logs -l app=web

# Show the logs of the previous, crashed instance of a container
kubectl logs -p web -c nginx

# Stream new lines as they are written, starting from the last 5
kubectl logs -f --tail=5 web

# Show the logs of the last hour
kubectl logs --since=1h web

# Show the logs of one of the pods of the deployment web
kubectl logs deployment/web`,
  flags: [
    flag.bool('all-containers', "Get all containers' logs in the pod(s)."),
    flag.bool('all-pods', 'Get logs from all pod(s). Sets prefix to true.'),
    flag.string('container', 'Print the logs of this container', { shorthand: 'c' }),
    flag.bool('follow', 'Specify if the logs should be streamed.', { shorthand: 'f' }),
    flag.bool(
      'ignore-errors',
      'If watching / following pod logs, allow for any errors that occur to be non-fatal',
    ),
    flag.bool(
      'insecure-skip-tls-verify-backend',
      'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.',
    ),
    flag.int('limit-bytes', 'Maximum bytes of logs to return. Defaults to no limit.'),
    flag.int(
      'max-log-requests',
      'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.',
      { default: 5 },
    ),
    flag.duration(
      'pod-running-timeout',
      'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
      { default: 20 * NS_PER_SECOND },
    ),
    flag.bool('prefix', 'Prefix each log line with the log source (pod name and container name)'),
    flag.bool(
      'previous',
      'If true, print the logs for the previous instance of the container in a pod if it exists.',
      { shorthand: 'p' },
    ),
    flag.string(
      'selector',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
      { shorthand: 'l' },
    ),
    flag.duration(
      'since',
      'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.',
    ),
    flag.string(
      'since-time',
      'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.',
    ),
    flag.int(
      'tail',
      'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
      { default: -1 },
    ),
    flag.bool('timestamps', 'Include timestamps on each line in the log output'),
  ],
  run,
};

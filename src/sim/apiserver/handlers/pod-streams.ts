/**
 * The pods/log, pods/exec and pods/attach subresources (upstream's LogREST, ExecREST and
 * AttachREST): the apiserver finds the pod's container and node, then forwards the request to
 * that node's kubelet server and relays its answer: log text, a followed log stream, or an
 * exec/attach session whose end is a Status on the error channel.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { queryFlag, queryParam } from '../codec';
import { ApiError, badRequest, internalError, methodNotSupported } from '../status';
import type { ApiResponse, KubeObject, Status, StreamSession } from '../types';
import type {
  KubeletConnection,
  KubeletLogOptions,
  KubeletProcess,
  NodeConnections,
} from './kubelet-connection';
import type { RequestScope } from './scope';

type Pod = KubeObject & {
  spec?: { nodeName?: string; containers?: Container[]; initContainers?: Container[] };
};

const TEXT_HEADERS = { 'content-type': 'text/plain' };

/** Serves GET pods/<name>/log, and GET or POST pods/<name>/exec and /attach. */
export function servePodStream(scope: RequestScope, nodes: NodeConnections | undefined): ApiResponse {
  const sub = scope.subresource ?? '';
  const method = scope.req.method;
  if (sub === 'log' ? method !== 'GET' : method !== 'GET' && method !== 'POST')
    throw methodNotSupported({ group: '', plural: `pods/${sub}` }, method.toLowerCase());
  const name = scope.name ?? '';
  const pod = scope.storage.get(scope.resource, scope.namespace, name, { causedBy: scope.step }) as Pod;
  const container = containerFor(pod, name, queryParam(scope.req, 'container') ?? '');
  return sub === 'log'
    ? podLog(scope, nodes, pod, container)
    : podStreamSession(scope, nodes, pod, container);
}

/** upstream's container defaulting and checks (pod/strategy.go LogLocation, streamLocation). */
function containerFor(pod: Pod, name: string, container: string): string {
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  if (container !== '') {
    if (![...containers, ...inits].some((c) => c.name === container))
      throw badRequest(`container ${container} is not valid for pod ${name}`);
    return container;
  }
  const [only] = containers;
  if (containers.length === 1 && only !== undefined) return only.name;
  if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  const names = (cs: Container[]) => `[${cs.map((c) => c.name).join(' ')}]`;
  const initNames = inits.length === 0 ? '' : ` or one of the init containers: ${names(inits)}`;
  throw badRequest(
    `a container name must be specified for pod ${name}, choose one of: ${names(containers)}${initNames}`,
  );
}

function intParam(scope: RequestScope, name: string, min: number): number | undefined {
  const text = queryParam(scope.req, name);
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw badRequest(`${name}: Invalid value: "${text}": must be an integer`);
  if (value < min)
    throw badRequest(
      `${name}: Invalid value: ${value}: must be greater than ${min === 0 ? 'or equal to 0' : min - 1}`,
    );
  return value;
}

function logOptions(scope: RequestScope): KubeletLogOptions {
  const sinceSeconds = intParam(scope, 'sinceSeconds', 1);
  const sinceTime = queryParam(scope.req, 'sinceTime');
  if (sinceSeconds !== undefined && sinceTime !== undefined)
    throw badRequest('at most one of sinceTime or sinceSeconds may be specified');
  const clock = scope.kernel.clock;
  let since: number | undefined;
  if (sinceSeconds !== undefined) since = clock.now() - sinceSeconds * 1000;
  if (sinceTime !== undefined) {
    const at = Date.parse(sinceTime);
    if (Number.isNaN(at)) throw badRequest(`parsing time "${sinceTime}" as RFC3339: cannot parse`);
    since = at - clock.epoch;
  }
  const tailLines = intParam(scope, 'tailLines', 0);
  const limitBytes = intParam(scope, 'limitBytes', 1);
  return {
    follow: queryFlag(scope.req, 'follow'),
    previous: queryFlag(scope.req, 'previous'),
    timestamps: queryFlag(scope.req, 'timestamps'),
    ...(tailLines === undefined ? {} : { tailLines }),
    ...(since === undefined ? {} : { since }),
    ...(limitBytes === undefined ? {} : { limitBytes }),
  };
}

/** The kubelet of the pod's node, and a trace step for the call to it. */
function dial(scope: RequestScope, nodes: NodeConnections | undefined, node: string, summary: string) {
  const kubelet: KubeletConnection | undefined = nodes?.kubelet(node);
  if (kubelet === undefined) throw internalError(`dial tcp ${node}:10250: connect: connection refused`);
  const step = scope.kernel.trace.emit({
    from: scope.server,
    to: `${node}/kubelet`,
    kind: 'request',
    summary,
    detail: { node, path: summary },
    causedBy: scope.step,
  }).id;
  return { kubelet, step };
}

/** upstream's GenericHttpResponseChecker: a kubelet error becomes a Status. */
function kubeletError(scope: RequestScope, code: number, message: string): ApiError {
  if (code === 400) return badRequest(message);
  if (code === 500) return internalError(message);
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the server could not find the requested resource ( pods/log ${scope.name ?? ''})`,
    reason: 'NotFound',
    details: {
      name: scope.name ?? '',
      kind: 'pods/log',
      causes: [{ reason: 'UnexpectedServerResponse', message }],
    },
    code: 404,
  });
}

function podLog(
  scope: RequestScope,
  nodes: NodeConnections | undefined,
  pod: Pod,
  container: string,
): ApiResponse {
  const options = logOptions(scope);
  const node = pod.spec?.nodeName ?? '';
  // A pod not yet on a node has no logs: upstream answers an empty body.
  if (node === '') return { status: 200, headers: TEXT_HEADERS, text: '' };
  const ns = scope.namespace ?? 'default';
  const query = Object.entries(options)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
  const path = `GET /containerLogs/${ns}/${scope.name ?? ''}/${container}?${query}`;
  const { kubelet, step } = dial(scope, nodes, node, path);
  const result = kubelet.containerLogs(ns, scope.name ?? '', container, options, step);
  if (!result.ok) throw kubeletError(scope, result.code, result.message);
  return typeof result.value === 'string'
    ? { status: 200, headers: TEXT_HEADERS, text: result.value }
    : { status: 200, headers: TEXT_HEADERS, stream: result.value };
}

function podStreamSession(
  scope: RequestScope,
  nodes: NodeConnections | undefined,
  pod: Pod,
  container: string,
): ApiResponse {
  const exec = scope.subresource === 'exec';
  const command = scope.req.query.command ?? [];
  if (exec && command.length === 0)
    throw badRequest('you must specify at least one command for the container');
  const [stdin, stdout, stderr] = ['stdin', 'stdout', 'stderr'].map((p) => queryFlag(scope.req, p));
  if (!stdin && !stdout && !stderr) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const name = scope.name ?? '';
  const node = pod.spec?.nodeName ?? '';
  if (node === '') throw badRequest(`pod ${name} does not have a host assigned`);
  if ((scope.req.headers.upgrade ?? '') === '') throw badRequest('Upgrade request required');
  const tty = queryFlag(scope.req, 'tty');
  const ns = scope.namespace ?? 'default';
  const args = exec ? command.map((c) => `command=${encodeURIComponent(c)}`).join('&') + '&' : '';
  const flags = `${args}input=${stdin ? 1 : 0}&output=${stdout ? 1 : 0}&error=${stderr ? 1 : 0}&tty=${tty ? 1 : 0}`;
  const { kubelet, step } = dial(
    scope,
    nodes,
    node,
    `POST /${scope.subresource ?? ''}/${ns}/${name}/${container}?${flags}`,
  );
  const result = exec
    ? kubelet.exec(ns, name, container, command, tty, step)
    : kubelet.attach(ns, name, container, step);
  return {
    status: 101,
    headers: { connection: 'Upgrade' },
    session: session(result.ok ? result.value : `unable to upgrade connection: ${result.message}`, command),
  };
}

/** The session the apiserver relays (upstream's StreamTranslatorHandler), ending with a Status. */
function session(process: KubeletProcess | string, command: readonly string[]): StreamSession {
  return {
    start(output, done) {
      if (typeof process === 'string') return done(internalError(process).status);
      process.start(
        (stream, data) => {
          if (stream === 'stdout' || stream === 'stderr') output(stream, data);
        },
        (result) => done(resultStatus(result, command)),
      );
    },
    stdin: (data) => (typeof process === 'string' ? undefined : process.write(data)),
    closeStdin: () => (typeof process === 'string' ? undefined : process.closeStdin()),
    resize: () => {},
    close: () => (typeof process === 'string' ? undefined : process.kill()),
  };
}

function resultStatus(result: { exitCode: number } | { error: string }, command: readonly string[]): Status {
  if ('error' in result)
    return internalError(`Internal error occurred: error executing command in container: ${result.error}`)
      .status;
  if (result.exitCode === 0) return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${result.exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(result.exitCode) }] },
  };
}

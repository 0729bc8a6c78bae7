/**
 * The cluster network as containers use it: each node's runtime gets a `ContainerNetwork`
 * (cri/types.ts) whose connections go through the packet path (path.ts) and end at the
 * destination node's runtime, which answers from what its containers listen on
 * (`RuntimeService.serve`), with the cluster's ingress-nginx controllers in scope for an
 * ingress-nginx container's nginx. An HTTP exchange adds two steps after the handshake: the
 * request from the client and the server's response. `ping` sends an ICMP echo: pods and
 * nodes answer (NetworkPolicy rules without ports let it through, rules with ports do not);
 * a ClusterIP answers only in IPVS mode, where kube-proxy binds Service addresses to a dummy
 * interface on every node; in iptables and nftables modes only TCP/UDP to a Service port is
 * translated, so an echo to a ClusterIP goes unanswered.
 */
import type { Kernel } from '../kernel/kernel';
import type {
  ContainerNetwork,
  HttpRequest,
  PodNetwork,
  PodSandboxStatus,
  RuntimeService,
  ServeRequest,
  ServeResult,
} from '../node/cri/types';
import { byteLength } from '../node/images/http';
import { cidrContains, isIPv4 } from './ip';
import type { ClusterNetwork } from './network';
import type { ConnectionTarget, Endpoint } from './path';
import type { ConnectSource } from './source';

/** The service CIDR, where only kube-proxy's rules lead. */
const SERVICE_CIDR = '10.96.0.0/12';

/** Finds a node's runtime (what serves connections to its pods). */
export type RuntimeDirectory = (node: string) => Pick<RuntimeService, 'serve'> | undefined;

const componentOf = (endpoint: Endpoint) =>
  endpoint.pod === undefined
    ? `${endpoint.node}/host`
    : `${endpoint.node}/pod/${endpoint.pod.namespace}/${endpoint.pod.name}`;

function summary(served: ServeResult & { listening: true }): string {
  const res = served.response;
  if (res !== null) return `HTTP/1.1 ${res.status} ${res.reason} (${byteLength(res.body)} bytes)`;
  return served.raw === ''
    ? 'RST: the server reset the connection'
    : `${byteLength(served.raw)} bytes, not HTTP`;
}

/** The network of the containers on `nodeName`, for its runtime. */
export function containerNetwork(
  kernel: Kernel,
  network: ClusterNetwork,
  nodeName: string,
  runtimes: RuntimeDirectory,
): ContainerNetwork {
  return (sandbox: PodSandboxStatus): PodNetwork => {
    const { namespace, name, hostNetwork } = sandbox.config;
    // The pod as the network knows it from the API; before its status reports an address,
    // from its sandbox (a host-network pod: from the node).
    const source = (): ConnectSource => {
      if ([...network.agents.values()].some((a) => a.podByName(namespace, name) !== undefined))
        return { kind: 'pod', namespace, name };
      if (hostNetwork || sandbox.ip === null) return { kind: 'node', node: nodeName };
      return { kind: 'pod', namespace, name, sandbox: { ip: sandbox.ip, node: nodeName } };
    };
    const selfOf = (from: ConnectSource) =>
      from.kind === 'pod' ? `${nodeName}/pod/${namespace}/${name}` : `${nodeName}/host`;
    const emit = (
      fromId: string,
      to: string,
      kind: 'request' | 'response',
      text: string,
      cause: number | null,
    ) => kernel.trace.emit({ from: fromId, to, kind, summary: text, causedBy: cause }).id;

    return {
      resolvConf: () => network.resolvConf(source()),
      nslookup: (host, causedBy, options = {}) => {
        const result = network.nslookup(source(), host, causedBy, options);
        const timedOut = result.queries.every((q) => q.rcode === 'timeout');
        return { output: result.output, exitCode: result.exitCode, timedOut, lastStep: result.lastStep };
      },
      connect: (host, port, protocol, causedBy, http?: HttpRequest) => {
        const from = source();
        const self = selfOf(from);
        let served: ServeResult | null = null;
        const ask = (node: string, request: ServeRequest, step: number | null = null) => {
          const answer = network.ingressControllers.answering(
            () => runtimes(node)?.serve(http === undefined ? request : { ...request, http }),
            step,
          );
          if (answer === undefined || !answer.listening) return null;
          served = answer;
          return answer;
        };
        const target: ConnectionTarget = {
          accept: (endpoint, client) =>
            ask(
              endpoint.node,
              {
                to: { podIP: endpoint.ip },
                port: endpoint.port,
                protocol: endpoint.protocol,
                clientIP: client.ip,
              },
              client.step,
            ),
          host: (node, hostPort, hostProtocol, client) =>
            ask(node, {
              to: { hostNetwork: true },
              port: hostPort,
              protocol: hostProtocol,
              clientIP: client.ip,
            }),
        };
        const result = network.connect({ from, host, port, protocol, causedBy }, target);
        let lastStep = result.lastStep;
        const answered = served as ServeResult | null;
        if (result.ok && result.endpoint !== null && answered?.listening === true && http !== undefined) {
          const server = componentOf(result.endpoint);
          const sent = emit(self, server, 'request', `${http.method} ${http.path} HTTP/1.1`, lastStep);
          lastStep = emit(server, self, 'response', summary(answered), sent);
        }
        return {
          host,
          port,
          address: result.address,
          dnsTimeout: result.resolution?.error === 'timeout',
          error: result.error,
          served: result.ok ? answered : null,
          lastStep,
        };
      },
      ping: (host, causedBy) => {
        const from = source();
        const self = selfOf(from);
        const resolved = isIPv4(host) ? null : network.resolve(from, host, causedBy);
        const address = resolved === null ? host : (resolved.addresses[0] ?? null);
        if (address === null) return { address: null, reply: false, ttl: 0 };
        const echo = emit(
          self,
          self,
          'request',
          `ICMP echo request to ${address}`,
          resolved?.lastStep ?? causedBy,
        );
        const answer = echoReply(network, nodeName, from, address, echo);
        if (answer !== null) emit(answer.from, self, 'response', `ICMP echo reply from ${address}`, echo);
        return { address, reply: answer !== null, ttl: answer?.ttl ?? 0 };
      },
    };
  };
}

/** Who answers an ICMP echo to `address` from `nodeName`, and with what TTL. */
function echoReply(
  network: ClusterNetwork,
  nodeName: string,
  from: ConnectSource,
  address: string,
  cause: number,
): { from: string; ttl: number } | null {
  if (cidrContains(SERVICE_CIDR, address))
    return network.proxies.get(nodeName)?.mode === 'ipvs' ? { from: `${nodeName}/host`, ttl: 64 } : null;
  const agents = [...network.agents.values()];
  const node = agents.flatMap((a) => a.nodes()).find((n) => n.ip === address);
  if (node !== undefined) return { from: `${node.name}/host`, ttl: node.name === nodeName ? 64 : 63 };
  const agent = agents.find((a) => a.podByIP(address) !== undefined);
  const pod = agent?.podByIP(address);
  if (agent === undefined || pod === undefined) return null;
  // ICMP has no port: a policy rule listing ports does not match it, a rule without ports does.
  const source =
    from.kind === 'pod'
      ? agents.map((a) => a.podByName(from.namespace, from.name)).find((p) => p)
      : undefined;
  const srcIP =
    from.kind === 'pod'
      ? (from.sandbox?.ip ?? '')
      : (agents[0]?.nodes().find((n) => n.name === nodeName)?.ip ?? '');
  const src =
    source === undefined ? { kind: 'ip' as const, ip: srcIP } : { kind: 'pod' as const, pod: source };
  const conn = { src, dst: { kind: 'pod' as const, pod }, port: 0, protocol: 'TCP' as const };
  const egress =
    source === undefined
      ? null
      : network.agents.get(source.node)?.checkPolicy('Egress', source, conn, `${nodeName}/cni`, cause);
  if (egress?.verdict.allowed === false) return null;
  const ingress = agent.checkPolicy('Ingress', pod, conn, `${pod.node}/cni`, egress?.step ?? cause);
  if (!ingress.verdict.allowed) return null;
  return { from: `${pod.node}/pod/${pod.namespace}/${pod.name}`, ttl: pod.node === nodeName ? 63 : 62 };
}

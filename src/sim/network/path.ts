/**
 * The packet path of one new connection, hop by hop, each hop a trace step caused by the one
 * before: name resolution through the client's resolv.conf; the source node's kube-proxy rules
 * (DNAT of a Service VIP to an endpoint, or a reject); egress NetworkPolicy at the source pod;
 * routing by podCIDR (same node, or the CNI's overlay to the node that owns the address), with
 * a second kube-proxy pass when the destination is a node's own address (a NodePort), then the
 * CNI's hostPort DNAT there (portmap) to a pod that maps the port on that node; ingress
 * NetworkPolicy at the destination pod; and finally the destination itself, which the caller
 * supplies. Failures come back as the errors a client sees: bad address, refused, timed out,
 * no route to host.
 */
import { cidrContains, isIPv4 } from './ip';
import type { CniAgent, NetworkNode } from './cni-agent';
import { resolveHost, type ResolveResult } from './dns/resolver';
import type { PolicyPeer } from './policy/evaluate';
import { loadBalancerNode } from './load-balancer';
import { crossNodeHop, deliverHop, hostPortHop, sameNodeHop, toHostHop } from './routing';
import { dnsTransport, resolveSource, type NetworkDeps, type Source } from './source';
import type { ConnectError, ConnectionTarget, ConnectRequest, ConnectResult, Endpoint } from './connection';

export type { ConnectError, ConnectionTarget, ConnectRequest, ConnectResult, Endpoint } from './connection';

/** The service CIDR: addresses no route leads to unless kube-proxy translates them. */
const SERVICE_CIDR = '10.96.0.0/12';

/** Opens a connection and follows it to its end. */
export function connect(deps: NetworkDeps, request: ConnectRequest, target: ConnectionTarget): ConnectResult {
  return new Flow(deps, request, target).run();
}

/** One connection on its way: where the packet is, its addresses after NAT, the trace so far. */
class Flow {
  readonly #protocol: 'TCP' | 'UDP';
  readonly #source: Source;
  readonly #agents: CniAgent[];
  #step: number | null;
  #at: string;
  #resolution: ResolveResult | null = null;
  #address: string | null = null;
  #dstIP: string;
  #dstPort: number;
  #srcIP: string;
  #srcPeer: PolicyPeer;
  #node: string | null;
  #service: string | null = null;

  constructor(
    private readonly deps: NetworkDeps,
    private readonly request: ConnectRequest,
    private readonly target: ConnectionTarget,
  ) {
    this.#protocol = request.protocol ?? 'TCP';
    this.#source = resolveSource(deps, request.from);
    this.#agents = [...deps.agents.values()];
    this.#step = request.causedBy ?? null;
    this.#at = this.#source.component;
    this.#dstIP = request.host;
    this.#dstPort = request.port;
    this.#srcIP = this.#source.ip;
    this.#srcPeer = this.#source.peer;
    this.#node = this.#source.node;
  }

  run(): ConnectResult {
    if (!isIPv4(this.request.host)) {
      const source = this.#source;
      this.#resolution = resolveHost(
        this.request.host,
        source.resolv,
        dnsTransport(this.deps, source),
        this.#step,
      );
      this.#step = this.#resolution.lastStep;
      const first = this.#resolution.addresses[0];
      if (first === undefined) {
        const error = this.#resolution.error;
        return this.#result('bad-address', error === 'timeout' ? 'no DNS server answered' : `DNS: ${error}`);
      }
      this.#dstIP = first;
    }
    this.#address = this.#dstIP;
    if (this.#node !== null) {
      const refused = this.#proxy(this.#node);
      if (refused !== null) return refused;
      const dropped = this.#egress();
      if (dropped !== null) return dropped;
    } else {
      const entry = loadBalancerNode(this.deps, this.#dstIP, this.#dstPort, this.#protocol);
      if (entry !== null) {
        this.#emit(
          `${entry}/cni`,
          'request',
          `load balancer ${this.#dstIP}:${this.#dstPort} -> node ${entry}`,
        );
        const refused = this.#proxy(entry);
        if (refused !== null) return refused;
        this.#node = entry;
      }
    }
    // At most two legs: to a node's address (NodePort or hostPort DNAT there), then to the endpoint.
    for (let leg = 0; leg < 2; leg++) {
      const located = (this.#agentOf(this.#node) ?? this.#agents[0])?.nodeFor(this.#dstIP);
      const cut = this.#cutOff(located?.node.name ?? null);
      if (cut !== null) return cut;
      if (located === undefined) return this.#outside();
      if (!located.host) return this.#toPod(located.node);
      const arrived = this.#toHost(located.node);
      if (arrived !== null) return arrived;
    }
    return this.#result('timeout', `no route to ${this.#dstIP}`);
  }

  /** A packet between two nodes (or out of the cluster) where either is partitioned is lost. */
  #cutOff(to: string | null): ConnectResult | null {
    if (to === this.#node) return null;
    const cut = [this.#node, to].find((n) => n !== null && this.deps.partitioned?.has(n) === true);
    if (cut === undefined || cut === null) return null;
    this.#emit(`${cut}/cni`, 'decision', `packet to ${this.#dstIP}:${this.#dstPort} lost: ${cut} is cut off`);
    return this.#result('timeout', `${cut} is cut off from the network`);
  }

  #emit(to: string, kind: 'request' | 'response' | 'decision', summary: string): void {
    const detail = { protocol: this.#protocol, src: this.#srcIP, dst: `${this.#dstIP}:${this.#dstPort}` };
    this.#step = this.deps.kernel.trace.emit({
      from: this.#at,
      to,
      kind,
      summary,
      detail,
      causedBy: this.#step,
    }).id;
    this.#at = to;
  }

  #result(error: ConnectError | null, reason: string, extra: Partial<ConnectResult> = {}): ConnectResult {
    return {
      host: this.request.host,
      port: this.request.port,
      ok: error === null,
      address: this.#address,
      resolution: this.#resolution,
      error,
      reason,
      service: this.#service,
      endpoint: null,
      clientIP: null,
      response: null,
      lastStep: this.#step,
      ...extra,
    };
  }

  #agentOf(node: string | null): CniAgent | undefined {
    return node === null ? this.#agents[0] : this.deps.agents.get(node);
  }

  #nodeIP(node: string): string {
    return (
      this.#agentOf(node)
        ?.nodes()
        .find((n) => n.name === node)?.ip ?? this.#srcIP
    );
  }

  /** One kube-proxy pass on `node`: a result when it rejects or drops, else null (DNATed or untouched). */
  #proxy(node: string): ConnectResult | null {
    const kp = this.deps.proxies.get(node);
    if (kp === undefined) return null;
    const packet = {
      srcIP: this.#srcIP,
      dstIP: this.#dstIP,
      dstPort: this.#dstPort,
      protocol: this.#protocol,
    };
    const { verdict, step } = kp.lookup(packet, this.#at, this.#step);
    if (verdict.kind === 'pass') return null;
    [this.#step, this.#at] = [step, kp.id];
    if (verdict.kind !== 'dnat')
      return this.#result(verdict.kind === 'reject' ? 'refused' : 'timeout', `"${verdict.reason}"`);
    this.#service = verdict.service;
    [this.#dstIP, this.#dstPort] = [verdict.endpoint.ip, verdict.endpoint.port];
    if (verdict.masquerade) {
      this.#srcIP = this.#nodeIP(node);
      this.#srcPeer = { kind: 'ip', ip: this.#srcIP };
    }
    return null;
  }

  /** Egress NetworkPolicy of the source pod, towards the (translated) destination. */
  #egress(): ConnectResult | null {
    const pod = this.#source.pod;
    const agent = this.#agentOf(this.#node);
    if (pod === null || agent === undefined) return null;
    const dstPod = agent.podByIP(this.#dstIP);
    const dst: PolicyPeer =
      dstPod === undefined ? { kind: 'ip', ip: this.#dstIP } : { kind: 'pod', pod: dstPod };
    const conn = { src: this.#srcPeer, dst, port: this.#dstPort, protocol: this.#protocol };
    const check = agent.checkPolicy('Egress', pod, conn, this.#at, this.#step);
    if (check.step !== null) [this.#step, this.#at] = [check.step, agent.id];
    if (check.verdict.allowed) return null;
    return this.#result('timeout', `dropped by egress NetworkPolicy (${check.verdict.policies.join(', ')})`);
  }

  /** A destination outside the pod and node networks: a ClusterIP nobody translated, or the Internet. */
  #outside(): ConnectResult {
    const [ip, port] = [this.#dstIP, this.#dstPort];
    if (cidrContains(SERVICE_CIDR, ip))
      return this.#result('timeout', `no Service rule for ${ip}:${port}; nobody answers`);
    if (this.#node !== null) {
      const nodeIP = this.#nodeIP(this.#node);
      this.#emit(
        'internet',
        'request',
        `eth0 default route, MASQUERADE ${this.#srcIP} to ${nodeIP} -> ${ip}:${port}`,
      );
      this.#srcIP = nodeIP;
    }
    const answer = this.target.external?.(ip, port, this.#protocol) ?? null;
    if (answer === null) return this.#result('timeout', `no answer from ${ip}:${port}`);
    this.#emit(this.#source.component, 'response', `${ip}:${port} accepted the connection`);
    const endpoint: Endpoint = { node: '', ip, port, protocol: this.#protocol };
    return this.#result(null, 'connected', { endpoint, clientIP: this.#srcIP, response: answer });
  }

  /** To a node's own address: its kube-proxy may DNAT a NodePort (null: go on to the endpoint). */
  #toHost(to: NetworkNode): ConnectResult | null {
    if (to.name !== this.#node && this.#node !== null && this.#srcIP !== this.#nodeIP(this.#node)) {
      // A pod's packet to another node's address leaves its node masqueraded.
      const nodeIP = this.#nodeIP(this.#node);
      this.#emit(`${to.name}/cni`, 'request', toHostHop(to, this.#srcIP, this.#dstPort, nodeIP));
      this.#srcIP = nodeIP;
      this.#srcPeer = { kind: 'ip', ip: nodeIP };
    } else if (to.name !== this.#node)
      this.#emit(`${to.name}/cni`, 'request', toHostHop(to, this.#srcIP, this.#dstPort));
    const before = this.#dstIP;
    const refused = this.#proxy(to.name);
    if (refused !== null) return refused;
    this.#node = to.name;
    if (this.#dstIP !== before || this.#hostPort(to)) return null;
    const port = this.#dstPort;
    const answer = this.target.host?.(to.name, port, this.#protocol, { ip: this.#srcIP }) ?? null;
    if (answer === null) {
      this.#emit(this.#source.component, 'response', `RST from ${to.ip}:${port}: connection refused`);
      return this.#result('refused', `nothing listens on ${to.ip}:${port}`);
    }
    this.#emit(this.#source.component, 'response', `${to.ip}:${port} accepted the connection`);
    const endpoint: Endpoint = { node: to.name, ip: to.ip, port, protocol: this.#protocol };
    return this.#result(null, 'connected', { endpoint, clientIP: this.#srcIP, response: answer });
  }

  /** The CNI's hostPort DNAT on `to`, when a pod there maps the port: true once translated. */
  #hostPort(to: NetworkNode): boolean {
    const agent = this.deps.agents.get(to.name) ?? this.#agentOf(this.#node);
    const mapped = agent?.hostPort(to.name, to.ip, this.#dstPort, this.#protocol);
    if (mapped === undefined) return false;
    const dst = { ip: mapped.pod.ip, pod: mapped.pod };
    const hop = hostPortHop(this.deps.cni, to, this.#dstPort, this.#protocol, dst, mapped.containerPort);
    this.#emit(`${to.name}/cni`, 'decision', hop);
    [this.#dstIP, this.#dstPort] = [mapped.pod.ip, mapped.containerPort];
    return true;
  }

  /** To a pod address on `to`: the CNI's hop, ingress NetworkPolicy, then whatever listens. */
  #toPod(to: NetworkNode): ConnectResult {
    const [ip, port, protocol] = [this.#dstIP, this.#dstPort, this.#protocol];
    if (this.#node === null) return this.#result('timeout', `${ip} is not routable from outside the cluster`);
    const agent = this.deps.agents.get(to.name);
    const pod = agent?.podByIP(ip);
    const here = this.#agentOf(this.#node)
      ?.nodes()
      .find((n) => n.name === this.#node);
    const fromSourcePod = this.#source.pod !== null && this.#node === this.#source.node;
    const srcEnd = {
      ip: this.#srcIP,
      ...(fromSourcePod && this.#source.pod !== null ? { pod: this.#source.pod } : {}),
    };
    const sameNode = to.name === this.#node;
    if (!sameNode && here !== undefined)
      this.#emit(`${to.name}/cni`, 'request', crossNodeHop(this.deps.cni, here, to, srcEnd, { ip }, port));
    if (agent === undefined || pod === undefined)
      return this.#result('no-route', `no pod has address ${ip} on ${to.name}`);
    const conn = { src: this.#srcPeer, dst: { kind: 'pod' as const, pod }, port, protocol };
    const check = agent.checkPolicy('Ingress', pod, conn, this.#at, this.#step);
    if (check.step !== null) [this.#step, this.#at] = [check.step, agent.id];
    if (!check.verdict.allowed)
      return this.#result(
        'timeout',
        `dropped by ingress NetworkPolicy (${check.verdict.policies.join(', ')})`,
      );
    const dstEnd = { ip, pod };
    const hop = sameNode
      ? sameNodeHop(this.deps.cni, srcEnd, dstEnd, port)
      : deliverHop(this.deps.cni, dstEnd, this.#srcIP, port);
    this.#emit(`${to.name}/pod/${pod.namespace}/${pod.name}`, 'request', hop);
    const endpoint: Endpoint = {
      node: to.name,
      ip,
      port,
      protocol,
      pod: { namespace: pod.namespace, name: pod.name },
    };
    const answer = this.target.accept(endpoint, { ip: this.#srcIP, step: this.#step });
    if (answer === null) {
      this.#emit(this.#source.component, 'response', `RST from ${ip}:${port}: connection refused`);
      return this.#result('refused', `nothing listens on ${ip}:${port}`, { endpoint, clientIP: this.#srcIP });
    }
    this.#emit(this.#source.component, 'response', `SYN-ACK from ${ip}:${port}: connected`);
    return this.#result(null, 'connected', { endpoint, clientIP: this.#srcIP, response: answer });
  }
}

/**
 * The IPVS backend: one virtual server per service address (ClusterIP, external IPs,
 * load-balancer IPs, the node's IP for NodePorts) with the `rr` scheduler, and one real
 * server (Masq forwarding, weight 1) per endpoint the traffic policy allows, as upstream's
 * pkg/proxy/ipvs syncService/syncEndpoint program them; ClientIP affinity makes the virtual
 * server persistent. A virtual server without real servers stays, and the kernel answers
 * new connections to it with ICMP port unreachable.
 */
import { compareIPv4 } from '../../network/ip';
import type { Protocol, ProxyEndpoint, ProxyNetwork, ServicePortPlan } from './types';

/** One IPVS real server. */
export interface RealServer {
  readonly address: string;
  readonly port: number;
  readonly weight: number;
  readonly endpoint: ProxyEndpoint;
}

/** One IPVS virtual server and where it comes from. */
export interface VirtualServer {
  readonly protocol: Protocol;
  readonly address: string;
  readonly port: number;
  readonly scheduler: 'rr';
  /** Persistence timeout in seconds (ClientIP affinity), or null. */
  readonly persistent: number | null;
  readonly reals: readonly RealServer[];
  readonly plan: ServicePortPlan;
  readonly via: 'cluster-ip' | 'external-ip' | 'load-balancer' | 'node-port';
}

const PROTOCOL_NUMBER: Record<Protocol, number> = { TCP: 6, UDP: 17, SCTP: 132 };

/** The virtual servers of a sync, sorted as ipvsadm lists them (protocol, address, port). */
export function buildIpvs(plans: readonly ServicePortPlan[], net: ProxyNetwork): VirtualServer[] {
  const out: VirtualServer[] = [];
  for (const plan of plans) {
    const { svc } = plan;
    const reals = (endpoints: readonly ProxyEndpoint[]) =>
      [...endpoints]
        .sort((a, b) => compareIPv4(a.ip, b.ip) || a.port - b.port)
        .map((endpoint) => ({ address: endpoint.ip, port: endpoint.port, weight: 1, endpoint }));
    const internal = reals(svc.internalPolicyLocal ? plan.localEndpoints : plan.clusterEndpoints);
    const external = reals(svc.externalPolicyLocal ? plan.localEndpoints : plan.clusterEndpoints);
    const vs = (address: string, port: number, via: VirtualServer['via'], r: readonly RealServer[]) =>
      out.push({
        protocol: svc.protocol,
        address,
        port,
        scheduler: 'rr',
        persistent: svc.stickySeconds,
        reals: r,
        plan,
        via,
      });
    vs(svc.clusterIP, svc.port, 'cluster-ip', internal);
    for (const ip of svc.externalIPs) vs(ip, svc.port, 'external-ip', external);
    for (const ip of svc.loadBalancerIPs) vs(ip, svc.port, 'load-balancer', external);
    if (svc.nodePort !== 0) vs(net.nodeIP, svc.nodePort, 'node-port', external);
  }
  return out.sort(
    (a, b) =>
      PROTOCOL_NUMBER[a.protocol] - PROTOCOL_NUMBER[b.protocol] ||
      compareIPv4(a.address, b.address) ||
      a.port - b.port,
  );
}

/** What `ipvsadm -Ln` prints for these virtual servers (ipvsadm v1.31, IPVS 1.2.1). */
export function ipvsadmList(servers: readonly VirtualServer[]): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const vs of servers) {
    const persistent = vs.persistent === null ? '' : ` persistent ${vs.persistent}`;
    lines.push(`${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}${persistent}`);
    for (const r of vs.reals) {
      const dest = `${r.address}:${r.port}`.padEnd(28);
      lines.push(
        `  -> ${dest} ${'Masq'.padEnd(7)} ${String(r.weight).padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

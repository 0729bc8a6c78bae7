/**
 * Traffic that is not an API call: kubelet's probes, DNS, packets through the pod network,
 * and the HTTP calls between servers (metrics scrapes, availability checks, logs and exec).
 */
import type { TraceStep } from '../../sim/kernel/trace';
import { actorName, applyRules, type Explanation, type Rule } from './types';

const PACKET =
  'Pod traffic is plain IP: each pod has its own address, and the CNI plugin’s routes carry packets between pods on the same node and across nodes, with no NAT between pods. ';

const RULES: readonly Rule[] = [
  {
    match: /^DNS query (\S+) (\S+)/,
    explain: (m, s) => ({
      what: `${actorName(s.from)} asks ${actorName(s.to)} for the ${m[1]} record of ${m[2]}.`,
      why: 'Pods resolve names through the cluster DNS Service (kube-dns, usually 10.96.0.10) written into their /etc/resolv.conf; the search path turns “web” into web.default.svc.cluster.local.',
    }),
  },
  {
    match: /^DNS (\S+) (\S+) (\S+)(?: (.+))?$/,
    explain: (m, s) => ({
      what: `${actorName(s.from)} answers ${actorName(s.to)}: ${m[1]} for ${m[2]} ${m[3]}${m[4] === undefined ? '' : ` → ${m[4]}`}.`,
      why: 'CoreDNS answers names under cluster.local from the Services and EndpointSlices it watches (a Service name resolves to its cluster IP), and forwards everything else upstream.',
    }),
  },
  {
    match: /^forward (\S+) (\S+): (.+)$/,
    explain: (m) => ({
      what: `CoreDNS forwards the ${m[1]} query for ${m[2]} to the upstream DNS server: ${m[3]}.`,
      why: 'Names outside the cluster domain are not CoreDNS’s to answer: its forward plugin asks the node’s upstream resolver.',
    }),
  },
  {
    match: /^(GET|HEAD|POST) (https?):\/\/(\S+)/,
    when: (s) => s.from.endsWith('/kubelet') && s.to.includes('/pod/'),
    explain: (m, s) => ({
      what: `${actorName(s.from)} probes ${actorName(s.to)}: ${m[1]} ${m[2]}://${m[3]}.`,
      why: 'kubelet runs each container’s probes on their period: startup probes hold the others back, readiness decides whether the pod receives Service traffic, liveness restarts a container that hangs.',
    }),
  },
  {
    match: /^TCP (?:connect|probe)?\s*(.*)$/,
    when: (s) => s.from.endsWith('/kubelet'),
    explain: (m, s) => ({
      what: `${actorName(s.from)} opens a TCP connection to ${actorName(s.to)} ${m[1]}.`,
      why: 'A tcpSocket probe passes if the connection is accepted.',
    }),
  },
  {
    match: /^GET \/metrics\/resource/,
    explain: (_, s) => ({
      what: `${actorName(s.from)} fetches resource metrics from ${actorName(s.to)}.`,
      why: 'metrics-server scrapes every kubelet’s /metrics/resource endpoint for CPU and memory usage.',
    }),
  },
  {
    match: /^GET (\S+) \(availability check of (\S+)\)/,
    explain: (m) => ({
      what: `kube-apiserver checks that the server behind the APIService ${m[2]} answers (${m[1]}).`,
      why: 'For aggregated APIs the apiserver keeps checking the backing service; the APIService is Available only while it answers.',
    }),
  },
  {
    match: /^(GET|POST) \/(containerLogs|exec|attach|portForward|logs)\b/,
    explain: (m, s) => ({
      what: `${actorName(s.from)} connects to ${actorName(s.to)} for ${m[2] === 'containerLogs' ? 'container logs' : m[2]}.`,
      why: 'kubectl logs, exec and port-forward go through the apiserver, which connects to the kubelet on the pod’s node; kubelet asks the runtime.',
    }),
  },
  {
    match: /^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.1/,
    explain: (m, s) => ({
      what: `${actorName(s.from)} sends an HTTP ${m[1]} ${m[2]} to ${actorName(s.to)}.`,
      why: `${PACKET}Once the TCP connection is up, the application protocol (here HTTP) runs over it.`,
    }),
  },
  {
    match: /^HTTP\/1\.1 (\d{3}.*)$/,
    explain: (m, s) => ({
      what: `${actorName(s.from)} answers ${actorName(s.to)}: HTTP ${m[1]}.`,
      why: 'The server in the pod answers over the same connection.',
    }),
  },
  {
    match: /^(SYN-ACK|RST) from (\S+): (.+)$/,
    explain: (m) => ({
      what: `${m[2]} ${m[1] === 'SYN-ACK' ? 'accepts' : 'refuses'} the TCP connection: ${m[3]}.`,
      why:
        m[1] === 'SYN-ACK'
          ? 'The TCP handshake completes: a process listens on that port.'
          : 'Nothing listens on that port, so the kernel answers with a reset.',
    }),
  },
  {
    match: /^(\S+) accepted the connection/,
    explain: (m) => ({
      what: `${m[1]} accepts the connection.`,
      why: 'A process listens on that address and port.',
    }),
  },
  {
    match: /^route (\S+) via (\S+)/,
    explain: (m) => ({
      what: `The packet leaves the node towards ${m[1]} via ${m[2]}.`,
      why: `${PACKET}Each node owns a pod CIDR; a route (set up by the CNI agent or the cloud) sends other nodes’ pod CIDRs to those nodes.`,
    }),
  },
  {
    match: /^(\S+) -> eth0 of (\S+): (.+)$/,
    explain: (m) => ({
      what: `The packet enters pod ${m[2]} through its veth pair (${m[1]} on the node, eth0 in the pod): ${m[3]}.`,
      why: `${PACKET}CNI created this veth pair when the pod’s sandbox started.`,
    }),
  },
  {
    match: /^(\w+) veth: (.+)$/,
    explain: (m) => ({
      what: `The ${m[1]} plugin’s host route delivers the packet on the same node: ${m[2]}.`,
      why: `${PACKET}Pods on the same node reach each other through the node’s routes to their veth interfaces.`,
    }),
  },
  {
    match: /^(eth0 default route|load balancer|ICMP)(.*)$/,
    explain: (m) => ({
      what: `Packet hop: ${m[1]}${m[2]}.`,
      why: `${PACKET}Traffic leaving the pod network is masqueraded to the node’s address; traffic from outside enters through a load balancer or a node port.`,
    }),
  },
];

/** Explains a network step: probes, DNS, packets and server-to-server HTTP. */
export function explainNetwork(step: TraceStep): Explanation | null {
  return applyRules(RULES, step);
}

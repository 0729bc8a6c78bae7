/** Decisions on the nodes: kubelet's volume manager, kube-proxy's rules, the CNI agent, metrics-server. */
import type { TraceStep } from '../../sim/kernel/trace';
import { actorName, applyRules, type Explanation, type Rule } from './types';

const RULES: readonly Rule[] = [
  {
    match: /^MountVolume\.(\w+) (succeeded|failed) for volume "([^"]+)"(.*)$/,
    explain: (m, s) => ({
      what: `${actorName(s.from)}: mounting volume “${m[3]}” (${m[1]}) ${m[2]}${m[4] ?? ''}.`,
      why: 'Before it starts a pod’s containers, kubelet’s volume manager makes every volume available on the node: projected tokens, ConfigMaps and Secrets as files, and CSI volumes staged and published by the driver.',
    }),
  },
  {
    match: /^Unmount(?:Volume|Device)\.(\w+) (succeeded|failed) for volume "([^"]+)"/,
    explain: (m, s) => ({
      what: `${actorName(s.from)}: unmounting volume “${m[3]}” (${m[1]}) ${m[2]}.`,
      why: 'After a pod’s containers have stopped, kubelet tears down its volumes so the node can be reused and attached volumes can be detached.',
    }),
  },
  {
    match: /^syncProxyRules \((\w+)\): (\d+) service ports, (\d+) endpoints(?:; (.+))?/,
    explain: (m, s) => ({
      what: `${actorName(s.from)} rewrites the node’s ${m[1]} rules: ${m[2]} Service ports, ${m[3]} endpoints${m[4] === undefined ? '' : ` (${m[4]})`}.`,
      why: 'kube-proxy turns Services and their EndpointSlices into packet rules on every node: a connection to a Service’s virtual IP is translated (DNAT) to one of its ready pods.',
    }),
  },
  {
    match: /^(iptables|ipvs|nftables): (DNAT|reject|drop|REJECT|DROP)?\s*(.+)$/,
    explain: (m, s) => ({
      what: `${actorName(s.to)}’s ${m[1]} rules ${m[2] === 'DNAT' ? 'translate the packet' : 'handle the packet'}: ${m[2] ?? ''} ${m[3]}.`.replace(
        /\s+/g,
        ' ',
      ),
      why: 'A Service’s virtual IP belongs to no machine: the node’s packet rules pick one ready endpoint and rewrite the destination to that pod’s address.',
    }),
  },
  {
    match: /^(\w+): wrote (\S+)(.*)$/,
    explain: (m, s) => ({
      what: `The ${m[1]} agent on ${s.from.split('/')[0]} writes the node’s CNI configuration ${m[2]}${m[3]}.`,
      why: 'Until a CNI config exists the runtime reports NetworkReady=false and the node stays NotReady; the CNI agent (a DaemonSet pod) writes it once it knows the node’s pod CIDR.',
    }),
  },
  {
    match: /^(\w+): (ingress|egress) (.+): (allow|drop) \((.+)\)$/,
    explain: (m) => ({
      what: `The ${m[1]} plugin checks NetworkPolicy for ${m[2]} ${m[3]}: ${m[4]} (${m[5]}).`,
      why: 'NetworkPolicies are enforced by the CNI plugin on the nodes: a pod selected by a policy for a direction only accepts the traffic some rule allows.',
    }),
  },
  {
    match: /^(\w+): (hostPort|portmap)(.*)$/,
    explain: (m) => ({
      what: `The ${m[1]} plugin applies a ${m[2]} rule${m[3]}.`,
      why: 'A container hostPort is implemented by the CNI portmap plugin: traffic to the node’s port is translated to the pod.',
    }),
  },
  {
    match: /^scrape (\d+) node\(s\)/,
    explain: (m) => ({
      what: `metrics-server scrapes resource usage from ${m[1]} kubelets.`,
      why: 'metrics-server collects CPU and memory usage from every kubelet every 15 s and serves it as the metrics.k8s.io API for kubectl top and the HPA.',
    }),
  },
];

/** Explains a decision recorded on a node or by a node add-on. */
export function explainNodeDecision(step: TraceStep): Explanation | null {
  return applyRules(RULES, step);
}

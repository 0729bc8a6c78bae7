/** NetworkPolicies: which pods they select and the traffic they allow each way. */
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';
import { formatLabelSelector, intOrString } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { goTimeString, printAnnotationsMultiline, printLabelsMultiline } from './format';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, type PrefixWriter } from './writer';

const INDENT = '    ';

function writePorts(w: PrefixWriter, ports: readonly NetworkPolicyPort[] | undefined): void {
  if (!ports || ports.length === 0) {
    w.write(LEVEL_0, `${INDENT}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const port of ports) {
    const protocol = port.protocol ?? 'TCP';
    const number = port.port === undefined ? '<nil>' : intOrString(port.port);
    if (port.endPort === undefined) w.write(LEVEL_0, `${INDENT}To Port: ${number}/${protocol}\n`);
    else w.write(LEVEL_0, `${INDENT}To Port Range: ${number}-${port.endPort}/${protocol}\n`);
  }
}

function writePeers(
  w: PrefixWriter,
  title: 'From' | 'To',
  peers: readonly NetworkPolicyPeer[] | undefined,
): void {
  if (!peers || peers.length === 0) {
    const what = title === 'From' ? 'source' : 'destination';
    w.write(LEVEL_0, `${INDENT}${title}: <any> (traffic not restricted by ${what})\n`);
    return;
  }
  for (const peer of peers) {
    w.write(LEVEL_0, `${INDENT}${title}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(LEVEL_1, `${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(LEVEL_1, `${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(LEVEL_1, `${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      w.write(LEVEL_1, `${INDENT}IPBlock:\n`);
      w.write(LEVEL_2, `${INDENT}CIDR: ${peer.ipBlock.cidr}\n`);
      w.write(LEVEL_2, `${INDENT}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

/** The rules one way: ports then peers per rule, rules separated by a dashed line. */
function writeRules(
  w: PrefixWriter,
  direction: 'ingress' | 'egress',
  rules:
    | readonly { ports?: NetworkPolicyPort[]; from?: NetworkPolicyPeer[]; to?: NetworkPolicyPeer[] }[]
    | undefined,
): void {
  if (!rules || rules.length === 0) {
    w.write(LEVEL_0, `${INDENT}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    writePorts(w, rule.ports);
    if (direction === 'ingress') writePeers(w, 'From', rule.from);
    else writePeers(w, 'To', rule.to);
    if (i !== rules.length - 1) w.write(LEVEL_0, `${INDENT}----------\n`);
  });
}

/** Describes a NetworkPolicy: its pod selector and allowed ingress and egress traffic. */
export async function describeNetworkPolicy(obj: KubeObject): Promise<string> {
  const np = obj as unknown as NetworkPolicy;
  const spec = np.spec ?? { podSelector: {} };
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Created on:\t${goTimeString(obj.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const selector = spec.podSelector ?? {};
  const empty =
    Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  if (empty) w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  else w.write(LEVEL_2, `${formatLabelSelector(selector)}\n`);
  const types = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    writeRules(w, 'ingress', spec.ingress);
  } else {
    w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  }
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    writeRules(w, 'egress', spec.egress);
  } else {
    w.write(LEVEL_1, 'Not affecting egress traffic\n');
  }
  w.write(LEVEL_1, `Policy Types: ${types.join(', ') || '<none>'}\n`);
  return w.toString();
}

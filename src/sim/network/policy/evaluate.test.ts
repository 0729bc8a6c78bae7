/**
 * Truth tables in the shape of upstream's e2e suite (test/e2e/network/netpol): namespaces x, y
 * and z, pods a, b and c in each, serving TCP and UDP on ports 80 and 81 (named
 * `serve-<port>-<proto>`), every pair probed. Each case starts from "all reachable" and
 * states what the policies change, as upstream's Reachability.ExpectPeer does.
 */
import type { NetworkPolicySpec } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { evaluateConnection, policyTypes, type PolicyObject, type PolicyPod } from './evaluate';

const NAMESPACES = ['x', 'y', 'z'];
const PODS = ['a', 'b', 'c'];
const pods: PolicyPod[] = NAMESPACES.flatMap((ns, i) =>
  PODS.map((name, j) => ({
    namespace: ns,
    name,
    labels: { pod: name },
    ip: `10.244.${i + 1}.${j + 10}`,
    ports: [80, 81].flatMap((port) =>
      (['TCP', 'UDP'] as const).map((protocol) => ({
        name: `serve-${port}-${protocol.toLowerCase()}`,
        containerPort: port,
        protocol,
      })),
    ),
  })),
);
const nsLabels = (ns: string) =>
  NAMESPACES.includes(ns) ? { ns, 'kubernetes.io/metadata.name': ns } : undefined;
const id = (p: PolicyPod) => `${p.namespace}/${p.name}`;

function policy(namespace: string, name: string, spec: NetworkPolicySpec): PolicyObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec };
}

interface Peer {
  namespace?: string;
  pod?: string;
}
const selects = (peer: Peer, p: PolicyPod) =>
  (peer.namespace === undefined || peer.namespace === p.namespace) &&
  (peer.pod === undefined || peer.pod === p.name);

/** Upstream's Reachability: every pair true until told otherwise. */
class Reachability {
  readonly #expected = new Map<string, boolean>(
    pods.flatMap((f) => pods.map((t) => [`${id(f)}>${id(t)}`, true])),
  );
  expectPeer(from: Peer, to: Peer, connected: boolean): this {
    for (const f of pods)
      for (const t of pods)
        if (selects(from, f) && selects(to, t)) this.#expected.set(`${id(f)}>${id(t)}`, connected);
    return this;
  }
  table(probe: (from: PolicyPod, to: PolicyPod) => boolean): string[] {
    return pods.map((f) => `${id(f)}\t${pods.map((t) => (probe(f, t) ? '.' : 'X')).join(' ')}`);
  }
  /** The expected table, loopback shown as reachable (upstream ignores it: CNIs disagree). */
  expected(): string[] {
    return this.table((f, t) => id(f) === id(t) || (this.#expected.get(`${id(f)}>${id(t)}`) ?? true));
  }
}

function observed(policies: PolicyObject[], port: number, protocol: 'TCP' | 'UDP'): string[] {
  return new Reachability().table(
    (f, t) =>
      id(f) === id(t) ||
      evaluateConnection(
        { src: { kind: 'pod', pod: f }, dst: { kind: 'pod', pod: t }, port, protocol },
        policies,
        nsLabels,
      ).allowed,
  );
}

interface Case {
  readonly name: string;
  readonly policies: PolicyObject[];
  readonly port?: number;
  readonly protocol?: 'TCP' | 'UDP';
  readonly expect: (r: Reachability) => Reachability;
}

const denyAllIngress = policy('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });

const CASES: Case[] = [
  {
    name: "supports a 'default-deny-ingress' policy",
    policies: [denyAllIngress],
    expect: (r) => r.expectPeer({}, { namespace: 'x' }, false),
  },
  {
    name: "supports a 'default-deny-all' policy",
    policies: [policy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
    expect: (r) => r.expectPeer({}, { namespace: 'x' }, false).expectPeer({ namespace: 'x' }, {}, false),
  },
  {
    name: 'allows traffic from pods within the server namespace based on PodSelector',
    policies: [
      policy('x', 'x-a-allows-x-b', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }],
      }),
    ],
    expect: (r) =>
      r
        .expectPeer({}, { namespace: 'x', pod: 'a' }, false)
        .expectPeer({ namespace: 'x', pod: 'b' }, { namespace: 'x', pod: 'a' }, true),
  },
  {
    name: 'allows traffic only from a different namespace, based on NamespaceSelector',
    policies: [
      policy('x', 'allow-client-a-via-ns-selector', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] }],
      }),
    ],
    expect: (r) =>
      r
        .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
        .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false),
  },
  {
    name: 'enforces PodSelector or NamespaceSelector (two peers)',
    policies: [
      policy('x', 'allow-ns-y-match-selector', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] },
                  ],
                },
              },
              { podSelector: { matchLabels: { pod: 'b' } } },
            ],
          },
        ],
      }),
    ],
    expect: (r) =>
      r
        .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'x', pod: 'a' }, false)
        .expectPeer({ namespace: 'x', pod: 'c' }, { namespace: 'x', pod: 'a' }, false),
  },
  {
    name: 'enforces PodSelector and NamespaceSelector (one peer)',
    policies: [
      policy('x', 'allow-ns-y-podselector-and-nsselector', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['x'] },
                  ],
                },
                podSelector: { matchLabels: { pod: 'b' } },
              },
            ],
          },
        ],
      }),
    ],
    expect: (r) =>
      r
        .expectPeer({}, { namespace: 'x', pod: 'a' }, false)
        .expectPeer({ namespace: 'y', pod: 'b' }, { namespace: 'x', pod: 'a' }, true)
        .expectPeer({ namespace: 'z', pod: 'b' }, { namespace: 'x', pod: 'a' }, true),
  },
  {
    name: 'enforces policy based on Ports (port 80 closed)',
    port: 80,
    policies: [
      policy('x', 'allow-ingress-on-port-81', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }],
            ports: [{ port: 81, protocol: 'TCP' }],
          },
        ],
      }),
    ],
    expect: (r) => r.expectPeer({}, { namespace: 'x', pod: 'a' }, false),
  },
  {
    name: 'enforces policy based on Ports (port 81 open from y)',
    port: 81,
    policies: [
      policy('x', 'allow-ingress-on-port-81', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }],
            ports: [{ port: 81, protocol: 'TCP' }],
          },
        ],
      }),
    ],
    expect: (r) =>
      r
        .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
        .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false),
  },
  {
    name: 'allows ingress access on one named port (81 open)',
    port: 81,
    policies: [
      policy('x', 'allow-all-ingress-on-named-port', {
        podSelector: {},
        ingress: [{ ports: [{ port: 'serve-81-tcp', protocol: 'TCP' }] }],
      }),
    ],
    expect: (r) => r,
  },
  {
    name: 'allows ingress access on one named port (80 closed)',
    port: 80,
    policies: [
      policy('x', 'allow-all-ingress-on-named-port', {
        podSelector: {},
        ingress: [{ ports: [{ port: 'serve-81-tcp', protocol: 'TCP' }] }],
      }),
    ],
    expect: (r) => r.expectPeer({}, { namespace: 'x' }, false),
  },
  {
    name: 'enforces a port range with endPort',
    port: 81,
    policies: [
      policy('x', 'allow-80-to-81', {
        podSelector: {},
        ingress: [{ ports: [{ port: 80, endPort: 81, protocol: 'TCP' }] }],
      }),
    ],
    expect: (r) => r,
  },
  {
    name: 'does not allow TCP when a policy specifies only UDP',
    policies: [
      policy('x', 'allow-only-udp-ingress-on-port-81', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }],
      }),
    ],
    port: 81,
    expect: (r) => r.expectPeer({}, { namespace: 'x', pod: 'a' }, false),
  },
  {
    name: 'denies egress on the client side even if the server explicitly allows it',
    policies: [
      policy('x', 'deny-egress-for-x-a', {
        podSelector: { matchLabels: { pod: 'a' } },
        policyTypes: ['Egress'],
      }),
      policy('y', 'allow-all-ingress', { podSelector: {}, ingress: [{}] }),
    ],
    expect: (r) => r.expectPeer({ namespace: 'x', pod: 'a' }, {}, false),
  },
  {
    name: 'enforces the except clause of an egress ipBlock',
    policies: [
      policy('x', 'deny-client-a-via-except-cidr-egress-rule', {
        podSelector: { matchLabels: { pod: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.244.2.0/24', except: ['10.244.2.11/32'] } }] }],
      }),
    ],
    expect: (r) =>
      r
        .expectPeer({ namespace: 'x', pod: 'a' }, {}, false)
        .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y' }, true)
        .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y', pod: 'b' }, false),
  },
  {
    name: 'lets an ingress allow-all policy take precedence over a narrower one',
    policies: [
      policy('x', 'allow-client-a-via-ns-selector', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }] }],
      }),
      policy('x', 'allow-all', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{}] }),
    ],
    expect: (r) => r,
  },
  {
    name: 'controls ingress and egress independently',
    policies: [
      policy('x', 'deny-all-egress-from-x-a', {
        podSelector: { matchLabels: { pod: 'a' } },
        policyTypes: ['Egress'],
      }),
      policy('x', 'allow-ingress-to-x-a-from-x-b', {
        podSelector: { matchLabels: { pod: 'a' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }],
      }),
    ],
    expect: (r) =>
      r
        .expectPeer({ namespace: 'x', pod: 'a' }, {}, false)
        .expectPeer({}, { namespace: 'x', pod: 'a' }, false)
        .expectPeer({ namespace: 'x', pod: 'b' }, { namespace: 'x', pod: 'a' }, true),
  },
];

describe('NetworkPolicy truth tables (upstream e2e netpol cases)', () => {
  it.each(CASES)('$name', (c) => {
    const expected = c.expect(new Reachability()).expected();
    expect(observed(c.policies, c.port ?? 80, c.protocol ?? 'TCP')).toEqual(expected);
  });
});

describe('NetworkPolicy details', () => {
  it('defaults policyTypes to Ingress, plus Egress when the policy has egress rules', () => {
    expect(policyTypes({ podSelector: {} })).toEqual(['Ingress']);
    expect(policyTypes({ podSelector: {}, egress: [{}] })).toEqual(['Ingress', 'Egress']);
    expect(policyTypes({ podSelector: {}, policyTypes: ['Egress'] })).toEqual(['Egress']);
  });

  it('reports which policies isolate the pods and which allow the connection', () => {
    const [xa, yb] = [pods[0] as PolicyPod, pods[4] as PolicyPod];
    const allowB = policy('x', 'allow-b', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { pod: 'b' } } }] }],
    });
    const verdict = evaluateConnection(
      { src: { kind: 'pod', pod: yb }, dst: { kind: 'pod', pod: xa }, port: 80, protocol: 'TCP' },
      [denyAllIngress, allowB],
      nsLabels,
    );
    expect(verdict).toEqual({
      allowed: true,
      egress: { policies: [], allowedBy: [], allowed: true },
      ingress: { policies: ['x/allow-b', 'x/deny-ingress'], allowedBy: ['x/allow-b'], allowed: true },
    });
  });

  it('matches addresses outside the pod network only through ipBlock', () => {
    const xa = pods[0] as PolicyPod;
    const fromNode = {
      src: { kind: 'ip' as const, ip: '172.18.0.4' },
      dst: { kind: 'pod' as const, pod: xa },
      port: 80,
      protocol: 'TCP' as const,
    };
    const byPods = policy('x', 'from-any-pod', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    });
    const byCidr = policy('x', 'from-nodes', {
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '172.18.0.0/16' } }] }],
    });
    expect(evaluateConnection(fromNode, [byPods], nsLabels).allowed).toBe(false);
    expect(evaluateConnection(fromNode, [byPods, byCidr], nsLabels).allowed).toBe(true);
  });
});

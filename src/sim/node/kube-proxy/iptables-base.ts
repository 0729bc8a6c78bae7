/**
 * iptables rules as data, and the fixed part of kube-proxy's tables: the jumps from the
 * built-in chains, the masquerade chains (KUBE-MARK-MASQ, KUBE-POSTROUTING) and the filter
 * table's KUBE-FORWARD and KUBE-FIREWALL rules (pkg/proxy/iptables iptablesJumpChains and
 * syncProxyRules' preamble). Each rule holds its arguments in the order `iptables-save`
 * prints them: source, destination, protocol, then the matches as kube-proxy wrote them.
 */

/** One rule of a table, appended to `chain`. */
export interface IptablesRule {
  readonly chain: string;
  /** Match arguments, e.g. `-d 10.96.0.1/32 -p tcp -m comment --comment "..." -m tcp --dport 443`. */
  readonly matches: readonly string[];
  /** Jump target: a chain or `DNAT`, `REJECT`, `MARK`... */
  readonly target: string;
  readonly targetArgs: readonly string[];
}

/** A table as kube-proxy (and kubelet) fill it: built-in chains, own chains, rules. */
export interface IptablesTable {
  readonly name: 'nat' | 'filter';
  readonly builtinChains: readonly string[];
  /** User-defined chains, in the order they were declared. */
  readonly chains: readonly string[];
  readonly rules: readonly IptablesRule[];
}

/** The masquerade mark: bit 14, kube-proxy's --iptables-masquerade-bit default. */
export const MASQUERADE_MARK = '0x4000';
const MARK_MASK = `${MASQUERADE_MARK}/${MASQUERADE_MARK}`;

/** The parts of a rule before its target. */
export interface RuleParts {
  readonly src?: string;
  readonly notSrc?: boolean;
  readonly dst?: string;
  readonly proto?: string;
  /** Matches before the comment (conntrack state in built-in chain jumps). */
  readonly before?: readonly string[];
  readonly comment?: string;
  /** Matches after the comment, e.g. `['-m', 'tcp', '--dport', '80']`. */
  readonly after?: readonly string[];
}

const host = (addr: string) => (addr.includes('/') ? addr : `${addr}/32`);

/** Builds a rule with its matches in `iptables-save` order; comments are always quoted. */
export function rule(chain: string, parts: RuleParts, target: string, ...targetArgs: string[]): IptablesRule {
  const m: string[] = [];
  if (parts.src !== undefined) m.push(...(parts.notSrc === true ? ['!'] : []), '-s', host(parts.src));
  if (parts.dst !== undefined) m.push('-d', host(parts.dst));
  if (parts.proto !== undefined) m.push('-p', parts.proto);
  m.push(...(parts.before ?? []));
  if (parts.comment !== undefined) m.push('-m', 'comment', '--comment', `"${parts.comment}"`);
  m.push(...(parts.after ?? []));
  return { chain, matches: m, target, targetArgs };
}

/**
 * An nfacct match. iptables-save prints its name after two spaces (`--nfacct-name  name`),
 * which the empty argument reproduces when the rule is joined.
 */
export const nfacct = (name: string) => ['-m', 'nfacct', '--nfacct-name', '', name];

/**
 * The probability of the i-th of n random-statistic rules (1/(n-i)), as iptables stores it
 * (a 31-bit fraction of kube-proxy's `%0.10f` string) and iptables-save prints it (`%.11f`).
 */
export function statisticProbability(remaining: number): string {
  const written = Number((1 / remaining).toFixed(10));
  return (Math.round(written * 0x80000000) / 0x80000000).toFixed(11);
}

/** The stored probability as a number, for evaluating the rule. */
export function statisticValue(remaining: number): number {
  return Number(statisticProbability(remaining));
}

/** The nat table's fixed rules. */
export function natPreamble(): IptablesRule[] {
  return [
    rule('PREROUTING', { comment: 'kubernetes service portals' }, 'KUBE-SERVICES'),
    rule('OUTPUT', { comment: 'kubernetes service portals' }, 'KUBE-SERVICES'),
    rule('POSTROUTING', { comment: 'kubernetes postrouting rules' }, 'KUBE-POSTROUTING'),
    rule('KUBE-POSTROUTING', { after: ['-m', 'mark', '!', '--mark', MARK_MASK] }, 'RETURN'),
    rule('KUBE-POSTROUTING', {}, 'MARK', '--set-xmark', `${MASQUERADE_MARK}/0x0`),
    rule(
      'KUBE-POSTROUTING',
      { comment: 'kubernetes service traffic requiring SNAT' },
      'MASQUERADE',
      '--random-fully',
    ),
    rule('KUBE-MARK-MASQ', {}, 'MARK', '--set-xmark', MARK_MASK),
  ];
}

export const NAT_CHAINS = [
  'KUBE-SERVICES',
  'KUBE-NODEPORTS',
  'KUBE-POSTROUTING',
  'KUBE-MARK-MASQ',
  'KUBE-PROXY-CANARY',
];

export const FILTER_CHAINS = [
  'KUBE-EXTERNAL-SERVICES',
  'KUBE-FIREWALL',
  'KUBE-FORWARD',
  'KUBE-NODEPORTS',
  'KUBE-PROXY-CANARY',
  'KUBE-PROXY-FIREWALL',
  'KUBE-SERVICES',
];

/**
 * The filter table's jumps from the built-in chains (each prepended, so the last one listed
 * upstream comes first) and kubelet's KUBE-FIREWALL localnet rule.
 */
export function filterPreamble(): IptablesRule[] {
  const isNew = ['-m', 'conntrack', '--ctstate', 'NEW'];
  const lbFirewall = { before: isNew, comment: 'kubernetes load balancer firewall' };
  const external = { before: isNew, comment: 'kubernetes externally-visible service portals' };
  const portals = { before: isNew, comment: 'kubernetes service portals' };
  return [
    rule('INPUT', lbFirewall, 'KUBE-PROXY-FIREWALL'),
    rule('INPUT', { comment: 'kubernetes health check service ports' }, 'KUBE-NODEPORTS'),
    rule('INPUT', external, 'KUBE-EXTERNAL-SERVICES'),
    rule('INPUT', {}, 'KUBE-FIREWALL'),
    rule('FORWARD', lbFirewall, 'KUBE-PROXY-FIREWALL'),
    rule('FORWARD', { comment: 'kubernetes forwarding rules' }, 'KUBE-FORWARD'),
    rule('FORWARD', portals, 'KUBE-SERVICES'),
    rule('FORWARD', external, 'KUBE-EXTERNAL-SERVICES'),
    rule('OUTPUT', lbFirewall, 'KUBE-PROXY-FIREWALL'),
    rule('OUTPUT', portals, 'KUBE-SERVICES'),
    rule('OUTPUT', {}, 'KUBE-FIREWALL'),
    rule(
      'KUBE-FIREWALL',
      {
        src: '127.0.0.0/8',
        notSrc: true,
        dst: '127.0.0.0/8',
        comment: 'block incoming localnet connections',
        after: ['-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT'],
      },
      'DROP',
    ),
  ];
}

/** KUBE-FORWARD: drop INVALID packets, accept marked and established traffic. */
export function forwardRules(): IptablesRule[] {
  return [
    rule(
      'KUBE-FORWARD',
      { after: ['-m', 'conntrack', '--ctstate', 'INVALID', ...nfacct('ct_state_invalid_dropped_pkts')] },
      'DROP',
    ),
    rule(
      'KUBE-FORWARD',
      { comment: 'kubernetes forwarding rules', after: ['-m', 'mark', '--mark', MARK_MASK] },
      'ACCEPT',
    ),
    rule(
      'KUBE-FORWARD',
      {
        comment: 'kubernetes forwarding conntrack rule',
        after: ['-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED'],
      },
      'ACCEPT',
    ),
  ];
}

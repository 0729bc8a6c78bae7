/**
 * busybox 1.36 `nslookup` (networking/nslookup.c): for a name without dots it sends A then
 * AAAA queries for every search domain of resolv.conf (a name with a dot is sent as given; an
 * address becomes a PTR query), all at once to the first nameserver, and prints each reply as
 * it arrives: records (with "Non-authoritative answer:" for non-authoritative replies),
 * "** server can't find NAME: NXDOMAIN" for errors, and a blank line after each. Its exit
 * status is 1 if any reply was an error.
 */
import { isIPv4, reverseName } from '../ip';
import type { DnsTransport, TriedQuery } from './resolver';
import type { ResolvConf } from './resolv';
import { bare, type DnsRecord, type RecordType } from './types';

export interface NslookupResult {
  readonly output: string;
  readonly exitCode: number;
  readonly queries: readonly TriedQuery[];
  readonly lastStep: number | null;
}

export interface NslookupOptions {
  /** `nslookup NAME SERVER`: ask this server instead of resolv.conf's first nameserver. */
  readonly server?: string;
  /** `-type=`: one record type instead of A+AAAA. */
  readonly type?: RecordType;
}

function formatRecordLine(r: DnsRecord): string {
  const name = bare(r.name);
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return `Name:\t${name}\nAddress: ${r.data}\n`;
    case 'CNAME':
      return `${name}\tcanonical name = ${bare(r.data)}\n`;
    case 'PTR':
      return `${name}\tname = ${bare(r.data)}\n`;
    case 'SRV': {
      const s = r.srv;
      return s === undefined
        ? ''
        : `${name}\tservice = ${s.priority} ${s.weight} ${s.port} ${bare(s.target)}\n`;
    }
  }
}

/** The queries busybox builds for `name` (add_query_with_search). */
export function nslookupQueries(
  name: string,
  conf: ResolvConf,
  type?: RecordType,
): { name: string; type: RecordType }[] {
  if (type === undefined && isIPv4(name)) return [{ name: reverseName(name), type: 'PTR' }];
  const withSearch = (t: RecordType) =>
    t === 'PTR' || conf.searches.length === 0 || name.includes('.')
      ? [{ name, type: t }]
      : conf.searches.map((s) => ({ name: `${name}.${s}`, type: t }));
  return type === undefined ? [...withSearch('A'), ...withSearch('AAAA')] : withSearch(type);
}

/** Runs `nslookup name [server]` from a pod whose resolv.conf is `conf`. */
export function nslookup(
  name: string,
  conf: ResolvConf,
  transport: DnsTransport,
  causedBy: number | null,
  options: NslookupOptions = {},
): NslookupResult {
  const server = options.server ?? conf.nameservers[0] ?? '127.0.0.1';
  const queries: TriedQuery[] = [];
  let out = '';
  let exitCode = 0;
  let replies = 0;
  let lastStep = causedBy;
  for (const q of nslookupQueries(name, conf, options.type)) {
    const reply = transport(server, q.name, q.type, causedBy);
    if (reply === null) {
      queries.push({ ...q, rcode: 'timeout', answers: [] });
      continue;
    }
    lastStep = reply.step;
    queries.push({ ...q, rcode: reply.rcode, answers: reply.answers.map((r) => r.data) });
    if (replies++ === 0) out += `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    if (reply.rcode !== 'NOERROR') {
      out += `** server can't find ${q.name}: ${reply.rcode}\n`;
      exitCode = 1;
    } else {
      if (!reply.authoritative) out += 'Non-authoritative answer:\n';
      out += reply.answers.map(formatRecordLine).join('');
    }
    out += '\n';
  }
  if (replies === 0)
    return {
      output: ';; connection timed out; no servers could be reached\n\n',
      exitCode: 1,
      queries,
      lastStep,
    };
  const unanswered = queries.filter((q) => q.rcode === 'timeout');
  if (unanswered.length > 0)
    out += `${unanswered.map((q) => `*** Can't find ${q.name}: No answer\n`).join('')}\n`;
  return { output: out, exitCode, queries, lastStep };
}

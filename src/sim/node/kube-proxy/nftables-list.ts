/**
 * `nft list table ip kube-proxy` output: the table's comment, then its sets and maps, then
 * its chains, each in creation order, elements wrapped as nft 1.0 wraps them (maps one per
 * line, address sets two per line).
 */
import { compareIPv4 } from '../../network/ip';
import type { NftChain, NftElement, NftSet, NftTable } from './nftables';

/** nft's duration format: `3h`, `10m30s`. */
export function duration(seconds: number): string {
  const parts: string[] = [];
  const units: [number, string][] = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  let rest = seconds;
  for (const [size, unit] of units) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  return parts.join('') || '0s';
}

/** Orders elements by address, then port. */
export function compareElements(a: NftElement, b: NftElement): number {
  const [ipA = '', ...restA] = a.key.split(' . ');
  const [ipB = '', ...restB] = b.key.split(' . ');
  const byIp = ipA.includes('.') && ipB.includes('.') ? compareIPv4(ipA, ipB) : 0;
  if (byIp !== 0) return byIp;
  const last = (r: string[]) => Number(r[r.length - 1] ?? 0);
  return a.key === b.key ? 0 : last(restA) - last(restB) || (a.key < b.key ? -1 : 1);
}

/** What `nft list table ip kube-proxy` prints. */
export function nftListTable(table: NftTable): string {
  const blocks: string[] = [];
  const elements = (s: NftSet) => {
    const items = s.elements.map(
      (e) =>
        `${e.key}${e.comment === undefined ? '' : ` comment "${e.comment}"`}${e.value === undefined ? '' : ` : ${e.value}`}`,
    );
    const perLine = s.kind === 'map' ? 1 : 2;
    let text = '';
    items.forEach((item, i) => {
      text += i === 0 ? item : i % perLine === 0 ? `,\n\t\t\t     ${item}` : `, ${item}`;
    });
    return `\t\telements = { ${text} }`;
  };
  for (const s of table.objects.filter((o): o is NftSet => o.kind !== 'chain')) {
    const lines = [
      `\t${s.kind} ${s.name} {`,
      `\t\ttype ${s.type}`,
      ...(s.extra ?? []).map((l) => `\t\t${l}`),
    ];
    if (s.comment !== undefined) lines.push(`\t\tcomment "${s.comment}"`);
    if (s.elements.length > 0) lines.push(elements(s));
    blocks.push([...lines, '\t}'].join('\n'));
  }
  for (const c of table.objects.filter((o): o is NftChain => o.kind === 'chain')) {
    const lines = [`\tchain ${c.name} {`];
    if (c.comment !== undefined) lines.push(`\t\tcomment "${c.comment}"`);
    if (c.hook !== undefined) lines.push(`\t\t${c.hook}`);
    lines.push(...c.rules.map((r) => `\t\t${r}`), '\t}');
    blocks.push(lines.join('\n'));
  }
  return `table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n${blocks.join('\n\n')}\n}\n`;
}

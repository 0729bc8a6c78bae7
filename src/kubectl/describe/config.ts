/** ConfigMaps, Secrets and ServiceAccounts. */
import type { ConfigMap, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { compareStrings } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeEvents, eventsFor, searchEvents, targetOf } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import type { DescribeContext } from './index';
import { DescribeWriter, LEVEL_0, type PrefixWriter } from './writer';

/** The number of bytes a base64 string decodes to. */
function decodedLength(base64: string): number {
  const clean = base64.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

function writeHeader(w: PrefixWriter, obj: { metadata?: KubeObject['metadata'] }): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
}

/**
 * Describes a ConfigMap: each data value in full under its key, then binary data sizes.
 * Keys are in sorted order (kubectl walks a Go map, so its order varies from run to run).
 */
export async function describeConfigMap(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const cm = obj as unknown as ConfigMap;
  const w = new DescribeWriter();
  writeHeader(w, cm);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const key of Object.keys(cm.data ?? {}).sort(compareStrings)) {
    w.write(LEVEL_0, `${key}:\n----\n`);
    w.write(LEVEL_0, `${cm.data?.[key] ?? ''}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const key of Object.keys(cm.binaryData ?? {}).sort(compareStrings)) {
    w.write(LEVEL_0, `${key}: ${decodedLength(cm.binaryData?.[key] ?? '')} bytes\n`);
  }
  w.write(LEVEL_0, '\n');
  // Unlike most describers, a failed event search fails the whole describe here.
  if (ctx.showEvents !== false) describeEvents(await searchEvents(ctx, targetOf(obj)), w, ctx.now);
  return w.toString();
}

/**
 * Describes a Secret: its type and the size of each value (a service account token's
 * value is shown). Keys are in sorted order.
 */
export async function describeSecret(obj: KubeObject): Promise<string> {
  const secret = obj as unknown as Secret;
  const w = new DescribeWriter();
  writeHeader(w, secret);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const key of Object.keys(secret.data ?? {}).sort(compareStrings)) {
    const value = secret.data?.[key] ?? '';
    if (key === 'token' && secret.type === 'kubernetes.io/service-account-token') {
      w.write(LEVEL_0, `${key}:\t${decodeBase64(value)}\n`);
    } else {
      w.write(LEVEL_0, `${key}:\t${decodedLength(value)} bytes\n`);
    }
  }
  return w.toString();
}

/** A base64 value as UTF-8 text. */
function decodeBase64(base64: string): string {
  const binary = atob(base64.replace(/\s/g, ''));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

const EMPTY_HEADER = '                   ';

/**
 * Describes a ServiceAccount: its image pull secrets, mountable secrets and legacy token
 * secrets, flagging referenced secrets that do not exist.
 */
export async function describeServiceAccount(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const sa = obj as unknown as ServiceAccount;
  const meta = sa.metadata ?? {};
  const tokens: string[] = [];
  const missing = new Set<string>();
  try {
    const secrets = (await ctx.list(
      `/api/v1/namespaces/${meta.namespace ?? ''}/secrets`,
    )) as unknown as Secret[];
    const existing = new Set(secrets.map((s) => s.metadata?.name ?? ''));
    for (const s of secrets) {
      const a = s.metadata?.annotations ?? {};
      if (
        s.type === 'kubernetes.io/service-account-token' &&
        (a['kubernetes.io/service-account.name'] ?? '') === meta.name &&
        (a['kubernetes.io/service-account.uid'] ?? '') === (meta.uid ?? '')
      ) {
        tokens.push(s.metadata?.name ?? '');
      }
    }
    for (const ref of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) {
      if (!existing.has(ref.name ?? '')) missing.add(ref.name ?? '');
    }
  } catch {
    // kubectl describes the account with the secrets it references even if it cannot list them.
  }
  const events = await eventsFor(ctx, targetOf(obj));
  const w = new DescribeWriter();
  writeHeader(w, sa);
  const groups: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens],
  ];
  for (const [header, names] of groups) {
    if (names.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    names.forEach((name, i) => {
      const prefix = i === 0 ? header : EMPTY_HEADER;
      w.write(LEVEL_0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
    });
  }
  if (events) describeEvents(events, w, ctx.now);
  return w.toString();
}

/** Namespaces (with their quotas and limit ranges), ResourceQuotas and LimitRanges. */
import type { LimitRange, LimitRangeSpec, Namespace, ResourceQuota } from 'kubernetes-types/core/v1';
import { compareStrings } from '../../sim/apiserver/printers/format';
import type { KubeObject } from '../../sim/apiserver/types';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './format';
import type { DescribeApiError, DescribeContext } from './index';
import { parsedFormat, quantity, quantityString, quantityValue } from './quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

const SCOPE_HELP: Readonly<Record<string, string>> = {
  Terminating:
    'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating:
    'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort:
    'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort:
    'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

const text = (value: unknown): string => quantityString(quantity(value));

/** Lists a namespace's objects of one kind; null when the server does not have the kind (404). */
async function listOrNull<T>(ctx: DescribeContext, path: string): Promise<T[] | null> {
  try {
    return (await ctx.list(path)) as unknown as T[];
  } catch (error) {
    if ((error as Partial<DescribeApiError>).code === 404) return null;
    throw error;
  }
}

/** Describes a namespace: status, conditions, and the quotas and limit ranges in it. */
export async function describeNamespace(obj: KubeObject, ctx: DescribeContext): Promise<string> {
  const ns = obj as unknown as Namespace;
  const name = ns.metadata?.name ?? '';
  const quotas = await listOrNull<ResourceQuota>(ctx, `/api/v1/namespaces/${name}/resourcequotas`);
  const limits = await listOrNull<LimitRange>(ctx, `/api/v1/namespaces/${name}/limitranges`);
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`,
      );
    }
  }
  if (quotas) {
    w.write(LEVEL_0, '\n');
    describeResourceQuotas(quotas, w);
  }
  if (limits) {
    w.write(LEVEL_0, '\n');
    describeLimitRanges(limits, w);
  }
  return w.toString();
}

const sortedScopes = (q: ResourceQuota): string[] => [...(q.spec?.scopes ?? [])].sort(compareStrings);

function describeResourceQuotas(quotas: ResourceQuota[], w: PrefixWriter): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  const sorted = [...quotas].sort((a, b) => compareStrings(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of sorted) {
    w.write(LEVEL_1, `Name:\t${q.metadata?.name ?? ''}\n`);
    const scopes = sortedScopes(q);
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const scope of scopes) if (SCOPE_HELP[scope]) w.write(LEVEL_1, `* ${SCOPE_HELP[scope]}\n`);
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    for (const r of Object.keys(q.status?.hard ?? {}).sort(compareStrings)) {
      w.write(LEVEL_1, `${r}\t${text(q.status?.used?.[r])}\t${text(q.status?.hard?.[r])}\n`);
    }
  }
}

/**
 * One row per limit type and resource: min, max, default request, default limit and
 * ratio, `-` where unset. Resources are in name order (kubectl's order varies by run).
 */
function describeLimitRangeSpec(spec: LimitRangeSpec | undefined, prefix: string, w: PrefixWriter): void {
  for (const item of spec?.limits ?? []) {
    const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    const names = new Set(lists.flatMap((l) => Object.keys(l ?? {})));
    for (const name of [...names].sort(compareStrings)) {
      const cells = lists.map((l) => (l && name in l ? text(l[name]) : '-'));
      w.write(LEVEL_0, `${prefix}${item.type}\t${name}\t${cells.join('\t')}\n`);
    }
  }
}

function describeLimitRanges(ranges: LimitRange[], w: PrefixWriter): void {
  if (ranges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(
    LEVEL_0,
    'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n',
  );
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const range of ranges) describeLimitRangeSpec(range.spec, ' ', w);
}

/** Describes a LimitRange as its table of limits. */
export async function describeLimitRange(obj: KubeObject): Promise<string> {
  const range = obj as unknown as LimitRange;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${range.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${range.metadata?.namespace ?? ''}\n`);
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  describeLimitRangeSpec(range.spec, '', w);
  return w.toString();
}

/** Describes a ResourceQuota: scopes, then used and hard amounts per resource. */
export async function describeResourceQuota(obj: KubeObject): Promise<string> {
  const q = obj as unknown as ResourceQuota;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${q.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${q.metadata?.namespace ?? ''}\n`);
  const scopes = sortedScopes(q);
  if (scopes.length > 0) {
    w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const scope of scopes) if (SCOPE_HELP[scope]) w.write(LEVEL_0, ` * ${SCOPE_HELP[scope]}\n`);
  }
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  for (const r of Object.keys(q.status?.hard ?? {}).sort(compareStrings)) {
    const hard = q.status?.hard?.[r];
    const usedText = q.status?.used?.[r];
    let used = text(usedText);
    const format = parsedFormat(hard);
    if (format !== parsedFormat(usedText ?? '0')) {
      used = quantityString({ nanos: BigInt(quantityValue(quantity(usedText))) * 1_000_000_000n, format });
    }
    w.write(LEVEL_0, `${r}\t${used}\t${text(hard)}\n`);
  }
  return w.toString();
}

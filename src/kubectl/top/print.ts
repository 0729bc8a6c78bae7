/**
 * kubectl's metrics printer (metricsutil.TopCmdPrinter): node and pod usage from the
 * metrics.k8s.io API as `top` prints it: CPU in millicores, memory in whole Mi, node usage
 * as a share of allocatable (or capacity), containers, the `--sum` line, and the sorters
 * (by name, or by cpu or memory, largest first).
 */
import { goSort } from '../describe/gosort';
import {
  addQuantities,
  quantity,
  quantityMilliValue,
  quantityValue,
  zeroQuantity,
  type Quantity,
  type ResourceList,
} from '../describe/quantity';
import { tabwrite } from '../printers';

/** A NodeMetrics object, as far as top reads it. */
export interface NodeMetrics {
  readonly metadata: { readonly name?: string };
  readonly usage?: ResourceList;
}

/** A PodMetrics object, as far as top reads it. */
export interface PodMetrics {
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly containers?: readonly { readonly name: string; readonly usage?: ResourceList }[];
}

const MEASURED = ['cpu', 'memory'] as const;
const MI = 1024 * 1024;

const cell = (value: string) => `${value}\t`;

/** One resource's usage, `\t`, and with `available` its share (`12%\t`). */
function usageCells(usage: ReadonlyMap<string, Quantity>, available?: ResourceList): string {
  let text = '';
  for (const resource of MEASURED) {
    const used = usage.get(resource) ?? zeroQuantity;
    text +=
      resource === 'cpu' ? `${quantityMilliValue(used)}m\t` : `${Math.trunc(quantityValue(used) / MI)}Mi\t`;
    if (available !== undefined && resource in available) {
      const fraction = (quantityMilliValue(used) / quantityMilliValue(quantity(available[resource]))) * 100;
      text += `${Math.trunc(fraction)}%\t`;
    }
  }
  return text;
}

const usageOf = (list: ResourceList | undefined): Map<string, Quantity> =>
  new Map(MEASURED.map((r) => [r, quantity(list?.[r])]));

/** A pod's usage: its containers' added up (getPodMetrics). */
function podUsage(pod: PodMetrics): Map<string, Quantity> {
  const total = new Map<string, Quantity>(MEASURED.map((r) => [r, quantity('0')]));
  for (const c of pod.containers ?? [])
    for (const r of MEASURED)
      total.set(r, addQuantities(total.get(r) ?? zeroQuantity, quantity(c.usage?.[r])));
  return total;
}

/** A Less for `--sort-by`: cpu or memory, largest first; else `byName`. */
function lessBy<T>(
  sortBy: string,
  usage: (item: T) => ReadonlyMap<string, Quantity>,
  byName: (a: T, b: T) => boolean,
): (a: T, b: T) => boolean {
  const cpu = (item: T) => quantityMilliValue(usage(item).get('cpu') ?? zeroQuantity);
  const memory = (item: T) => quantityValue(usage(item).get('memory') ?? zeroQuantity);
  if (sortBy === 'cpu') return (a, b) => cpu(a) > cpu(b);
  if (sortBy === 'memory') return (a, b) => memory(a) > memory(b);
  return byName;
}

/**
 * The `top node` table: every node with metrics, sorted, then (in name order) the nodes
 * without metrics as `<unknown>`. `available` holds each node's allocatable or capacity.
 */
export function printNodeMetrics(
  metrics: NodeMetrics[],
  available: ReadonlyMap<string, ResourceList>,
  options: { readonly noHeaders: boolean; readonly sortBy: string },
): string {
  if (metrics.length === 0) return '';
  const name = (m: NodeMetrics) => m.metadata.name ?? '';
  goSort(
    metrics,
    lessBy(
      options.sortBy,
      (m) => usageOf(m.usage),
      (a, b) => name(a) < name(b),
    ),
  );
  let text = options.noHeaders
    ? ''
    : `${['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'].map(cell).join('')}\n`;
  const missing = new Set(available.keys());
  for (const m of metrics) {
    text += `${cell(name(m))}${usageCells(usageOf(m.usage), available.get(name(m)))}\n`;
    missing.delete(name(m));
  }
  for (const node of [...missing].sort()) text += `${cell(node)}${cell('<unknown>').repeat(4)}\n`;
  return tabwrite(text);
}

/** How `top pod` prints. */
export interface PodPrintOptions {
  readonly containers: boolean;
  readonly withNamespace: boolean;
  readonly noHeaders: boolean;
  readonly sortBy: string;
  readonly sum: boolean;
}

/** The `top pod` table: pods (or their containers), sorted, and with `--sum` the totals. */
export function printPodMetrics(metrics: PodMetrics[], options: PodPrintOptions): string {
  if (metrics.length === 0) return '';
  let columns = 3;
  let text = '';
  if (!options.noHeaders) {
    for (const [shown, title] of [
      [options.withNamespace, 'NAMESPACE'],
      [options.containers, 'POD'],
    ] as const) {
      if (!shown) continue;
      text += cell(title);
      columns++;
    }
    text += `${['NAME', 'CPU(cores)', 'MEMORY(bytes)'].map(cell).join('')}\n`;
  }
  const ns = (m: PodMetrics) => m.metadata.namespace ?? '';
  const name = (m: PodMetrics) => m.metadata.name ?? '';
  goSort(
    metrics,
    lessBy(options.sortBy, podUsage, (a, b) =>
      options.withNamespace && ns(a) !== ns(b) ? ns(a) < ns(b) : name(a) < name(b),
    ),
  );
  const prefix = (m: PodMetrics) => (options.withNamespace ? cell(ns(m)) : '');
  for (const m of metrics) {
    if (!options.containers) {
      text += `${prefix(m)}${cell(name(m))}${usageCells(podUsage(m))}\n`;
      continue;
    }
    const containers = [...(m.containers ?? [])];
    goSort(
      containers,
      lessBy(
        options.sortBy,
        (c) => usageOf(c.usage),
        (a, b) => a.name < b.name,
      ),
    );
    for (const c of containers)
      text += `${prefix(m)}${cell(name(m))}${cell(c.name)}${usageCells(usageOf(c.usage))}\n`;
  }
  if (options.sum) {
    const total = new Map<string, Quantity>(MEASURED.map((r) => [r, zeroQuantity]));
    for (const m of metrics)
      for (const [r, q] of podUsage(m)) total.set(r, addQuantities(total.get(r) ?? zeroQuantity, q));
    text += `${cell('').repeat(columns - 2)}${cell('________')}${cell('________')}\n`;
    text += `${cell('').repeat(columns - 3)}${cell('')}${usageCells(total)}\n`;
  }
  return tabwrite(text);
}

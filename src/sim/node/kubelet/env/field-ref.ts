/**
 * The downward API's values (pkg/fieldpath and pkg/api/v1/resource): a pod field by its
 * field path (`metadata.name`, `metadata.labels['app']`, `status.podIP`...) and a
 * container's resource by `requests.cpu`/`limits.memory`... divided by a divisor and rounded
 * up. Limits the container does not set are the node's allocatable, as the kubelet defaults
 * them for the downward API. Env vars and downwardAPI volume files both read them here.
 */
import type { Container, ObjectFieldSelector, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import {
  isQuantityError,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
  type Quantity,
} from '../../../apiserver/validation/quantity';
import type { PodObject } from '../context';

/** Where the pod runs: what the kubelet knows beyond the pod object. */
export interface PodPlacement {
  readonly podIPs: readonly string[];
  readonly hostIP: string;
  /** The node's allocatable resources (cpu, memory, ephemeral-storage). */
  readonly allocatable: Readonly<Record<string, string>>;
}

/** Go's %q for the simple strings labels and annotations hold. */
const goQuote = (s: string) => JSON.stringify(s);

/** fieldpath.FormatMap: `key="value"` lines in key order, no trailing newline. */
export function formatMap(map: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${goQuote(map?.[k] ?? '')}`)
    .join('\n');
}

/** The value a fieldRef names; throws for a path the downward API does not support. */
export function fieldRefValue(ref: ObjectFieldSelector, pod: PodObject, where: PodPlacement): string {
  const path = ref.fieldPath;
  const meta = pod.metadata;
  const subscript = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (subscript !== null) {
    const map = subscript[1] === 'labels' ? meta.labels : meta.annotations;
    return map?.[subscript[2] ?? ''] ?? '';
  }
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'metadata.labels':
      return formatMap(meta.labels);
    case 'metadata.annotations':
      return formatMap(meta.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return where.hostIP;
    case 'status.podIP':
      return where.podIPs[0] ?? '';
    case 'status.podIPs':
      return where.podIPs.join(',');
  }
  throw new Error(`unsupported fieldPath: ${path}`);
}

function quantity(text: string | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const q = parseQuantity(text);
  return isQuantityError(q) ? undefined : q;
}

/** The value a resourceFieldRef names for `container`, limits defaulted to the node's allocatable. */
export function resourceFieldValue(
  ref: ResourceFieldSelector,
  container: Container,
  allocatable: Readonly<Record<string, string>>,
): string {
  const [kind, name = ''] = ref.resource.split(/\.(.*)/s);
  if (kind !== 'limits' && kind !== 'requests')
    throw new Error(`unsupported container resource : ${ref.resource}`);
  const set = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const value = quantity(set?.[name]) ?? quantity(kind === 'limits' ? allocatable[name] : undefined);
  const divisor = quantity(ref.divisor === undefined ? undefined : String(ref.divisor));
  const one = quantity('1') as Quantity;
  const by = divisor === undefined || divisor.nanos === 0n ? one : divisor;
  if (name === 'cpu') {
    const milli = value === undefined ? 0 : Number(quantityMilliValue(value));
    return String(Math.ceil(milli / Number(quantityMilliValue(by))));
  }
  const units = value === undefined ? 0 : Number(quantityValue(value));
  return String(Math.ceil(units / Number(quantityValue(by))));
}

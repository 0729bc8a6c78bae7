/**
 * The HPA controller's resource metrics client (upstream
 * pkg/controller/podautoscaler/metrics/client.go): it lists PodMetrics in the HPA's namespace
 * by the target's selector through kube-apiserver, which proxies to metrics-server, and sums
 * each pod's containers (or takes one container) in milli-units. Failures carry client-go's
 * error text.
 */
import type { ApiClient } from '../../client/rest';
import { ApiError } from '../../apiserver/status';
import { isQuantityError, parseQuantity, quantityMilliValue } from '../../apiserver/validation/quantity';
import type { PodMetricsInfo } from './types';

interface PodMetricsList {
  items?: {
    metadata: { name?: string };
    timestamp?: string;
    window?: string;
    containers?: { name: string; usage?: Record<string, string> }[];
  }[];
}

/** What client-go says of a failed request with no Status in the answer (apierrors.NewGenericServerResponse). */
const GENERIC_MESSAGES: Record<number, string> = {
  404: 'the server could not find the requested resource',
  503: 'the server is currently unable to handle the request',
};

/** A failed API request as client-go's error prints it. */
export function requestError(error: unknown, verb: string, qualifiedResource: string): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.status.message !== undefined && error.status.message !== '') return error.status.message;
  const message =
    GENERIC_MESSAGES[error.code] ??
    `the server responded with the status code ${error.code} but did not return more information`;
  return `${message} (${verb} ${qualifiedResource})`;
}

const milli = (q: string | undefined) => {
  const parsed = q === undefined ? undefined : parseQuantity(q);
  return parsed === undefined || isQuantityError(parsed) ? undefined : Number(quantityMilliValue(parsed));
};

/** metav1.Duration text (`15s`, `1m0s`, `15.012s`) in ms. */
function durationMs(text: string | undefined): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let ms = 0;
  for (const [, n, unit] of (text ?? '').matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    ms += Number(n) * (units[unit ?? 's'] ?? 0);
  return ms;
}

/**
 * GetResourceMetric: each pod's usage of `resource` (all containers, or only `container`), and
 * the first item's timestamp. Throws an Error with upstream's message.
 */
export function getResourceMetric(
  client: ApiClient,
  resource: string,
  namespace: string,
  selector: string,
  container: string,
  causedBy: number | null,
): { metrics: PodMetricsInfo; timestamp: number } {
  let list: PodMetricsList;
  try {
    const response = client.request('GET', `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`, {
      query: { labelSelector: selector },
      causedBy,
    });
    list = ('body' in response ? response.body : {}) as PodMetricsList;
  } catch (error) {
    throw new Error(
      `unable to fetch metrics from resource metrics API: ${requestError(error, 'get', 'pods.metrics.k8s.io')}`,
      { cause: error },
    );
  }
  const items = list.items ?? [];
  if (items.length === 0) throw new Error('no metrics returned from resource metrics API');
  const metrics: PodMetricsInfo = new Map();
  for (const m of items) {
    const at = { timestamp: Date.parse(m.timestamp ?? ''), windowMs: durationMs(m.window) };
    const containers = m.containers ?? [];
    if (container !== '') {
      const value = milli(containers.find((c) => c.name === container)?.usage?.[resource]);
      if (value !== undefined) metrics.set(m.metadata.name ?? '', { ...at, value });
      continue;
    }
    const values = containers.map((c) => milli(c.usage?.[resource]));
    if (values.length === 0 || values.some((v) => v === undefined)) continue;
    metrics.set(m.metadata.name ?? '', { ...at, value: values.reduce<number>((a, v) => a + (v ?? 0), 0) });
  }
  return { metrics, timestamp: Date.parse(items[0]?.timestamp ?? '') };
}

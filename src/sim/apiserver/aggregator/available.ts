/**
 * kube-aggregator's remote availability check (upstream's AvailableConditionController sync):
 * an APIService is Available once the server behind its Service answers its discovery path,
 * `/apis/<group>/<version>`. The answer is also what aggregated discovery publishes for it.
 */
import type { Kernel } from '../../kernel/kernel';
import type { ApiResponse } from '../types';
import type { APIResourceList } from './discovery';
import type { AggregatedServers } from './servers';
import type { APIServiceCondition, APIServiceObject } from './types';

/** The outcome of one check: the Available condition to set, and the server's resource list. */
export interface Availability {
  readonly condition: Omit<APIServiceCondition, 'lastTransitionTime'>;
  readonly discovery?: APIResourceList;
}

/** Checks the server behind a (non-local) APIService, tracing the discovery request. */
export function checkAvailability(
  kernel: Kernel,
  apiserverId: string,
  servers: AggregatedServers | undefined,
  apiService: APIServiceObject,
  causedBy: number | null,
): Availability {
  const { namespace = '', name = '', port = 443 } = apiService.spec?.service ?? {};
  const server = servers?.server(namespace, name);
  if (server === undefined) {
    return {
      condition: {
        type: 'Available',
        status: 'False',
        reason: 'ServiceNotFound',
        message: `service/${name} in "${namespace}" is not present`,
      },
    };
  }
  const path = `/apis/${apiService.spec?.group ?? ''}/${apiService.spec?.version ?? ''}`;
  const hop = kernel.trace.emit({
    from: apiserverId,
    to: server.id,
    kind: 'request',
    summary: `GET ${path} (availability check of ${apiService.metadata.name ?? ''})`,
    detail: { path },
    causedBy,
  }).id;
  const response: ApiResponse = server.handle(
    {
      method: 'GET',
      path,
      query: {},
      headers: {
        accept: 'application/json',
        'x-remote-user': 'system:kube-aggregator',
        'x-remote-group': 'system:masters',
      },
      client: apiserverId,
      causedBy: hop,
    },
    hop,
  );
  kernel.trace.emit({
    from: server.id,
    to: apiserverId,
    kind: 'response',
    summary: `${response.status}`,
    detail: { status: response.status },
    causedBy: hop,
  });
  if (response.status >= 200 && response.status < 300 && 'body' in response) {
    return {
      condition: { type: 'Available', status: 'True', reason: 'Passed', message: 'all checks passed' },
      discovery: response.body as APIResourceList,
    };
  }
  const url = `https://${name}.${namespace}.svc:${port}${path}`;
  return {
    condition: {
      type: 'Available',
      status: 'False',
      reason: 'FailedDiscoveryCheck',
      message: `failing or missing response from ${url}: bad status from ${url}: ${response.status}`,
    },
  };
}

/** The status with `next` as its Available condition (its transition time kept if unchanged). */
export function withCondition(
  obj: APIServiceObject,
  next: Availability['condition'],
  now: string,
): APIServiceObject['status'] {
  const conditions = obj.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === 'Available');
  const condition: APIServiceCondition = {
    type: 'Available',
    status: next.status,
    lastTransitionTime: old?.status === next.status ? (old.lastTransitionTime ?? now) : now,
    ...(next.reason === undefined ? {} : { reason: next.reason }),
    ...(next.message === undefined ? {} : { message: next.message }),
  };
  return { conditions: [...conditions.filter((c) => c.type !== 'Available'), condition] };
}

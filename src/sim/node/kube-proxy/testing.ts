/**
 * Test fixtures for kube-proxy's backends: Services and EndpointSlices shaped like upstream's
 * proxier tests build them (makeTestService, makeTestEndpointSlice), and the node settings of
 * a kind worker.
 */
import type { ServicePort as ApiServicePort } from 'kubernetes-types/core/v1';
import type { ProxyNetwork, ServiceObject, SliceObject } from './types';

export const NODE: ProxyNetwork = { nodeName: 'node-1', nodeIP: '172.18.0.3', clusterCIDR: '10.244.0.0/16' };

/** A Service with `spec` merged over a single-port ClusterIP default. */
export function service(
  namespace: string,
  name: string,
  spec: Partial<NonNullable<ServiceObject['spec']>>,
  status?: ServiceObject['status'],
): ServiceObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace, name },
    spec: {
      type: 'ClusterIP',
      ports: [{ name: 'p80', port: 80, protocol: 'TCP' } as ApiServicePort],
      ...spec,
    },
    ...(status === undefined ? {} : { status }),
  };
}

export interface TestEndpoint {
  readonly ip: string;
  readonly node?: string;
  readonly ready?: boolean;
  readonly serving?: boolean;
  readonly terminating?: boolean;
}

/** An EndpointSlice of `service` with one port and the given endpoints. */
export function slice(
  namespace: string,
  serviceName: string,
  port: { name?: string; port: number; protocol?: string },
  endpoints: readonly TestEndpoint[],
  sliceName = `${serviceName}-abcde`,
): SliceObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace, name: sliceName, labels: { 'kubernetes.io/service-name': serviceName } },
    addressType: 'IPv4',
    ports: [{ name: port.name ?? 'p80', port: port.port, protocol: port.protocol ?? 'TCP' }],
    endpoints: endpoints.map((ep) => ({
      addresses: [ep.ip],
      conditions: {
        ready: ep.ready ?? true,
        serving: ep.serving ?? ep.ready ?? true,
        terminating: ep.terminating ?? false,
      },
      ...(ep.node === undefined ? {} : { nodeName: ep.node }),
    })),
  };
}

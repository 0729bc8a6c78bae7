/** What kube-apiserver creates for itself when it starts. */
import { KUBERNETES_SERVICE_IP } from './allocators';

/** The address the apiserver advertises on the cluster network (the control-plane node). */
export const APISERVER_ADDRESS = '172.18.0.2';

/**
 * The `kubernetes` Service in `default`, with the Endpoints and EndpointSlice that point at
 * the apiserver, as kube-apiserver's own reconcilers maintain them.
 */
export function kubernetesService(address: string): [string, object][] {
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  return [
    [
      '/api/v1/namespaces/default/services',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', labels },
        spec: {
          clusterIP: KUBERNETES_SERVICE_IP,
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          sessionAffinity: 'None',
          type: 'ClusterIP',
        },
      },
    ],
    [
      '/api/v1/namespaces/default/endpoints',
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
      },
    ],
    [
      '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [address], conditions: { ready: true } }],
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      },
    ],
  ];
}

/** The namespaces kube-apiserver creates when it starts. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/**
 * The PriorityClasses kube-apiserver creates at start (the scheduling API's
 * bootstrap-system-priority-classes hook): the only classes allowed the `system-` prefix and a
 * value above 1000000000.
 */
export const SYSTEM_PRIORITY_CLASSES: readonly object[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: 2000001000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: 2000000000,
    description:
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

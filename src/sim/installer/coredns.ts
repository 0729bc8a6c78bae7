/**
 * CoreDNS as kubeadm installs it: the `coredns` ConfigMap holding the Corefile, a
 * Deployment of two replicas (spread over nodes, allowed on the control plane) and the
 * `kube-dns` Service at 10.96.0.10 that every pod's resolv.conf names.
 */
import { COREFILE, DNS_SERVICE_IP } from '../network/dns/coredns';
import { LINUX, serviceAccount, systemObject } from './manifests';
import { IMAGES } from './versions';

const LABELS = { 'k8s-app': 'kube-dns' };

const httpProbe = (path: string, port: number, extra: Record<string, number>) => ({
  httpGet: { path, port, scheme: 'HTTP' },
  ...extra,
});

/** The objects kubeadm's CoreDNS addon creates. */
export function corednsAddon(): Record<string, unknown>[] {
  return [
    serviceAccount('coredns'),
    systemObject('v1', 'ConfigMap', 'coredns', {}, { data: { Corefile: COREFILE } }),
    systemObject('apps/v1', 'Deployment', 'coredns', LABELS, {
      spec: {
        replicas: 2,
        selector: { matchLabels: LABELS },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: LABELS },
          spec: {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            dnsPolicy: 'Default',
            nodeSelector: LINUX,
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    weight: 100,
                    podAffinityTerm: {
                      labelSelector: {
                        matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }],
                      },
                      topologyKey: 'kubernetes.io/hostname',
                    },
                  },
                ],
              },
            },
            containers: [
              {
                name: 'coredns',
                image: IMAGES.coredns,
                args: ['-conf', '/etc/coredns/Corefile'],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                ports: [
                  { name: 'dns', containerPort: 53, protocol: 'UDP' },
                  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
                ],
                livenessProbe: httpProbe('/health', 8080, {
                  initialDelaySeconds: 60,
                  timeoutSeconds: 5,
                  successThreshold: 1,
                  failureThreshold: 5,
                }),
                readinessProbe: httpProbe('/ready', 8181, {}),
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                  readOnlyRootFilesystem: true,
                },
                volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              },
            ],
            volumes: [
              {
                name: 'config-volume',
                configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] },
              },
            ],
          },
        },
      },
    }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { ...LABELS, 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: DNS_SERVICE_IP,
        selector: LABELS,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
  ];
}

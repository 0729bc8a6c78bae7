/**
 * metrics-server as its release manifest (components.yaml) installs it, with the
 * `--kubelet-insecure-tls` flag kind clusters need: a Deployment in kube-system and the
 * Service its APIService `v1beta1.metrics.k8s.io` points at.
 */
import { LINUX, serviceAccount, systemObject } from './manifests';
import { IMAGES } from './versions';

const LABELS = { 'k8s-app': 'metrics-server' };

const probe = (path: string, extra: Record<string, number>) => ({
  httpGet: { path, port: 'https', scheme: 'HTTPS' },
  periodSeconds: 10,
  failureThreshold: 3,
  ...extra,
});

/** The objects metrics-server's manifest creates (its RBAC aside). */
export function metricsServerAddon(): Record<string, unknown>[] {
  return [
    serviceAccount('metrics-server', LABELS),
    systemObject('apps/v1', 'Deployment', 'metrics-server', LABELS, {
      spec: {
        selector: { matchLabels: LABELS },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels: LABELS },
          spec: {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'metrics-server',
            nodeSelector: LINUX,
            containers: [
              {
                name: 'metrics-server',
                image: IMAGES.metricsServer,
                args: [
                  '--cert-dir=/tmp',
                  '--secure-port=10250',
                  '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
                  '--kubelet-use-node-status-port',
                  '--metric-resolution=15s',
                  '--kubelet-insecure-tls',
                ],
                ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }],
                resources: { requests: { cpu: '100m', memory: '200Mi' } },
                livenessProbe: probe('/livez', {}),
                readinessProbe: probe('/readyz', { initialDelaySeconds: 20 }),
                volumeMounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp-dir', emptyDir: {} }],
          },
        },
      },
    }),
    systemObject('v1', 'Service', 'metrics-server', LABELS, {
      spec: {
        selector: LABELS,
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }],
      },
    }),
  ];
}

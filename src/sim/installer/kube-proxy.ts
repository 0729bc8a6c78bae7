/**
 * kube-proxy as kubeadm installs it: a ConfigMap with its KubeProxyConfiguration and a
 * DaemonSet running one host-network pod per node, tolerating every taint.
 */
import { fieldEnv, hostPathVolume, LINUX, serviceAccount, systemObject, TOLERATE_ALL } from './manifests';
import { IMAGES, POD_SUBNET } from './versions';

const LABELS = { 'k8s-app': 'kube-proxy' };

/** The objects kubeadm's kube-proxy addon creates, for a proxy mode. */
export function kubeProxyAddon(mode: string): Record<string, unknown>[] {
  const config = [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'kind: KubeProxyConfiguration',
    'bindAddress: 0.0.0.0',
    'clientConnection:',
    '  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf',
    `clusterCIDR: ${POD_SUBNET}`,
    'conntrack:',
    '  maxPerCore: 0',
    `mode: ${mode}`,
    '',
  ].join('\n');
  return [
    serviceAccount('kube-proxy'),
    systemObject(
      'v1',
      'ConfigMap',
      'kube-proxy',
      { app: 'kube-proxy' },
      {
        data: { 'config.conf': config, 'kubeconfig.conf': 'apiVersion: v1\nkind: Config\n' },
      },
    ),
    systemObject('apps/v1', 'DaemonSet', 'kube-proxy', LABELS, {
      spec: {
        selector: { matchLabels: LABELS },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: LABELS },
          spec: {
            priorityClassName: 'system-node-critical',
            hostNetwork: true,
            serviceAccountName: 'kube-proxy',
            nodeSelector: LINUX,
            tolerations: TOLERATE_ALL,
            containers: [
              {
                name: 'kube-proxy',
                image: IMAGES.kubeProxy,
                command: [
                  '/usr/local/bin/kube-proxy',
                  '--config=/var/lib/kube-proxy/config.conf',
                  '--hostname-override=$(NODE_NAME)',
                ],
                env: [fieldEnv('NODE_NAME', 'spec.nodeName')],
                securityContext: { privileged: true },
                volumeMounts: [
                  { name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' },
                  { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
                  { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
              hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
              hostPathVolume('lib-modules', '/lib/modules'),
            ],
          },
        },
      },
    }),
  ];
}

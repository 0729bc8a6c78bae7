/** Authentication of in-process components (the token authenticator handles kubeconfig users). */
import type { UserInfo } from './types';

/** The identity an in-process component authenticates as, like its kubeconfig would give it. */
export function componentUser(client: string): UserInfo {
  const kind = client.split('/').at(-1) ?? client;
  const node = client.includes('/') ? client.split('/')[0] : undefined;
  switch (kind) {
    case 'kubectl':
      return { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
    case 'kubelet':
      return { username: `system:node:${node ?? ''}`, groups: ['system:nodes', 'system:authenticated'] };
    case 'kube-proxy':
      return { username: 'system:kube-proxy', groups: ['system:authenticated'] };
    case 'kube-apiserver':
      return { username: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };
    case 'metrics-server':
      return {
        username: 'system:serviceaccount:kube-system:metrics-server',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
      };
    case 'ingress-nginx-controller':
      return {
        username: 'system:serviceaccount:ingress-nginx:ingress-nginx',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:ingress-nginx', 'system:authenticated'],
      };
    case 'kube-scheduler':
    case 'kube-controller-manager':
    case 'cloud-controller-manager':
      return { username: `system:${kind}`, groups: ['system:authenticated'] };
    default:
      return { username: 'system:anonymous', groups: ['system:unauthenticated'] };
  }
}

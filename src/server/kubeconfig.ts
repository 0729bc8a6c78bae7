/** Writes a kubeconfig that points kubectl at the simulated apiserver. */
import { writeFileSync } from 'node:fs';
import { dump } from 'js-yaml';

export const ADMIN_USER = 'kubernetes-admin';
export const CLUSTER_NAME = 'kubelab';

/** The kubeconfig text for a server at `url` authenticating with `token`. */
export function kubeconfigFor(url: string, token: string): string {
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CLUSTER_NAME, cluster: { server: url } }],
    users: [{ name: ADMIN_USER, user: { token } }],
    contexts: [
      {
        name: `${ADMIN_USER}@${CLUSTER_NAME}`,
        context: { cluster: CLUSTER_NAME, user: ADMIN_USER, namespace: 'default' },
      },
    ],
    'current-context': `${ADMIN_USER}@${CLUSTER_NAME}`,
    preferences: {},
  });
}

export function writeKubeconfig(path: string, url: string, token: string): void {
  writeFileSync(path, kubeconfigFor(url, token), { mode: 0o600 });
}

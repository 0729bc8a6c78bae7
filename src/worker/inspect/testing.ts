/**
 * Test helpers for the node and scheduler views: a real cluster, a kubectl-like API client
 * and the objects the tests create (a Deployment of nginx behind a Service).
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../sim/apiserver/resources';
import type { KubeObject } from '../../sim/apiserver/types';
import { ApiClient } from '../../sim/client/rest';
import { createCluster, type Cluster, type ClusterOptions } from '../../sim/cluster';

const resource = (group: string, plural: string) => findResource(group, 'v1', plural) as ResourceInfo;

export const PODS = resource('', 'pods');
export const SERVICES = resource('', 'services');
export const NODES = resource('', 'nodes');
export const DEPLOYMENTS = resource('apps', 'deployments');

export type PodObject = KubeObject & Pod;
export type ServiceObject = KubeObject & Service;

/** A cluster with `kubectl` as its client; the tests run its virtual time. */
export function testCluster(options: Partial<ClusterOptions> = {}): { cluster: Cluster; kubectl: ApiClient } {
  const cluster = createCluster({ seed: 1, ...options });
  return { cluster, kubectl: new ApiClient(cluster.apiserver, 'kubectl', 'kubectl') };
}

/** A Deployment `name` of `replicas` nginx pods labelled `app: <name>`, with optional requests. */
export function deployment(name: string, replicas: number, requests?: Record<string, string>): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.27',
              ports: [{ containerPort: 80 }],
              ...(requests === undefined ? {} : { resources: { requests } }),
            },
          ],
        },
      },
    },
  };
}

/** A ClusterIP Service `name` on port 80 selecting `app: <name>`. */
export function service(name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
  };
}

/** The pods of `app` in the default namespace. */
export function podsOf(kubectl: ApiClient, app: string): PodObject[] {
  return kubectl.list<PodObject>(PODS, 'default', { labelSelector: `app=${app}` }).items;
}

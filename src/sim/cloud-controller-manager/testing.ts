/** Test helpers: a cluster with only the cloud-controller-manager, and a kubectl client. */
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { ApiClient } from '../client/rest';
import { createCluster } from '../cluster';
import type { TraceStep } from '../kernel/trace';
import { startCloudControllerManager } from '.';
import { NODES, SERVICES, type NodeObject, type ServiceObject } from './types';

const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;
type EventObject = KubeObject & {
  involvedObject: { name: string };
  reason: string;
  message: string;
  source: { component: string };
};

/** A cluster with no other controllers, scheduler or kubelets, plus the CCM. */
export function setup() {
  const cluster = createCluster({
    seed: 1,
    controllers: [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
  });
  startCloudControllerManager(cluster.kernel, cluster.apiserver);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  const service = (name: string) => client.get<ServiceObject>(SERVICES, 'default', name);
  const node = (name: string) => client.get<NodeObject>(NODES, null, name);
  /** `reason: message (component)` of the events about `name`, oldest first. */
  const events = (name: string, ns = 'default') =>
    client
      .list<EventObject>(EVENTS, ns)
      .items.filter((e) => e.involvedObject.name === name)
      .map((e) => `${e.reason}: ${e.message} (${e.source.component})`);
  return { cluster, client, steps, run, service, node, events };
}

/** Creates a Service of `type` (LoadBalancer by default) on port 80. */
export function createService(client: ApiClient, name: string, type = 'LoadBalancer') {
  return client.create<ServiceObject>(SERVICES, 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { type, selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  });
}

/** Creates a Node as a kubelet registers it: podCIDR, InternalIP and Hostname. */
export function createNode(client: ApiClient, name: string, n: number, taint = false) {
  return client.create<NodeObject>(NODES, null, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {
      podCIDR: `10.244.${n}.0/24`,
      podCIDRs: [`10.244.${n}.0/24`],
      ...(taint
        ? {
            taints: [
              { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
            ],
          }
        : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: `192.168.0.${10 + n}` },
        { type: 'Hostname', address: name },
      ],
    },
  });
}

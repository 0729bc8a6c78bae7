/**
 * Test helpers: a cluster without controllers and a kubelet on node-1, a kubectl client,
 * the trace, the Events in the order they were created, and each pod's history as
 * `kubectl get pods -w` would show it.
 */
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import { printPod } from '../../apiserver/printers/pods';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import { Informer } from '../../client/informer';
import { ApiClient } from '../../client/rest';
import { createCluster } from '../../cluster';
import type { ControllerDescriptor } from '../../controllers/manager';
import type { TraceStep } from '../../kernel/trace';
import { PODS, type PodObject } from './context';
import { startKubelet, type KubeletOptions } from '.';

export const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;

/** What `kubectl get pods` prints in the STATUS column. */
export function podStatusColumn(pod: PodObject, now = 0): string {
  return String(printPod(pod as Pod, now).cells[2]);
}

/**
 * What a test node differs in: the controllers that run beside it and its kubelet's options.
 * No node-ipam runs unless asked for, so the kubelet is given node-1's pod CIDR
 * `10.244.1.0/24` by hand (`--pod-cidr`) unless `kubelet.podCIDR` says otherwise (`undefined`:
 * none, the node waits for node-ipam's); its node image brings the CNI configuration, so the
 * node is Ready from its registration.
 */
export interface NodeSetup {
  readonly controllers?: readonly ControllerDescriptor[];
  readonly kubelet?: KubeletOptions;
}

/** The pod CIDR a test node is given by hand. */
export const TEST_POD_CIDR = '10.244.1.0/24';

export function setupNode(seed = 1, setup: NodeSetup = {}) {
  const cluster = createCluster({
    seed,
    controllers: setup.controllers ?? [],
    kubelets: false,
    scheduler: false,
    cloudProvider: false,
  });
  const kernel = cluster.kernel;
  const steps: TraceStep[] = [];
  kernel.trace.subscribe((s) => steps.push(s));
  const kubelet = startKubelet(kernel, cluster.apiserver, 'node-1', {
    podCIDR: TEST_POD_CIDR,
    ...setup.kubelet,
  });
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const events: KubeObject[] = [];
  const eventInformer = new Informer(kernel, client, EVENTS);
  eventInformer.addHandlers({ add: (e) => events.push(e) });
  eventInformer.start();
  /** Pod versions by name, as a watch delivered them (deleted ones end with null). */
  const history = new Map<string, (PodObject | null)[]>();
  const pods = new Informer<PodObject>(kernel, client, PODS, { namespace: 'default' });
  const remember = (pod: PodObject | null, name: string) =>
    history.set(name, [...(history.get(name) ?? []), pod]);
  pods.addHandlers({
    add: (p) => remember(p, p.metadata.name ?? ''),
    update: (_o, p) => remember(p, p.metadata.name ?? ''),
    delete: (p) => remember(null, p.metadata.name ?? ''),
  });
  pods.start();
  const run = (ms: number) => kernel.runUntil(kernel.clock.now() + ms);
  const createPod = (name: string, spec: Partial<PodSpec>): PodObject =>
    client.create<PodObject>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { nodeName: 'node-1', ...spec },
    });
  const getPod = (name: string) => client.get<PodObject>(PODS, 'default', name);
  /** The STATUS column each time the pod changed, repeats collapsed. */
  const statuses = (name: string) =>
    (history.get(name) ?? [])
      .map((p) => (p === null ? '<deleted>' : podStatusColumn(p)))
      .filter((s, i, all) => i === 0 || all[i - 1] !== s);
  const eventsOf = (name: string) =>
    events
      .filter((e) => (e.involvedObject as { name?: string }).name === name)
      .map((e) => `${String(e.type)} ${String(e.reason)}: ${String(e.message)}`);
  return {
    cluster,
    kernel,
    kubelet,
    client,
    steps,
    events,
    history,
    run,
    createPod,
    getPod,
    statuses,
    eventsOf,
  };
}

/** The chain of steps from `step` back to the first one (outside input). */
export function causalChain(steps: readonly TraceStep[], step: TraceStep): TraceStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const chain: TraceStep[] = [];
  for (
    let s: TraceStep | undefined = step;
    s !== undefined;
    s = s.causedBy === null ? undefined : byId.get(s.causedBy)
  ) {
    chain.unshift(s);
  }
  return chain;
}

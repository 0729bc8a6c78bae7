/**
 * The ingress-nginx controller process (`/nginx-ingress-controller`, v1.12 with the flags of
 * kind's manifest): an API client with the informers the real controller keeps (Ingresses,
 * IngressClasses, Services, EndpointSlices, and its own pods in ingress-nginx), run as one
 * component for every replica, the way CoreDNS runs here. A controller pod's process counts as
 * running once the API reports its `controller` container running; from then on:
 *
 * - its nginx (the image's server, node/images/ingress-nginx.ts) routes with this controller's
 *   model and proxies through it, from the pod's own network namespace, to one ready endpoint
 *   of the backend Service, round robin (it is registered for the pod's address in the
 *   cluster network's directory; requests reach it only while the container listens);
 * - it records `Normal Sync "Scheduled for sync"` on every Ingress of its class when it starts
 *   and whenever one is added or changes (store.go);
 * - the leader (the first process running, for the lease `ingress-nginx-leader`) syncs the
 *   status of every Ingress of its class a second after it leads and every 60 s after
 *   (status.go): `--publish-status-address=localhost` makes that `[{hostname: localhost}]`;
 *   when the last process shuts down with its pod, it clears those addresses again
 *   (`--update-status-on-shutdown`).
 */
import type { ApiServer } from '../apiserver/apiserver';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import { EventRecorder } from '../client/events';
import { Informer } from '../client/informer';
import { ApiClient } from '../client/rest';
import type { Kernel, TimerHandle } from '../kernel/kernel';
import { INGRESS_NGINX_NAMESPACE, CONTROLLER_SELECTOR } from '../installer/ingress-nginx';
import type { PodObject } from '../network/cni-agent';
import { containerNetwork } from '../network/containers';
import type { ClusterNetwork } from '../network/network';
import type { NetworkedNode } from '../network/nodes';
import type { HttpRequest, PodNetwork } from '../node/cri/types';
import type { Proxied } from '../node/images/ingress-nginx';
import type { IngressBackend, IngressModel } from '../node/images/ingress-nginx-routing';
import { ENDPOINT_SLICES, SERVICES, type ServiceObject, type SliceObject } from '../node/kube-proxy/types';
import { endpointsOf, isOurs, modelOf, type IngressClassObject, type IngressObject } from './model';
import { syncStatus, LOCALHOST } from './status';

/** The component id of the controller's API requests. */
export const INGRESS_NGINX_ID = 'ingress-nginx-controller';
/** Its Events' `source.component` and its field manager. */
const SOURCE = 'nginx-ingress-controller';
/** status.UpdateInterval: how often the leader syncs every Ingress's status. */
export const STATUS_UPDATE_INTERVAL_MS = 60_000;
/** From taking the lease to the status queue's first run. */
const FIRST_STATUS_SYNC_MS = 1_000;

const resource = (group: string, version: string, plural: string) =>
  findResource(group, version, plural) as ResourceInfo;
const INGRESSES = resource('networking.k8s.io', 'v1', 'ingresses');
const INGRESS_CLASSES = resource('networking.k8s.io', 'v1', 'ingressclasses');
const PODS = resource('', 'v1', 'pods');

/** The started controller. */
export interface IngressNginxController {
  /** The controller pods whose process runs, by name, in start order. */
  running(): readonly string[];
  /** The pod whose process holds the leader lease, if any. */
  leader(): string | null;
  model(): IngressModel;
  stop(): void;
}

/** Whether a controller pod's process runs: its `controller` container is running, not stopping. */
function processRuns(pod: PodObject): boolean {
  const state = pod.status?.containerStatuses?.find((c) => c.name === 'controller')?.state;
  return (
    pod.metadata.deletionTimestamp === undefined &&
    pod.status?.phase === 'Running' &&
    (pod.status.podIP ?? '') !== '' &&
    state?.running !== undefined
  );
}

/** Starts the controller's informers; its processes run as the API reports its pods running. */
export function startIngressNginx(
  kernel: Kernel,
  apiserver: ApiServer,
  network: ClusterNetwork,
  nodes: readonly NetworkedNode[],
): IngressNginxController {
  const client = new ApiClient(apiserver, INGRESS_NGINX_ID, SOURCE);
  const recorder = new EventRecorder(kernel, client, SOURCE);
  const ingresses = new Informer<IngressObject>(kernel, client, INGRESSES);
  const classes = new Informer<IngressClassObject>(kernel, client, INGRESS_CLASSES);
  const services = new Informer<ServiceObject>(kernel, client, SERVICES);
  const slices = new Informer<SliceObject>(kernel, client, ENDPOINT_SLICES);
  const labelSelector = Object.entries(CONTROLLER_SELECTOR)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = new Informer<PodObject>(kernel, client, PODS, {
    namespace: INGRESS_NGINX_NAMESPACE,
    labelSelector,
  });
  const runtimes = new Map(nodes.map((n) => [n.nodeName, n.runtime]));

  const ours = () => ingresses.lister.list().filter((i) => isOurs(i, classes.lister.list()));
  const model = () => modelOf(ours());
  /** Running processes by pod name: the pod's address. */
  const running = new Map<string, string>();
  let leader: string | null = null;
  let poll: TimerHandle | null = null;
  const turns = new Map<string, number>();

  /** Proxies a request from `from` to the backend's next ready endpoint. */
  const forward = (
    from: PodNetwork,
    backend: IngressBackend,
    request: HttpRequest,
    causedBy: number | null,
  ): Proxied => {
    const service = services.lister.get(`${backend.namespace}/${backend.service}`);
    const endpoints = endpointsOf(backend, service, slices.lister.byNamespace(backend.namespace));
    if (endpoints.length === 0) return { upstream: null, response: null };
    const key = `${backend.namespace}-${backend.service}-${backend.port}`;
    const turn = turns.get(key) ?? 0;
    turns.set(key, turn + 1);
    const upstream = endpoints[turn % endpoints.length] ?? '';
    const colon = upstream.lastIndexOf(':');
    const conn = from.connect(
      upstream.slice(0, colon),
      Number(upstream.slice(colon + 1)),
      'TCP',
      causedBy,
      request,
    );
    const served = conn.served;
    return { upstream, response: served?.listening === true ? served.response : null };
  };

  const lead = (name: string | null, cause: number | null) => {
    if (poll !== null) kernel.cancel(poll);
    [leader, poll] = [name, null];
    if (name === null) return;
    // The first sync follows from taking the lease; later ones from the poll alone.
    const tick = (causedBy: number | null) => {
      poll = kernel.schedule(STATUS_UPDATE_INTERVAL_MS, `${INGRESS_NGINX_ID}: sync status`, () => tick(null));
      syncStatus(client, INGRESSES, ours(), [LOCALHOST], causedBy);
    };
    poll = kernel.schedule(FIRST_STATUS_SYNC_MS, `${INGRESS_NGINX_ID}: sync status`, () => tick(cause));
  };

  const begin = (pod: PodObject, cause: number | null) => {
    const name = pod.metadata.name ?? '';
    const ip = pod.status?.podIP ?? '';
    const node = pod.spec?.nodeName ?? '';
    const from = containerNetwork(kernel, network, node, (n) => runtimes.get(n))({
      id: `${INGRESS_NGINX_ID}:${name}`,
      config: {
        name,
        namespace: INGRESS_NGINX_NAMESPACE,
        uid: pod.metadata.uid ?? '',
        attempt: 0,
        hostNetwork: false,
      },
      state: 'SANDBOX_READY',
      ip,
      createdAt: 0,
    });
    network.ingressControllers.register(ip, {
      model,
      forward: (backend, request, causedBy) => forward(from, backend, request, causedBy),
    });
    running.set(name, ip);
    for (const ing of ours()) recorder.event(ing, 'Normal', 'Sync', 'Scheduled for sync', cause);
    if (leader === null) lead(name, cause);
  };

  const end = (name: string, shutdown: boolean, cause: number | null) => {
    network.ingressControllers.register(running.get(name) ?? '', null);
    running.delete(name);
    if (leader !== name) return;
    const next = running.keys().next();
    if (next.done === true && shutdown) syncStatus(client, INGRESSES, ours(), [], cause);
    lead(next.done === true ? null : next.value, cause);
  };

  const reconcile = (cause: number | null) => {
    const now = new Map(pods.lister.list().map((p) => [p.metadata.name ?? '', p]));
    for (const name of [...running.keys()]) {
      const pod = now.get(name);
      if (pod === undefined || !processRuns(pod))
        end(name, pod === undefined || pod.metadata.deletionTimestamp !== undefined, cause);
    }
    for (const pod of now.values())
      if (processRuns(pod) && !running.has(pod.metadata.name ?? '')) begin(pod, cause);
  };
  pods.addHandlers({
    add: (_pod, cause) => reconcile(cause),
    update: (_old, _pod, cause) => reconcile(cause),
    delete: (_pod, cause) => reconcile(cause),
  });

  const sync = (ing: IngressObject, cause: number | null) => {
    if (running.size > 0 && isOurs(ing, classes.lister.list()))
      recorder.event(ing, 'Normal', 'Sync', 'Scheduled for sync', cause);
  };
  ingresses.addHandlers({
    add: sync,
    update: (old, ing, cause) => {
      if (old.metadata.resourceVersion !== ing.metadata.resourceVersion) sync(ing, cause);
    },
  });

  kernel.schedule(0, `${INGRESS_NGINX_ID}: start`, () => {
    for (const informer of [classes, services, slices, ingresses, pods]) informer.start();
  });
  return {
    running: () => [...running.keys()],
    leader: () => leader,
    model,
    stop: () => {
      for (const informer of [ingresses, classes, services, slices, pods]) informer.stop();
      for (const name of [...running.keys()]) end(name, false, null);
    },
  };
}

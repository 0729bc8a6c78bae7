/**
 * Test helpers for ingress-nginx scenarios: a kind-shaped cluster with the controller, web
 * (nginx) behind a Service and an Ingress for host foo.example, a busybox and a curl pod on
 * node-1, and `kubectl exec` / `kubectl logs` through the kubelets.
 */
import { findResource, type ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { ApiClient } from '../client/rest';
import { createCluster, type ClusterOptions } from '../cluster';
import type { TraceStep } from '../kernel/trace';
import { clientPod, DEPLOYMENTS, PODS, SERVICES, webDeployment, webService } from '../network/testing';

export const INGRESSES = findResource('networking.k8s.io', 'v1', 'ingresses') as ResourceInfo;
export const NODES = findResource('', 'v1', 'nodes') as ResourceInfo;
export { PODS } from '../network/testing';

/** An Ingress routing every path of `host` to Service `service` port 80. */
export function hostIngress(name: string, host: string, service: string, spec: object = {}): object {
  const backend = { service: { name: service, port: { number: 80 } } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name },
    spec: { rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }], ...spec },
  };
}

/** The cluster, with web (2 nginx pods), its Service and Ingress `web` (foo.example), and clients. */
export function setupIngress(options: Partial<ClusterOptions> = {}) {
  const cluster = createCluster({ seed: 11, workerNodes: 2, ...options });
  const kubectl = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  const steps: TraceStep[] = [];
  cluster.kernel.trace.subscribe((s) => steps.push(s));
  const run = (ms: number) => cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
  kubectl.create(DEPLOYMENTS, 'default', webDeployment('web', 2));
  kubectl.create(SERVICES, 'default', webService('web'));
  kubectl.create(PODS, 'default', clientPod('client', 'node-1'));
  const curl = { containers: [{ name: 'c', image: 'curlimages/curl', command: ['sleep', '3600'] }] };
  kubectl.create(PODS, 'default', clientPod('curl', 'node-1', curl));
  kubectl.create(
    INGRESSES,
    'default',
    hostIngress('web', 'foo.example', 'web', { ingressClassName: 'nginx' }),
  );
  run(120_000);
  return { cluster, kubectl, steps, run };
}

export type IngressEnv = ReturnType<typeof setupIngress>;

/** `kubectl exec <pod> -- argv` in default: its output and exit, and the step that started it. */
export function exec(env: IngressEnv, pod: string, argv: string[]) {
  const cause = env.cluster.kernel.trace.emit({
    from: 'kubectl',
    to: 'control-plane/kube-apiserver',
    kind: 'request',
    summary: `exec ${pod} -- ${argv.join(' ')}`,
  }).id;
  const node = (env.kubectl.get(PODS, 'default', pod).spec as { nodeName: string }).nodeName;
  const started = env.cluster.kubelets.kubelet(node)?.exec('default', pod, 'c', argv, false, cause);
  if (started?.ok !== true) throw new Error(`cannot exec in ${pod}`);
  let stdout = '';
  let stderr = '';
  let result: unknown = null;
  started.value.start(
    (stream, data) => (stream === 'stdout' ? (stdout += data) : (stderr += data)),
    (done) => (result = done),
  );
  env.run(30_000);
  return { stdout, stderr, result, cause };
}

/** The ingress-nginx controller pods, oldest first. */
export function controllerPods(env: IngressEnv): KubeObject[] {
  return env.kubectl
    .list(PODS, 'ingress-nginx')
    .items.sort((a, b) =>
      (a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : 1,
    );
}

/** `kubectl logs -n ingress-nginx <pod>`. */
export function controllerLogs(env: IngressEnv, pod: KubeObject): string {
  const node = (pod.spec as { nodeName: string }).nodeName;
  const logs = env.cluster.kubelets
    .kubelet(node)
    ?.containerLogs(
      'ingress-nginx',
      pod.metadata.name ?? '',
      'controller',
      { timestamps: false, follow: false, previous: false },
      0,
    );
  return logs?.ok === true && typeof logs.value === 'string' ? logs.value : '';
}

/** The address the Ingress publishes (`kubectl get ingress` ADDRESS), '' for none. */
export function addressOf(env: IngressEnv, name = 'web'): string {
  const status = env.kubectl.get(INGRESSES, 'default', name).status as
    { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } } | undefined;
  return (status?.loadBalancer?.ingress ?? []).map((a) => a.hostname ?? a.ip).join(',');
}

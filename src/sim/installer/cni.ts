/**
 * The CNI plugin's own workloads, as each project's install manifest creates them: a
 * host-network DaemonSet agent on every node (kindnet, flannel, calico-node, cilium) and,
 * for calico and cilium, a controller Deployment. What the plugin does to packets is
 * simulated in src/sim/network; these are the pods a student sees.
 */
import type { Volume } from 'kubernetes-types/core/v1';
import type { CniPluginName } from '../network/cni-agent';
import { fieldEnv, hostPathVolume, LINUX, serviceAccount, TOLERATE_ALL } from './manifests';
import { IMAGES, POD_SUBNET } from './versions';

type Json = Record<string, unknown>;

interface Agent {
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly priorityClassName: string;
  readonly initContainers?: readonly Json[];
  readonly container: Json;
  readonly volumes: readonly Volume[];
}

const CNI_VOLUMES = [
  hostPathVolume('cni-cfg', '/etc/cni/net.d'),
  hostPathVolume('lib-modules', '/lib/modules'),
];
const CNI_MOUNTS = [
  { name: 'cni-cfg', mountPath: '/etc/cni/net.d' },
  { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
];

const AGENTS: Readonly<Record<CniPluginName, Agent>> = {
  kindnet: {
    namespace: 'kube-system',
    name: 'kindnet',
    serviceAccount: 'kindnet',
    labels: { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' },
    priorityClassName: 'system-node-critical',
    container: {
      name: 'kindnet-cni',
      image: IMAGES.kindnet,
      env: [
        fieldEnv('HOST_IP', 'status.hostIP'),
        fieldEnv('POD_IP', 'status.podIP'),
        { name: 'POD_SUBNET', value: POD_SUBNET },
        { name: 'CONTROL_PLANE_ENDPOINT', value: 'kind-control-plane:6443' },
      ],
      resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
      securityContext: { privileged: false, capabilities: { add: ['NET_RAW', 'NET_ADMIN'] } },
      volumeMounts: CNI_MOUNTS,
    },
    volumes: CNI_VOLUMES,
  },
  flannel: {
    namespace: 'kube-flannel',
    name: 'kube-flannel-ds',
    serviceAccount: 'flannel',
    labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' },
    priorityClassName: 'system-node-critical',
    initContainers: [
      {
        name: 'install-cni-plugin',
        image: IMAGES.flannelCniPlugin,
        command: ['cp'],
        args: ['-f', '/flannel', '/opt/cni/bin/flannel'],
      },
      {
        name: 'install-cni',
        image: IMAGES.flannel,
        command: ['cp'],
        args: ['-f', '/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'],
      },
    ],
    container: {
      name: 'kube-flannel',
      image: IMAGES.flannel,
      command: ['/opt/bin/flanneld'],
      args: ['--ip-masq', '--kube-subnet-mgr'],
      env: [fieldEnv('POD_NAME', 'metadata.name'), fieldEnv('POD_NAMESPACE', 'metadata.namespace')],
      resources: { requests: { cpu: '100m', memory: '50Mi' } },
      securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
      volumeMounts: CNI_MOUNTS,
    },
    volumes: CNI_VOLUMES,
  },
  calico: {
    namespace: 'kube-system',
    name: 'calico-node',
    serviceAccount: 'calico-node',
    labels: { 'k8s-app': 'calico-node' },
    priorityClassName: 'system-node-critical',
    initContainers: [{ name: 'install-cni', image: IMAGES.calicoCni, command: ['/opt/cni/bin/install'] }],
    container: {
      name: 'calico-node',
      image: IMAGES.calicoNode,
      env: [
        { name: 'DATASTORE_TYPE', value: 'kubernetes' },
        { name: 'CALICO_IPV4POOL_CIDR', value: POD_SUBNET },
        { name: 'CALICO_IPV4POOL_IPIP', value: 'Always' },
        fieldEnv('NODENAME', 'spec.nodeName'),
      ],
      resources: { requests: { cpu: '250m' } },
      securityContext: { privileged: true },
      volumeMounts: CNI_MOUNTS,
    },
    volumes: CNI_VOLUMES,
  },
  cilium: {
    namespace: 'kube-system',
    name: 'cilium',
    serviceAccount: 'cilium',
    labels: {
      'k8s-app': 'cilium',
      'app.kubernetes.io/name': 'cilium-agent',
      'app.kubernetes.io/part-of': 'cilium',
    },
    priorityClassName: 'system-node-critical',
    container: {
      name: 'cilium-agent',
      image: IMAGES.cilium,
      command: ['cilium-agent'],
      args: ['--config-dir=/tmp/cilium/config-map'],
      env: [
        fieldEnv('K8S_NODE_NAME', 'spec.nodeName'),
        fieldEnv('CILIUM_K8S_NAMESPACE', 'metadata.namespace'),
      ],
      securityContext: { privileged: true },
      volumeMounts: CNI_MOUNTS,
    },
    volumes: CNI_VOLUMES,
  },
};

/** The plugin's agent pods: their DaemonSet (namespace and name) and the agent's container. */
export interface CniAgentPods {
  readonly namespace: string;
  readonly daemonSet: string;
  readonly container: string;
}

/** Where `plugin`'s install manifest runs its agent. */
export function cniAgentPods(plugin: CniPluginName): CniAgentPods {
  const agent = AGENTS[plugin];
  return { namespace: agent.namespace, daemonSet: agent.name, container: String(agent.container.name) };
}

/** The controller Deployments calico and cilium run beside their agents. */
const CONTROLLERS: Partial<
  Record<CniPluginName, { name: string; labels: Record<string, string>; image: string }>
> = {
  calico: {
    name: 'calico-kube-controllers',
    labels: { 'k8s-app': 'calico-kube-controllers' },
    image: IMAGES.calicoKubeControllers,
  },
  cilium: {
    name: 'cilium-operator',
    labels: { 'io.cilium/app': 'operator', name: 'cilium-operator' },
    image: IMAGES.ciliumOperator,
  },
};

/** The objects a CNI plugin's install manifest creates (its RBAC and CRDs aside). */
export function cniAddon(plugin: CniPluginName): Json[] {
  const agent = AGENTS[plugin];
  const objects: Json[] = [];
  if (agent.namespace !== 'kube-system') {
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: agent.namespace,
        labels: { 'k8s-app': plugin, 'pod-security.kubernetes.io/enforce': 'privileged' },
      },
    });
  }
  objects.push({
    ...serviceAccount(agent.serviceAccount),
    metadata: { name: agent.serviceAccount, namespace: agent.namespace },
  });
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: agent.name, namespace: agent.namespace, labels: agent.labels },
    spec: {
      selector: { matchLabels: agent.labels },
      template: {
        metadata: { labels: agent.labels },
        spec: {
          hostNetwork: true,
          priorityClassName: agent.priorityClassName,
          serviceAccountName: agent.serviceAccount,
          nodeSelector: LINUX,
          tolerations: TOLERATE_ALL,
          ...(agent.initContainers === undefined ? {} : { initContainers: agent.initContainers }),
          containers: [agent.container],
          volumes: agent.volumes,
        },
      },
    },
  });
  const controller = CONTROLLERS[plugin];
  if (controller !== undefined) {
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: controller.name, namespace: 'kube-system', labels: controller.labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: controller.labels },
        template: {
          metadata: { labels: controller.labels },
          spec: {
            priorityClassName: 'system-cluster-critical',
            nodeSelector: LINUX,
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            containers: [{ name: controller.name, image: controller.image }],
          },
        },
      },
    });
  }
  return objects;
}

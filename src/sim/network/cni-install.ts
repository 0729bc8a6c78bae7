/**
 * What the CNI plugin's agent does first on its node (kindnetd; flanneld after its
 * `install-cni` init container; calico-node after its `install-cni`; cilium-agent): once the
 * agent's container runs there and the Node has its pod CIDR, it writes the plugin's network
 * configuration into the node's `/etc/cni/net.d`, the hostPath its DaemonSet mounts. The
 * node's runtime then reports its network ready, and the kubelet the node Ready. Like
 * kindnet's reconcile loop, the agent writes the file again whenever it is missing or stale
 * and the agent's pod or the Node changes. The agent's process is simulated here, outside
 * its container (the way ingress-nginx's controller is): it counts as running once the API
 * reports the container running.
 */
import type { NodeSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../apiserver/types';
import type { Informer } from '../client/informer';
import { cniAgentPods } from '../installer/cni';
import type { Kernel } from '../kernel/kernel';
import { CNI_CONF_DIR, CNI_CONFIG_FILE, cniConfigList } from '../node/cni/config';
import { nodeHost } from '../node/host';
import type { CniPluginName, PodObject } from './cni-agent';

type NodeObject = KubeObject & { spec?: NodeSpec };

/** Whether `pod` is the plugin's agent on `nodeName` and its agent container runs. */
function agentRuns(pod: PodObject, plugin: CniPluginName, nodeName: string): boolean {
  const agent = cniAgentPods(plugin);
  return (
    pod.metadata.namespace === agent.namespace &&
    pod.spec?.nodeName === nodeName &&
    pod.metadata.deletionTimestamp === undefined &&
    (pod.metadata.ownerReferences ?? []).some((r) => r.kind === 'DaemonSet' && r.name === agent.daemonSet) &&
    pod.status?.containerStatuses?.find((c) => c.name === agent.container)?.state?.running !== undefined
  );
}

/** Makes the agent of `plugin` on `nodeName` write its configuration when it can. */
export function installCniConfig(
  kernel: Kernel,
  id: string,
  nodeName: string,
  plugin: CniPluginName,
  pods: Informer<PodObject>,
  nodes: Informer<NodeObject>,
): void {
  const path = `${CNI_CONF_DIR}/${CNI_CONFIG_FILE[plugin]}`;
  const check = (cause: number | null) => {
    const podCIDR = nodes.lister.get(nodeName)?.spec?.podCIDR ?? '';
    if (podCIDR === '') return;
    const namespace = cniAgentPods(plugin).namespace;
    if (!pods.lister.byNamespace(namespace).some((p) => agentRuns(p, plugin, nodeName))) return;
    const fs = nodeHost(kernel, nodeName).fs;
    const content = cniConfigList(plugin, podCIDR, nodeName);
    if (fs.exists(path) && fs.readFile(path) === content) return;
    fs.mkdirAll(CNI_CONF_DIR);
    fs.writeFile(path, content);
    kernel.trace.emit({
      from: id,
      to: id,
      kind: 'decision',
      summary: `${plugin}: wrote ${path} (pod CIDR ${podCIDR}): the node's CNI network is configured`,
      detail: { plugin, path, podCIDR },
      causedBy: cause,
    });
  };
  pods.addHandlers({
    add: (pod, cause) => {
      if (agentRuns(pod, plugin, nodeName)) check(cause);
    },
    update: (_old, pod, cause) => {
      if (agentRuns(pod, plugin, nodeName)) check(cause);
    },
  });
  nodes.addHandlers({
    add: (node, cause) => {
      if (node.metadata.name === nodeName) check(cause);
    },
    update: (_old, node, cause) => {
      if (node.metadata.name === nodeName) check(cause);
    },
  });
}

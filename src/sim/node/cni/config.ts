/**
 * The node's CNI network configuration in `/etc/cni/net.d`: what the container runtime loads
 * (libcni's ConfFiles: `*.conf`, `*.conflist` and `*.json`, the first in lexical order wins)
 * before it reports its network ready. On kind nothing is there when the node boots: the CNI
 * plugin's agent writes its file once it runs on the node (network/cni-install.ts). Each
 * plugin's file as its project writes it, reduced to what a reader needs: the pod interface
 * plugin, its IPAM, and the portmap chain (hostPort). The simulated datapath hands pod IPs
 * out of the node's pod CIDR for every plugin (cni/plugin.ts), so each file says so in its
 * own terms.
 */
import type { CniPluginName } from '../../network/cni-agent';
import { FsError, type Filesystem, type FsNode } from '../cri/fs';

/** Where the runtime looks for network configurations. */
export const CNI_CONF_DIR = '/etc/cni/net.d';

/** The file each plugin writes. */
export const CNI_CONFIG_FILE: Readonly<Record<CniPluginName, string>> = {
  kindnet: '10-kindnet.conflist',
  flannel: '10-flannel.conflist',
  calico: '10-calico.conflist',
  cilium: '05-cilium.conflist',
};

const PORTMAP = { type: 'portmap', capabilities: { portMappings: true } };

/** The network configuration list `plugin` writes for a node with `podCIDR`. */
export function cniConfigList(plugin: CniPluginName, podCIDR: string, nodeName: string): string {
  const lists: Record<CniPluginName, object> = {
    kindnet: {
      cniVersion: '0.3.1',
      name: 'kindnet',
      plugins: [
        {
          type: 'ptp',
          ipMasq: false,
          ipam: {
            type: 'host-local',
            dataDir: '/run/cni-ipam-state',
            routes: [{ dst: '0.0.0.0/0' }],
            ranges: [[{ subnet: podCIDR }]],
          },
          mtu: 1500,
        },
        PORTMAP,
      ],
    },
    flannel: {
      name: 'cbr0',
      cniVersion: '0.3.1',
      plugins: [{ type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } }, PORTMAP],
    },
    calico: {
      name: 'k8s-pod-network',
      cniVersion: '0.3.1',
      plugins: [
        {
          type: 'calico',
          datastore_type: 'kubernetes',
          nodename: nodeName,
          ipam: { type: 'host-local', subnet: 'usePodCidr' },
          policy: { type: 'k8s' },
          kubernetes: { kubeconfig: `${CNI_CONF_DIR}/calico-kubeconfig` },
        },
        { ...PORTMAP, snat: true },
      ],
    },
    cilium: {
      cniVersion: '0.3.1',
      name: 'cilium',
      plugins: [{ type: 'cilium-cni', 'enable-debug': false, 'log-file': '/var/run/cilium/cilium-cni.log' }],
    },
  };
  return `${JSON.stringify(lists[plugin], null, 2)}\n`;
}

/** Writes `plugin`'s configuration for the node into the node's `/etc/cni/net.d`. */
export function writeCniConfig(
  fs: Filesystem,
  plugin: CniPluginName,
  podCIDR: string,
  nodeName: string,
): string {
  fs.mkdirAll(CNI_CONF_DIR);
  const path = `${CNI_CONF_DIR}/${CNI_CONFIG_FILE[plugin]}`;
  fs.writeFile(path, cniConfigList(plugin, podCIDR, nodeName));
  return path;
}

/** The configuration file the runtime loads (libcni's ConfFiles, sorted), or null when none. */
export function loadedCniConfig(fs: Filesystem): string | null {
  let entries: [string, FsNode][];
  try {
    entries = fs.readDir(CNI_CONF_DIR);
  } catch (error) {
    if (error instanceof FsError) return null;
    throw error;
  }
  const file = entries.find(([name, node]) => node.type !== 'dir' && /\.(conf|conflist|json)$/.test(name));
  return file === undefined ? null : `${CNI_CONF_DIR}/${file[0]}`;
}

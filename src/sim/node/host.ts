/**
 * A node's machine: what everything running on one node shares. Its host filesystem (kind's
 * node image, Debian 12, with the kubelet's directories; the container runtime adds its own)
 * holds the pods' volumes, the files the runtime writes for sandboxes and the CSI driver's
 * data directory;
 * its plugin directory is where a CSI driver's node plugin registers its socket for the
 * kubelet. The kubelet, the container runtime and a CSI node plugin on the same node reach it
 * by node name; each simulated cluster (kernel) has its own machines.
 */
import type { Kernel } from '../kernel/kernel';
import { KIND_NODE_RESOLV, renderResolvConf } from '../network/dns/resolv';
import type { CsiNodeService } from './csi/node-service';
import { Filesystem } from './cri/fs';
import { imageRoot } from './cri/image-files';
import { resolveImage } from './images/reference';

/** One node's machine. */
export interface NodeHost {
  readonly name: string;
  readonly fs: Filesystem;
  /** CSI node plugins by driver name, as registered with the kubelet's plugin manager. */
  readonly csiPlugins: Map<string, CsiNodeService>;
}

const machines = new WeakMap<Kernel, Map<string, NodeHost>>();

/** The directories a kind node has beyond its base image (kubelet, kubeadm, CNI). */
const NODE_DIRS = [
  '/var/lib/kubelet/pods',
  '/var/lib/kubelet/plugins',
  '/var/lib/kubelet/plugins_registry',
  '/var/log/pods',
  '/var/log/containers',
  '/etc/kubernetes/manifests',
  '/etc/cni/net.d',
  '/opt/cni/bin',
  '/lib/modules',
  '/etc/ssl/certs',
  '/mnt',
];

/** The machine of `nodeName` in the cluster `kernel` runs (made on first use). */
export function nodeHost(kernel: Kernel, nodeName: string): NodeHost {
  let hosts = machines.get(kernel);
  if (hosts === undefined) machines.set(kernel, (hosts = new Map()));
  const known = hosts.get(nodeName);
  if (known !== undefined) return known;
  const fs = new Filesystem(
    imageRoot(resolveImage('debian:bookworm')),
    () => kernel.clock.epoch + kernel.clock.now(),
  );
  for (const dir of NODE_DIRS) fs.mkdirAll(dir);
  fs.mkdirAll('/run');
  if (!fs.exists('/var/run')) fs.symlink('/run', '/var/run');
  fs.writeFile('/etc/hostname', `${nodeName}\n`);
  fs.writeFile('/etc/resolv.conf', renderResolvConf(KIND_NODE_RESOLV));
  fs.writeFile(
    '/etc/hosts',
    '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\n' +
      'ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n',
  );
  const host: NodeHost = { name: nodeName, fs, csiPlugins: new Map() };
  hosts.set(nodeName, host);
  return host;
}

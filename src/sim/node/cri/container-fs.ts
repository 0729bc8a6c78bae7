/**
 * What containerd does with files for a pod: RunPodSandbox writes the sandbox's hostname and
 * resolv.conf under its state directory on the node; CreateContainer gives the container a
 * root filesystem from its image (a fresh copy: the writable layer) and binds the CRI mounts
 * into it from the node, creating a missing host path as a directory, then adds its own
 * mounts of the sandbox's /etc/hostname and /etc/resolv.conf and of /dev/shm unless the
 * kubelet mounted something there. Mounts are applied parents first.
 */
import { renderResolvConf } from '../../network/dns/resolv';
import type { ResolvedImage } from '../images/reference';
import { Filesystem, joinPath } from './fs';
import { imageRoot } from './image-files';
import type { Mount, PodSandboxConfig } from './types';

/** Where containerd keeps sandbox state on the node. */
export const SANDBOXES_DIR = '/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes';

const sandboxDir = (sandboxId: string) => `${SANDBOXES_DIR}/${sandboxId}`;

/** RunPodSandbox's files: hostname and resolv.conf (the node's own without a DNS config). */
export function writeSandboxFiles(host: Filesystem, sandboxId: string, config: PodSandboxConfig): void {
  const dir = sandboxDir(sandboxId);
  host.mkdirAll(`${dir}/shm`);
  host.writeFile(`${dir}/hostname`, `${config.hostname ?? config.name}\n`);
  const dns = config.dnsConfig;
  host.writeFile(
    `${dir}/resolv.conf`,
    dns === undefined
      ? host.readFile('/etc/resolv.conf')
      : renderResolvConf({ nameservers: dns.servers, searches: dns.searches, options: dns.options }),
  );
}

/** RemovePodSandbox: the sandbox's state directory goes. */
export function removeSandboxFiles(host: Filesystem, sandboxId: string): void {
  if (host.exists(sandboxDir(sandboxId)))
    host.remove(sandboxDir(sandboxId), { recursive: true, force: true });
}

/** The root filesystem of a new container in `sandboxId`, its mounts bound from `host`. */
export function containerFilesystem(
  host: Filesystem,
  sandboxId: string,
  image: ResolvedImage,
  mounts: readonly Mount[],
  now: () => number,
): Filesystem {
  const fs = new Filesystem(imageRoot(image), now);
  const dir = sandboxDir(sandboxId);
  const own: Mount[] = [
    { containerPath: '/etc/hostname', hostPath: `${dir}/hostname`, readonly: false },
    { containerPath: '/etc/resolv.conf', hostPath: `${dir}/resolv.conf`, readonly: false },
    { containerPath: '/dev/shm', hostPath: `${dir}/shm`, readonly: false },
  ].filter((m) => !mounts.some((k) => joinPath('/', k.containerPath) === m.containerPath));
  const depth = (m: Mount) => joinPath('/', m.containerPath).split('/').length;
  for (const m of [...mounts, ...own].sort((a, b) => depth(a) - depth(b))) {
    if (!host.exists(m.hostPath)) host.mkdirAll(m.hostPath);
    fs.mount(m.containerPath, host.stat(m.hostPath), m.readonly);
  }
  return fs;
}

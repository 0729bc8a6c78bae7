/**
 * What the runtime does with files for a pod: RunPodSandbox writes the sandbox's hostname and
 * resolv.conf under the sandbox's state directory on the node (flavour.ts says where); CreateContainer gives the container a
 * root filesystem from its image (a fresh copy: the writable layer) and binds the CRI mounts
 * into it from the node, creating a missing host path as a directory, then adds its own
 * mounts of the sandbox's /etc/hostname and /etc/resolv.conf and of /dev/shm unless the
 * kubelet mounted something there. Mounts are applied parents first.
 */
import { renderResolvConf } from '../../network/dns/resolv';
import type { ResolvedImage } from '../images/reference';
import { Filesystem, joinPath } from './fs';
import { imageRoot } from './image-files';
import type { RuntimeFlavour } from './flavour';
import type { Mount, PodSandboxConfig } from './types';

const parent = (path: string) => path.slice(0, path.lastIndexOf('/'));

/** The runtime's own directories on the node and its CRI socket, made when it starts. */
export function runtimeDirs(host: Filesystem, flavour: RuntimeFlavour, now: number): void {
  host.mkdirAll(parent(flavour.sandboxDir('x')));
  host.mkdirAll(parent(flavour.bundle('x').rootfs));
  host
    .mkdirAll(parent(flavour.socket))
    .entries.set(flavour.socket.slice(flavour.socket.lastIndexOf('/') + 1), {
      type: 'socket',
      mode: 0o660,
      mtime: now,
      content: '',
    });
}

/** RunPodSandbox's files: hostname and resolv.conf (the node's own without a DNS config). */
export function writeSandboxFiles(host: Filesystem, dir: string, config: PodSandboxConfig): void {
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
export function removeSandboxFiles(host: Filesystem, dir: string): void {
  if (host.exists(dir)) host.remove(dir, { recursive: true, force: true });
}

/** The root filesystem of a new container in the sandbox at `dir`, its mounts bound from `host`. */
export function containerFilesystem(
  host: Filesystem,
  dir: string,
  image: ResolvedImage,
  mounts: readonly Mount[],
  now: () => number,
): Filesystem {
  const fs = new Filesystem(imageRoot(image), now);
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

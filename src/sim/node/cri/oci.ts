/**
 * What the OCI runtime (runc through containerd's shim, or crun through CRI-O's conmon) does
 * below the CRI calls, as trace steps from `<node>/container-runtime` to `<node>/runc|crun`: CreateContainer writes the OCI bundle
 * (config.json and an overlayfs rootfs from the image's layers); starting a sandbox or a
 * container is `runc create` (new namespaces, or the sandbox's joined; the cgroup; mounts;
 * pivot_root into the rootfs), then `runc start` (exec the process as PID 1 of its namespace).
 */
import { shortId } from './streams';
import type { RuntimeTracer } from './tracer';

/** CreateContainer's bundle: the OCI spec and the container's root filesystem. */
export function ociBundle(
  tracer: RuntimeTracer,
  id: string,
  name: string,
  image: string,
  causedBy: number,
): number {
  const bundle = tracer.flavour.bundle(id);
  return tracer.runc(
    `OCI bundle ${shortId(id)} (${name}): config.json, overlayfs rootfs from ${image}`,
    { containerId: id, bundle: bundle.dir, rootfs: bundle.rootfs, image },
    causedBy,
  );
}

/**
 * `runc create` then `runc start` (or crun's) for a sandbox's pause process (its own namespaces) or a
 * container (joining the sandbox's network, IPC and UTS namespaces); returns the start step.
 */
export function ociRun(
  tracer: RuntimeTracer,
  /** The container (`sandboxId` null: the sandbox's pause process itself). */
  what: { readonly id: string; readonly name: string; readonly sandboxId: string | null },
  argv: readonly string[],
  podUid: string,
  causedBy: number,
): number {
  const sandbox = what.sandboxId === null;
  const own = sandbox ? ['pid', 'mnt', 'ipc', 'uts', 'net'] : ['pid', 'mnt', 'cgroup'];
  const joined = sandbox ? [] : ['net', 'ipc', 'uts'];
  const oci = tracer.flavour.oci;
  const created = tracer.runc(
    `${oci} create ${shortId(what.id)} (${what.name}): namespaces ${own.join(',')}` +
      `${sandbox ? '' : ` + sandbox's ${joined.join(',')}`}, cgroup under pod${podUid}, mounts, pivot_root`,
    {
      containerId: what.id,
      namespaces: own,
      joinedNamespaces: joined,
      ...(what.sandboxId === null ? {} : { sandboxId: what.sandboxId }),
      cgroupParent: `kubepods-pod${podUid.replace(/-/g, '_')}.slice`,
      bundle: tracer.flavour.bundle(what.id).dir,
    },
    causedBy,
  );
  const process = argv.length === 0 ? "the image's entrypoint" : argv.join(' ');
  return tracer.runc(
    `${oci} start ${shortId(what.id)} (${what.name}): exec ${process} as PID 1`,
    { containerId: what.id, argv: [...argv] },
    created,
  );
}

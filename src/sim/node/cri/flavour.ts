/**
 * The two CRI runtimes a node can run (a cluster option): containerd 1.7 with runc, as on a
 * kind node, or CRI-O 1.32 with crun, its default OCI runtime since 1.31. The CRI calls and
 * what containers do are the same; what differs is what a person sees: the `containerID`
 * scheme in pod status (`containerd://` or `cri-o://`), the node's `containerRuntimeVersion`,
 * the OCI runtime under the CRI calls, where the runtime keeps its state, the runtime handlers
 * it is configured with, and the wording of its errors (containerd's CRI plugin versus
 * CRI-O's containers/image library), which the kubelet copies into events.
 */
import type { RuntimeError } from './types';

/** The container runtimes a cluster can be built with. */
export type ContainerRuntimeName = 'containerd' | 'cri-o';

/** Why a registry refuses an image (images/reference.ts decides; the runtime words it). */
export type RegistryError = 'invalid-reference' | 'access-denied' | 'manifest-unknown' | 'unreachable';

/** The host a registry's API answers on (Docker Hub's is `registry-1.docker.io`). */
const registryHost = (repository: string) => {
  const host = repository.split('/')[0] ?? repository;
  return host === 'docker.io' ? 'registry-1.docker.io' : host;
};

/** What Go's resolver says when the registry's name does not resolve (the kind node's DNS). */
const lookupFailed = (repository: string) =>
  `dial tcp: lookup ${registryHost(repository)} on 172.18.0.1:53: no such host`;

/** The manifest URL a pull asks for first. */
const manifestUrl = (ref: string, repository: string) =>
  `https://${registryHost(repository)}/v2/${repository.split('/').slice(1).join('/')}/manifests/${tagOrDigest(ref)}`;

/** An image pull that failed, as the runtime saw it. */
export interface FailedPull {
  /** The image as the pod spec names it. */
  readonly image: string;
  /** The normalised reference (`docker.io/library/nginx:1.27`, or `name@digest`). */
  readonly ref: string;
  /** `docker.io/library/nginx` */
  readonly repository: string;
  readonly error: RegistryError;
}

/** One runtime's identity, layout and wording. */
export interface RuntimeFlavour {
  readonly name: ContainerRuntimeName;
  /** What CRI's Version call (and `crictl version`) answers. */
  readonly version: { readonly runtimeName: string; readonly runtimeVersion: string };
  /** The node's `status.nodeInfo.containerRuntimeVersion`. */
  readonly nodeRuntimeVersion: string;
  /** The OCI runtime that makes the containers (`runc` or `crun`). */
  readonly oci: string;
  /** The runtime's CRI socket. */
  readonly socket: string;
  /** Where a sandbox's hostname, resolv.conf and shm live on the node. */
  sandboxDir(sandboxId: string): string;
  /** A container's OCI bundle (config.json) and root filesystem on the node. */
  bundle(containerId: string): { readonly dir: string; readonly rootfs: string };
  /** The configured runtime handlers ('' is the default one). */
  readonly handlers: readonly string[];
  /** The RunPodSandbox error for a handler that is not configured. */
  unknownHandler(handler: string): string;
  /** The PullImage error for a refused pull. */
  pullError(pull: FailedPull): RuntimeError;
  /** Status's NetworkReady message while no CNI network configuration is loaded. */
  readonly networkNotReady: string;
}

const tagOrDigest = (ref: string) =>
  ref.includes('@') ? ref.slice(ref.indexOf('@') + 1) : ref.slice(ref.lastIndexOf(':') + 1);

const CONTAINERD_BUNDLES = '/run/containerd/io.containerd.runtime.v2.task/k8s.io';

/** containerd 1.7 with runc, configured as on a kind node (handlers `runc` and `test-handler`). */
export const CONTAINERD: RuntimeFlavour = {
  name: 'containerd',
  version: { runtimeName: 'containerd', runtimeVersion: 'v1.7.24' },
  nodeRuntimeVersion: 'containerd://1.7.24',
  oci: 'runc',
  socket: '/run/containerd/containerd.sock',
  sandboxDir: (id) => `/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/${id}`,
  bundle: (id) => ({ dir: `${CONTAINERD_BUNDLES}/${id}`, rootfs: `${CONTAINERD_BUNDLES}/${id}/rootfs` }),
  handlers: ['', 'runc', 'test-handler'],
  networkNotReady: 'Network plugin returns error: cni plugin not initialized',
  unknownHandler: (handler) =>
    `rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "${handler}" is configured`,
  pullError: ({ image, ref, repository, error }) => {
    const resolving = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}"`;
    switch (error) {
      case 'invalid-reference':
        return {
          code: 'Unknown',
          desc: `failed to pull and unpack image "${image}": invalid reference format`,
        };
      case 'access-denied':
        return {
          code: 'Unknown',
          desc: `${resolving}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
        };
      case 'manifest-unknown':
        return { code: 'NotFound', desc: `${resolving}: ${ref}: not found` };
      case 'unreachable':
        return {
          code: 'Unknown',
          desc: `${resolving}: failed to do request: Head "${manifestUrl(ref, repository)}": ${lookupFailed(repository)}`,
        };
    }
  },
};

/**
 * CRI-O 1.32 as its packages configure it: crun the default runtime, runc beside it; state
 * under containers/storage; pulls through containers/image (its `initializing source` and
 * `reading manifest` errors). In the unknown-handler error CRI-O prints its runtime table, a
 * Go map of pointers; the addresses here are fixed, plausible values.
 */
export const CRIO: RuntimeFlavour = {
  name: 'cri-o',
  version: { runtimeName: 'cri-o', runtimeVersion: '1.32.4' },
  nodeRuntimeVersion: 'cri-o://1.32.4',
  oci: 'crun',
  socket: '/var/run/crio/crio.sock',
  sandboxDir: (id) => `/run/containers/storage/overlay-containers/${id}/userdata`,
  bundle: (id) => ({
    dir: `/run/containers/storage/overlay-containers/${id}/userdata`,
    rootfs: `/var/lib/containers/storage/overlay/${id}/merged`,
  }),
  handlers: ['', 'crun', 'runc'],
  networkNotReady:
    'Network plugin returns error: No CNI configuration file in /etc/cni/net.d/. Has your network provider started?',
  unknownHandler: (handler) =>
    `rpc error: code = Unknown desc = failed to find runtime handler ${handler} from runtime list map[crun:0xc0004a6000 runc:0xc0004a6140]`,
  pullError: ({ image, ref, repository, error }) => {
    const source = `initializing source docker://${ref}: reading manifest ${tagOrDigest(ref)} in ${repository}`;
    switch (error) {
      case 'invalid-reference':
        return { code: 'Unknown', desc: `cannot parse input: "${image}": invalid reference format` };
      case 'access-denied':
        return { code: 'Unknown', desc: `${source}: requested access to the resource is denied` };
      case 'manifest-unknown':
        return { code: 'Unknown', desc: `${source}: manifest unknown` };
      case 'unreachable':
        return {
          code: 'Unknown',
          desc: `initializing source docker://${ref}: pinging container registry ${registryHost(repository)}: Get "https://${registryHost(repository)}/v2/": ${lookupFailed(repository)}`,
        };
    }
  },
};

/** The flavour of a runtime by name. */
export function runtimeFlavour(name: ContainerRuntimeName): RuntimeFlavour {
  return name === 'cri-o' ? CRIO : CONTAINERD;
}

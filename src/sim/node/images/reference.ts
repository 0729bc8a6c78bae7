/**
 * Image references resolved against the simulated registries: containerd's name
 * normalisation, stable digests and ids, the size and pull time the catalog gives (an unknown
 * image pulls in 2-5 s with a size derived from its name), and the errors a pull of a missing
 * repository or tag fails with. Pulls of an image already in the store only check the registry.
 */
import { parseImageReference } from '../../apiserver/defaults/image';
import { IMAGES } from '../../installer/versions';
import type { RuntimeError } from '../cri/types';
import { CATALOG, type CatalogEntry } from './catalog';

/** The sandbox image containerd 1.7 runs for every pod (kind v1.32 nodes ship it). */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/**
 * The images a kind node image ships in its containerd store: the sandbox image and the
 * addons kind and kubeadm deploy (no pull is needed for them).
 */
export const PRELOADED_IMAGES: readonly string[] = [
  PAUSE_IMAGE,
  IMAGES.etcd,
  IMAGES.kubeApiserver,
  IMAGES.kubeControllerManager,
  IMAGES.kubeScheduler,
  IMAGES.kubeProxy,
  IMAGES.coredns,
  IMAGES.kindnet,
];

/** How long a pull of an image already in the store takes (a registry manifest check). */
export const CACHED_PULL_MS: readonly [number, number] = [200, 800];

/** An image reference resolved against the simulated registries, with its catalog entry. */
export interface ResolvedImage extends CatalogEntry {
  /** `docker.io/library/nginx:latest`, or `name@digest`. */
  readonly ref: string;
  readonly repository: string;
  /** `sha256:<64 hex>`: the manifest digest. */
  readonly digest: string;
  /** `sha256:<64 hex>`: the image (config) id. */
  readonly id: string;
  /** Why pulling it fails, if it does. */
  readonly error?: RuntimeError;
}

/** 64 hex digits derived from a string (FNV-1a), the same on every node and every run. */
export function hashHex(text: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** An image the catalog does not know: a server of a size derived from its name. */
function unknownImage(repository: string): CatalogEntry {
  const hash = Number.parseInt(hashHex(repository).slice(0, 6), 16);
  return {
    size: 20_000_000 + (hash % 100_000_000),
    pullMs: [2000, 5000],
    server: true,
    userland: 'debian',
    tools: [],
  };
}

/** Resolves an image name as containerd would (`nginx` -> `docker.io/library/nginx:latest`). */
export function resolveImage(image: string): ResolvedImage {
  const parsed = parseImageReference(image);
  const repository = parsed?.name ?? image;
  const ref =
    parsed === undefined
      ? image
      : parsed.digest !== ''
        ? `${repository}@${parsed.digest}`
        : `${repository}:${parsed.tag}`;
  const digest =
    parsed?.digest !== undefined && parsed.digest !== ''
      ? parsed.digest
      : `sha256:${hashHex(`manifest ${ref}`)}`;
  const base: ResolvedImage = {
    ...(CATALOG[repository] ?? unknownImage(repository)),
    ref,
    repository,
    digest,
    id: `sha256:${hashHex(`config ${ref}`)}`,
  };
  const resolving = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}"`;
  if (parsed === undefined) {
    return {
      ...base,
      error: {
        code: 'Unknown',
        desc: `failed to pull and unpack image "${image}": invalid reference format`,
      },
    };
  }
  if (repository.includes('doesnotexist')) {
    return {
      ...base,
      error: {
        code: 'Unknown',
        desc: `${resolving}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      },
    };
  }
  if (parsed.tag === 'nonexistent' || parsed.tag === 'doesnotexist') {
    return { ...base, error: { code: 'NotFound', desc: `${resolving}: ${ref}: not found` } };
  }
  return base;
}

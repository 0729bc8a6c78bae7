/**
 * Image references resolved against the simulated registries: the runtimes' name
 * normalisation, stable digests and ids, the size and pull time the catalog gives (an unknown
 * image pulls in 2-5 s with a size derived from its name), and the errors a pull of a missing
 * repository or tag fails with. Pulls of an image already in the store only check the registry.
 */
import { parseImageReference } from '../../apiserver/defaults/image';
import { IMAGES } from '../../installer/versions';
import type { RegistryError } from '../cri/flavour';
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
  /** Why the registry refuses a pull of it, if it does (the runtime words the error). */
  readonly error?: RegistryError;
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

/**
 * Resolves an image name as the runtimes do (`nginx` -> `docker.io/library/nginx:latest`: containerd
 * normalises to Docker Hub; CRI-O searches it as its one unqualified-search registry).
 */
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
  if (parsed === undefined) return { ...base, error: 'invalid-reference' };
  if (repository.includes('doesnotexist')) return { ...base, error: 'access-denied' };
  if (parsed.tag === 'nonexistent' || parsed.tag === 'doesnotexist')
    return { ...base, error: 'manifest-unknown' };
  return base;
}

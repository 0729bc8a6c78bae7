/**
 * The runtime's image store and CRI ImageService: ImageStatus, ListImages and PullImage.
 * A pull takes the virtual time the catalog (images/) gives the image (a registry check when the image
 * is already in the store) and then either stores the image or fails in the runtime's words.
 */
import type { Kernel } from '../../kernel/kernel';
import { CACHED_PULL_MS, PRELOADED_IMAGES, resolveImage, type ResolvedImage } from '../images/reference';
import type { RuntimeFlavour } from './flavour';
import type { RuntimeTracer } from './tracer';
import type { ImageInfo, PulledImage, RuntimeError, Traced } from './types';

/** How long a failing pull takes to fail (resolving the reference), in ms. */
const FAILED_PULL_MS: readonly [number, number] = [500, 1500];

/** The registry host of a repository (`docker.io` for `docker.io/library/nginx`). */
export function registryOf(repository: string): string {
  return repository.split('/')[0] ?? repository;
}

export class ImageService {
  readonly #images = new Map<string, ImageInfo>();
  readonly #unreachable = new Set<string>();

  constructor(
    private readonly kernel: Kernel,
    private readonly tracer: RuntimeTracer,
    private readonly flavour: RuntimeFlavour,
  ) {
    for (const image of PRELOADED_IMAGES) this.#store(resolveImage(image));
  }

  /** Whether the store has an image (by any name of it); not a CRI call. */
  has(image: string): boolean {
    return this.#images.has(resolveImage(image).ref);
  }

  /** The images in the store; not a CRI call. */
  images(): ImageInfo[] {
    return [...this.#images.values()];
  }

  /**
   * Whether the node can reach a registry host (`docker.io`, `registry.k8s.io`); not a CRI
   * call. While it cannot, pulls from it fail as a failed DNS lookup does; images already in
   * the store still start.
   */
  setRegistryReachable(host: string, reachable: boolean): void {
    if (reachable) this.#unreachable.delete(host);
    else this.#unreachable.add(host);
  }

  imageStatus(image: string, causedBy: number | null): Traced<ImageInfo | null> {
    const found = this.#images.get(resolveImage(image).ref) ?? null;
    const step = this.tracer.call(`ImageStatus ${image}`, { image, present: found !== null }, causedBy);
    return { value: found, step };
  }

  listImages(causedBy: number | null): Traced<readonly ImageInfo[]> {
    const step = this.tracer.call('ListImages', { count: this.#images.size }, causedBy);
    return { value: this.images(), step };
  }

  pullImage(
    image: string,
    causedBy: number | null,
    done: (result: PulledImage | RuntimeError, step: number) => void,
  ): number {
    const found = resolveImage(image);
    const resolved: ResolvedImage =
      found.error === undefined && this.#unreachable.has(registryOf(found.repository))
        ? { ...found, error: 'unreachable' }
        : found;
    const step = this.tracer.call(`PullImage ${image}`, { image, ref: resolved.ref }, causedBy);
    const cached = this.#images.has(resolved.ref);
    const [min, max] =
      resolved.error !== undefined ? FAILED_PULL_MS : cached ? CACHED_PULL_MS : resolved.pullMs;
    const durationMs = this.kernel.rng.int(min, max);
    this.kernel.schedule(durationMs, `${this.tracer.runtime}: pull ${image}`, () => {
      if (resolved.error !== undefined) {
        const error = this.flavour.pullError({ image, ...resolved, error: resolved.error });
        const reply = this.tracer.reply(
          `PullImage ${image} failed: ${error.desc}`,
          { image, error: error.desc },
          step,
        );
        return done(error, reply);
      }
      this.#store(resolved);
      const imageRef = `${resolved.repository}@${resolved.digest}`;
      const reply = this.tracer.reply(
        `PullImage ${image}: ${imageRef} (${resolved.size} bytes)`,
        { image, imageRef, size: resolved.size, durationMs },
        step,
      );
      done({ imageRef, size: resolved.size, durationMs }, reply);
    });
    return step;
  }

  #store(image: ResolvedImage): void {
    this.#images.set(image.ref, {
      id: image.id,
      repoTags: image.ref.includes('@') ? [] : [image.ref],
      repoDigests: [`${image.repository}@${image.digest}`],
      size: image.size,
    });
  }
}

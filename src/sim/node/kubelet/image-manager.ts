/**
 * The kubelet's image manager (pkg/kubelet/images): applies the container's pull policy,
 * backs off after failed pulls (10 s doubling to 5 min, per pod and image), records the
 * Pulling / Pulled / Failed / BackOff events with upstream's messages, and pulls one image
 * at a time per node, as the default serialized puller does (so "including waiting" counts
 * the time spent queued behind other pulls).
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { PulledImage, RuntimeError } from '../cri/types';
import { rpcErrorText } from '../cri/types';
import { Backoff } from './backoff';
import type { KubeletContext, PodRecord } from './context';
import { goDuration } from './format';

/** The image is there: `step` is the trace step to continue the causal chain from. */
export interface ImageReady {
  readonly ok: true;
  readonly imageRef: string;
  readonly step: number | null;
}

/** The image is not there: why, as a container waiting reason and message. */
export interface ImageFailed {
  readonly ok: false;
  readonly reason: 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull';
  readonly message: string;
  readonly step: number | null;
}

export class ImageManager {
  readonly #backoff: Backoff;
  readonly #queue: (() => void)[] = [];
  #pulling = false;

  constructor(private readonly ctx: KubeletContext) {
    this.#backoff = new Backoff(ctx.kernel.clock);
  }

  /** EnsureImageExists: makes sure the container's image is on the node, then calls `done`. */
  ensureImage(
    record: PodRecord,
    container: Container,
    cause: number | null,
    done: (result: ImageReady | ImageFailed) => void,
  ): void {
    const { kernel, runtime, recorder } = this.ctx;
    const pod = record.pod;
    const image = container.image ?? '';
    const policy = container.imagePullPolicy ?? 'IfNotPresent';
    const event = (type: 'Normal' | 'Warning', reason: string, message: string, step: number | null) =>
      recorder.event(pod, type, reason, message, step);
    let step = cause;
    if (policy !== 'Always') {
      const present = runtime.imageStatus(image, cause);
      step = present.step;
      if (present.value !== null) {
        event('Normal', 'Pulled', `Container image "${image}" already present on machine`, step);
        return done({ ok: true, imageRef: present.value.repoDigests[0] ?? present.value.id, step });
      }
      if (policy === 'Never') {
        const message = `Container image "${image}" is not present with pull policy of Never`;
        event('Warning', 'ErrImageNeverPull', message, step);
        return done({ ok: false, reason: 'ErrImageNeverPull', message, step });
      }
    }
    const key = `${record.uid}_${image}`;
    if (this.#backoff.isInBackOffSinceUpdate(key)) {
      const message = `Back-off pulling image "${image}"`;
      event('Normal', 'BackOff', message, step);
      return done({ ok: false, reason: 'ImagePullBackOff', message, step });
    }
    event('Normal', 'Pulling', `Pulling image "${image}"`, step);
    const queuedAt = kernel.clock.now();
    this.#enqueue(() =>
      runtime.pullImage(image, step, (result: PulledImage | RuntimeError, reply: number) => {
        this.#finish(result, reply, key, image, queuedAt, event, done);
        this.#next();
      }),
    );
  }

  #finish(
    result: PulledImage | RuntimeError,
    reply: number,
    key: string,
    image: string,
    queuedAt: number,
    event: (type: 'Normal' | 'Warning', reason: string, message: string, step: number | null) => void,
    done: (result: ImageReady | ImageFailed) => void,
  ): void {
    const kernel = this.ctx.kernel;
    if ('desc' in result) {
      const message = rpcErrorText(result);
      event('Warning', 'Failed', `Failed to pull image "${image}": ${message}`, reply);
      this.#backoff.next(key, kernel.clock.now());
      return done({ ok: false, reason: 'ErrImagePull', message, step: reply });
    }
    const total = goDuration(kernel.clock.now() - queuedAt);
    event(
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${goDuration(result.durationMs)} (${total} including waiting). Image size: ${result.size} bytes.`,
      reply,
    );
    done({ ok: true, imageRef: result.imageRef, step: reply });
  }

  #enqueue(pull: () => void): void {
    this.#queue.push(pull);
    if (!this.#pulling) this.#next();
  }

  #next(): void {
    const pull = this.#queue.shift();
    this.#pulling = pull !== undefined;
    pull?.();
  }
}

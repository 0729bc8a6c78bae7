/**
 * The shape every controller runs in: informer handlers only enqueue keys; workers take keys
 * off a work queue and call `sync(key)`, which reads the informers' caches and makes API
 * calls. A sync that throws is retried with the queue's rate limiter; one that returns is
 * forgotten. Workers run as kernel events, so a controller's work is part of the trace.
 */
import type { Kernel } from '../kernel/kernel';
import type { KubeObject } from '../apiserver/types';
import { objectKey } from './cache';
import type { Informer } from './informer';
import { WorkQueue } from './workqueue';

const KCM = 'control-plane/kube-controller-manager';

export interface ControllerOptions {
  readonly kernel: Kernel;
  /** The controller's name, as upstream calls it (`deployment`, `garbage-collector`...). */
  readonly name: string;
  /** Reconciles one key. Throw to have it retried with backoff. */
  readonly sync: (key: string, cause: number | null) => void;
  /** Concurrent workers (upstream's --concurrent-*-syncs). */
  readonly workers?: number;
  /** Give up on a key after this many retries (it is retried again on its next change). */
  readonly maxRetries?: number;
  /** The component the controller runs in, for the trace; kube-controller-manager by default. */
  readonly component?: string;
}

export class Controller {
  readonly queue: WorkQueue;
  #busy = 0;
  #started = false;
  readonly #workers: number;

  constructor(private readonly options: ControllerOptions) {
    this.queue = new WorkQueue(options.kernel, options.name);
    this.#workers = options.workers ?? 1;
    this.queue.onReady(() => this.#wake());
  }

  /** Enqueues every change of `informer`'s objects under their `namespace/name` key. */
  watch<T extends KubeObject>(informer: Informer<T>, keyOf: (obj: T) => string | null = objectKey): void {
    const enqueue = (obj: T, cause: number | null) => {
      const key = keyOf(obj);
      if (key !== null) this.queue.add(key, cause);
    };
    informer.addHandlers({
      add: enqueue,
      update: (_old, obj, cause) => enqueue(obj, cause),
      delete: enqueue,
    });
  }

  start(): void {
    this.#started = true;
    this.#wake();
  }

  /** Stops taking keys off the queue (the process stopped); keys wait for {@link start}. */
  stop(): void {
    this.#started = false;
  }

  #wake(): void {
    if (!this.#started) return;
    while (this.#busy < this.#workers && this.queue.length > 0) {
      this.#busy++;
      this.options.kernel.schedule(0, `${this.options.name}: sync`, () => this.#work());
    }
  }

  #work(): void {
    const next = this.#started ? this.queue.get() : undefined;
    if (next !== undefined) {
      try {
        this.options.sync(next.item, next.cause);
        this.queue.forget(next.item);
      } catch (error) {
        if (this.queue.retries(next.item) < (this.options.maxRetries ?? 15))
          this.queue.addRateLimited(next.item, next.cause);
        else this.queue.forget(next.item);
        this.options.kernel.trace.emit({
          from: this.options.component ?? KCM,
          to: this.options.component ?? KCM,
          kind: 'decision',
          summary: `${this.options.name}: sync ${next.item} failed, retrying: ${error instanceof Error ? error.message : String(error)}`,
          causedBy: next.cause,
        });
      } finally {
        this.queue.done(next.item);
      }
    }
    this.#busy--;
    this.#wake();
  }
}

/**
 * client-go's SharedInformerFactory: one informer per resource, shared by every controller
 * of a process, so kube-controller-manager lists and watches each resource once.
 */
import type { Kernel } from '../kernel/kernel';
import type { ResourceInfo } from '../apiserver/resources';
import type { KubeObject } from '../apiserver/types';
import { Informer } from './informer';
import type { ApiClient } from './rest';

export class InformerFactory {
  readonly #informers = new Map<ResourceInfo, Informer>();
  #started = false;

  constructor(
    private readonly kernel: Kernel,
    readonly client: ApiClient,
    private readonly resyncMs = 0,
  ) {}

  /** The shared informer of a resource, created on first use (started if the factory is). */
  informerFor<T extends KubeObject = KubeObject>(resource: ResourceInfo): Informer<T> {
    let informer = this.#informers.get(resource);
    if (informer === undefined) {
      informer = new Informer(this.kernel, this.client, resource, { resyncMs: this.resyncMs });
      this.#informers.set(resource, informer);
      if (this.#started) informer.start();
    }
    return informer as unknown as Informer<T>;
  }

  /** Starts every informer created so far (again, after {@link stop}), and any created later. */
  start(): void {
    this.#started = true;
    for (const informer of this.#informers.values()) if (!informer.running) informer.start();
  }

  /** Stops every informer (the process stopped); {@link start} relists them. */
  stop(): void {
    this.#started = false;
    for (const informer of this.#informers.values()) informer.stop();
  }
}

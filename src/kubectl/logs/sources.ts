/**
 * Which containers `kubectl logs` reads (polymorphichelpers' LogsForObject): a pod's
 * container (named, from the `kubectl.kubernetes.io/default-container` annotation, or its
 * first, with kubectl's `Defaulted container ...` notice), all of a pod's containers, or the
 * pods a workload selects (its best pod, or all of them).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import {
  allContainerNames,
  DEFAULT_CONTAINER_ANNOTATION,
  hasContainer,
  hasSeveralContainers,
} from '../pods/containers';

/** One log stream to read: a container of a pod. */
export interface LogSource {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

/** How the containers of each pod are chosen. */
export interface SourceOptions {
  /** `-c` (or the inline CONTAINER argument); '' to default. */
  readonly container: string;
  readonly allContainers: boolean;
  /** `--all-pods`: no `Defaulted container` notices. */
  readonly allPods: boolean;
  /** Where kubectl's notices go (its stderr). */
  readonly warn: (text: string) => void;
}

/** The container kubectl reads when none is named, with its notices. */
function defaultContainer(pod: Pod, options: SourceOptions): string {
  const name = pod.metadata?.name ?? '';
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? '';
  if (annotated !== '') {
    if (hasContainer(pod, annotated)) return annotated;
    options.warn(`Default container name ${JSON.stringify(annotated)} not found in pod ${name}\n`);
  }
  const first = pod.spec?.containers?.[0]?.name ?? '';
  if (hasSeveralContainers(pod) && !options.allPods)
    options.warn(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  return first;
}

/** The log sources of one pod; throws kubectl's error for a container it does not have. */
export function podSources(pod: Pod, options: SourceOptions): LogSource[] {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const spec = pod.spec;
  const names = options.allContainers
    ? [
        ...(spec?.initContainers ?? []).map((c) => c.name),
        ...(spec?.containers ?? []).map((c) => c.name),
        ...(spec?.ephemeralContainers ?? []).map((c) => c.name),
      ]
    : [options.container === '' ? defaultContainer(pod, options) : options.container];
  for (const container of names)
    if (!hasContainer(pod, container)) throw new Error(`container ${container} is not valid for pod ${name}`);
  return names.map((container) => ({ namespace, pod: name, container }));
}

/**
 * A pod's containers as kubectl's podcmd helpers see them: every name (regular, init and
 * ephemeral), the list kubectl prints in its `Defaulted container` notice, and the
 * container exec and attach pick when none is named.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';

/** The annotation naming the container kubectl picks when none is given. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** podcmd.AllContainerNames: `app, sidecar, debug (ephem), setup (init)`. */
export function allContainerNames(pod: Pod): string {
  const spec = pod.spec;
  return [
    ...(spec?.containers ?? []).map((c) => c.name),
    ...(spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** Whether the pod has a container (regular, init or ephemeral) named `name`. */
export function hasContainer(pod: Pod, name: string): boolean {
  const spec = pod.spec;
  const all: Pick<Container, 'name'>[] = [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []),
    ...(spec?.ephemeralContainers ?? []),
  ];
  return all.some((c) => c.name === name);
}

/** Whether kubectl says which container it defaulted to: the pod has more than one. */
export function hasSeveralContainers(pod: Pod): boolean {
  const spec = pod.spec;
  return (
    (spec?.containers ?? []).length > 1 ||
    (spec?.initContainers ?? []).length > 0 ||
    (spec?.ephemeralContainers ?? []).length > 0
  );
}

/**
 * podcmd.FindOrDefaultContainerByName without a name: the annotated default container if
 * the pod has it, else the first, with the `Defaulted container` notice unless `quiet`.
 */
export function defaultContainerName(pod: Pod, quiet: boolean, warn: (text: string) => void): string {
  const spec = pod.spec;
  const first = spec?.containers?.[0]?.name;
  if (first === undefined)
    throw new Error(
      `pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''} does not have any containers`,
    );
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? '';
  if (annotated !== '' && hasContainer(pod, annotated)) return annotated;
  if (!quiet && hasSeveralContainers(pod))
    warn(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  return first;
}

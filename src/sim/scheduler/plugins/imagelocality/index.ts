/**
 * ImageLocality: prefers nodes that already have the pod's images, weighing each image by
 * its size and by how many nodes have it (an image everywhere gives no advantage). Image
 * names are compared as written, with `:latest` added when there is no tag.
 */
import type { Handle, Plugin } from '../../framework/interface';
import type { ImageStateSummary } from '../../framework/node-info';
import { MAX_NODE_SCORE, type Pod } from '../../framework/types';

export const NAME = 'ImageLocality';

const MB = 1024 * 1024;
/** Below this total the score is 0 (23 MB). */
export const MIN_THRESHOLD = 23 * MB;
/** Per container, above this the score is 100 (1000 MB). */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** `nginx` -> `nginx:latest`; names with a tag or digest stay as they are. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function scaledImageScore(state: ImageStateSummary, totalNumNodes: number): number {
  return Math.trunc(state.size * (state.numNodes / totalNumNodes));
}

/** Maps the summed scaled image sizes to 0-100 between 23 MB and 1000 MB per container. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const sum = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

function images(pod: Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.image ?? '');
}

/** The ImageLocality plugin. */
export function imageLocality(handle: Handle): Plugin {
  return {
    name: NAME,
    score(_state, pod, nodeInfo) {
      const total = handle.snapshot().list().length;
      let sum = 0;
      for (const image of images(pod)) {
        const state = nodeInfo.imageStates.get(normalizedImageName(image));
        if (state !== undefined) sum += scaledImageScore(state, total);
      }
      return calculatePriority(sum, images(pod).length);
    },
  };
}

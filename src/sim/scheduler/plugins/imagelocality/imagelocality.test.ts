import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../cache';
import { makeNode, makePod, fakeHandle } from '../../testing';
import { CycleState } from '../../framework/cycle-state';
import { calculatePriority, imageLocality, normalizedImageName } from '.';

const MB = 1024 * 1024;

function scores(podImages: string[]): number[] {
  const cache = new SchedulerCache();
  cache.addNode(
    makeNode('node403002000', {
      images: [
        { names: ['gcr.io/40:latest', 'gcr.io/40:v1'], sizeBytes: 40 * MB },
        { names: ['gcr.io/300:latest'], sizeBytes: 300 * MB },
        { names: ['gcr.io/2000:latest'], sizeBytes: 2000 * MB },
      ],
    }),
  );
  cache.addNode(
    makeNode('node25010', {
      images: [
        { names: ['gcr.io/250:latest'], sizeBytes: 250 * MB },
        { names: ['gcr.io/10:latest', 'gcr.io/10:v1'], sizeBytes: 10 * MB },
      ],
    }),
  );
  const nodes = cache.snapshot().list();
  const plugin = imageLocality(fakeHandle(nodes));
  const pod = makePod('p', { containers: podImages.map((image, i) => ({ name: `c${i}`, image })) });
  return nodes.map((n) => plugin.score?.(new CycleState(), pod, n) ?? -1);
}

describe('ImageLocality Score', () => {
  it.each([
    // 40MB on one node of two counts 20MB: under the 23MB threshold -> 0; 250MB -> 125MB -> 5.
    { name: 'two images on different nodes', images: ['gcr.io/40', 'gcr.io/250'], want: [0, 5] },
    // 300MB -> 150MB -> 100*(150-23)/(2000-23) = 6; 10MB -> 0.
    { name: 'the bigger image wins', images: ['gcr.io/300', 'gcr.io/10'], want: [6, 0] },
    // 2000MB -> 1000MB, one container max 1000MB -> 100.
    { name: 'capped at the per-container maximum', images: ['gcr.io/2000'], want: [100, 0] },
    { name: 'an image nowhere', images: ['gcr.io/missing'], want: [0, 0] },
  ])('$name', ({ images, want }) => {
    expect(scores(images)).toEqual(want);
  });

  it('normalizes names and computes the priority as upstream', () => {
    expect([
      normalizedImageName('nginx'),
      normalizedImageName('nginx:1.27'),
      normalizedImageName('localhost:5000/app'),
    ]).toEqual(['nginx:latest', 'nginx:1.27', 'localhost:5000/app:latest']);
    expect(calculatePriority(0, 1)).toBe(0);
    expect(calculatePriority(10_000 * MB, 1)).toBe(100);
  });
});

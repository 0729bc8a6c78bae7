import { describe, expect, it } from 'vitest';
import { resolveImage } from '../images/reference';
import { workloadFor, type Workload } from './workloads';

const MI = 1024 * 1024;

const of = (image: string, argv: string[], env: Record<string, string> = {}) =>
  workloadFor(resolveImage(image), argv, env);

describe('workloads', () => {
  it.each<[string, string, string[], Partial<Workload>]>([
    [
      'nginx idles at a fraction of a millicore',
      'nginx',
      [],
      { idleCores: 0.0005, busyCores: 0, allocBytes: 0 },
    ],
    [
      'a busybox sleep uses next to nothing',
      'busybox',
      ['sleep', '3600'],
      { idleCores: 0.00002, baseBytes: 0.4 * MI },
    ],
    [
      'the docs memory example: one vm worker holding 150M',
      'polinux/stress',
      ['stress', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'],
      { allocBytes: 150 * MI },
    ],
    [
      'stress --cpu 2 spins two cores',
      'polinux/stress',
      ['stress', '--cpu', '2'],
      { busyCores: 2, allocBytes: 0 },
    ],
    [
      'stress flags may be written --name=value',
      'polinux/stress',
      ['stress', '--vm=2', '--vm-bytes=64M', '--vm-keep'],
      { busyCores: 2, allocBytes: 128 * MI },
    ],
    ['the docs CPU example: vish/stress -cpus 2', 'vish/stress', ['-cpus', '2'], { busyCores: 2 }],
    [
      'vish/stress grows to -mem-total in 4Ki steps every 1ms',
      'vish/stress',
      ['-mem-total', '100Mi'],
      { allocBytes: 100 * MI, allocBytesPerSecond: 4096 * 1000, busyCores: 0 },
    ],
    [
      'vish/stress with an explicit allocation rate',
      'vish/stress',
      ['--mem-total=10Mi', '-mem-alloc-size=1Mi', '-mem-alloc-sleep=100ms'],
      { allocBytes: 10 * MI, allocBytesPerSecond: 10 * MI },
    ],
    [
      'a shell loop that never sleeps keeps a core busy',
      'busybox',
      ['sh', '-c', 'while true; do :; done'],
      { busyCores: 1 },
    ],
    [
      'a shell loop that sleeps idles',
      'busybox',
      ['sh', '-c', 'while true; do echo hi; sleep 1; done'],
      { busyCores: 0 },
    ],
    [
      'the HPA walkthrough server idles until requests come',
      'registry.k8s.io/hpa-example',
      [],
      { busyCores: 0, cpuPerRequest: 0.02 },
    ],
  ])('%s', (_name, image, argv, expected) => {
    expect(of(image, argv)).toMatchObject(expected);
  });

  it('the leaky teaching image leaks LEAK_RATE a second, forever', () => {
    expect(of('kubelab/leaky', [])).toMatchObject({
      baseBytes: 10 * MI,
      allocBytes: Number.POSITIVE_INFINITY,
      allocBytesPerSecond: MI,
    });
    expect(of('kubelab/leaky', [], { LEAK_RATE: '5Mi' }).allocBytesPerSecond).toBe(5 * MI);
  });

  it('gives other server images a stable idle footprint of their own', () => {
    const a = of('example.com/app:1', []);
    expect(a).toEqual(of('example.com/app:2', []));
    expect(a.idleCores).toBe(0.001);
    expect(a.baseBytes).toBeGreaterThanOrEqual(6 * MI);
    expect(a.baseBytes).toBeLessThan(24 * MI);
  });
});

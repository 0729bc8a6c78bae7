import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import { Cgroups, shareCpu } from './cgroups';
import type { LinuxContainerResources } from './types';
import { workloadFor, type Workload } from './workloads';
import { resolveImage } from '../images/reference';

const MI = 1024 * 1024;

function setup() {
  const kernel = new Kernel({ seed: 1, epoch: Date.UTC(2025, 0, 1) });
  const cgroups = new Cgroups(kernel, 'node-1/container-runtime');
  const run = (ms: number) => kernel.runUntil(kernel.clock.now() + ms);
  return { kernel, cgroups, run };
}

const limits = (milliCPU: number, memory = 0, shares = 1024): LinuxContainerResources => ({
  cpuPeriod: 100_000,
  cpuQuota: (milliCPU * 100_000) / 1000,
  cpuShares: shares,
  memoryLimitInBytes: memory,
});

const busy = (cores: number): Workload => ({
  idleCores: 0,
  busyCores: cores,
  baseBytes: MI,
  allocBytes: 0,
  allocBytesPerSecond: 0,
  cpuPerRequest: 0,
});

/** Average cores a container used over `ms`. */
function rate(cgroups: Cgroups, run: (ms: number) => void, id: string, ms: number): number {
  const before = cgroups.container(id)?.cpuSeconds ?? 0;
  run(ms);
  return ((cgroups.container(id)?.cpuSeconds ?? 0) - before) / (ms / 1000);
}

describe('cgroups', () => {
  it.each<[string, number[], number[], number, number[]]>([
    ['room for everyone', [0.5, 0.5], [1024, 1024], 2, [0.5, 0.5]],
    ['equal shares split the CPUs', [2, 2], [1024, 1024], 2, [1, 1]],
    ['double shares, double CPU', [2, 2], [1024, 2048], 1.5, [0.5, 1]],
    ['a small demand is met, the rest is shared', [0.2, 2, 2], [1024, 1024, 1024], 2, [0.2, 0.9, 0.9]],
    ['BestEffort (2 shares) starves', [1, 1], [2, 1024], 1, [2 / 1026, 1024 / 1026]],
  ])('shares contended CPUs as CFS does: %s', (_name, demands, weights, capacity, expected) => {
    const got = shareCpu(demands, weights, capacity);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? 0, 6));
  });

  it('throttles a container at a little under its CPU limit', () => {
    const { cgroups, run } = setup();
    cgroups.start('a', busy(2), limits(1000), () => {});
    const cores = rate(cgroups, run, 'a', 60_000);
    expect(cores).toBeGreaterThan(0.96);
    expect(cores).toBeLessThan(1);
  });

  it('lets an idle nginx use next to nothing, with a stable working set', () => {
    const { cgroups, run } = setup();
    cgroups.start('n', workloadFor(resolveImage('nginx'), []), undefined, () => {});
    expect(rate(cgroups, run, 'n', 30_000)).toBeLessThan(0.001);
    const usage = cgroups.container('n');
    expect(usage?.workingSetBytes).toBe(3_563_520);
    expect((usage?.workingSetBytes ?? 0) % 4096).toBe(0);
  });

  it('shares the node between busy containers by cpu.shares', () => {
    const { cgroups, run } = setup();
    cgroups.start('small', busy(2), limits(0, 0, 1024), () => {});
    cgroups.start('big', busy(2), limits(0, 0, 2048), () => {});
    const small = rate(cgroups, run, 'small', 60_000);
    const big = rate(cgroups, run, 'big', 60_000);
    expect(big / small).toBeGreaterThan(1.6);
    expect(big / small).toBeLessThan(2.4);
    expect(small + big).toBeLessThan(2);
  });

  it('grows memory as the workload allocates and OOM-kills it at the limit', () => {
    const { kernel, cgroups, run } = setup();
    const work = workloadFor(resolveImage('vish/stress'), ['-mem-total', '150Mi']);
    let oomAt = -1;
    cgroups.start('v', work, limits(0, 100 * MI), () => (oomAt = kernel.clock.now()));
    run(10_000);
    expect((cgroups.container('v')?.workingSetBytes ?? 0) / MI).toBeCloseTo(1.6 + 39, 0);
    run(20_000);
    expect(oomAt).toBeGreaterThan(24_000);
    expect(oomAt).toBeLessThan(26_000);
    expect(cgroups.container('v')?.workingSetBytes).toBe(100 * MI);
  });

  it('adds CPU for request load on servers and keeps finished containers in the node total', () => {
    const { cgroups, run } = setup();
    cgroups.start('php', workloadFor(resolveImage('registry.k8s.io/hpa-example'), []), limits(500), () => {});
    expect(rate(cgroups, run, 'php', 10_000)).toBeLessThan(0.002);
    cgroups.setLoad('php', 10);
    const loaded = rate(cgroups, run, 'php', 30_000);
    expect(loaded).toBeGreaterThan(0.18);
    expect(loaded).toBeLessThan(0.22);
    cgroups.setLoad('php', 1000);
    expect(rate(cgroups, run, 'php', 30_000)).toBeLessThan(0.5);
    const node = cgroups.node();
    cgroups.stop('php');
    expect(cgroups.container('php')).toBeUndefined();
    expect(cgroups.node().cpuSeconds).toBeGreaterThanOrEqual(node.cpuSeconds);
    expect(cgroups.node().workingSetBytes).toBe(620 * MI);
  });
});

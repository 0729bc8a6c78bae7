import { describe, expect, it } from 'vitest';
import { linuxResources, milliCPUToQuota, milliCPUToShares } from './linux-resources';

describe('the cgroup settings the kubelet asks for', () => {
  it.each([
    [0, 2],
    [1, 2],
    [100, 102],
    [500, 512],
    [1000, 1024],
    [300_000, 262_144],
  ])('MilliCPUToShares(%d) = %d', (milli, shares) => {
    expect(milliCPUToShares(milli)).toBe(shares);
  });

  it.each([
    [0, 0],
    [5, 1000],
    [500, 50_000],
    [2000, 200_000],
  ])('milliCPUToQuota(%d, 100000) = %d', (milli, quota) => {
    expect(milliCPUToQuota(milli, 100_000)).toBe(quota);
  });

  it('takes shares from the request (or the limit alone), the quota and memory from the limits', () => {
    expect(
      linuxResources({
        name: 'c',
        resources: { requests: { cpu: '250m' }, limits: { cpu: '1', memory: '100Mi' } },
      }),
    ).toEqual({ cpuPeriod: 100_000, cpuQuota: 100_000, cpuShares: 256, memoryLimitInBytes: 104_857_600 });
    expect(linuxResources({ name: 'c', resources: { limits: { cpu: '500m' } } })).toMatchObject({
      cpuShares: 512,
    });
    expect(linuxResources({ name: 'c' })).toEqual({
      cpuPeriod: 100_000,
      cpuQuota: 0,
      cpuShares: 2,
      memoryLimitInBytes: 0,
    });
  });
});

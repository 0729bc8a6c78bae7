/**
 * The cgroup settings the kubelet asks the runtime for (upstream's calculateLinuxResources and
 * the MilliCPUToShares / milliCPUToQuota helpers): cpu.shares from the CPU request (the limit
 * when only a limit is set), a CFS quota per 100ms period from the CPU limit, and the memory
 * limit in bytes.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { parseResourceList } from '../../scheduler/framework/resource';
import type { LinuxContainerResources } from '../cri/types';

const QUOTA_PERIOD = 100_000;
const MIN_QUOTA_PERIOD = 1000;
const MIN_SHARES = 2;
const MAX_SHARES = 262_144;
const SHARES_PER_CPU = 1024;

/** cm.MilliCPUToShares */
export function milliCPUToShares(milliCPU: number): number {
  if (milliCPU === 0) return MIN_SHARES;
  const shares = Math.floor((milliCPU * SHARES_PER_CPU) / 1000);
  return Math.min(MAX_SHARES, Math.max(MIN_SHARES, shares));
}

/** milliCPUToQuota: the CFS quota for a CPU limit; 0 for no limit. */
export function milliCPUToQuota(milliCPU: number, period: number): number {
  if (milliCPU === 0) return 0;
  return Math.max(MIN_QUOTA_PERIOD, Math.floor((milliCPU * period) / 1000));
}

/** The LinuxContainerResources for a container of a pod spec. */
export function linuxResources(container: Container): LinuxContainerResources {
  const requests = parseResourceList(container.resources?.requests as Record<string, unknown> | undefined);
  const limits = parseResourceList(container.resources?.limits as Record<string, unknown> | undefined);
  const cpuRequest = requests.get('cpu') ?? 0;
  const cpuLimit = limits.get('cpu') ?? 0;
  return {
    cpuPeriod: QUOTA_PERIOD,
    cpuQuota: milliCPUToQuota(cpuLimit, QUOTA_PERIOD),
    cpuShares: milliCPUToShares(cpuRequest === 0 && cpuLimit !== 0 ? cpuLimit : cpuRequest),
    memoryLimitInBytes: limits.get('memory') ?? 0,
  };
}

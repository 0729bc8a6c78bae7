import type { Container, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { quantityString } from './quantity';
import { podQOS, podRequestsAndLimits } from './resources';

const container = (
  name: string,
  requests?: Record<string, string>,
  limits?: Record<string, string>,
): Container => ({
  name,
  resources: { requests, limits },
});

const pod = (
  containers: Container[],
  initContainers: Container[] = [],
  extra: Partial<Pod['spec']> = {},
): Pod => ({
  spec: { containers, initContainers, ...extra },
});

const totals = (p: Pod) => {
  const { requests, limits } = podRequestsAndLimits(p);
  const show = (m: Map<string, { nanos: bigint; format: 'BinarySI' | 'DecimalSI' | 'DecimalExponent' }>) =>
    Object.fromEntries([...m].map(([k, v]) => [k, quantityString(v)]));
  return { requests: show(requests), limits: show(limits) };
};

describe('podRequestsAndLimits', () => {
  it('adds containers up and takes the larger of that and the biggest init container', () => {
    const p = pod(
      [container('a', { cpu: '100m', memory: '64Mi' }, { memory: '128Mi' }), container('b', { cpu: '200m' })],
      [container('init', { cpu: '500m', memory: '32Mi' }, { memory: '1Gi' })],
    );
    expect(totals(p)).toEqual({
      requests: { cpu: '500m', memory: '64Mi' },
      limits: { memory: '1Gi' },
    });
  });

  it('counts sidecars with the containers and with every init step after them', () => {
    const sidecar = { ...container('proxy', { cpu: '100m' }), restartPolicy: 'Always' };
    const p = pod([container('app', { cpu: '200m' })], [sidecar, container('migrate', { cpu: '250m' })]);
    expect(totals(p).requests).toEqual({ cpu: '350m' });
  });

  it('adds overhead to requests, and to limits only where set', () => {
    const p = pod([container('app', { cpu: '100m' }, { cpu: '200m' })], [], {
      overhead: { cpu: '10m', memory: '8Mi' },
    });
    expect(totals(p)).toEqual({ requests: { cpu: '110m', memory: '8Mi' }, limits: { cpu: '210m' } });
  });
});

describe('podQOS', () => {
  it('reads status.qosClass first', () => {
    expect(podQOS({ ...pod([container('a')]), status: { qosClass: 'Guaranteed' } })).toBe('Guaranteed');
  });

  it('computes BestEffort, Guaranteed and Burstable from the containers', () => {
    expect(podQOS(pod([container('a')]))).toBe('BestEffort');
    const equal = { cpu: '1', memory: '1Gi' };
    expect(podQOS(pod([container('a', equal, equal)]))).toBe('Guaranteed');
    expect(podQOS(pod([container('a', undefined, equal)]))).toBe('Burstable');
    expect(podQOS(pod([container('a', { cpu: '500m' }, equal)]))).toBe('Burstable');
    expect(podQOS(pod([container('a', equal, equal)], [container('i', { cpu: '1' })]))).toBe('Burstable');
  });
});

import { describe, expect, it } from 'vitest';
import { componentLabel, formatClock, formatSpeed } from './format';

describe('formatClock', () => {
  it.each([
    [0, '00:00:00.0'],
    [1234, '00:00:01.2'],
    [61_999, '00:01:01.9'],
    [3_600_000 + 5 * 60_000 + 7000, '01:05:07.0'],
    [100 * 3_600_000, '100:00:00.0'],
  ])('%s ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('formatSpeed', () => {
  it.each([
    [0.25, '0.25×'],
    [1, '1×'],
    [100, '100×'],
    ['max', 'Max'],
  ] as const)('%s reads %s', (speed, text) => {
    expect(formatSpeed(speed)).toBe(text);
  });
});

describe('componentLabel', () => {
  it.each([
    ['control-plane/kube-apiserver', 'kube-apiserver'],
    ['node-2/kubelet', 'kubelet (node-2)'],
    ['kubectl', 'kubectl'],
  ])('%s reads %s', (id, text) => {
    expect(componentLabel(id)).toBe(text);
  });
});

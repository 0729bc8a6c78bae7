import { describe, expect, it } from 'vitest';
import { healthLabels } from './node-health';

describe('a node frame’s health labels', () => {
  it.each([
    { health: undefined, labels: [] },
    { health: { ready: 'True', pressure: [], unschedulable: false }, labels: [] },
    {
      health: { ready: 'Unknown', pressure: [], unschedulable: false },
      labels: [{ text: 'NotReady', bad: true }],
    },
    {
      health: { ready: 'False', pressure: [], unschedulable: false },
      labels: [{ text: 'NotReady', bad: true }],
    },
    {
      health: { ready: 'True', pressure: [], unschedulable: true },
      labels: [{ text: 'Ready,SchedulingDisabled', bad: false }],
    },
    {
      health: { ready: 'True', pressure: ['MemoryPressure'], unschedulable: false },
      labels: [{ text: 'MemoryPressure', bad: true }],
    },
  ] as const)('$health.ready', ({ health, labels }) => {
    expect(healthLabels(health)).toEqual(labels);
  });
});

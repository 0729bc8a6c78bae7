import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { journeyHighlight } from './journey-routes';

const AS = 'control-plane/kube-apiserver';
const step = (id: number, from: string, to: string): TraceStep => ({
  id,
  time: 0,
  from,
  to,
  kind: 'request',
  summary: '',
  detail: null,
  causedBy: id === 1 ? null : id - 1,
});
const cardOf = (id: string) => id.replace('/runc', '/container-runtime');

describe('journeyHighlight', () => {
  const journey = [
    step(1, 'kubectl', AS),
    step(2, AS, AS),
    step(3, AS, 'control-plane/etcd'),
    step(4, AS, 'control-plane/etcd'),
    step(5, 'control-plane/etcd', AS),
    step(6, 'node-1/container-runtime', 'node-1/runc'),
  ];

  it('highlights the step’s route and the journey’s earlier routes as of that step', () => {
    const h = journeyHighlight(journey[3]!, journey, cardOf);
    expect(h.current).toEqual({ from: AS, to: 'control-plane/etcd', count: 2 });
    expect(h.earlier).toEqual([{ from: 'kubectl', to: AS, count: 1 }]);
    expect([...h.cards].sort()).toEqual(['control-plane/etcd', AS, 'kubectl'].sort());
  });

  it('maps endpoints to their cards', () => {
    const h = journeyHighlight(journey[5]!, journey, cardOf);
    expect(h.current).toEqual({ from: 'node-1/container-runtime', to: 'node-1/container-runtime', count: 1 });
    expect(h.cards.has('node-1/container-runtime')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { DEFAULT_FILTERS } from './filters';
import { TraceLog } from './log';
import { journeyRows, stepRows } from './rows';

let nextId = 1;
const step = (over: Partial<TraceStep> = {}): TraceStep => ({
  id: nextId++,
  time: 1000,
  from: 'kubectl',
  to: 'control-plane/kube-apiserver',
  kind: 'request',
  summary: 'GET /api',
  detail: null,
  causedBy: null,
  ...over,
});
const cardOf = (id: string) => id;

function cluster() {
  nextId = 1;
  const log = new TraceLog();
  log.beginCommand('cmd:1', 'kubectl create deployment web --image=nginx');
  log.append([
    step({ summary: 'GET /api' }),
    step({ summary: 'GET /apis' }),
    step({ summary: 'POST /apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create' }),
    step({
      kind: 'storage',
      from: 'control-plane/kube-apiserver',
      to: 'control-plane/etcd',
      causedBy: 3,
      summary: 'PUT /registry/deployments/default/web (rev 9)',
      detail: { txn: 'create' },
    }),
  ]);
  log.endCommand('cmd:1');
  log.append([
    step({
      from: 'node-1/kubelet',
      summary: 'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
    }),
    step({
      from: 'control-plane/kube-controller-manager',
      summary: 'POST /apis/apps/v1/namespaces/kube-system/replicasets?fieldManager=kube-controller-manager',
    }),
    step({
      kind: 'storage',
      from: 'control-plane/kube-apiserver',
      to: 'control-plane/etcd',
      causedBy: 6,
      summary: 'PUT /registry/replicasets/kube-system/coredns-1 (rev 10)',
      detail: { txn: 'create' },
    }),
  ]);
  return log;
}

describe('journeyRows', () => {
  it('lists journeys newest first, titled by their command or their first request, without periodic ones', () => {
    const { rows, more } = journeyRows(cluster(), DEFAULT_FILTERS, cardOf, new Set(['cmd:1']));
    expect(more).toBe(false);
    expect(rows.map((r) => [r.title, r.requests, r.count, r.shown?.length ?? null])).toEqual([
      ['kube-controller-manager: create ReplicaSet kube-system/coredns-1', '', 2, null],
      [
        '$ kubectl create deployment web --image=nginx',
        'POST /apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create',
        4,
        4,
      ],
    ]);
    const searched = journeyRows(cluster(), { ...DEFAULT_FILTERS, search: 'registry' }, cardOf);
    expect(searched.rows.map((r) => r.count)).toEqual([1, 1]);
  });

  it('shows periodic journeys when asked, and stops at the limit', () => {
    const { rows, more } = journeyRows(
      cluster(),
      { ...DEFAULT_FILTERS, hidePeriodic: false },
      cardOf,
      new Set(),
      2,
    );
    expect(more).toBe(true);
    expect(rows[1]?.title).toBe('kubelet (node-1): update Lease kube-node-lease/node-1');
  });
});

describe('stepRows', () => {
  it('lists the newest steps the filters show', () => {
    const log = cluster();
    const { rows, more } = stepRows(log, (s) => s.kind === 'storage', 1);
    expect(rows.map((s) => s.id)).toEqual([7]);
    expect(more).toBe(true);
  });
});

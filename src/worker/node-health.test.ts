import { describe, expect, it } from 'vitest';
import { ApiClient } from '../sim/client/rest';
import { createCluster } from '../sim/cluster';
import type { TraceStep } from '../sim/kernel/trace';
import { NodeHealthTracker } from './node-health';

describe('NodeHealthTracker', () => {
  it('follows the Nodes: Ready, cordoned, NotReady when a kubelet stops; silent otherwise', () => {
    const cluster = createCluster({ seed: 1, workerNodes: 2 });
    const steps: TraceStep[] = [];
    cluster.kernel.trace.subscribe((s) => steps.push(s));
    const tracker = new NodeHealthTracker();
    const frame = (ms: number) => {
      steps.length = 0;
      cluster.kernel.runUntil(cluster.kernel.clock.now() + ms);
      return tracker.update(cluster, steps);
    };
    const ready = { ready: 'True', pressure: [], unschedulable: false };
    expect(frame(60_000)).toEqual({ 'control-plane': ready, 'node-1': ready, 'node-2': ready });
    // Nothing wrote a Node since: nothing to send (and nothing read).
    expect(tracker.update(cluster, [])).toBeNull();

    new ApiClient(cluster.apiserver, 'kubectl', 'kubectl').request('PATCH', '/api/v1/nodes/node-1', {
      body: { spec: { unschedulable: true } },
      contentType: 'application/merge-patch+json',
    });
    expect(frame(1_000)?.['node-1']).toEqual({ ...ready, unschedulable: true });
    cluster.nodes.get('node-2')?.process.setRunning(false, null);
    expect(frame(60_000)?.['node-2']).toEqual({ ready: 'Unknown', pressure: [], unschedulable: false });
  });
});

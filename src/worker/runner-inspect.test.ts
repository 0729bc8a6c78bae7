import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../sim/kernel/trace';
import type { InspectionView } from './inspect';
import type { Command, HostEvent } from './protocol';
import { SimulationRunner } from './runner';

/** A new task: lets the in-page kubectl's promise continuations run, as a page's task does. */
const task = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs the same lab session: a cluster with seed 5, a Deployment created from the terminal,
 * 60 frames at 10x; `inspect` are commands sent along the way (after the reset, and again
 * after the deployment is created). Returns every event the runner sent.
 */
async function session(inspect: readonly Command[]): Promise<HostEvent[]> {
  let realNow = 0;
  let frames: (() => void)[] = [];
  const events: HostEvent[] = [];
  const runner = new SimulationRunner({
    now: () => (realNow += 0.001),
    requestFrame: (cb) => frames.push(cb),
    emit: (e) => events.push(e),
  });
  const frame = async () => {
    realNow += 100;
    const due = frames;
    frames = [];
    for (const cb of due) cb();
    await task();
  };
  runner.handle({ type: 'reset', options: { seed: 5, workerNodes: 2 } });
  for (const command of inspect) runner.handle(command);
  runner.handle({ type: 'setSpeed', speed: 10 });
  runner.handle({ type: 'play' });
  for (let i = 0; i < 20; i++) await frame();
  runner.handle({ type: 'exec', id: 1, line: 'kubectl create deployment web --image=nginx --replicas=2' });
  for (const command of inspect) runner.handle(command);
  for (let i = 0; i < 40; i++) await frame();
  return events;
}

const steps = (events: readonly HostEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'batch' ? e.steps.map((s: TraceStep) => JSON.stringify(s)) : []));

const views = (events: readonly HostEvent[], id: number): InspectionView[] =>
  events.flatMap((e) => (e.type === 'inspection' && e.id === id ? [e.view] : []));

describe('inspections', () => {
  it('only observe: with every kind of inspection open, the trace is the same, step for step', async () => {
    const inspect: Command[] = [
      { type: 'inspect', id: 1, target: { kind: 'etcd', key: '/registry/deployments/default/web' } },
      {
        type: 'inspect',
        id: 2,
        target: { kind: 'object', resource: 'deployments.apps', namespace: 'default', name: 'web' },
      },
      { type: 'inspect', id: 3, target: { kind: 'objects', resource: 'pods', namespace: 'default' } },
      { type: 'inspect', id: 4, target: { kind: 'node', name: 'node-1' } },
      { type: 'inspect', id: 5, target: { kind: 'scheduler' } },
    ];
    const plain = await session([]);
    const watched = await session(inspect);
    expect(steps(plain).length).toBeGreaterThan(100);
    expect(steps(watched)).toEqual(steps(plain));
    expect(steps(plain).some((s) => s.includes('PUT /registry/pods/default/web-'))).toBe(true);

    // The views went out, and followed the cluster: the Deployment appeared, then its pods.
    const object = views(watched, 2);
    expect(object[0]).toEqual({ kind: 'missing', message: 'deployments.apps "web" not found' });
    expect(object.at(-1)).toMatchObject({ kind: 'object', objectKind: 'Deployment', name: 'web' });
    const picker = views(watched, 3).at(-1);
    expect(picker?.kind === 'objects' && picker.names.filter((n) => n.startsWith('web-'))).toHaveLength(2);
    const etcd = views(watched, 1);
    expect(etcd.length).toBeGreaterThan(2);
    expect(etcd.at(-1)).toMatchObject({ kind: 'etcd', key: { key: '/registry/deployments/default/web' } });
    expect(views(watched, 4).at(-1)).toMatchObject({ kind: 'node', name: 'node-1' });
    expect(views(watched, 5).at(-1)).toMatchObject({ kind: 'scheduler', running: true });
  }, 60_000);

  it('sends a view only when it changed, and nothing once closed', async () => {
    let frames: (() => void)[] = [];
    const events: HostEvent[] = [];
    const runner = new SimulationRunner({
      now: () => 0,
      requestFrame: (cb) => frames.push(cb),
      emit: (e) => events.push(e),
    });
    const frame = () => {
      const due = frames;
      frames = [];
      for (const cb of due) cb();
    };
    runner.handle({ type: 'inspect', id: 7, target: { kind: 'etcd', key: null } });
    runner.handle({ type: 'reset', options: { seed: 1, workerNodes: 1 } });
    frame();
    expect(views(events, 7)).toHaveLength(1);
    runner.handle({ type: 'setSpeed', speed: 1 });
    frame();
    expect(views(events, 7)).toHaveLength(1);
    // Run events until the store changes: the next frame sends the view again, once.
    const revision = (view: InspectionView | undefined) => (view?.kind === 'etcd' ? view.revision : -1);
    const first = revision(views(events, 7)[0]);
    for (let i = 0; i < 100 && revision(views(events, 7).at(-1)) === first; i++) {
      runner.handle({ type: 'step' });
      frame();
    }
    expect(views(events, 7)).toHaveLength(2);
    expect(revision(views(events, 7)[1])).toBeGreaterThan(first);
    runner.handle({ type: 'uninspect', id: 7 });
    const sent = views(events, 7).length;
    for (let i = 0; i < 20; i++) runner.handle({ type: 'step', until: 'trace' });
    frame();
    expect(views(events, 7)).toHaveLength(sent);
  });
});

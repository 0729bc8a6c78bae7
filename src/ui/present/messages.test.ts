import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../sim/topology';
import { parsePresentMessage, presentChannelName, type Narration } from './messages';
import { MAX_RELAYED_STEPS } from './relayed-events';

const narration: Narration = {
  lessonTitle: 'Journey',
  stepTitle: 'kubectl',
  step: 1,
  steps: 4,
  say: 'kubectl sends **one** request.',
  stepId: 42,
};
const clock = { time: 0, playing: false, speed: 1, pending: 3, next: 'kubelet sync' } as const;
const step = {
  id: 7,
  time: 1500,
  from: 'kubectl',
  to: 'control-plane/kube-apiserver',
  kind: 'request',
  summary: 'POST /apis/apps/v1/namespaces/default/deployments',
  detail: { body: { kind: 'Deployment', spec: { replicas: 1 } }, headers: ['a', 'b'] },
  causedBy: null,
} as const;
const options = {
  seed: 1,
  workerNodes: 2,
  epoch: 0,
  cni: 'kindnet',
  kubeProxyMode: 'iptables',
  ingressController: 'none',
  containerRuntime: 'containerd',
};
const init = { type: 'init', id: 3, options, topology: buildTopology(2), clock };
const event = (e: unknown) => ({ v: 1, kind: 'event', event: e });

describe('presentChannelName', () => {
  it('names one channel per lesson', () => {
    expect(presentChannelName('02-apply-journey')).toBe('kubelab-present:02-apply-journey');
    expect(presentChannelName(null)).toBe('kubelab-present:lab');
  });
});

describe('parsePresentMessage', () => {
  it.each([
    ['a hello', { v: 1, kind: 'hello', from: 'window-1' }],
    ['a narration', { v: 1, kind: 'narration', narration }],
    ['a narration for one window', { v: 1, kind: 'narration', narration, to: 'window-1' }],
    [
      'a narration between cues',
      { v: 1, kind: 'narration', narration: { ...narration, say: null, stepId: null } },
    ],
    ['an init', event(init)],
    [
      'a batch',
      event({ type: 'batch', clock, steps: [step, { ...step, id: 8, causedBy: 7, detail: null }] }),
    ],
    [
      'node health',
      event({ type: 'nodes', health: { 'node-1': { ready: 'True', pressure: [], unschedulable: false } } }),
    ],
    ['a rewind', event({ type: 'rewound', clock, lastStep: 12 })],
    ['task checks', event({ type: 'checks', tasks: [{ id: 'apply', done: true, why: 'ok' }] })],
    ['an error', event({ type: 'error', message: 'the simulation failed' })],
  ])('accepts %s', (_name, message) => {
    expect(parsePresentMessage(message)).toEqual(message);
  });

  it('keeps only the fields it checked', () => {
    const parsed = parsePresentMessage(
      event({ type: 'checks', tasks: [{ id: 'a', done: false, why: '', html: '<img>' }], extra: 1 }),
    );
    expect(parsed).toEqual(event({ type: 'checks', tasks: [{ id: 'a', done: false, why: '' }] }));
    const extra = { ...init, options: { ...options, tokens: {} }, topology: { ...init.topology, more: 1 } };
    expect(parsePresentMessage(event(extra))).toEqual(event(init));
    const n = parsePresentMessage({ v: 1, kind: 'narration', narration: { ...narration, evil: true } });
    expect(n).toEqual({ v: 1, kind: 'narration', narration });
  });

  it.each([
    ['not an object', 'hello'],
    ['another version', { v: 2, kind: 'hello', from: 'w' }],
    ['an unknown kind', { v: 1, kind: 'takeover' }],
    ['a hello without an id', { v: 1, kind: 'hello' }],
    ['an address that is no id', { v: 1, kind: 'narration', narration, to: 5 }],
    ['a narration without titles', { v: 1, kind: 'narration', narration: { ...narration, lessonTitle: 3 } }],
    ['a huge narration', { v: 1, kind: 'narration', narration: { ...narration, say: 'x'.repeat(5_001) } }],
    ['a bad step id', { v: 1, kind: 'narration', narration: { ...narration, stepId: -1 } }],
    ['an event the audience does not use', event({ type: 'output', id: 1, stream: 'stdout', text: 'x' })],
    ['an event without a type', event({})],
    ['an init without a topology', event({ ...init, topology: {} })],
    [
      'an init with a component of no known kind',
      event({
        ...init,
        topology: { ...init.topology, components: [{ id: 'x', kind: 'evil', machine: null }] },
      }),
    ],
    ['an init with bad options', event({ ...init, options: { ...options, seed: 'one' } })],
    ['an init with a bad clock', event({ ...init, clock: { ...clock, speed: 'fast' } })],
    [
      'a batch with a step of no known kind',
      event({ type: 'batch', clock, steps: [{ ...step, kind: 'magic' }] }),
    ],
    [
      'a batch with a step without an id',
      event({ type: 'batch', clock, steps: [{ ...step, id: undefined }] }),
    ],
    [
      'a batch with a detail that is no JSON',
      event({ type: 'batch', clock, steps: [{ ...step, detail: { at: new Date() } }] }),
    ],
    ['a batch with a negative time', event({ type: 'batch', clock: { ...clock, time: -1 }, steps: [] })],
    ['a batch too large', event({ type: 'batch', clock, steps: Array(MAX_RELAYED_STEPS + 1).fill(step) })],
    [
      'node health with a bad condition',
      event({ type: 'nodes', health: { n: { ready: 'Yes', pressure: [], unschedulable: false } } }),
    ],
    ['a rewind to no step', event({ type: 'rewound', clock, lastStep: 'x' })],
    ['checks that are not a list', event({ type: 'checks', tasks: {} })],
    ['an error without a message', event({ type: 'error' })],
  ])('ignores %s', (_name, message) => {
    expect(parsePresentMessage(message)).toBeNull();
  });
});

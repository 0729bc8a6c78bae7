import { describe, expect, it } from 'vitest';
import { testClient, type TestClient } from './testing';

const CLASSES = '/apis/scheduling.k8s.io/v1/priorityclasses';
const PODS = '/api/v1/namespaces/default/pods';

function priorityClass(name: string, value: number, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra };
}

function pod(name: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }], ...spec },
  };
}

/** The priority fields of a created pod, or the refusal's status and message. */
function create(t: TestClient, spec: Record<string, unknown>) {
  const r = t.call('POST', PODS, pod('p', spec));
  if (r.status !== 201) return { status: r.status, message: r.body.message };
  const { priority, priorityClassName, preemptionPolicy } = r.body.spec;
  return { priority, priorityClassName, preemptionPolicy };
}

describe('Priority admission', () => {
  it('bootstraps the two system classes with their values and descriptions', () => {
    const t = testClient();
    const items = t.call('GET', CLASSES).body.items;
    expect(
      items.map((pc: Record<string, unknown>) => [
        (pc.metadata as { name: string }).name,
        pc.value,
        pc.globalDefault,
        pc.preemptionPolicy,
        pc.description,
      ]),
    ).toEqual([
      [
        'system-cluster-critical',
        2000000000,
        undefined,
        'PreemptLowerPriority',
        'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
      ],
      [
        'system-node-critical',
        2000001000,
        undefined,
        'PreemptLowerPriority',
        'Used for system critical pods that must not be moved from their current node.',
      ],
    ]);
  });

  it.each([
    {
      name: 'no class and no default: priority 0, PreemptLowerPriority',
      classes: [],
      spec: {},
      want: { priority: 0, priorityClassName: undefined, preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'a named class gives its value and policy',
      classes: [priorityClass('high', 1000, { preemptionPolicy: 'Never' })],
      spec: { priorityClassName: 'high' },
      want: { priority: 1000, priorityClassName: 'high', preemptionPolicy: 'Never' },
    },
    {
      name: 'a system class resolves in any namespace',
      classes: [],
      spec: { priorityClassName: 'system-node-critical' },
      want: {
        priority: 2000001000,
        priorityClassName: 'system-node-critical',
        preemptionPolicy: 'PreemptLowerPriority',
      },
    },
    {
      name: 'no name: the global default class, named on the pod',
      classes: [priorityClass('batch', -5, { globalDefault: true })],
      spec: {},
      want: { priority: -5, priorityClassName: 'batch', preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'the priority may be given when it matches',
      classes: [priorityClass('high', 1000)],
      spec: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' },
      want: { priority: 1000, priorityClassName: 'high', preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'an unknown class is forbidden',
      classes: [],
      spec: { priorityClassName: 'missing' },
      want: { status: 403, message: 'pods "p" is forbidden: no PriorityClass with name missing was found' },
    },
    {
      name: 'a priority that disagrees with the class is forbidden',
      classes: [],
      spec: { priority: 7 },
      want: {
        status: 403,
        message:
          'pods "p" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
      },
    },
    {
      name: 'a preemptionPolicy that disagrees with the class is forbidden',
      classes: [priorityClass('high', 1000)],
      spec: { priorityClassName: 'high', preemptionPolicy: 'Never' },
      want: {
        status: 403,
        message:
          'pods "p" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
      },
    },
  ])('$name', ({ classes, spec, want }) => {
    const t = testClient();
    for (const pc of classes) expect(t.call('POST', CLASSES, pc).status).toBe(201);
    expect(create(t, spec)).toEqual(want);
  });

  it('keeps the priority on a PUT that leaves it out', () => {
    const t = testClient();
    expect(t.call('POST', CLASSES, priorityClass('high', 1000)).status).toBe(201);
    const created = t.call('POST', PODS, pod('p', { priorityClassName: 'high' })).body;
    const { priority: _dropped, ...spec } = created.spec;
    const replaced = t.call('PUT', `${PODS}/p`, {
      ...created,
      metadata: { ...created.metadata, labels: { a: 'b' } },
      spec,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.spec.priority).toBe(1000);
  });

  it('allows only one global default class', () => {
    const t = testClient();
    expect(t.call('POST', CLASSES, priorityClass('first', 10, { globalDefault: true })).status).toBe(201);
    const second = t.call('POST', CLASSES, priorityClass('second', 20, { globalDefault: true }));
    expect([second.status, second.body.message]).toEqual([
      403,
      'priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist',
    ]);
    expect(t.call('POST', CLASSES, priorityClass('second', 20)).status).toBe(201);
    const marked = t.call(
      'PATCH',
      `${CLASSES}/second`,
      { globalDefault: true },
      {
        'content-type': 'application/merge-patch+json',
      },
    );
    expect(marked.status).toBe(403);
    // The default class itself may be updated.
    const described = t.call(
      'PATCH',
      `${CLASSES}/first`,
      { description: 'the default' },
      {
        'content-type': 'application/merge-patch+json',
      },
    );
    expect(described.status).toBe(200);
  });

  it('refuses user classes above 1000000000 and unknown system- names (validation)', () => {
    const t = testClient();
    const high = t.call('POST', CLASSES, priorityClass('too-high', 1000000001));
    expect([high.status, high.body.message]).toEqual([
      422,
      'PriorityClass.scheduling.k8s.io "too-high" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    ]);
    const reserved = t.call('POST', CLASSES, priorityClass('system-mine', 5));
    expect(reserved.status).toBe(422);
  });
});

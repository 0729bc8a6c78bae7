import { describe, expect, it } from 'vitest';
import type { Pod } from './framework/types';
import { CLEAR_NOMINATED_NODE, Nominator } from './nominator';
import { makePod } from './testing';

const nominated = (name: string, node: string, o: Parameters<typeof makePod>[1] = {}): Pod => {
  const p = makePod(name, o);
  return { ...p, status: { ...p.status, nominatedNodeName: node } };
};

/** A nominator whose informer knows `pods` (by name, in namespace default). */
function setup(pods: readonly Pod[]) {
  const known = new Map(pods.map((p) => [p.metadata?.name ?? '', p]));
  const nominator = new Nominator((_ns, name) => known.get(name));
  const names = (node: string) => nominator.podsForNode(node).map((p) => p.metadata?.name);
  return { nominator, names };
}

describe('Nominator', () => {
  it.each([
    {
      name: 'the nominated node in the pod status',
      pod: nominated('p', 'n1'),
      info: undefined,
      want: ['n1'],
    },
    { name: 'no nominated node: nothing', pod: makePod('p'), info: undefined, want: [] },
    {
      name: 'override: the node given, whatever the status says',
      pod: nominated('p', 'n1'),
      info: { mode: 'override' as const, nodeName: 'n2' },
      want: ['n2'],
    },
    { name: 'override with "": cleared', pod: nominated('p', 'n1'), info: CLEAR_NOMINATED_NODE, want: [] },
    {
      name: 'a pod already bound is not nominated',
      pod: nominated('p', 'n1', { nodeName: 'n1' }),
      info: undefined,
      want: [],
    },
  ])('add: $name', ({ pod, info, want }) => {
    const { nominator, names } = setup([pod]);
    nominator.add(pod, info);
    expect(['n1', 'n2'].filter((n) => names(n).includes('p'))).toEqual(want);
  });

  it('does not nominate a pod the informer no longer has', () => {
    const { nominator, names } = setup([]);
    nominator.add(nominated('gone', 'n1'), undefined);
    expect(names('n1')).toEqual([]);
  });

  it('keeps pods per node in nomination order, each pod once', () => {
    const pods = [nominated('a', 'n1'), nominated('b', 'n1'), nominated('c', 'n2')];
    const { nominator, names } = setup(pods);
    for (const p of pods) nominator.add(p, undefined);
    nominator.add(pods[0] as Pod, undefined);
    expect([names('n1'), names('n2')]).toEqual([['b', 'a'], ['c']]);
    nominator.delete(pods[1] as Pod);
    expect(names('n1')).toEqual(['a']);
  });

  it('update keeps an in-memory nomination the status has not caught up with', () => {
    const pod = makePod('p');
    const { nominator, names } = setup([pod]);
    nominator.add(pod, { mode: 'override', nodeName: 'n1' });
    // An unrelated update that still has no nominatedNodeName in its status.
    const relabeled = { ...pod, metadata: { ...pod.metadata, labels: { a: 'b' } } };
    nominator.update(pod, relabeled);
    expect(names('n1')).toEqual(['p']);
    expect(nominator.podsForNode('n1')[0]?.metadata?.labels).toEqual({ a: 'b' });
    // The status then names another node: that wins.
    nominator.update(relabeled, nominated('p', 'n2'));
    expect([names('n1'), names('n2')]).toEqual([[], ['p']]);
    // And clearing it in the status clears the nomination.
    nominator.update(nominated('p', 'n2'), pod);
    expect(names('n2')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { makeNode, makePod, nodeInfos, runFilter } from '../../testing';
import { nodeNamePlugin } from '.';

describe('NodeName Filter', () => {
  it.each([
    { name: 'no node name', nodeName: undefined, want: ['', ''] },
    {
      name: 'names node b',
      nodeName: 'b',
      want: ["UnschedulableAndUnresolvable: node(s) didn't match the requested node name", ''],
    },
  ])('$name', ({ nodeName, want }) => {
    const pod = makePod('p', { spec: nodeName === undefined ? {} : { nodeName } });
    expect(runFilter(nodeNamePlugin(), pod, nodeInfos([makeNode('a'), makeNode('b')]))).toEqual(want);
  });
});

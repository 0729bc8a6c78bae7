import { describe, expect, it } from 'vitest';
import {
  boolPtr,
  containerCells,
  formatLabelSelector,
  formatLabels,
  intOrString,
  listWithMore,
  selectorString,
} from './format';

describe('formatLabels', () => {
  it('sorts keys and prints <none> for no labels', () => {
    expect(formatLabels({ tier: 'web', app: 'shop' })).toBe('app=shop,tier=web');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('label selectors', () => {
  it.each([
    [undefined, '', '<none>'],
    [{}, '', '<none>'],
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2', 'a=1,b=2'],
    [
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'back'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'canary', operator: 'Exists' },
        ],
      },
      'app=web,canary,env notin (dev),!legacy,tier in (back,front)',
      'app=web,canary,env notin (dev),!legacy,tier in (back,front)',
    ],
    [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, undefined, '<error>'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, undefined, '<error>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, undefined, '<error>'],
  ])('%j', (selector, plain, formatted) => {
    expect(selectorString(selector)).toBe(plain);
    expect(formatLabelSelector(selector)).toBe(formatted);
  });
});

describe('small formatters', () => {
  it('lays out containers and images', () => {
    expect(
      containerCells([
        { name: 'app', image: 'nginx:1.27' },
        { name: 'log', image: 'busybox' },
      ]),
    ).toEqual(['app,log', 'nginx:1.27,busybox']);
    expect(containerCells(undefined)).toEqual(['', '']);
  });

  it('prints IntOrString, optional booleans and capped lists', () => {
    expect(intOrString(2)).toBe('2');
    expect(intOrString('50%')).toBe('50%');
    expect(boolPtr(true)).toBe('True');
    expect(boolPtr(false)).toBe('False');
    expect(boolPtr(undefined)).toBe('<unset>');
    expect(listWithMore([])).toBe('<unset>');
    expect(listWithMore(['a', 'b', 'c'])).toBe('a,b,c');
    expect(listWithMore(['a', 'b', 'c', 'd', 'e'])).toBe('a,b,c + 2 more...');
  });
});

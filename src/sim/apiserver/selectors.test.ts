import { describe, expect, it } from 'vitest';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError } from './status';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', version: '3' };
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=db', false],
    ['tier in (front,back)', true],
    ['tier in (back)', false],
    ['tier notin (back)', true],
    ['canary notin (true)', true],
    ['app', true],
    ['!app', false],
    ['!canary', true],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['version>2', true],
    ['version<3', false],
    ['app=web, tier in (front) , !canary', true],
    ['example.com/team=x', false],
  ])('%j matches: %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each(['app=', 'app=web,'])('accepts %j', (selector) => {
    expect(() => parseLabelSelector(selector)).not.toThrow();
  });

  it.each(['app in web', 'app in (web', '=web', 'app=web tier=front', 'app=a b', 'app=_bad'])(
    'rejects %j with 400',
    (selector) => {
      try {
        parseLabelSelector(selector);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError);
        expect((e as ApiError).code).toBe(400);
        expect((e as ApiError).message).toMatch(/^unable to parse requirement/);
      }
    },
  );
});

describe('field selectors', () => {
  const fields = { 'metadata.name': 'web-1', 'spec.nodeName': 'node-1', 'status.phase': 'Running' };
  it.each([
    ['', true],
    ['metadata.name=web-1', true],
    ['spec.nodeName==node-1,status.phase!=Pending', true],
    ['spec.nodeName=node-2', false],
    ['spec.nodeName!=node-1', false],
  ])('%j matches: %s', (selector, expected) => {
    expect(matchesFields(parseFieldSelector(selector), fields)).toBe(expected);
  });

  it('unescapes values', () => {
    expect(parseFieldSelector('metadata.name=a\\,b')).toEqual([
      { field: 'metadata.name', op: '=', value: 'a,b' },
    ]);
  });

  it('rejects a term without an operator', () => {
    expect(() => parseFieldSelector('spec.nodeName')).toThrow(/invalid selector/);
  });
});

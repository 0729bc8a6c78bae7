import { describe, expect, it } from 'vitest';
import { parseCheck, parseCondition, parseCount } from './checks';

describe('parseCheck', () => {
  it.each([
    [{ object: 'deployments/web' }],
    [
      {
        object: 'pods/x',
        namespace: 'demo',
        where: ['{.status.phase} == Running'],
        node: ['{.metadata.labels.disk}'],
      },
    ],
    [{ objects: 'pods', selector: 'app=web', count: '>= 3' }],
    [{ objects: 'pods', count: 2 }],
    [{ trace: { from: 'scheduler', kind: 'decision', summary: 'NodeResourcesFit' } }],
    [{ all: [{ object: 'a/b' }, { not: { trace: { to: 'kubelet' } } }] }],
  ])('accepts %j', (value) => {
    expect(parseCheck(value)).toEqual(value);
  });

  it.each([
    [null, ': must be a mapping'],
    [{}, ': needs one of object, objects, trace, all, any or not'],
    [{ object: 'web' }, '.object: must be <resource>/<name>'],
    [{ objects: 'pods/web' }, '.objects: must be a resource'],
    [{ object: 'a/b', colour: 'red' }, '.colour: not a field of a object check'],
    [{ object: 'a/b', where: '{.x}' }, '.where: must be a list of conditions'],
    [{ object: 'a/b', where: ['.x == 1'] }, '.where[0]: ".x == 1" must be a JSONPath template'],
    [{ object: 'a/b', where: ['{.x} =='] }, '.where[0]: "{.x} ==" has no value after =='],
    [{ object: 'a/b', where: ['{.x} =~ ('] }, '.where[0]: Invalid regular expression'],
    [{ object: 'a/b', exists: 'no' }, '.exists: must be true or false'],
    [{ objects: 'pods', count: 'lots' }, '.count: count "lots" must be a number'],
    [{ trace: { from: '(' } }, '.trace.from: Invalid regular expression'],
    [
      { trace: { kind: 'magic' } },
      '.trace.kind: must be one of request, response, watch, storage, decision, runtime',
    ],
    [{ trace: { when: 'now' } }, '.trace.when: unknown field'],
    [{ trace: { where: ['nope'] } }, '.trace.where[0]: "nope" must be a JSONPath template'],
    [{ all: [] }, '.all: must be a list of checks'],
    [{ any: [{ object: 'a/b' }, { object: 'b' }] }, '.any[1].object: must be <resource>/<name>'],
    [{ not: {} }, '.not: needs one of'],
  ])('refuses %j with an error naming the field', (value, error) => {
    const parsed = parseCheck(value);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toContain(error);
  });
});

describe('parseCondition and parseCount', () => {
  it.each([
    ['{.a}', { path: '{.a}', op: null, value: '' }],
    ['{.a} == b c', { path: '{.a}', op: '==', value: 'b c' }],
    ['!{.a.b}', { path: '{.a.b}', op: '!', value: '' }],
    ['{.a.b} >= 3', { path: '{.a.b}', op: '>=', value: '3' }],
    ["{.a} =~ '^x'", { path: '{.a}', op: '=~', value: "'^x'" }],
  ])('%s', (text, condition) => {
    expect(parseCondition(text)).toEqual(condition);
  });
  it.each([
    ['3', { op: '==', value: 3 }],
    ['>= 1', { op: '>=', value: 1 }],
    ['!=0', { op: '!=', value: 0 }],
  ])('count %s', (text, count) => {
    expect(parseCount(text)).toEqual(count);
  });
});

import { describe, expect, it } from 'vitest';
import { checkAgainstSchema } from './index';
import { SCHEMAS } from './testing';

/** The strategic-merge-patch converter, checking a patched Deployment. */
const check = (body: unknown) =>
  checkAgainstSchema(body, SCHEMAS, 'io.k8s.api.apps.v1.Deployment', 'unstructured');
const pod = (container: Record<string, unknown>) => ({
  spec: { template: { spec: { containers: [container] } } },
});

describe('checkAgainstSchema, unstructured converter', () => {
  const cases: [string, unknown, string][] = [
    ['string into int32', { spec: { replicas: '3' } }, 'unrecognized type: int32'],
    ['1.5 into int32', { spec: { replicas: 1.5 } }, 'cannot convert float64 to int32'],
    ['an integer into a string', pod({ image: 5 }), 'cannot convert int64 to string'],
    ['an integer into a named string', pod({ imagePullPolicy: 5 }), 'cannot convert int64 to v1.PullPolicy'],
    ['a float into a string', pod({ image: 0.5 }), 'unrecognized type: string'],
    ['string into bool', { spec: { paused: 'yes' } }, 'unrecognized type: bool'],
    [
      'map into a list',
      { spec: { template: { spec: { containers: {} } } } },
      'cannot restore slice from map',
    ],
    ['string into a struct', { spec: { template: 'x' } }, 'cannot restore struct from: string'],
    ['string into a map', { metadata: { labels: 'x' } }, 'cannot restore map from string'],
    [
      'bool into an IntOrString (no field context)',
      { spec: { strategy: { rollingUpdate: { maxSurge: true } } } },
      'json: cannot unmarshal bool into Go value of type int32',
    ],
    [
      'number into a Time (no field context)',
      { metadata: { creationTimestamp: 1 } },
      'json: cannot unmarshal number into Go value of type string',
    ],
  ];
  it.each(cases)('%s', (_name, body, expected) => {
    expect(check(body).typeErrors).toEqual([expected]);
  });

  it('stops at the first error', () => {
    expect(check({ spec: { replicas: '3', paused: 'yes' } }).typeErrors).toEqual([
      'unrecognized type: int32',
    ]);
  });

  it('accepts integral floats and silently wraps overflowing ints, as the converter does', () => {
    expect(check({ spec: { replicas: 3000000000 } }).typeErrors).toEqual([]);
  });

  it('sorts unknown fields', () => {
    const body = {
      spec: { zeta: 1, template: { spec: { containers: [{ alpha: 1 }] } } },
      metadata: { beta: 1 },
    };
    expect(check(body).unknownFields).toEqual([
      'unknown field "metadata.beta"',
      'unknown field "spec.template.spec.containers[0].alpha"',
      'unknown field "spec.zeta"',
    ]);
  });

  it('wraps base64 errors as the converter does', () => {
    const r = checkAgainstSchema(
      { data: { a: 'hello' } },
      SCHEMAS,
      'io.k8s.api.core.v1.Secret',
      'unstructured',
    );
    expect(r.typeErrors).toEqual(['error decoding from json: illegal base64 data at input byte 4']);
  });
});

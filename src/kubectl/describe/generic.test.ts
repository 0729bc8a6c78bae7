import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import { describeGeneric, smartLabel } from './generic';
import type { DescribeContext } from './index';

const ctx: DescribeContext = { now: 0, list: async () => [], get: async () => null };

describe('smartLabel', () => {
  it('splits camelCase, capitalizes, and keeps acronyms upper case', () => {
    expect(smartLabel('apiVersion')).toBe('API Version');
    expect(smartLabel('holderIdentity')).toBe('Holder Identity');
    expect(smartLabel('uid')).toBe('UID');
    expect(smartLabel('PDFLoader')).toBe('PDF Loader');
    expect(smartLabel('dash-case')).toBe('Dash - Case');
  });

  it('leaves names with digits or other characters alone', () => {
    expect(smartLabel('ipv4Address')).toBe('ipv4Address');
    expect(smartLabel('under_score')).toBe('under_score');
  });
});

describe('describeGeneric', () => {
  it('outlines every field but the metadata it already printed, then events', async () => {
    const obj: KubeObject = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: {
        name: 'w',
        namespace: 'default',
        labels: { app: 'w' },
        managedFields: [{ manager: 'kubectl' }],
        uid: 'u-1',
      },
      spec: {
        replicas: 3,
        ratio: 0.25,
        tiny: 0.00001,
        enabled: true,
        nothing: null,
        ports: [{ name: 'http', port: 80 }, 8080, ['a', 'b']],
      },
    };
    expect((await describeGeneric(obj, ctx)).split('\n')).toEqual([
      'Name:         w',
      'Namespace:    default',
      'Labels:       app=w',
      'Annotations:  <none>',
      'API Version:  example.com/v1',
      'Kind:         Widget',
      'Metadata:',
      '  UID:  u-1',
      'Spec:',
      '  Enabled:  true',
      '  Nothing:  <nil>',
      '  Ports:',
      '    Name:  http',
      '    Port:  80',
      '    8080',
      '    [a b]',
      '  Ratio:     0.25',
      '  Replicas:  3',
      '  Tiny:      1e-05',
      'Events:      <none>',
      '',
    ]);
  });
});

import { describe as suite, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import { describe, type DescribeContext } from './index';

const ctx: DescribeContext = { now: 0, list: async () => [], get: async () => null, showEvents: false };

suite('describe', () => {
  it('picks the describer by group and kind', async () => {
    const meta = { name: 'x', namespace: 'ns' };
    const core = await describe({ apiVersion: 'v1', kind: 'Deployment', metadata: meta }, ctx);
    expect(core).toContain('Kind:         Deployment\n');
    const apps = await describe({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: {} }, ctx);
    expect(apps).toContain('StrategyType:');
  });

  it('describes a kind it has no describer for generically', async () => {
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'PodTemplate',
      metadata: { name: 't', namespace: 'ns' },
    };
    expect(await describe(obj, ctx)).toBe(
      'Name:         t\nNamespace:    ns\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  v1\nKind:         PodTemplate\nMetadata:\n',
    );
  });

  it('leaves the Events section out when events are not wanted', async () => {
    const obj: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'ns' },
      type: 'Opaque',
    };
    expect(await describe(obj, ctx)).toBe(
      'Name:         s\nNamespace:    ns\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\n',
    );
  });
});

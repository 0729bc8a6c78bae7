import { describe, expect, it } from 'vitest';
import { RESOURCES, apiVersionOf } from '../resources';
import type { KubeObject } from '../types';
import { convert, needsConversion } from './index';

const obj = (apiVersion: string, kind: string): KubeObject => ({ apiVersion, kind, metadata: { name: 'x' } });

describe('convert', () => {
  it.each([
    ['v1', 'Pod'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler'],
    ['events.k8s.io/v1', 'Event'],
  ])('returns the object itself at its own version (%s %s)', (apiVersion, kind) => {
    const o = obj(apiVersion, kind);
    expect(convert(o, apiVersion)).toBe(o);
  });

  it.each([
    ['v1', 'Event', 'events.k8s.io/v1'],
    ['events.k8s.io/v1', 'Event', 'v1'],
    ['autoscaling/v1', 'HorizontalPodAutoscaler', 'autoscaling/v2'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'autoscaling/v1'],
  ])('converts %s %s to %s, as a new object', (from, kind, to) => {
    const o = obj(from, kind);
    const out = convert(o, to);
    expect(out).not.toBe(o);
    expect(out).toMatchObject({ apiVersion: to, kind, metadata: { name: 'x' } });
    expect(out.metadata).not.toBe(o.metadata);
  });

  it.each([
    ['v1', 'Pod', 'apps/v1'],
    ['v1', 'Event', 'autoscaling/v1'],
    ['autoscaling/v1', 'HorizontalPodAutoscaler', 'autoscaling/v2beta2'],
  ])('throws for a pair it has no conversion for: %s %s to %s', (from, kind, to) => {
    expect(() => convert(obj(from, kind), to)).toThrow(
      `converting (${from}, Kind=${kind}) to ${to}: unknown conversion`,
    );
  });
});

describe('needsConversion', () => {
  it('is true exactly for the resources served at another version than they are stored at', () => {
    const converted = RESOURCES.filter(needsConversion).map(
      (r) => `${apiVersionOf(r)} ${r.kind} -> ${r.storageVersion}`,
    );
    expect(converted).toEqual([
      'autoscaling/v1 HorizontalPodAutoscaler -> autoscaling/v2',
      'events.k8s.io/v1 Event -> v1',
    ]);
  });

  it('every resource that needs conversion has one, both ways', () => {
    for (const r of RESOURCES.filter(needsConversion)) {
      const stored = convert(obj(apiVersionOf(r), r.kind), r.storageVersion);
      expect(convert(stored, apiVersionOf(r)).apiVersion).toBe(apiVersionOf(r));
    }
  });
});

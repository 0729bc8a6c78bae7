import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../sim/kernel/trace';
import { stepAnnouncement } from './announcement';

const step: TraceStep = {
  id: 42,
  time: 1_500,
  from: 'kubectl',
  to: 'control-plane/kube-apiserver',
  kind: 'request',
  summary: 'POST /apis/apps/v1/namespaces/default/deployments',
  detail: null,
  causedBy: null,
};

describe('stepAnnouncement', () => {
  it('says which step is under review, what kind, when, between whom and what', () => {
    expect(stepAnnouncement(42, step)).toBe(
      'Step 42, request at 00:00:01.5: kubectl to kube-apiserver. POST /apis/apps/v1/namespaces/default/deployments',
    );
  });

  it('names one actor once when a step stays inside a component', () => {
    const text = stepAnnouncement(42, { ...step, to: 'kubectl', kind: 'decision' });
    expect(text).toContain('decision');
    expect(text).not.toContain(' to ');
  });

  it('says when the step is no longer remembered, and when the view is live again', () => {
    expect(stepAnnouncement(7, undefined)).toBe('Step 7 is no longer in the timeline’s memory.');
    expect(stepAnnouncement(null, undefined)).toBe('Following the live cluster.');
  });
});

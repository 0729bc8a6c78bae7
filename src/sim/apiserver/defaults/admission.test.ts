import { describe, expect, it } from 'vitest';
import { defaulted } from './testing';

const GROUP = 'admissionregistration.k8s.io/v1';
const RULE = { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] };
const WEBHOOK = {
  name: 'check.example.com',
  clientConfig: { service: { name: 'hook', namespace: 'system' } },
  rules: [RULE],
  sideEffects: 'None',
  admissionReviewVersions: ['v1'],
};
const WEBHOOK_DEFAULTS = {
  failurePolicy: 'Fail',
  matchPolicy: 'Equivalent',
  namespaceSelector: {},
  objectSelector: {},
  timeoutSeconds: 10,
  clientConfig: { service: { name: 'hook', namespace: 'system', port: 443 } },
  rules: [{ ...RULE, scope: '*' }],
};

describe('admissionregistration.k8s.io defaults', () => {
  it('ValidatingWebhookConfiguration', () => {
    const out = defaulted({
      apiVersion: GROUP,
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'v' },
      webhooks: [WEBHOOK],
    });
    expect(out.webhooks).toEqual([{ ...WEBHOOK, ...WEBHOOK_DEFAULTS }]);
  });

  it('MutatingWebhookConfiguration also defaults reinvocation, keeping explicit values', () => {
    const explicit = {
      ...WEBHOOK,
      failurePolicy: 'Ignore',
      timeoutSeconds: 3,
      clientConfig: { url: 'https://hook.example.com' },
    };
    const out = defaulted({
      apiVersion: GROUP,
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'm' },
      webhooks: [explicit],
    });
    expect(out.webhooks).toEqual([
      {
        ...explicit,
        matchPolicy: 'Equivalent',
        namespaceSelector: {},
        objectSelector: {},
        rules: [{ ...RULE, scope: '*' }],
        reinvocationPolicy: 'Never',
      },
    ]);
  });

  it('ValidatingAdmissionPolicy and its binding', () => {
    const policy = defaulted({
      apiVersion: GROUP,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'p' },
      spec: {
        matchConstraints: { resourceRules: [{ ...RULE, scope: 'Namespaced' }], excludeResourceRules: [RULE] },
        validations: [{ expression: 'object.spec.replicas <= 5' }],
      },
    });
    expect(policy.spec).toEqual({
      failurePolicy: 'Fail',
      matchConstraints: {
        matchPolicy: 'Equivalent',
        namespaceSelector: {},
        objectSelector: {},
        resourceRules: [{ ...RULE, scope: 'Namespaced' }],
        excludeResourceRules: [{ ...RULE, scope: '*' }],
      },
      validations: [{ expression: 'object.spec.replicas <= 5' }],
    });
    const binding = defaulted({
      apiVersion: GROUP,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'b' },
      spec: {
        policyName: 'p',
        validationActions: ['Deny'],
        matchResources: { namespaceSelector: { matchLabels: { env: 'test' } } },
      },
    });
    expect(binding.spec).toEqual({
      policyName: 'p',
      validationActions: ['Deny'],
      matchResources: {
        matchPolicy: 'Equivalent',
        namespaceSelector: { matchLabels: { env: 'test' } },
        objectSelector: {},
      },
    });
  });
});

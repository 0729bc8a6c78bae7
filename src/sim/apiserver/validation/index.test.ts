import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../resources';
import type { KubeObject } from '../types';
import {
  formatFieldError,
  invalidStatus,
  quantityDecodeError,
  resourceVersionRequiredStatus,
  validateCreate,
  validateUpdate,
} from './index';
import { prepared, resourceOf } from './testing';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
};
const podSpec = template.spec;

describe('validateCreate', () => {
  it('handles every served resource, even given a bare object', () => {
    for (const r of RESOURCES) {
      const obj: KubeObject = {
        apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
        kind: r.kind,
        metadata: {},
      };
      expect(() => validateCreate(r, obj)).not.toThrow();
      expect(() => validateUpdate(r, obj, obj)).not.toThrow();
    }
  });

  it('checks the metadata of kinds without their own rules', () => {
    const r = resourceOf('EndpointSlice');
    const obj: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'Web', namespace: 'default' },
    };
    expect(validateCreate(r, obj).map(formatFieldError)).toEqual([
      "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('skips review kinds, which have nothing stored to validate', () => {
    const r = resourceOf('SelfSubjectAccessReview');
    expect(validateCreate(r, { apiVersion: 'authorization.k8s.io/v1', kind: r.kind, metadata: {} })).toEqual(
      [],
    );
  });
});

describe('validateUpdate', () => {
  it('runs the common metadata checks before the kind rules, keeping duplicates', () => {
    const r = resourceOf('ConfigMap');
    const old = prepared({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default' },
    });
    const next = { ...old, metadata: { ...old.metadata, labels: { 'bad key': 'x' } } };
    const errs = validateUpdate(r, next, old).map(formatFieldError);
    expect(new Set(errs).size).toBe(1);
    expect(errs.length).toBeGreaterThan(1);
    expect(errs[0]).toMatch(/^metadata\.labels: Invalid value: "bad key": name part must consist of/);
  });
});

describe('statuses', () => {
  it('builds the Invalid status of the brief', () => {
    const r = resourceOf('Deployment');
    const obj = prepared({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: -1, selector: { matchLabels: { app: 'web' } }, template },
    });
    const status = invalidStatus(r, 'web', validateCreate(r, obj));
    expect(status.message).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(status.details).toEqual({
      name: 'web',
      group: 'apps',
      kind: 'Deployment',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: -1: must be greater than or equal to 0',
          field: 'spec.replicas',
        },
      ],
    });
  });

  it('builds the store error for an update without a resourceVersion', () => {
    const status = resourceVersionRequiredStatus({ group: 'example.com', plural: 'widgets' }, 'w');
    expect(status.message).toBe(
      'widgets.example.com "w" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update',
    );
    expect(status.code).toBe(422);
  });

  it('reports a malformed quantity the way the decoder does', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { memory: '1 Gi' } } }] },
    };
    expect(quantityDecodeError(resourceOf('Pod'), pod)).toBe(
      'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ resources: { requests: { cpu: '1mi' } } }] } } },
    };
    expect(quantityDecodeError(resourceOf('Deployment'), dep)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: unable to parse quantity\'s suffix',
    );
    expect(
      quantityDecodeError(resourceOf('Pod'), { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: podSpec }),
    ).toBeUndefined();
  });
});

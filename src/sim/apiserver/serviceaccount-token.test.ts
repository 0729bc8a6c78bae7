import type { PodSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { ApiClient, resourcePath } from '../client/rest';
import { serviceAccount } from '../controllers/serviceaccount';
import { clusterWith } from '../controllers/testing';
import { findResource, type ResourceInfo } from './resources';
import type { ApiError } from './status';
import type { KubeObject } from './types';

const PODS = findResource('', 'v1', 'pods') as ResourceInfo;
const SERVICE_ACCOUNTS = findResource('', 'v1', 'serviceaccounts') as ResourceInfo;
const MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

function setup() {
  const cluster = clusterWith([serviceAccount]);
  const client = new ApiClient(cluster.apiserver, 'kubectl', 'kubectl');
  cluster.kernel.runUntil(1000);
  const create = (name: string, spec: Partial<PodSpec>, annotations: Record<string, string> = {}) =>
    client.create<KubeObject & { spec: PodSpec }>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, annotations },
      spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
    }).spec;
  const token = (account: string, body: object) =>
    client.request('POST', resourcePath(SERVICE_ACCOUNTS, 'default', account, 'token'), { body });
  return { cluster, client, create, token };
}

describe('the ServiceAccount admission plugin', () => {
  it('adds the kube-api-access projected volume and a read-only mount to every container', () => {
    const { create } = setup();
    const spec = create('web', { initContainers: [{ name: 'init', image: 'busybox' }] });
    const [volume] = spec.volumes ?? [];
    expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume?.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        {
          downwardAPI: {
            items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
          },
        },
      ],
    });
    const mount = { name: volume?.name, readOnly: true, mountPath: MOUNT };
    expect(spec.containers[0]?.volumeMounts).toEqual([mount]);
    expect(spec.initContainers?.[0]?.volumeMounts).toEqual([mount]);
  });

  it.each<[string, Partial<PodSpec>, Record<string, string>]>([
    ['the pod turns automounting off', { automountServiceAccountToken: false }, {}],
    [
      'every container mounts something at the token path',
      {
        containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'own', mountPath: MOUNT }] }],
        volumes: [{ name: 'own', emptyDir: {} }],
      },
      {},
    ],
    ['it is a mirror pod', {}, { 'kubernetes.io/config.mirror': 'abc' }],
    ['its ServiceAccount does not exist', { serviceAccountName: 'nobody' }, {}],
  ])('adds nothing when %s', (_why, spec, annotations) => {
    const { create } = setup();
    const volumes = create('web', spec, annotations).volumes ?? [];
    expect(volumes.filter((v) => v.name.startsWith('kube-api-access-'))).toEqual([]);
  });

  it("follows the ServiceAccount's automountServiceAccountToken unless the pod says otherwise", () => {
    const { client, create } = setup();
    client.patch(SERVICE_ACCOUNTS, 'default', 'default', 'merge', { automountServiceAccountToken: false });
    expect(create('off', {}).volumes ?? []).toEqual([]);
    expect(create('on', { automountServiceAccountToken: true }).volumes).toHaveLength(1);
  });
});

describe('TokenRequest', () => {
  it('issues a JWT for the ServiceAccount, bound to a pod when asked', () => {
    const { client, create, token } = setup();
    create('web', {});
    const pod = client.get(PODS, 'default', 'web');
    const reply = token('default', {
      spec: {
        expirationSeconds: 3607,
        boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: pod.metadata.uid },
      },
    });
    expect(reply.status).toBe(201);
    const body = ('body' in reply ? reply.body : {}) as {
      status: { token: string; expirationTimestamp: string };
    };
    expect(body.status.expirationTimestamp).toBe('2025-01-01T01:00:08Z');
    const [, payload = ''] = body.status.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const iat = Number(claims['iat']);
    expect(claims).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:default:default',
      'kubernetes.io': {
        namespace: 'default',
        pod: { name: 'web', uid: pod.metadata.uid },
        warnafter: iat + 3607,
      },
    });
    expect(Number(claims['exp']) - iat).toBe(365 * 24 * 3600);
  });

  it.each([
    ['an unknown ServiceAccount', 'nobody', {}, 404, 'serviceaccounts "nobody" not found'],
    [
      'a too short lifetime',
      'default',
      { spec: { expirationSeconds: 60 } },
      422,
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    ],
  ])('refuses %s', (_what, account, body, code, message) => {
    const { token } = setup();
    expect(() => token(account, body)).toThrow(message);
    try {
      token(account, body);
    } catch (error) {
      expect((error as ApiError).code).toBe(code);
    }
  });
});

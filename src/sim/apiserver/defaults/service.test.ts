import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { defaulted } from './testing';

function service(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec, ...(status ? { status } : {}) };
}

describe('Service defaults', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'kubectl create service clusterip web --tcp=80:8080',
      {
        ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
        selector: { app: 'web' },
        type: 'ClusterIP',
      },
      {
        ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
        selector: { app: 'web' },
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
      },
    ],
    [
      'no type, no protocol, no target port',
      {
        ports: [{ port: 80 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }, { port: 443, targetPort: 0 }],
      },
      {
        ports: [
          { port: 80, protocol: 'TCP', targetPort: 80 },
          { port: 53, protocol: 'UDP', targetPort: 'dns' },
          { port: 443, protocol: 'TCP', targetPort: 443 },
        ],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
      },
    ],
    [
      'NodePort gets an external traffic policy',
      { type: 'NodePort', ports: [{ port: 80, targetPort: 80 }] },
      {
        type: 'NodePort',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
      },
    ],
    [
      'LoadBalancer also allocates node ports',
      { type: 'LoadBalancer', externalTrafficPolicy: 'Local' },
      {
        type: 'LoadBalancer',
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
      },
    ],
    [
      'ClusterIP with external IPs is externally accessible',
      { externalIPs: ['203.0.113.7'] },
      {
        externalIPs: ['203.0.113.7'],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
      },
    ],
    [
      'ExternalName gets no traffic policies',
      { type: 'ExternalName', externalName: 'example.com' },
      { type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' },
    ],
    [
      'ClientIP affinity gets a three hour timeout',
      { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: {} } },
      {
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        type: 'ClusterIP',
        internalTrafficPolicy: 'Cluster',
      },
    ],
    [
      'an explicit ClientIP timeout is kept',
      {
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
        internalTrafficPolicy: 'Local',
      },
      {
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
        type: 'ClusterIP',
        internalTrafficPolicy: 'Local',
      },
    ],
    [
      'affinity None drops an affinity config',
      { sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
      { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(defaulted(service(spec)).spec).toEqual(expected);
  });

  it('marks load balancer ingress IPs as VIPs', () => {
    const out = defaulted(
      service(
        { type: 'LoadBalancer' },
        { loadBalancer: { ingress: [{ ip: '192.0.2.1' }, { hostname: 'lb.example.com' }] } },
      ),
    );
    expect(out.status).toEqual({
      loadBalancer: { ingress: [{ ip: '192.0.2.1', ipMode: 'VIP' }, { hostname: 'lb.example.com' }] },
    });
  });
});

describe('Endpoints defaults', () => {
  it.each<[string, KubeObject, KubeObject]>([
    [
      'Endpoints ports',
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'e' },
        subsets: [{ ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }],
      },
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'e' },
        subsets: [
          {
            ports: [
              { port: 80, protocol: 'TCP' },
              { port: 53, protocol: 'UDP' },
            ],
          },
        ],
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(defaulted(input)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import type { ServiceObject, SliceObject } from '../node/kube-proxy/types';
import { endpointsOf, isOurs, modelOf, type IngressClassObject, type IngressObject } from './model';

const CLASSES: IngressClassObject[] = [
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'nginx' },
    spec: { controller: 'k8s.io/ingress-nginx' },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'traefik' },
    spec: { controller: 'traefik.io/ingress-controller' },
  },
];

function ingress(
  name: string,
  created: string,
  spec: IngressObject['spec'] = {},
  annotations?: Record<string, string>,
): IngressObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: created,
      ...(annotations === undefined ? {} : { annotations }),
    },
    spec,
  };
}

const backend = (name: string, port: { number?: number; name?: string }) => ({ service: { name, port } });

describe("the controller's view of Ingresses", () => {
  it.each([
    ['no class (--watch-ingress-without-class)', ingress('a', 't'), true],
    ['class nginx', ingress('a', 't', { ingressClassName: 'nginx' }), true],
    ['class traefik', ingress('a', 't', { ingressClassName: 'traefik' }), false],
    ['a class that does not exist', ingress('a', 't', { ingressClassName: 'missing' }), false],
    ['the annotation nginx', ingress('a', 't', {}, { 'kubernetes.io/ingress.class': 'nginx' }), true],
    ['the annotation traefik', ingress('a', 't', {}, { 'kubernetes.io/ingress.class': 'traefik' }), false],
  ])('serves an Ingress with %s: %s', (_what, ing, expected) => {
    expect(isOurs(ing, CLASSES)).toBe(expected);
  });

  it('models the paths of the oldest Ingress first, and its defaultBackend', () => {
    const model = modelOf([
      ingress('newer', '2025-01-01T00:01:00Z', {
        defaultBackend: backend('late', { number: 80 }),
        rules: [
          {
            host: 'b.example',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('b', { name: 'http' }) }] },
          },
        ],
      }),
      ingress('older', '2025-01-01T00:00:00Z', {
        defaultBackend: backend('fallback', { number: 8080 }),
        rules: [
          {
            http: {
              paths: [
                { backend: backend('a', { number: 80 }) },
                { path: '/x', pathType: 'Exact', backend: {} },
              ],
            },
          },
        ],
      }),
    ]);
    expect(model).toEqual({
      paths: [
        {
          host: '',
          path: '/',
          pathType: 'ImplementationSpecific',
          backend: { namespace: 'default', service: 'a', port: 80 },
        },
        {
          host: 'b.example',
          path: '/',
          pathType: 'Prefix',
          backend: { namespace: 'default', service: 'b', port: 'http' },
        },
      ],
      defaultBackend: { namespace: 'default', service: 'fallback', port: 8080 },
    });
  });

  it("finds a Service port's ready endpoints in its EndpointSlices, by number or name", () => {
    const service: ServiceObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        ports: [
          { name: 'http', port: 80 },
          { name: 'metrics', port: 9090 },
        ],
      },
    };
    const slice = (name: string, svc: string, addresses: [string, boolean][]): SliceObject => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name, namespace: 'default', labels: { 'kubernetes.io/service-name': svc } },
      addressType: 'IPv4',
      ports: [
        { name: 'http', port: 8080 },
        { name: 'metrics', port: 9100 },
      ],
      endpoints: addresses.map(([ip, ready]) => ({ addresses: [ip], conditions: { ready } })),
    });
    const slices = [
      slice('web-1', 'web', [
        ['10.244.2.3', true],
        ['10.244.1.9', false],
      ]),
      slice('web-2', 'web', [['10.244.1.4', true]]),
      slice('other-1', 'other', [['10.244.3.3', true]]),
    ];
    const web = (port: number | string) => ({ namespace: 'default', service: 'web', port });
    expect(endpointsOf(web(80), service, slices)).toEqual(['10.244.1.4:8080', '10.244.2.3:8080']);
    expect(endpointsOf(web('metrics'), service, slices)).toEqual(['10.244.1.4:9100', '10.244.2.3:9100']);
    expect(endpointsOf(web(81), service, slices)).toEqual([]);
    expect(endpointsOf(web(80), undefined, slices)).toEqual([]);
  });
});

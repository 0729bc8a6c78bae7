import { describe, expect, it } from 'vitest';
import {
  INGRESS_NGINX,
  IngressControllers,
  ingressAnswer,
  ingressErrorPage,
  type IngressProxy,
} from './ingress-nginx';
import {
  hostMatches,
  pathMatches,
  route,
  type IngressModel,
  type IngressPath,
} from './ingress-nginx-routing';
import { resolveImage } from './reference';
import type { Exchange } from './server';

const to = (service: string) => ({ namespace: 'default', service, port: 80 });
const p = (host: string, path: string, pathType: IngressPath['pathType'], service: string): IngressPath => ({
  host,
  path,
  pathType,
  backend: to(service),
});

const MODEL: IngressModel = {
  paths: [
    p('', '/web', 'Prefix', 'web'),
    p('', '/web/api', 'Prefix', 'api'),
    p('', '/exact', 'Exact', 'exact'),
    p('', '/img', 'ImplementationSpecific', 'img'),
    p('', '/same', 'Prefix', 'prefix-same'),
    p('', '/same', 'Exact', 'exact-same'),
    p('foo.example.com', '/', 'Prefix', 'foo'),
    p('*.example.com', '/', 'Prefix', 'wild'),
  ],
  defaultBackend: null,
};

describe('ingress-nginx routing', () => {
  it.each([
    ['', '/web', 'web'],
    ['', '/web/', 'web'],
    ['', '/web/index.html', 'web'],
    ['', '/webx', null],
    ['', '/web/api/v1', 'api'],
    ['', '/web/apix', 'web'],
    ['', '/exact', 'exact'],
    ['', '/exact/', null],
    ['', '/img', 'img'],
    ['', '/imgs', 'img'],
    ['', '/same', 'exact-same'],
    ['', '/same/x', 'prefix-same'],
    ['', '/', null],
    ['foo.example.com', '/web', 'foo'],
    ['FOO.example.com:80', '/anything', 'foo'],
    ['bar.example.com', '/', 'wild'],
    ['a.b.example.com', '/web', 'web'],
    ['example.com', '/web', 'web'],
  ])('host %j path %j goes to %j', (host, path, service) => {
    expect(route(MODEL, host, path)?.service ?? null).toBe(service);
  });

  it('falls back to the defaultBackend when no path matches', () => {
    const model = { ...MODEL, defaultBackend: to('fallback') };
    expect(route(model, '', '/nothing')?.service).toBe('fallback');
    expect(route(model, 'foo.example.com', '/')?.service).toBe('foo');
  });

  it.each([
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '.example.com', false],
    ['foo.com', 'foo.com', true],
    ['', 'anything', true],
  ])('host %j matches %j: %j', (rule, host, expected) => {
    expect(hostMatches(rule, host)).toBe(expected);
  });

  it.each([
    ['/', 'Prefix', '/anything', true],
    ['/a/', 'Prefix', '/a', true],
    ['/a', 'Prefix', '/ab', false],
    ['/a', 'ImplementationSpecific', '/ab', true],
    ['/a', 'Exact', '/a/', false],
  ] as const)('%j (%s) matches %j: %j', (path, pathType, request, expected) => {
    expect(pathMatches({ path, pathType }, request)).toBe(expected);
  });
});

const exchange = (path: string, port = 80, host = '172.18.0.2'): Exchange => ({
  port,
  clientIP: '10.244.1.3',
  clientPort: 40000,
  request: {
    method: 'GET',
    path,
    headers: [
      ['Host', host],
      ['User-Agent', 'curl/8.11.1'],
      ['Accept', '*/*'],
    ],
  },
  wallMs: Date.UTC(2025, 0, 1, 0, 1, 0),
  serverIP: '10.244.0.5',
  connection: 1,
});

const backendAnswer = {
  status: 200,
  reason: 'OK',
  headers: [
    ['Server', 'nginx/1.27.3'],
    ['Date', 'Wed, 01 Jan 2025 00:00:00 GMT'],
    ['Content-Type', 'text/plain'],
    ['Content-Length', '2'],
    ['Connection', 'close'],
    ['ETag', '"1"'],
  ] as const,
  body: 'hi',
};

const proxy = (upstream: string | null, answers = true): IngressProxy => ({
  model: () => MODEL,
  forward: () => ({ upstream, response: answers ? backendAnswer : null }),
});

describe('ingress-nginx answers', () => {
  it("gives nginx's 404 page from the default backend, logged in the upstreaminfo format", () => {
    const answer = ingressAnswer(exchange('/nothing'), proxy('10.244.1.2:80'));
    expect(answer.response?.status).toBe(404);
    expect(answer.response?.body).toBe(ingressErrorPage(404));
    expect(answer.response?.body).toBe(
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    );
    expect(answer.log[0]?.text).toMatch(
      /^10\.244\.1\.3 - - \[01\/Jan\/2025:00:01:00 \+0000\] "GET \/nothing HTTP\/1\.1" 404 146 "-" "curl\/8\.11\.1" 81 0\.000 \[upstream-default-backend\] \[\] 127\.0\.0\.1:8181 146 0\.000 404 [0-9a-f]{32}$/,
    );
  });

  it("relays the backend's response with nginx's own Date and Connection, without Server", () => {
    const answer = ingressAnswer(exchange('/web'), proxy('10.244.1.2:80'));
    expect(answer.response?.body).toBe('hi');
    expect(answer.response?.headers).toEqual([
      ['Date', 'Wed, 01 Jan 2025 00:01:00 GMT'],
      ['Content-Type', 'text/plain'],
      ['Content-Length', '2'],
      ['Connection', 'keep-alive'],
      ['ETag', '"1"'],
    ]);
    expect(answer.log[0]?.text).toContain('[default-web-80] [] 10.244.1.2:80 2 0.001 200');
  });

  it('answers 503 without endpoints and 502 when the endpoint does not answer', () => {
    const none = ingressAnswer(exchange('/web'), proxy(null));
    expect(none.response).toMatchObject({ status: 503, reason: 'Service Temporarily Unavailable' });
    expect(none.log[0]?.text).toMatch(/ \[default-web-80\] \[\] - - - - [0-9a-f]{32}$/);
    const refused = ingressAnswer(exchange('/web'), proxy('10.244.1.2:80', false));
    expect(refused.response).toMatchObject({ status: 502, reason: 'Bad Gateway' });
    expect(refused.log[0]?.text).toContain(
      ' 502 150 "-" "curl/8.11.1" 77 0.001 [default-web-80] [] 10.244.1.2:80 0 0.000 502 ',
    );
  });

  it('serves through the controller of the pod addressed, only within its cluster', () => {
    const controllers = new IngressControllers();
    controllers.register('10.244.0.5', proxy('10.244.1.2:80'));
    const inScope = controllers.answering(() => INGRESS_NGINX.answer(exchange('/web')), null);
    expect(inScope.response?.status).toBe(200);
    // Outside any cluster's delivery (or for another pod), nginx has no configuration yet.
    expect(INGRESS_NGINX.answer(exchange('/web')).response?.status).toBe(404);
    controllers.register('10.244.0.5', null);
    expect(controllers.answering(() => INGRESS_NGINX.answer(exchange('/web')), null).response?.status).toBe(
      404,
    );
  });

  it('answers its health check on 10254 and plain HTTP on 443 with a 400 page', () => {
    expect(INGRESS_NGINX.answer(exchange('/healthz', 10254)).response).toMatchObject({
      status: 200,
      body: 'ok',
    });
    const tls = INGRESS_NGINX.answer(exchange('/', 443)).response;
    expect(tls?.status).toBe(400);
    expect(tls?.body).toContain('<center>The plain HTTP request was sent to HTTPS port</center>');
  });

  it('runs as the image entrypoint dumb-init runs it, printing its banner', () => {
    const image = resolveImage('registry.k8s.io/ingress-nginx/controller:v1.12.0');
    expect(image.entrypoint?.(['/nginx-ingress-controller', '--x'])).toEqual([
      '/usr/bin/dumb-init',
      '--',
      '/nginx-ingress-controller',
      '--x',
    ]);
    const run = INGRESS_NGINX.start({
      env: { POD_NAME: 'c-1' },
      podIP: '10.244.0.5',
      wallMs: Date.UTC(2025, 0, 1),
    });
    expect(run.output.slice(0, 3).map((l) => l.text)).toEqual([
      '-------------------------------------------------------------------------------',
      'NGINX Ingress controller',
      '  Release:       v1.12.0',
    ]);
    expect(run.output.map((l) => l.text)).toContain(
      'I0101 00:00:01.210000       7 status.go:85] "New leader elected" identity="c-1"',
    );
    expect(run.listens.map((l) => `${l.port}@${l.afterMs}`)).toEqual(['10254@140', '80@1200', '443@1200']);
  });
});

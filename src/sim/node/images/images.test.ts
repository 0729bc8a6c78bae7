import { describe, expect, it } from 'vitest';
import { headerOf, type HttpRequest } from './http';
import { effectiveArgv, processFor, serverFor } from './process';
import { resolveImage } from './reference';
import type { Exchange, ServerRun } from './server';

const WALL = Date.UTC(2025, 0, 1, 0, 0, 5);

const get = (path: string, headers: [string, string][] = []): HttpRequest => ({
  method: 'GET',
  path,
  headers: [['Host', 'web'], ['User-Agent', 'Wget'], ['Connection', 'close'], ...headers],
});

function behaviourOf(image: string) {
  const behaviour = resolveImage(image).behaviour;
  if (behaviour === undefined) throw new Error(`${image} has no server`);
  return behaviour;
}

function start(image: string, env: Record<string, string> = {}): ServerRun {
  return behaviourOf(image).start({ env, podIP: '10.244.1.5', wallMs: WALL });
}

function ask(image: string, request: HttpRequest, port = 80) {
  const exchange: Exchange = {
    port,
    clientIP: '10.244.2.7',
    clientPort: 40000,
    request,
    wallMs: WALL + 5000,
    serverIP: '10.244.1.5',
    connection: 1,
  };
  return behaviourOf(image).answer(exchange);
}

describe('image references', () => {
  it('normalizes names as containerd does, with stable digests', () => {
    expect(resolveImage('nginx').ref).toBe('docker.io/library/nginx:latest');
    expect(resolveImage('bitnami/redis:7').ref).toBe('docker.io/bitnami/redis:7');
    expect(resolveImage('registry.k8s.io/pause:3.10').ref).toBe('registry.k8s.io/pause:3.10');
    expect(resolveImage('nginx').digest).toBe(resolveImage('docker.io/library/nginx:latest').digest);
  });

  it.each([
    ['nginx:nonexistent', 'manifest-unknown'],
    ['doesnotexist/app', 'access-denied'],
    ['Not A Name', 'invalid-reference'],
    ['nginx:1.27', undefined],
  ])('the registry answers a pull of %s with %s', (image, error) => {
    expect(resolveImage(image).error).toBe(error);
  });

  it('pulls an unknown image as a server that listens nowhere', () => {
    const image = resolveImage('example.com/app:1');
    expect(image).toMatchObject({ server: true, tools: [] });
    expect(image.behaviour).toBeUndefined();
    expect(image.error).toBeUndefined();
  });
});

describe('processes', () => {
  const busybox = resolveImage('busybox');
  it.each<[string, string[], string[], ReturnType<typeof processFor>]>([
    ['busybox', [], [], { kind: 'exit', code: 0, afterMs: 50 }],
    ['nginx', [], [], { kind: 'forever' }],
    ['busybox', ['sh', '-c', 'exit 3'], [], { kind: 'exit', code: 3, afterMs: 50 }],
    ['busybox', ['sh', '-c', 'sleep 5; exit 2'], [], { kind: 'exit', code: 2, afterMs: 5000 }],
    ['busybox', ['sh', '-c', 'while true; do sleep 1; done'], [], { kind: 'forever' }],
    ['busybox', ['sleep'], ['infinity'], { kind: 'forever' }],
    ['busybox', ['/bin/myserver'], [], { kind: 'forever' }],
    ['docker.io/calico/cni:v3.29.1', ['/opt/cni/bin/install'], [], { kind: 'exit', code: 0, afterMs: 50 }],
    [
      'ghcr.io/flannel-io/flannel:v0.26.2',
      ['cp'],
      ['-f', '/a', '/b'],
      { kind: 'exit', code: 0, afterMs: 50 },
    ],
  ])('%s %j %j', (image, command, args, expected) => {
    const resolved = resolveImage(image);
    expect(processFor(resolved, effectiveArgv(resolved, command, args))).toEqual(expected);
  });

  it.each<[string, string, string[], string[], boolean]>([
    ['the image default', 'nginx', [], [], true],
    ['nginx named as the command', 'nginx', ['nginx', '-g', 'daemon off;'], [], true],
    ['a shell instead of the server', 'nginx', ['sh', '-c', 'sleep 1'], [], false],
    ['args alone replace the CMD', 'nginx', [], ['sleep', '10'], false],
    ['redis flags go to redis-server', 'redis', [], ['--appendonly', 'yes'], true],
    ['no server in busybox', 'busybox', [], [], false],
    [
      "coredns's args go to /coredns",
      'registry.k8s.io/coredns/coredns:v1.11.3',
      [],
      ['-conf', '/etc/coredns/Corefile'],
      true,
    ],
  ])('the server runs: %s', (_name, image, command, args, runs) => {
    const resolved = resolveImage(image);
    expect(serverFor(resolved, effectiveArgv(resolved, command, args)) !== null).toBe(runs);
  });

  it('runs curl for curlimages/curl, with flags as curl arguments', () => {
    const curl = resolveImage('curlimages/curl');
    expect(effectiveArgv(curl, [], [])).toEqual(['curl']);
    expect(effectiveArgv(curl, [], ['-s', 'http://web'])).toEqual(['curl', '-s', 'http://web']);
    expect(effectiveArgv(curl, [], ['sh', '-c', 'true'])).toEqual(['sh', '-c', 'true']);
    expect(effectiveArgv(busybox, ['sleep'], ['1'])).toEqual(['sleep', '1']);
  });
});

describe('servers at start', () => {
  it.each<
    [
      string,
      Record<string, string>,
      number | null,
      string,
      string,
      { code: number; afterMs: number } | undefined,
    ]
  >([
    [
      'nginx',
      {},
      80,
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '2025/01/01 00:00:05 [notice] 1#1: start worker process 30',
      undefined,
    ],
    [
      'httpd',
      {},
      80,
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.5. Set the 'ServerName' directive globally to suppress this message",
      "[Wed Jan 01 00:00:05.000000 2025] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
      undefined,
    ],
    [
      'redis',
      {},
      6379,
      "1:C 01 Jan 2025 00:00:05.000 # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.",
      '1:M 01 Jan 2025 00:00:05.001 * Ready to accept connections tcp',
      undefined,
    ],
    [
      'postgres',
      {},
      null,
      'Error: Database is uninitialized and superuser password is not specified.',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
      { code: 1, afterMs: 60 },
    ],
    [
      'postgres',
      { POSTGRES_PASSWORD: 'secret' },
      5432,
      'The files belonging to this database system will be owned by user "postgres".',
      '2025-01-01 00:00:08.209 UTC [1] LOG:  database system is ready to accept connections',
      undefined,
    ],
    [
      'registry.k8s.io/hpa-example',
      {},
      80,
      "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using 10.244.1.5. Set the 'ServerName' directive globally to suppress this message",
      "[Wed Jan 01 00:00:05.000000 2025] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'",
      undefined,
    ],
    [
      'kubelab/crasher',
      { CRASH_AFTER: '20', EXIT_CODE: '3' },
      8080,
      '2025/01/01 00:00:05 listening on :8080',
      '2025/01/01 00:00:25 crash: exiting with code 3',
      { code: 3, afterMs: 20_000 },
    ],
    ['registry.k8s.io/coredns/coredns:v1.11.3', {}, 53, '.:53', 'linux/amd64, go1.21.11, a6338e9', undefined],
    [
      'kubelab/slow-start',
      {},
      8080,
      '2025/01/01 00:00:05 warming up for 30s (STARTUP_DELAY)',
      '2025/01/01 00:00:35 ready, listening on :8080',
      undefined,
    ],
    [
      'kubelab/leaky',
      { LEAK_RATE: '5Mi' },
      8080,
      '2025/01/01 00:00:05 listening on :8080',
      '2025/01/01 00:00:05 leaking 5Mi a second (LEAK_RATE)',
      undefined,
    ],
  ])('%s %j prints its start-up log and listens on %s', (image, env, port, first, lastLine, exit) => {
    const run = start(image, env);
    const lines = [...run.output].sort((a, b) => a.afterMs - b.afterMs).map((l) => l.text);
    expect(lines[0]).toBe(first);
    expect(lines.at(-1)).toBe(lastLine);
    expect(run.listens[0]?.port ?? null).toBe(port);
    expect(run.exit).toEqual(exit);
  });

  it('postgres listens once initdb and the init server are done; slow-start after STARTUP_DELAY', () => {
    expect(start('postgres', { POSTGRES_PASSWORD: 'x' }).listens).toEqual([
      { port: 5432, protocol: 'TCP', afterMs: 3200 },
    ]);
    expect(start('postgres', { POSTGRES_HOST_AUTH_METHOD: 'trust' }).exit).toBeUndefined();
    expect(start('kubelab/slow-start', { STARTUP_DELAY: '12' }).listens[0]?.afterMs).toBe(12_000);
    expect(start('kubelab/crasher').exit).toEqual({ code: 1, afterMs: 10_000 });
  });
});

describe('servers answering requests', () => {
  it.each<[string, HttpRequest, number, number, string, string]>([
    [
      'nginx',
      get('/'),
      80,
      200,
      'Welcome to nginx!',
      '10.244.2.7 - - [01/Jan/2025:00:00:10 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"',
    ],
    [
      'nginx',
      get('/nope'),
      80,
      404,
      '<center><h1>404 Not Found</h1></center>',
      '10.244.2.7 - - [01/Jan/2025:00:00:10 +0000] "GET /nope HTTP/1.1" 404 153 "-" "Wget" "-"',
    ],
    [
      'nginx',
      { ...get('/'), method: 'HEAD' },
      80,
      200,
      '',
      '10.244.2.7 - - [01/Jan/2025:00:00:10 +0000] "HEAD / HTTP/1.1" 200 0 "-" "Wget" "-"',
    ],
    [
      'nginx',
      { ...get('/'), method: 'POST' },
      80,
      405,
      '405 Not Allowed',
      '10.244.2.7 - - [01/Jan/2025:00:00:10 +0000] "POST / HTTP/1.1" 405 157 "-" "Wget" "-"',
    ],
    [
      'httpd',
      get('/'),
      80,
      200,
      '<html><body><h1>It works!</h1></body></html>\n',
      '10.244.2.7 - - [01/Jan/2025:00:00:10 +0000] "GET / HTTP/1.1" 200 45',
    ],
    [
      'httpd',
      get('/x'),
      80,
      404,
      '<p>The requested URL was not found on this server.</p>',
      '10.244.2.7 - - [01/Jan/2025:00:00:10 +0000] "GET /x HTTP/1.1" 404 196',
    ],
    [
      'registry.k8s.io/hpa-example',
      get('/'),
      80,
      200,
      'OK!',
      '10.244.2.7 - - [01/Jan/2025:00:00:10 +0000] "GET / HTTP/1.1" 200 195 "-" "Wget"',
    ],
    ['registry.k8s.io/coredns/coredns:v1.11.3', get('/health'), 8080, 200, 'OK', ''],
    ['registry.k8s.io/coredns/coredns:v1.11.3', get('/ready'), 8181, 200, 'OK', ''],
    ['registry.k8s.io/metrics-server/metrics-server:v0.7.2', get('/readyz'), 10250, 200, 'ok', ''],
    [
      'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
      get('/x'),
      10250,
      404,
      '404 page not found\n',
      '',
    ],
    [
      'kubelab/slow-start',
      get('/healthz'),
      8080,
      200,
      'ok\n',
      '2025/01/01 00:00:10 10.244.2.7:40000 GET /healthz 200',
    ],
    [
      'kubelab/crasher',
      get('/missing'),
      8080,
      404,
      '404 page not found\n',
      '2025/01/01 00:00:10 10.244.2.7:40000 GET /missing 404',
    ],
  ])('%s answers %o', (image, request, port, status, body, log) => {
    const answer = ask(image, request, port);
    expect(answer.response?.status).toBe(status);
    if (body === '') expect(answer.response?.body).toBe('');
    else expect(answer.response?.body).toContain(body);
    if (log === '') expect(answer.log).toEqual([]);
    else expect(answer.log.at(-1)).toEqual({ stream: 'stdout', text: log });
  });

  it('nginx serves the 615-byte welcome page and logs a missing file to its error log', () => {
    const ok = ask('nginx', get('/'));
    expect(ok.response?.body).toHaveLength(615);
    expect(headerOf(ok.response?.headers ?? [], 'Content-Length')).toBe('615');
    expect(headerOf(ok.response?.headers ?? [], 'Connection')).toBe('close');
    expect(ask('nginx', get('/nope')).log[0]).toEqual({
      stream: 'stderr',
      text: '2025/01/01 00:00:10 [error] 29#29: *1 open() "/usr/share/nginx/html/nope" failed (2: No such file or directory), client: 10.244.2.7, server: localhost, request: "GET /nope HTTP/1.1", host: "web"',
    });
  });

  it('redis and postgres do not speak HTTP', () => {
    expect(ask('redis', get('/'), 6379)).toMatchObject({
      response: null,
      raw: "-ERR wrong number of arguments for 'get' command\r\n",
    });
    expect(ask('redis', get('/'), 6379).log[0]?.text).toContain('Possible SECURITY ATTACK detected');
    expect(ask('postgres', get('/'), 5432)).toMatchObject({ response: null, raw: '' });
    expect(ask('postgres', get('/'), 5432).log[0]?.text).toMatch(
      / LOG: {2}invalid length of startup packet$/,
    );
  });
});

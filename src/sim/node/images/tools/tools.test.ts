import { describe, expect, it } from 'vitest';
import { imageFilesystem } from '../../cri/image-files';
import { runCommand, type ShellContext, type Wait } from '../../cri/shell';
import type { PodConnection, PodNetwork, ServeResult } from '../../cri/types';
import type { HttpRequest } from '../http';
import { resolveImage } from '../reference';

const WALL = Date.UTC(2025, 0, 1, 0, 1, 0);

/** What answers where: name -> [address, what happens]. */
const HOSTS: Record<string, [string | null, PodConnection['error'], string | null]> = {
  web: ['10.96.0.12', null, 'nginx'],
  'web.default.svc.cluster.local': ['10.96.0.12', null, 'nginx'],
  '10.244.2.5': ['10.244.2.5', null, 'nginx'],
  redis: ['10.96.0.20', null, 'redis'],
  db: ['10.96.0.30', null, 'postgres'],
  empty: ['10.96.0.40', 'refused', null],
  blocked: ['10.96.0.50', 'timeout', null],
  nope: [null, 'bad-address', null],
  dnsdown: [null, 'bad-address', null],
};

const requests: HttpRequest[] = [];

const network: PodNetwork = {
  resolvConf: () => 'nameserver 10.96.0.10\n',
  nslookup: (name) =>
    name === 'web'
      ? {
          output: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb\nAddress: 10.96.0.12\n\n`,
          exitCode: 0,
          timedOut: false,
          lastStep: 1,
        }
      : {
          output: ';; connection timed out; no servers could be reached\n\n',
          exitCode: 1,
          timedOut: true,
          lastStep: null,
        },
  connect: (host, port, _protocol, _cause, http) => {
    const [address, error, image] = HOSTS[host] ?? [null, 'bad-address', null];
    if (http !== undefined) requests.push(http);
    let served: ServeResult | null = null;
    if (image !== null) {
      const behaviour = resolveImage(image).behaviour;
      const answer =
        http === undefined || behaviour === undefined
          ? { response: null, raw: '' }
          : behaviour.answer({
              port,
              clientIP: '10.244.1.2',
              clientPort: 40000,
              request: http,
              wallMs: WALL,
              serverIP: address ?? '',
              connection: 1,
            });
      served = { listening: true, containerId: 'c', response: answer.response, raw: answer.raw };
    }
    return { host, port, address, dnsTimeout: host === 'dnsdown', error, served, lastStep: 1 };
  },
  ping: (host) => {
    const [address] = HOSTS[host] ?? [null];
    return { address, reply: address?.startsWith('10.244.') === true, ttl: 62 };
  },
};

const context = (image: string): ShellContext => ({
  fs: imageFilesystem(resolveImage(image), () => WALL),
  hostname: 'client',
  podIP: '10.244.1.2',
  env: {},
  busybox: resolveImage(image).userland === 'busybox',
  now: () => WALL,
  tools: resolveImage(image).tools,
  network,
  cause: null,
});

/** Runs a command line in `image`: its output, exit code and how long it took. */
function run(line: string, image = 'curlimages/curl', input: string[] = [], ctx = context(image)) {
  let stdout = '';
  let stderr = '';
  let took = 0;
  const gen = runCommand(['sh', '-c', line], ctx, {
    out: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)),
  });
  let r = gen.next(null);
  while (!r.done) {
    const wait: Wait = r.value;
    if ('sleepMs' in wait) took += wait.sleepMs;
    r = gen.next('sleepMs' in wait ? null : (input.shift() ?? null));
  }
  return { stdout, stderr, code: r.value, took };
}

describe('busybox wget', () => {
  it.each<[string, string, string, number, number?]>([
    ['wget -qO- http://web', '', '', 0],
    [
      'wget -O - web',
      '',
      'Connecting to web (10.96.0.12:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n',
      0,
    ],
    ['wget -qO- http://web/missing', '', 'wget: server returned error: HTTP/1.1 404 Not Found\n', 1],
    ['wget -q --spider http://web', '', '', 0],
    ['wget --spider http://web', '', 'Connecting to web (10.96.0.12:80)\nremote file exists\n', 0],
    ['wget -qO- http://nope', '', "wget: bad address 'nope'\n", 1, 2],
    ['wget -qO- http://dnsdown', '', "wget: bad address 'dnsdown'\n", 1, 10_000],
    [
      'wget -qO- http://empty',
      '',
      "wget: can't connect to remote host (10.96.0.40): Connection refused\n",
      1,
      2,
    ],
    [
      'wget -qO- http://blocked',
      '',
      "wget: can't connect to remote host (10.96.0.50): Connection timed out\n",
      1,
      127_000,
    ],
    ['wget -qO- -T 5 http://blocked', '', 'wget: download timed out\n', 1, 5000],
    ['wget -qO- http://redis:6379', '', 'wget: error getting response\n', 1],
    ['wget -qO- http://db:5432', '', 'wget: error getting response: Connection reset by peer\n', 1],
  ])('%s', (line, stdout, stderr, code, took) => {
    const result = run(line, 'busybox');
    if (stdout !== '' || code !== 0) expect(result.stdout).toBe(stdout);
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(code);
    if (took !== undefined) expect(result.took).toBe(took);
  });

  it("saves to the URL path's last component, never over an existing file unless -O names it", () => {
    const ctx = context('curlimages/curl');
    expect(run('wget http://web/', 'curlimages/curl', [], ctx)).toMatchObject({
      code: 0,
      stderr:
        "Connecting to web (10.96.0.12:80)\nsaving to 'index.html'\n" +
        "index.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n",
    });
    expect(ctx.fs.readFile('/index.html')).toContain('Welcome to nginx!');
    expect(run('wget -q http://web/index.html', 'curlimages/curl', [], ctx)).toMatchObject({
      code: 1,
      stderr: "wget: can't open 'index.html': File exists\n",
    });
    expect(run('wget -qO page.html http://web/', 'curlimages/curl', [], ctx).code).toBe(0);
    expect(run('wget -qO page.html http://web/', 'curlimages/curl', [], ctx).code).toBe(0);
    expect(run('curl -so /tmp/out http://web/', 'curlimages/curl', [], ctx).code).toBe(0);
    expect(ctx.fs.readFile('/tmp/out')).toBe(ctx.fs.readFile('/page.html'));
  });

  it('prints the server response with -S and sends busybox headers', () => {
    requests.length = 0;
    const { stderr } = run('wget -S -qO- http://web', 'busybox');
    expect(stderr.split('\n').slice(0, 2)).toEqual(['  HTTP/1.1 200 OK', '  Server: nginx/1.27.3']);
    expect(stderr.endsWith('  Accept-Ranges: bytes\n  \n')).toBe(true);
    expect(requests[0]?.headers).toEqual([
      ['Host', 'web'],
      ['User-Agent', 'Wget'],
      ['Connection', 'close'],
    ]);
    expect(run('wget -qO- http://web', 'busybox').stdout).toContain('<title>Welcome to nginx!</title>');
  });

  it('sends --header lines last, a Host or User-Agent among them replacing its own', () => {
    requests.length = 0;
    run("wget -qO- --header 'Host: foo.example' --header 'X-Trace: 1' http://web", 'busybox');
    expect(requests[0]?.headers).toEqual([
      ['User-Agent', 'Wget'],
      ['Connection', 'close'],
      ['Host', 'foo.example'],
      ['X-Trace', '1'],
    ]);
  });
});

describe('curl', () => {
  const meterHead =
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n';
  const zero = '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n';
  it.each<[string, string, number, number?]>([
    ['curl -s http://nope', '', 6],
    ['curl -sS http://nope', 'curl: (6) Could not resolve host: nope\n', 6],
    ['curl http://nope', `${meterHead}${zero}curl: (6) Could not resolve host: nope\n`, 6],
    [
      'curl -sS http://empty',
      'curl: (7) Failed to connect to empty port 80 after 1 ms: Could not connect to server\n',
      7,
      1,
    ],
    [
      'curl -sS http://blocked',
      'curl: (28) Failed to connect to blocked port 80 after 127000 ms: Could not connect to server\n',
      28,
      127_000,
    ],
    ['curl -sS -m 3 http://blocked', 'curl: (28) Connection timed out after 3001 milliseconds\n', 28, 3000],
    ['curl -sS -m 3 http://dnsdown', 'curl: (28) Resolving timed out after 3001 milliseconds\n', 28, 3000],
    ['curl -sS http://redis:6379', 'curl: (1) Received HTTP/0.9 when not allowed\n', 1],
    ['curl -sS http://db:5432', 'curl: (56) Recv failure: Connection reset by peer\n', 56],
    ['curl -sSf http://web/missing', 'curl: (22) The requested URL returned error: 404\n', 22],
    ['curl -sS ftp://web', 'curl: (1) Protocol "ftp" not supported\n', 1],
    ['curl', "curl: try 'curl --help' or 'curl --manual' for more information\n", 2],
  ])('%s', (line, stderr, code, took) => {
    const result = run(line);
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(code);
    if (took !== undefined) expect(result.took).toBe(took);
  });

  it('writes the body to stdout, the progress meter to stderr', () => {
    const result = run('curl http://web');
    expect(result.stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect(result.stderr).toBe(
      `${meterHead}\r100   615  100   615    0     0   300k      0 --:--:-- --:--:-- --:--:--  300k\n`,
    );
  });

  it('-I prints the head of a HEAD request; -o /dev/null -w prints the status code', () => {
    const head = run('curl -sI http://web');
    expect(head.stdout.split('\r\n').slice(0, 2)).toEqual(['HTTP/1.1 200 OK', 'Server: nginx/1.27.3']);
    expect(head.stdout.endsWith('Accept-Ranges: bytes\r\n\r\n')).toBe(true);
    expect(run('curl -s -o /dev/null -w "%{http_code}\\n" http://web/missing').stdout).toBe('404\n');
    expect(run('curl -s -o /dev/null -w "%{http_code}" http://empty').stdout).toBe('000');
  });

  it('-v shows the resolution, the request and the response', () => {
    const { stderr } = run('curl -sv http://web');
    expect(stderr.split('\n').slice(0, 12)).toEqual([
      '* Host web:80 was resolved.',
      '* IPv6: (none)',
      '* IPv4: 10.96.0.12',
      '*   Trying 10.96.0.12:80...',
      '* Connected to web (10.96.0.12) port 80',
      '* using HTTP/1.x',
      '> GET / HTTP/1.1',
      '> Host: web',
      '> User-Agent: curl/8.11.1',
      '> Accept: */*',
      '> ',
      '* Request completely sent off',
    ]);
    expect(stderr).toContain('< HTTP/1.1 200 OK\n< Server: nginx/1.27.3\n');
    expect(stderr.endsWith('* Connection #0 to host web left intact\n')).toBe(true);
  });

  it('is only where the image has it', () => {
    expect(run('curl http://web', 'busybox')).toMatchObject({ code: 127, stderr: 'sh: curl: not found\n' });
    expect(run('wget -qO- http://web', 'nginx')).toMatchObject({
      code: 127,
      stderr: 'sh: 1: wget: not found\n',
    });
    expect(run('curl -s http://web', 'nginx').code).toBe(0);
  });
});

describe('nslookup, ping and nc', () => {
  it('nslookup prints the answer, and the timeout after 5 s', () => {
    expect(run('nslookup web', 'busybox')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Address: 10.96.0.12'),
    });
    expect(run('nslookup other', 'busybox')).toEqual({
      stdout: ';; connection timed out; no servers could be reached\n\n',
      stderr: '',
      code: 1,
      took: 5000,
    });
  });

  it('ping counts replies and prints busybox statistics', () => {
    const ok = run('ping -c 2 10.244.2.5', 'busybox');
    expect(ok.stdout).toBe(
      'PING 10.244.2.5 (10.244.2.5): 56 data bytes\n' +
        '64 bytes from 10.244.2.5: seq=0 ttl=62 time=0.294 ms\n' +
        '64 bytes from 10.244.2.5: seq=1 ttl=62 time=0.282 ms\n' +
        '\n--- 10.244.2.5 ping statistics ---\n' +
        '2 packets transmitted, 2 packets received, 0% packet loss\n' +
        'round-trip min/avg/max = 0.282/0.288/0.294 ms\n',
    );
    expect(ok.code).toBe(0);
    expect(ok.took).toBe(1000);
    const lost = run('ping -c 3 web', 'busybox');
    expect(lost.stdout).toBe(
      'PING web (10.96.0.12): 56 data bytes\n\n--- web ping statistics ---\n3 packets transmitted, 0 packets received, 100% packet loss\n',
    );
    expect(lost).toMatchObject({ code: 1, took: 12_000 });
    expect(run('ping -c 1 nope', 'busybox')).toMatchObject({ code: 1, stderr: "ping: bad address 'nope'\n" });
  });

  it.each<[string, string, number]>([
    ['nc -zv web 80', 'web (10.96.0.12:80) open\n', 0],
    ['nc -z web 80', '', 0],
    ['nc -zv empty 80', '', 1],
    ['nc -zvv empty 80', 'nc: empty (10.96.0.40:80): Connection refused\n', 1],
    ['nc -zv -w 2 blocked 80', 'nc: blocked (10.96.0.50:80): Connection timed out\n', 1],
    ['nc -zv nope 80', "nc: bad address 'nope'\n", 1],
  ])('%s', (line, stderr, code) => {
    expect(run(line, 'busybox')).toMatchObject({ stderr, code });
  });

  it('nc without -z sends stdin and prints the answer', () => {
    const result = run('nc web 80', 'busybox', ['GET / HTTP/1.0\r\nHost: web\r\n\r\n']);
    expect(result.stdout.startsWith('HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\n')).toBe(true);
    expect(result.stdout.endsWith('</html>\n')).toBe(true);
  });
});

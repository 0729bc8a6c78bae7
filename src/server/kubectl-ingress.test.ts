import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

const NOT_FOUND_PAGE =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

describe.skipIf(kubectl === null)(
  'real kubectl: Ingress through ingress-nginx, as on kind',
  { timeout: 120_000 },
  () => {
    let api: RunningApiserver;
    let nodeIP = '';
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '', ['--speed', '10']);
      await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
      await api.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27']);
      await api.kubectl(['expose', 'deployment', 'web', '--port=80']);
      await api.kubectl(['create', 'ingress', 'web', '--class=nginx', '--rule=foo.example/*=web:80']);
      await api.kubectl(['run', 'client', '--image=busybox', '--', 'sleep', '3600']);
      await api.kubectl(['run', 'curl', '--image=curlimages/curl', '--command', '--', 'sleep', '3600']);
      await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      await api.kubectl(['wait', '--for=condition=Ready', 'pod/client', 'pod/curl', '--timeout=60s']);
      await eventually(api, ['-n', 'ingress-nginx', 'get', 'pods'], (out) => /\s1\/1\s+Running\s/.test(out));
      nodeIP = (
        await api.kubectl([
          'get',
          'node',
          'control-plane',
          '-o',
          'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}',
        ])
      ).stdout;
    }, 90_000);
    afterAll(() => api?.stop());

    it('kubectl get ingressclass shows nginx for the k8s.io/ingress-nginx controller', async () => {
      const result = await api.kubectl(['get', 'ingressclass']);
      expect(result.code).toBe(0);
      const [header, nginx, ...rest] = rows(result.stdout);
      expect(header).toEqual(['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE']);
      expect(nginx?.slice(0, 3)).toEqual(['nginx', 'k8s.io/ingress-nginx', '<none>']);
      expect(rest).toEqual([]);
    });

    it('runs the controller pod on the control-plane node, the one labelled ingress-ready', async () => {
      const pods = rows((await api.kubectl(['-n', 'ingress-nginx', 'get', 'pods', '-o', 'wide'])).stdout);
      expect(pods[0]?.slice(0, 7)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE']);
      expect(pods).toHaveLength(2);
      const [name, ready, status, restarts, , , node] = pods[1] ?? [];
      expect(name).toMatch(/^ingress-nginx-controller-[a-z0-9]+-[a-z0-9]{5}$/);
      expect([ready, status, restarts, node]).toEqual(['1/1', 'Running', '0', 'control-plane']);
      const labelled = await api.kubectl(['get', 'nodes', '-l', 'ingress-ready=true', '-o', 'name']);
      expect(labelled.stdout).toBe('node/control-plane\n');
    });

    it('kubectl get ingress shows the address the controller publishes: localhost', async () => {
      const result = await eventually(api, ['get', 'ingress'], (out) => out.includes('localhost'));
      const [header, web] = rows(result.stdout);
      expect(header).toEqual(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
      expect(web?.slice(0, 5)).toEqual(['web', 'nginx', 'foo.example', 'localhost', '80']);
      const described = await api.kubectl(['describe', 'ingress', 'web']);
      expect(described.stdout).toMatch(/Normal {2}Sync .* nginx-ingress-controller {2}Scheduled for sync/);
    });

    it("routes foo.example to web's nginx through the controller's Service and its hostPort on the node", async () => {
      for (const url of ['http://ingress-nginx-controller.ingress-nginx', `http://${nodeIP}`]) {
        const result = await api.kubectl([
          'exec',
          'client',
          '--',
          'wget',
          '-qO-',
          '--header',
          'Host: foo.example',
          url,
        ]);
        expect(result.code, url).toBe(0);
        expect(result.stdout).toContain('<title>Welcome to nginx!</title>');
        expect(result.stdout).toHaveLength(615);
      }
    });

    it("answers an unknown host with the default backend's 404 page", async () => {
      const result = await api.kubectl([
        'exec',
        'curl',
        '--',
        'curl',
        '-s',
        '-w',
        '%{http_code}',
        '-H',
        'Host: bar.example',
        `http://${nodeIP}/`,
      ]);
      expect(result).toMatchObject({ code: 0, stdout: `${NOT_FOUND_PAGE}404` });
    });

    it("kubectl logs of the controller shows an access log line for each request, in ingress-nginx's format", async () => {
      await api.kubectl([
        'exec',
        'client',
        '--',
        'wget',
        '-qO-',
        '--header',
        'Host: foo.example',
        'http://ingress-nginx-controller.ingress-nginx/',
      ]);
      const logs = (await api.kubectl(['-n', 'ingress-nginx', 'logs', 'deploy/ingress-nginx-controller']))
        .stdout;
      expect(
        logs.startsWith(
          '-------------------------------------------------------------------------------\nNGINX Ingress controller\n',
        ),
      ).toBe(true);
      const access = logs.split('\n').filter((l) => l.includes('"GET / HTTP/1.1"'));
      expect(access.length).toBeGreaterThanOrEqual(4);
      const stamp = '\\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\]';
      expect(access.at(-1)).toMatch(
        new RegExp(
          `^10\\.244\\.\\d+\\.\\d+ - - ${stamp} "GET / HTTP/1\\.1" 200 615 "-" "Wget" \\d+ 0\\.001 \\[default-web-80\\] \\[\\] 10\\.244\\.\\d+\\.\\d+:80 615 0\\.001 200 [0-9a-f]{32}$`,
        ),
      );
      expect(access).toContainEqual(
        expect.stringMatching(
          / 404 146 "-" "curl\/8\.11\.1" \d+ 0\.000 \[upstream-default-backend\] \[\] 127\.0\.0\.1:8181 146 0\.000 404 /,
        ),
      );
    });
  },
);

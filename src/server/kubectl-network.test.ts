import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

describe.skipIf(kubectl === null)(
  'real kubectl: containers on the cluster network',
  { timeout: 120_000 },
  () => {
    let api: RunningApiserver;
    let clientIP = '';
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '', ['--speed', '10']);
      await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
      await api.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27']);
      await api.kubectl(['expose', 'deployment', 'web', '--port=80']);
      await api.kubectl(['run', 'client', '--image=busybox', '--', 'sleep', '3600']);
      await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      await api.kubectl(['wait', '--for=condition=Ready', 'pod/client', '--timeout=60s']);
      clientIP = (await api.kubectl(['get', 'pod', 'client', '-o', 'jsonpath={.status.podIP}'])).stdout;
    }, 90_000);
    afterAll(() => api?.stop());

    it("kubectl exec wget to the Service by name returns nginx's welcome page", async () => {
      const result = await api.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://web']);
      expect(result.code).toBe(0);
      expect(
        result.stdout.startsWith('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>'),
      ).toBe(true);
      expect(result.stdout).toHaveLength(615);
    });

    it('kubectl logs of the nginx pod shows the access log line with the client pod IP', async () => {
      await api.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://web/missing']);
      const logs = (await api.kubectl(['logs', 'deploy/web'])).stdout.trimEnd().split('\n');
      const ip = clientIP.replace(/\./g, '\\.');
      const stamp = '\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000';
      expect(logs).toContainEqual(
        expect.stringMatching(
          new RegExp(`^${ip} - - \\[${stamp}\\] "GET / HTTP/1\\.1" 200 615 "-" "Wget" "-"$`),
        ),
      );
      expect(logs.at(-1)).toMatch(
        new RegExp(`^${ip} - - \\[${stamp}\\] "GET /missing HTTP/1\\.1" 404 153 "-" "Wget" "-"$`),
      );
      expect(logs.at(-2)).toMatch(
        new RegExp(
          `\\[error\\] 29#29: \\*\\d+ open\\(\\) "/usr/share/nginx/html/missing" failed \\(2: No such file or directory\\), client: ${ip}, server: localhost, request: "GET /missing HTTP/1\\.1", host: "web"$`,
        ),
      );
    });

    it('kubectl exec wget and nslookup fail as busybox does', async () => {
      expect(await api.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://nope'])).toEqual({
        code: 1,
        stdout: '',
        stderr: "wget: bad address 'nope'\ncommand terminated with exit code 1\n",
      });
      const lookup = await api.kubectl(['exec', 'client', '--', 'nslookup', 'web.default.svc.cluster.local']);
      const webIP = (await api.kubectl(['get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
      expect(lookup.stdout).toContain(`Name:\tweb.default.svc.cluster.local\nAddress: ${webIP}\n`);
      expect(lookup.code).toBe(0);
    });
  },
);

import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import { CniPlugin } from '../cni/plugin';
import type { HttpRequest } from '../images/http';
import { ContainerRuntime } from './runtime';

const GET: HttpRequest = {
  method: 'GET',
  path: '/',
  headers: [
    ['Host', '10.244.1.2'],
    ['User-Agent', 'kube-probe/1.32'],
  ],
};

/** A runtime with one pod running `image` (with `env`), and helpers to reach it. */
function running(image: string, env: Record<string, string> = {}, hostNetwork = false) {
  const kernel = new Kernel({ seed: 3, epoch: Date.UTC(2025, 0, 1) });
  const cni = new CniPlugin(kernel, 'node-1/kubelet', 'node-1/container-runtime');
  cni.setPodCIDR('10.244.1.0/24');
  const runtime = new ContainerRuntime(kernel, 'node-1', cni);
  runtime.pullImage(image, null, () => {});
  kernel.runUntil(20_000);
  const box = runtime.runPodSandbox(
    { name: 'web', namespace: 'default', uid: 'u1', attempt: 0, hostNetwork },
    null,
  ).value;
  const id = runtime.createContainer(
    box.id,
    { name: 'c', image, command: [], args: [], attempt: 0, env },
    null,
  ).value;
  runtime.startContainer(id, null);
  const started = kernel.clock.now();
  const at = (ms: number) => kernel.runUntil(started + ms);
  const serve = (port: number, http: HttpRequest | null = GET) =>
    runtime.serve({
      to: { podIP: box.ip ?? '' },
      port,
      protocol: 'TCP',
      clientIP: '172.18.0.3',
      ...(http === null ? {} : { http }),
    });
  const logs = () =>
    (runtime.containerLog(id, null).value?.entries ?? []).map((e) => `${e.stream} ${e.text}`);
  const status = () => runtime.containerStatus(id, null).value;
  return { kernel, runtime, id, at, serve, logs, status };
}

describe('serving connections to containers', () => {
  it('answers HTTP from the image server and writes its access log line to the container log', () => {
    const { serve, logs, at, id } = running('nginx');
    at(1000);
    const answer = serve(80);
    expect(answer).toMatchObject({
      listening: true,
      containerId: id,
      response: { status: 200, reason: 'OK' },
    });
    expect(logs().at(-1)).toBe(
      'stdout 172.18.0.3 - - [01/Jan/2025:00:00:21 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
    );
    expect(serve(80, null)).toEqual({ listening: true, containerId: id, response: null, raw: '' });
    expect(serve(8080)).toEqual({ listening: false });
    expect(logs().filter((l) => l.includes('GET /'))).toHaveLength(1);
  });

  it('refuses connections to kubelab/slow-start until STARTUP_DELAY has passed', () => {
    const { serve, at, logs } = running('kubelab/slow-start', { STARTUP_DELAY: '20' });
    at(19_999);
    expect(serve(8080).listening).toBe(false);
    at(20_000);
    expect(serve(8080)).toMatchObject({ listening: true, response: { status: 200, body: 'ok\n' } });
    expect(logs().slice(0, 2)).toEqual([
      'stdout 2025/01/01 00:00:20 warming up for 20s (STARTUP_DELAY)',
      'stdout 2025/01/01 00:00:40 ready, listening on :8080',
    ]);
    expect(logs()[2]).toMatch(/^stdout 2025\/01\/01 00:00:40 172\.18\.0\.3:\d+ GET \/ 200$/);
  });

  it('kubelab/crasher exits with EXIT_CODE after CRASH_AFTER seconds and stops listening', () => {
    const { serve, at, status, logs } = running('kubelab/crasher', { CRASH_AFTER: '5', EXIT_CODE: '42' });
    at(4_999);
    expect(status()?.state).toBe('CONTAINER_RUNNING');
    at(5_000);
    expect(status()).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 42, reason: 'Error' });
    expect(serve(8080).listening).toBe(false);
    expect(logs().at(-1)).toBe('stderr 2025/01/01 00:00:25 crash: exiting with code 42');
  });

  it('postgres without POSTGRES_PASSWORD prints the entrypoint error and exits 1', () => {
    const { at, status, logs, serve } = running('postgres');
    at(1000);
    expect(status()).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 1 });
    expect(logs()[0]).toBe(
      'stderr Error: Database is uninitialized and superuser password is not specified.',
    );
    expect(serve(5432).listening).toBe(false);
  });

  it('postgres with a password listens on 5432 once initialised', () => {
    const { at, serve, logs } = running('postgres', { POSTGRES_PASSWORD: 'secret' });
    at(3000);
    expect(serve(5432, null).listening).toBe(false);
    at(3200);
    expect(serve(5432, null).listening).toBe(true);
    expect(logs()).toContain('stdout PostgreSQL init process complete; ready for start up.');
    expect(logs().at(-1)).toMatch(
      /^stderr 2025-01-01 00:00:23\.\d{3} UTC \[1\] LOG: {2}database system is ready to accept connections$/,
    );
  });

  it('turns hpa-example requests into CPU through the request load, which decays when they stop', () => {
    const { runtime, serve, at, id } = running('registry.k8s.io/hpa-example');
    const cpu = () => runtime.cgroups.container(id)?.cpuSeconds ?? 0;
    at(1000);
    const idleStart = cpu();
    at(11_000);
    const idle = cpu() - idleStart;
    for (let ms = 11_000; ms < 21_000; ms += 50) {
      at(ms);
      serve(80);
    }
    at(21_000);
    const busyStart = cpu();
    at(22_000);
    const busy = cpu() - busyStart;
    expect(idle).toBeLessThan(0.05);
    // 20 requests a second at 0.02 core-seconds each: about 0.4 of a core.
    expect(busy).toBeGreaterThan(0.3);
    expect(busy).toBeLessThan(0.5);
    at(40_000);
    const afterStart = cpu();
    at(50_000);
    expect(cpu() - afterStart).toBeLessThan(0.05);
  });

  it('finds a host-network server in the node namespace, not by a pod IP', () => {
    const { runtime, at, id } = running('nginx', {}, true);
    at(1000);
    const ask = (to: { podIP: string } | { hostNetwork: true }) =>
      runtime.serve({ to, port: 80, protocol: 'TCP', clientIP: '172.18.0.4' });
    expect(ask({ hostNetwork: true })).toEqual({ listening: true, containerId: id, response: null, raw: '' });
    expect(ask({ podIP: '10.244.1.2' })).toEqual({ listening: false });
  });
});

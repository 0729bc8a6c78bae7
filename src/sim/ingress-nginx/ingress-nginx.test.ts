import { describe, expect, it } from 'vitest';
import { findResource, type ResourceInfo } from '../apiserver/resources';
import { chainOf } from '../network/testing';
import {
  addressOf,
  controllerLogs,
  controllerPods,
  exec,
  hostIngress,
  INGRESSES,
  NODES,
  PODS,
  setupIngress,
} from './testing';

const INGRESS_CLASSES = findResource('networking.k8s.io', 'v1', 'ingressclasses') as ResourceInfo;
const DEPLOYMENTS = findResource('apps', 'v1', 'deployments') as ResourceInfo;
const EVENTS = findResource('', 'v1', 'events') as ResourceInfo;
const SERVICE = 'http://ingress-nginx-controller.ingress-nginx';
/** The control-plane node's InternalIP, where the controller's hostPorts are. */
const NODE_IP = '172.18.0.2';
const NOT_FOUND_PAGE =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

describe('ingress-nginx as kind sets it up', () => {
  it('runs the controller on the control plane (labelled ingress-ready) with the IngressClass nginx', () => {
    const env = setupIngress();
    const node = env.kubectl.get(NODES, null, 'control-plane');
    expect(node.metadata.labels?.['ingress-ready']).toBe('true');
    const cls = env.kubectl.get(INGRESS_CLASSES, null, 'nginx');
    expect(cls.spec).toEqual({ controller: 'k8s.io/ingress-nginx' });
    // kind's manifest does not make it the default class.
    expect(cls.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class']).toBeUndefined();
    const [pod, ...others] = controllerPods(env);
    expect(others).toEqual([]);
    expect(pod?.metadata.name).toMatch(/^ingress-nginx-controller-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(pod?.spec).toMatchObject({
      nodeName: 'control-plane',
      nodeSelector: { 'ingress-ready': 'true', 'kubernetes.io/os': 'linux' },
    });
    expect(pod?.status).toMatchObject({ phase: 'Running' });
  });

  it('publishes localhost as the address of its Ingresses, and records Sync events', () => {
    const env = setupIngress();
    expect(addressOf(env)).toBe('localhost');
    const events = env.kubectl
      .list(EVENTS, 'default')
      .items.filter((e) => (e as { involvedObject?: { kind?: string } }).involvedObject?.kind === 'Ingress');
    expect(events).toEqual([
      expect.objectContaining({
        reason: 'Sync',
        message: 'Scheduled for sync',
        source: { component: 'nginx-ingress-controller' },
        // Once when it was created, once more when its status changed.
        count: 2,
      }),
    ]);
    // An Ingress of another class is not its business.
    env.kubectl.create(
      INGRESSES,
      'default',
      hostIngress('other', 'bar.example', 'web', { ingressClassName: 'traefik' }),
    );
    env.run(120_000);
    expect(addressOf(env, 'other')).toBe('');
  });

  it("routes by host through its Service and through the node's hostPort to nginx, each hop traced", () => {
    const env = setupIngress();
    const [pod] = controllerPods(env);
    const controller = `control-plane/pod/ingress-nginx/${pod?.metadata.name ?? ''}`;
    for (const url of [SERVICE, `http://${NODE_IP}`]) {
      const run = exec(env, 'client', ['wget', '-qO-', '--header', 'Host: foo.example', url]);
      expect(run.result).toEqual({ exitCode: 0 });
      expect(run.stdout).toContain('<title>Welcome to nginx!</title>');
    }
    const hostPort = env.steps.find((s) => s.summary.startsWith('portmap CNI-HOSTPORT-DNAT'));
    expect(hostPort).toMatchObject({
      to: 'control-plane/cni',
      kind: 'decision',
      summary: `portmap CNI-HOSTPORT-DNAT: ${NODE_IP}:80/TCP -> ${(pod?.status as { podIP: string }).podIP}:80 (hostPort of ingress-nginx/${pod?.metadata.name ?? ''})`,
    });
    // The controller proxies from its own pod to a web pod, chained to the connection it serves.
    const proxied = env.steps.filter((s) => s.from === controller && s.summary === 'GET / HTTP/1.1');
    expect(proxied).toHaveLength(2);
    const chain = chainOf(env.steps, proxied[1]?.id ?? null).map((s) => `${s.from} -> ${s.to}`);
    expect(chain[0]).toBe('kubectl -> control-plane/kube-apiserver');
    expect(chain).toEqual(
      expect.arrayContaining([
        'node-1/cni -> control-plane/cni',
        `control-plane/cni -> ${controller}`,
        `${controller} -> control-plane/cni`,
      ]),
    );
    expect(proxied.map((s) => s.to)).toEqual([
      expect.stringMatching(/^node-\d\/pod\/default\/web-/),
      expect.stringMatching(/^node-\d\/pod\/default\/web-/),
    ]);
    // Round robin: the two requests went to the two web pods.
    expect(new Set(proxied.map((s) => s.to)).size).toBe(2);
  });

  it("answers an unknown host with its default backend's 404 page, and logs every request", () => {
    const env = setupIngress();
    const unknown = exec(env, 'curl', [
      'curl',
      '-s',
      '-w',
      '%{http_code}',
      '-H',
      'Host: bar.example',
      `http://${NODE_IP}/`,
    ]);
    expect(unknown.stdout).toBe(`${NOT_FOUND_PAGE}404`);
    const wget = exec(env, 'client', ['wget', '-qO-', `${SERVICE}/`]);
    expect(wget.stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n');
    exec(env, 'client', ['wget', '-qO-', '--header', 'Host: foo.example', SERVICE]);
    const [pod] = controllerPods(env);
    if (pod === undefined) throw new Error('no controller pod');
    const access = controllerLogs(env, pod)
      .split('\n')
      .filter((l) => l.includes('"GET '));
    const ip = (name: string) => (env.kubectl.get(PODS, 'default', name).status as { podIP: string }).podIP;
    const stamp = '\\[01/Jan/2025:00:0\\d:\\d\\d \\+0000\\]';
    const esc = (s: string) => s.replace(/\./g, '\\.');
    expect(access).toHaveLength(3);
    // Through the hostPort the curl pod's packets arrive masqueraded to node-1's address.
    expect(access[0]).toMatch(
      new RegExp(
        `^172\\.18\\.0\\.3 - - ${stamp} "GET / HTTP/1\\.1" 404 146 "-" "curl/8\\.11\\.1" 75 0\\.000 \\[upstream-default-backend\\] \\[\\] 127\\.0\\.0\\.1:8181 146 0\\.000 404 [0-9a-f]{32}$`,
      ),
    );
    expect(access[1]).toMatch(
      new RegExp(`^${esc(ip('client'))} - - ${stamp} "GET / HTTP/1\\.1" 404 146 "-" "Wget"`),
    );
    expect(access[2]).toMatch(
      new RegExp(
        `^${esc(ip('client'))} - - ${stamp} "GET / HTTP/1\\.1" 200 615 "-" "Wget" 74 0\\.001 \\[default-web-80\\] \\[\\] 10\\.244\\.\\d+\\.\\d+:80 615 0\\.001 200 [0-9a-f]{32}$`,
      ),
    );
  });

  it('stops routing when its pod goes, clears the address, and takes over again in the new pod', () => {
    const env = setupIngress();
    const [old] = controllerPods(env);
    env.kubectl.delete(PODS, 'ingress-nginx', old?.metadata.name ?? '');
    env.run(500);
    expect(addressOf(env)).toBe('');
    const down = exec(env, 'client', [
      'wget',
      '-qO-',
      '-T',
      '2',
      '--header',
      'Host: foo.example',
      `http://${NODE_IP}`,
    ]);
    expect(down.result).toEqual({ exitCode: 1 });
    expect(down.stderr).toContain("wget: can't connect to remote host (172.18.0.2): Connection refused");
    env.run(60_000);
    const [pod, ...others] = controllerPods(env);
    expect(others).toEqual([]);
    expect(pod?.metadata.name).not.toBe(old?.metadata.name);
    expect(addressOf(env)).toBe('localhost');
    const up = exec(env, 'client', ['wget', '-qO-', '--header', 'Host: foo.example', `http://${NODE_IP}`]);
    expect(up.stdout).toContain('<title>Welcome to nginx!</title>');
  });

  it('fits one replica per ingress-ready node: its hostPorts keep a second one Pending', () => {
    const env = setupIngress();
    const scale = { spec: { replicas: 2 } };
    env.kubectl.patch(DEPLOYMENTS, 'ingress-nginx', 'ingress-nginx-controller', 'merge', scale);
    env.run(30_000);
    const [, second] = controllerPods(env);
    expect(second?.status).toMatchObject({
      phase: 'Pending',
      conditions: [
        expect.objectContaining({
          reason: 'Unschedulable',
          message: expect.stringMatching(
            /^0\/3 nodes are available: 1 node\(s\) didn't have free ports for the requested pod ports, 2 node\(s\) didn't match Pod's node affinity\/selector\./,
          ),
        }),
      ],
    });
  });

  it('hands the status over to another running replica when the leader goes, keeping the address', () => {
    const env = setupIngress();
    env.kubectl.patch(NODES, null, 'node-1', 'merge', { metadata: { labels: { 'ingress-ready': 'true' } } });
    const scale = { spec: { replicas: 2 } };
    env.kubectl.patch(DEPLOYMENTS, 'ingress-nginx', 'ingress-nginx-controller', 'merge', scale);
    env.run(60_000);
    const [leader, other] = controllerPods(env);
    expect((other?.spec as { nodeName: string }).nodeName).toBe('node-1');
    env.kubectl.delete(PODS, 'ingress-nginx', leader?.metadata.name ?? '');
    env.run(500);
    expect(addressOf(env)).toBe('localhost');
    const run = exec(env, 'client', ['wget', '-qO-', '--header', 'Host: foo.example', 'http://172.18.0.3']);
    expect(run.stdout).toContain('<title>Welcome to nginx!</title>');
    // The new leader's next status sync (at most a minute away) covers a new Ingress.
    env.kubectl.create(INGRESSES, 'default', hostIngress('later', 'later.example', 'web'));
    env.run(61_000);
    expect(addressOf(env, 'later')).toBe('localhost');
  });

  it('is left out with ingressController none', () => {
    const env = setupIngress({ ingressController: 'none' });
    expect(env.cluster.options.ingressController).toBe('none');
    expect(controllerPods(env)).toEqual([]);
    expect(env.kubectl.get(NODES, null, 'control-plane').metadata.labels?.['ingress-ready']).toBeUndefined();
    expect(addressOf(env)).toBe('');
  });
});

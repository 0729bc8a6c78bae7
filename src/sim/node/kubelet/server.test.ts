import { describe, expect, it } from 'vitest';
import type { ApiResponse, Status } from '../../apiserver/types';
import { setupNode } from './testing';

/** A node-1 kubelet registered with the apiserver, and a raw request helper. */
function setup() {
  const node = setupNode();
  node.cluster.kubelets.register('node-1', node.kubelet.server);
  const get = (path: string, headers: Record<string, string> = {}): ApiResponse => {
    const [p = '', search = ''] = path.split('?');
    const query: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(search)) (query[k] ??= []).push(v);
    return node.cluster.apiserver.handle({ method: 'GET', path: p, query, headers, client: 'kubectl' });
  };
  return { ...node, get };
}

const LOG = '/api/v1/namespaces/default/pods';
const text = (r: ApiResponse) =>
  'text' in r ? r.text : 'body' in r ? ((r.body as Status).message ?? '') : '?';

describe('pods/log through the kubelet', () => {
  it('serves the container log, with tailLines and timestamps, after upstream checks', () => {
    const { createPod, run, get, steps } = setup();
    createPod('web', { containers: [{ name: 'nginx', image: 'nginx' }] });
    run(100);
    const waiting = get(`${LOG}/web/log`);
    expect(waiting.status).toBe(400);
    expect(text(waiting)).toBe('container "nginx" in pod "web" is waiting to start: ContainerCreating');
    run(10_000);
    const all = text(get(`${LOG}/web/log`)).split('\n');
    expect(all[0]).toBe(
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    );
    expect(all.at(-2)).toMatch(/ \[notice\] 1#1: start worker process 30$/);
    expect(text(get(`${LOG}/web/log?tailLines=1&timestamps=true`))).toMatch(
      /^2025-01-01T00:00:\d\d\.\d{9}Z \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process 30\n$/,
    );
    expect(text(get(`${LOG}/web/log?previous=true`))).toBe(
      'previous terminated container "nginx" in pod "web" not found',
    );
    const hop = steps.find((s) => s.to === 'node-1/kubelet' && s.summary.includes('tailLines=1'));
    expect(hop?.summary).toMatch(/^GET \/containerLogs\/default\/web\/nginx\?/);
    expect(steps.some((s) => s.causedBy === hop?.id && s.to === 'node-1/container-runtime')).toBe(true);
  });

  it('asks for a container when there are several, and checks names', () => {
    const { createPod, run, get } = setup();
    createPod('two', {
      containers: [
        { name: 'a', image: 'nginx' },
        { name: 'b', image: 'nginx' },
      ],
    });
    run(100);
    expect(text(get(`${LOG}/two/log`))).toBe(
      'a container name must be specified for pod two, choose one of: [a b]',
    );
    expect(text(get(`${LOG}/two/log?container=c`))).toBe('container c is not valid for pod two');
  });

  it('follows a log on the virtual clock until the container exits, and keeps the previous one', () => {
    const { createPod, run, get } = setup();
    createPod('count', {
      containers: [
        {
          name: 'c',
          image: 'busybox',
          command: ['sh', '-c', 'for i in 1 2 3; do echo n=$i; sleep 1; done; exit 2'],
        },
      ],
    });
    run(3000);
    const followed = get(`${LOG}/count/log?follow=true`);
    if (!('stream' in followed)) throw new Error('expected a stream');
    const chunks: string[] = [];
    let ended = false;
    followed.stream.start(
      (c) => chunks.push(c),
      () => (ended = true),
    );
    const before = chunks.join('');
    run(5000);
    expect(before.length).toBeLessThan('n=1\nn=2\nn=3\n'.length);
    expect(chunks.join('')).toBe('n=1\nn=2\nn=3\n');
    expect(ended).toBe(true);
    run(15_000);
    expect(text(get(`${LOG}/count/log?previous=true`))).toBe('n=1\nn=2\nn=3\n');
  });

  it('runs exec sessions in the container and reports exit codes as Status', () => {
    const { createPod, run, cluster, kernel } = setup();
    createPod('web', { containers: [{ name: 'nginx', image: 'nginx' }] });
    const exec = (command: string[], upgrade = 'websocket') =>
      cluster.apiserver.handle({
        method: 'GET',
        path: `${LOG}/web/exec`,
        query: { command, stdout: ['true'], stderr: ['true'], stdin: ['true'] },
        headers: upgrade === '' ? {} : { upgrade },
        client: 'kubectl',
      });
    run(100);
    const early = exec(['hostname']);
    if (!('session' in early)) throw new Error('expected a session');
    let status: Status | undefined;
    early.session.start(
      () => {},
      (s) => (status = s),
    );
    run(10);
    expect(status?.message).toBe(
      'Internal error occurred: unable to upgrade connection: container not found ("nginx")',
    );
    run(10_000);
    expect(text(exec(['hostname'], ''))).toBe('Upgrade request required');
    const session = exec(['sh', '-c', 'cat; echo bye; exit 3']);
    if (!('session' in session)) throw new Error('expected a session');
    let out = '';
    session.session.start(
      (_s, d) => (out += d),
      (s) => (status = s),
    );
    session.session.stdin('typed\n');
    session.session.closeStdin();
    kernel.runUntil(kernel.clock.now() + 10);
    expect(out).toBe('typed\nbye\n');
    expect(status).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });
});

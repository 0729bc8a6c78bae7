import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(kubectl === null)(
  'real kubectl: watching, describing, editing, waiting, access',
  { timeout: 60_000 },
  () => {
    let api: RunningApiserver;
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '');
    }, 60_000);
    afterAll(() => api?.stop());

    it('auth can-i answers yes (every request is allowed until RBAC arrives)', async () => {
      expect(await api.kubectl(['auth', 'can-i', 'create', 'deployments'])).toMatchObject({
        code: 0,
        stdout: 'yes\n',
      });
      expect(await api.kubectl(['auth', 'can-i', 'delete', 'nodes', '--all-namespaces'])).toMatchObject({
        code: 0,
        stdout: 'yes\n',
      });
      const list = await api.kubectl(['auth', 'can-i', '--list']);
      expect(list.stdout.split('\n')[0]).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/);
      expect(list.stdout).toMatch(/\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/);
    });

    it('auth whoami shows the kubeconfig user', async () => {
      const r = await api.kubectl(['auth', 'whoami']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Username\s+kubernetes-admin/);
      expect(r.stdout).toMatch(/Groups\s+\[kubeadm:cluster-admins system:authenticated\]/);
    });

    it('get -w prints the current objects, then each change as it happens', async () => {
      await api.kubectl(['create', 'configmap', 'before-watch']);
      const child = spawn(kubectl ?? '', ['get', 'configmaps', '-w'], {
        env: { ...process.env, KUBECONFIG: `${api.dir}/kubeconfig`, HOME: api.dir },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      // The change must come after kubectl has listed (its header is out), and show up as a line.
      for (let i = 0; i < 120 && !out.includes('before-watch'); i++) await sleep(250);
      await api.kubectl(['create', 'configmap', 'during-watch', '--from-literal=a=b']);
      for (let i = 0; i < 120 && !out.includes('during-watch'); i++) await sleep(250);
      child.kill('SIGINT');
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(/^NAME\s+DATA\s+AGE$/);
      expect(lines.some((l) => /^before-watch\s+0\s+\S+$/.test(l))).toBe(true);
      expect(lines.at(-1)).toMatch(/^during-watch\s+1\s+\d+s$/);
    });

    it('describe shows a ConfigMap as kubectl formats it', async () => {
      await api.kubectl(['create', 'configmap', 'described', '--from-literal=color=blue']);
      const r = await api.kubectl(['describe', 'configmap', 'described']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /^Name:\s+described\nNamespace:\s+default\nLabels:\s+<none>\nAnnotations:\s+<none>\n\nData\n====\ncolor:\n----\nblue\n/,
      );
      expect(r.stdout).toContain('Events:  <none>');
    });

    it('edit saves what the editor changed', async () => {
      await api.kubectl(['create', 'configmap', 'edited', '--from-literal=color=blue']);
      const editor = api.file('editor.sh', '#!/bin/sh\nsed -i "s/color: blue/color: green/" "$1"\n');
      const r = await api.kubectl(['edit', 'configmap', 'edited'], { env: { EDITOR: `sh ${editor}` } });
      expect(r).toMatchObject({ code: 0, stdout: 'configmap/edited edited\n' });
      expect((await api.kubectl(['get', 'configmap', 'edited', '-o', 'jsonpath={.data.color}'])).stdout).toBe(
        'green',
      );
    });

    it('wait returns when a field reaches a value, and when an object is deleted', async () => {
      await api.kubectl(['create', 'deployment', 'waited', '--image=nginx']);
      const waiting = api.kubectl([
        'wait',
        '--for=jsonpath={.spec.replicas}=3',
        'deployment/waited',
        '--timeout=20s',
      ]);
      await sleep(500);
      await api.kubectl(['scale', 'deployment', 'waited', '--replicas=3']);
      expect(await waiting).toMatchObject({ code: 0, stdout: 'deployment.apps/waited condition met\n' });

      await api.kubectl(['create', 'configmap', 'short-lived']);
      const gone = api.kubectl(['wait', '--for=delete', 'configmap/short-lived', '--timeout=20s']);
      await sleep(500);
      await api.kubectl(['delete', 'configmap', 'short-lived']);
      expect(await gone).toMatchObject({ code: 0, stdout: 'configmap/short-lived condition met\n' });
    });

    it('delete with the default (Background) propagation removes a Deployment', async () => {
      await api.kubectl(['create', 'deployment', 'removed', '--image=nginx']);
      expect(await api.kubectl(['delete', 'deployment', 'removed'])).toMatchObject({
        code: 0,
        stdout: 'deployment.apps "removed" deleted\n',
      });
      expect((await api.kubectl(['get', 'deployment', 'removed'])).code).toBe(1);
    });
  },
);

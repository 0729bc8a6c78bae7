import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

describe.skipIf(kubectl === null)(
  'real kubectl: object lifecycle with the controller manager',
  { timeout: 60_000 },
  () => {
    let api: RunningApiserver;
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '');
    }, 60_000);
    afterAll(() => api?.stop());

    /** Creates a ConfigMap `owner` and a dependent ConfigMap that names it as its owner. */
    async function ownerAndDependent(owner: string, dependent: string, block = false) {
      await api.kubectl(['create', 'configmap', owner]);
      const uid = (await api.kubectl(['get', 'configmap', owner, '-o', 'jsonpath={.metadata.uid}'])).stdout;
      const manifest = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: dependent,
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              name: owner,
              uid,
              ...(block ? { blockOwnerDeletion: true } : {}),
            },
          ],
        },
      };
      expect(
        (await api.kubectl(['create', '-f', api.file(`${dependent}.json`, JSON.stringify(manifest))])).code,
      ).toBe(0);
    }

    it('every namespace gets a default ServiceAccount and the kube-root-ca.crt ConfigMap', async () => {
      await api.kubectl(['create', 'namespace', 'fresh']);
      // The controllers create both within moments; poll for them. (`kubectl wait --for=create`
      // answered NotFound at once when it asked before they existed: to be looked into.)
      let found = { code: 1, stdout: '', stderr: '' };
      for (let i = 0; i < 40 && found.code !== 0; i++) {
        found = await api.kubectl([
          'get',
          'serviceaccount/default',
          'configmap/kube-root-ca.crt',
          '-n',
          'fresh',
        ]);
        if (found.code !== 0) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(found).toMatchObject({ code: 0, stderr: '' });
      const sa = await api.kubectl(['get', 'serviceaccounts', '-n', 'fresh']);
      expect(sa.stdout.split('\n')[0]).toMatch(/^NAME\s+SECRETS\s+AGE$/);
      expect(sa.stdout).toMatch(/\ndefault\s+0\s+\S+\n/);
    });

    it('deleting a namespace empties it, then removes it', async () => {
      await api.kubectl(['create', 'namespace', 'doomed']);
      await api.kubectl(['create', 'configmap', 'inside', '-n', 'doomed']);
      await api.kubectl(['create', 'deployment', 'inside', '--image=nginx', '-n', 'doomed']);
      const r = await api.kubectl(['delete', 'namespace', 'doomed', '--timeout=30s']);
      expect(r).toMatchObject({ code: 0, stdout: 'namespace "doomed" deleted\n' });
      expect((await api.kubectl(['get', 'namespace', 'doomed'])).stderr).toBe(
        'Error from server (NotFound): namespaces "doomed" not found\n',
      );
    });

    it('--cascade=background deletes the owner, then the garbage collector its dependents', async () => {
      await ownerAndDependent('bg-owner', 'bg-dependent');
      expect((await api.kubectl(['delete', 'configmap', 'bg-owner'])).stdout).toBe(
        'configmap "bg-owner" deleted\n',
      );
      expect(
        (await api.kubectl(['wait', '--for=delete', 'configmap/bg-dependent', '--timeout=20s'])).code,
      ).toBe(0);
    });

    it('--cascade=foreground removes the dependents first', async () => {
      await ownerAndDependent('fg-owner', 'fg-dependent', true);
      const r = await api.kubectl([
        'delete',
        'configmap',
        'fg-owner',
        '--cascade=foreground',
        '--timeout=30s',
      ]);
      expect(r).toMatchObject({ code: 0, stdout: 'configmap "fg-owner" deleted\n' });
      expect((await api.kubectl(['get', 'configmap', 'fg-dependent'])).code).toBe(1);
    });

    it('--cascade=orphan keeps the dependents and drops their owner reference', async () => {
      await ownerAndDependent('or-owner', 'or-dependent');
      const r = await api.kubectl(['delete', 'configmap', 'or-owner', '--cascade=orphan', '--timeout=30s']);
      expect(r).toMatchObject({ code: 0, stdout: 'configmap "or-owner" deleted\n' });
      const refs = await api.kubectl([
        'get',
        'configmap',
        'or-dependent',
        '-o',
        'jsonpath={.metadata.ownerReferences}',
      ]);
      expect(refs).toMatchObject({ code: 0, stdout: '' });
    });
  },
);

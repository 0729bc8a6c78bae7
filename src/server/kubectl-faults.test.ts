/**
 * The real kubectl and the in-page kubectl against one served cluster: applying Faults and
 * listing them print the same (apart from ages), and deleting one heals it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeAges, startDifferential, type Differential } from './differential';
import { kubectlOrSkip } from './harness';

const kubectlPath = kubectlOrSkip();

const FAULTS = `apiVersion: chaos.kubelab.dev/v1alpha1
kind: Fault
metadata:
  name: stop-node-2
spec:
  type: KubeletStop
  node: node-2
---
apiVersion: chaos.kubelab.dev/v1alpha1
kind: Fault
metadata:
  name: no-docker-hub
spec:
  type: RegistryUnreachable
  registry: docker.io
---
apiVersion: chaos.kubelab.dev/v1alpha1
kind: Fault
metadata:
  name: ghost
spec:
  type: KubeletStop
  node: node-9
`;

const BAD = `apiVersion: chaos.kubelab.dev/v1alpha1
kind: Fault
metadata:
  name: meteor
spec:
  type: Meteor
`;

describe.skipIf(kubectlPath === null)('kubectl and Faults', { timeout: 180_000 }, () => {
  let d: Differential;
  beforeAll(async () => {
    d = await startDifferential(kubectlPath ?? '');
  }, 180_000);
  afterAll(() => d?.stop());

  it('applies Faults and lists them as real kubectl does', async () => {
    const file = d.file('faults.yaml', FAULTS);
    const applied = await d.one('real', `kubectl apply -f ${file}`);
    expect(applied.stdout).toBe(
      'fault.chaos.kubelab.dev/stop-node-2 created\nfault.chaos.kubelab.dev/no-docker-hub created\nfault.chaos.kubelab.dev/ghost created\n',
    );
    for (const line of [
      'kubectl get faults',
      'kubectl get fault stop-node-2',
      'kubectl get faults -o wide',
      'kubectl get faults.chaos.kubelab.dev --no-headers',
      'kubectl get crd faults.chaos.kubelab.dev',
    ]) {
      const { real, ours } = await d.both(line);
      expect(normalizeAges(ours.stdout), line).toBe(normalizeAges(real.stdout));
      expect(ours.stderr, line).toBe(real.stderr);
    }
    const { real } = await d.both('kubectl get faults');
    expect(normalizeAges(real.stdout).replace(/ +/g, ' ')).toBe(
      [
        'NAME TYPE TARGET PHASE AGE',
        'ghost KubeletStop Failed <age>',
        'no-docker-hub RegistryUnreachable docker.io Active <age>',
        'stop-node-2 KubeletStop node-2 Active <age>',
        '',
      ].join('\n'),
    );
  });

  it('rejects a bad spec with the same message from both', async () => {
    const file = d.file('bad.yaml', BAD);
    const { real, ours } = await d.both(`kubectl apply -f ${file}`);
    expect(real.stderr).toContain('spec.type: Unsupported value: "Meteor": supported values: "KubeletStop"');
    expect(ours.stderr).toBe(real.stderr);
    expect(real.code).toBe(1);
    expect(ours.code).toBe(real.code);
  });

  it('deletes (heals) a Fault', async () => {
    const deleted = await d.one('ours', 'kubectl delete fault stop-node-2 no-docker-hub ghost');
    expect(deleted.stdout).toBe(
      'fault.chaos.kubelab.dev "stop-node-2" deleted\nfault.chaos.kubelab.dev "no-docker-hub" deleted\nfault.chaos.kubelab.dev "ghost" deleted\n',
    );
    const { real, ours } = await d.both('kubectl get faults');
    expect(ours.stderr).toBe(real.stderr);
    expect(real.stderr).toBe('No resources found\n');
  });
});

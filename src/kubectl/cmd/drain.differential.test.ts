/**
 * cordon, uncordon, drain and taint through the real kubectl and the in-page one (over HTTP),
 * against one served cluster. A line that changes the cluster runs through the real kubectl,
 * is undone, then runs through ours and is undone again, so both start from the same state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeAges, startDifferential, type Differential } from '../../server/differential';
import { eventually, kubectlOrSkip } from '../../server/harness';
import type { KubectlResult } from '../io/output';
import { tokenize } from '../shell/tokenize';

const kubectlPath = kubectlOrSkip();

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 0
  selector: {matchLabels: {app: web}}
`;

/** Lines that change nothing (or fail before they would). */
const READ_ONLY = [
  'kubectl cordon',
  'kubectl cordon nosuch',
  'kubectl cordon node-1 -l a=b',
  'kubectl cordon svc/kubernetes',
  'kubectl cordon node-1 --dry-run=client',
  'kubectl cordon node-1 --dry-run=server',
  'kubectl cordon node-1 --dry-run=x',
  'kubectl cordon -l kubernetes.io/hostname=node-2 --dry-run=client',
  'kubectl uncordon node-1',
  'kubectl uncordon node-1 --dry-run=server',
  'kubectl drain',
  "kubectl drain node-2 --pod-selector='a in (b'",
  'kubectl drain node-2 --ignore-daemonsets --force --delete-emptydir-data --dry-run=client',
  'kubectl taint',
  'kubectl taint nodes',
  'kubectl taint nodes node-1',
  'kubectl taint nodes node-1 a=b:Bad',
  'kubectl taint nodes node-1 a=b',
  'kubectl taint nodes node-1 a=b:NoSchedule a=c:NoSchedule',
  'kubectl taint nodes node-1 a=b:NoSchedule a-',
  'kubectl taint pods x a=b:NoSchedule',
  'kubectl taint nodes a=b:NoSchedule',
  'kubectl taint nodes node-1 a=b:NoSchedule node-2',
  'kubectl taint nodes --all -l a=b a=b:NoSchedule',
  'kubectl taint nodes nosuch a=b:NoSchedule',
  "kubectl taint nodes node-1 '-bad=x:NoSchedule'",
  'kubectl taint nodes node-1 a=b=c:NoSchedule',
  "kubectl taint nodes node-1 'a=b c:NoSchedule'",
  'kubectl taint nodes node-1 a:b:c',
  'kubectl taint nodes node-1 nosuch-',
  'kubectl taint nodes node-1 a=b:NoSchedule --dry-run=client',
  'kubectl taint nodes node-1 a=b:NoSchedule --dry-run=client -o yaml',
  'kubectl taint nodes node-1 a=b:NoSchedule --dry-run=server',
];

/** Lines that change the cluster, each with the line that undoes it. */
const CHANGES: [string, string][] = [
  ['kubectl cordon node-1', 'kubectl uncordon node-1'],
  ['kubectl cordon -l kubernetes.io/hostname=node-2', 'kubectl uncordon node-2'],
  ['kubectl taint nodes node-1 dedicated=gpu:NoSchedule', 'kubectl taint nodes node-1 dedicated-'],
  ['kubectl taint nodes node-1 a=b:NoSchedule c:PreferNoSchedule', 'kubectl taint nodes node-1 a- c-'],
  ['kubectl taint nodes -l kubernetes.io/hostname=node-2 a=b:NoSchedule', 'kubectl taint nodes node-2 a-'],
  ['kubectl taint nodes --all a=b:PreferNoSchedule -o name', 'kubectl taint nodes --all a-'],
];

/** The args of a `kubectl ...` line. */
function argsOf(line: string): string[] {
  const tokens = tokenize(line);
  if (!('words' in tokens)) throw new Error(tokens.error);
  return tokens.words.slice(1);
}

const shown = (r: KubectlResult, clean: (text: string) => string = normalizeAges) => ({
  stdout: clean(r.stdout),
  stderr: clean(r.stderr),
  code: r.code,
});

/** Pod and node names made generic and lines sorted: two drains of different nodes compared. */
const generic = (text: string) =>
  normalizeAges(text)
    .replace(/web-[a-z0-9]+-[a-z0-9]+/g, 'web-<pod>')
    .replace(/node-\d/g, 'node-<n>')
    .split('\n')
    .sort()
    .join('\n');

describe.skipIf(kubectlPath === null)(
  'cordon, drain and taint against real kubectl',
  { timeout: 300_000 },
  () => {
    let diff: Differential;
    /** The nodes the web pods run on. */
    const webNodes = async () =>
      (
        await diff.api.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.nodeName}'])
      ).stdout.split(' ');
    /** Runs a line through the real kubectl and ours, each followed by `undo`. */
    async function both(line: string, undo: string) {
      const real = await diff.api.kubectl(argsOf(line));
      await diff.api.kubectl(argsOf(undo));
      const ours = await diff.inPage.collect(line);
      await diff.api.kubectl(argsOf(undo));
      return { real, ours };
    }

    beforeAll(async () => {
      diff = await startDifferential(kubectlPath ?? '');
      await diff.api.kubectl(['apply', '-f', diff.api.file('web.yaml', WEB)]);
      await eventually(
        diff.api,
        ['get', 'pdb', 'web', '-o', 'jsonpath={.status.currentHealthy}/{.status.disruptionsAllowed}'],
        (o) => o === '2/0',
      );
    }, 180_000);
    afterAll(() => diff?.stop());

    it.each(READ_ONLY)('%s', async (line) => {
      const { real, ours } = await diff.both(line);
      expect(shown(ours)).toEqual(shown(real));
    });

    it.each(CHANGES)('%s', async (line, undo) => {
      const { real, ours } = await both(line, undo);
      expect(shown(ours)).toEqual(shown(real));
    });

    it('drain refuses DaemonSet, emptyDir and unmanaged pods without the flags', async () => {
      const { real, ours } = await both('kubectl drain node-3', 'kubectl uncordon node-3');
      // kubectl groups the refusals in a Go map: their order varies from run to run.
      expect(shown(ours, generic)).toEqual(shown(real, generic));
      expect(real.stderr).toContain('There are pending nodes to be drained:\n node-3\n');
    });

    it('drain retries evictions the PodDisruptionBudget refuses, until --timeout', async () => {
      await eventually(
        diff.api,
        ['get', 'pdb', 'web', '-o', 'jsonpath={.status.currentHealthy}/{.status.disruptionsAllowed}'],
        (o) => o === '2/0',
      );
      const node = (await webNodes())[0] ?? 'node-1';
      const line = `kubectl drain ${node} --ignore-daemonsets --pod-selector=app=web --timeout=7s`;
      const { real, ours } = await both(line, `kubectl uncordon ${node}`);
      expect(shown(ours)).toEqual(shown(real));
      expect(real.stderr).toMatch(
        /\(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/,
      );
      expect(real.stderr).toMatch(/global timeout reached: 7s/);
    });

    it('drain evicts the pods and waits for them to go', async () => {
      await diff.api.kubectl(['delete', 'pdb', 'web']);
      const run = async (drain: (line: string) => Promise<KubectlResult>) => {
        const node = (await webNodes())[0] ?? 'node-1';
        const result = await drain(
          `kubectl drain ${node} --ignore-daemonsets --pod-selector=app=web --timeout=90s`,
        );
        await diff.api.kubectl(['uncordon', node]);
        await diff.api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=90s']);
        return result;
      };
      const real = await run((line) => diff.api.kubectl(argsOf(line)));
      const ours = await run((line) => diff.inPage.collect(line));
      expect(shown(ours, generic)).toEqual(shown(real, generic));
      expect(real.stdout).toMatch(/evicting pod default\/web-\S+\n/);
      expect(real.stdout).toMatch(/drained\n$/);
    });
  },
);

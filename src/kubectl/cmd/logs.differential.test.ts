/**
 * logs, exec and attach through the real kubectl and the in-page one (over HTTP, exec and
 * attach over WebSocket), against one served cluster: the same stdout, stderr and exit code.
 * Where kubectl reads several streams in Go map order (`--all-containers`, `-l`), lines are
 * compared sorted; streaming commands are stopped after a while and compared then.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeAges, startDifferential, type Differential } from '../../server/differential';
import { eventually, kubectlOrSkip } from '../../server/harness';
import { OutputBuffer } from '../io/output';
import { tokenize } from '../shell/tokenize';

const kubectlPath = kubectlOrSkip();

const OBJECTS = `apiVersion: v1
kind: Pod
metadata:
  name: multi
  labels: {app: multi}
spec:
  initContainers:
  - {name: init, image: busybox, command: ["sh", "-c", "echo init done"]}
  containers:
  - {name: one, image: busybox, command: ["sh", "-c", "echo one says hi; echo one again; sleep 3600"]}
  - {name: two, image: busybox, command: ["sh", "-c", "echo two says hi; sleep 3600"]}
---
apiVersion: v1
kind: Pod
metadata:
  name: annotated
  labels: {app: multi}
  annotations: {kubectl.kubernetes.io/default-container: two}
spec:
  containers:
  - {name: one, image: busybox, command: ["sh", "-c", "echo annotated one; sleep 3600"]}
  - {name: two, image: busybox, command: ["sh", "-c", "echo annotated two; sleep 3600"]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`;

/** Lines whose output is the same in both, byte for byte (ages aside). */
const LINES = [
  'kubectl logs multi',
  'kubectl logs multi -c two',
  'kubectl logs multi two',
  'kubectl logs pod/multi -c one --tail=1',
  'kubectl logs multi -c one --prefix --timestamps=false',
  'kubectl logs multi -c one --limit-bytes=5',
  'kubectl logs multi -c one --since=1h',
  'kubectl logs multi -c one --since-time=2020-01-01T00:00:00Z',
  'kubectl logs annotated',
  'kubectl logs deploy/web --tail=3',
  'kubectl logs deployment/web --tail=2 --prefix',
  'kubectl logs ds/kindnet -n kube-system --tail=1',
  'kubectl logs svc/kube-dns -n kube-system --tail=1',
  'kubectl logs',
  'kubectl logs a b c',
  'kubectl logs nosuch',
  'kubectl logs deploy/nosuch',
  'kubectl logs cm/kube-root-ca.crt',
  'kubectl logs svc/kubernetes',
  'kubectl logs multi -c nope',
  'kubectl logs multi -p -c one',
  'kubectl logs multi -c two two',
  'kubectl logs multi --all-containers -c one',
  'kubectl logs x -l a=b',
  'kubectl logs -l nosuch=x',
  'kubectl logs multi -c one --tail=-2',
  'kubectl logs multi -c one --since=-1s',
  'kubectl logs multi --since=x',
  'kubectl logs multi --since-time=2020',
  'kubectl logs multi --since-time=2020-13-01T00:00:00Z',
  'kubectl logs multi --since-time=2020-01-01X',
  'kubectl logs multi --since=1h --since-time=2020-01-01T00:00:00Z',
  'kubectl logs multi --pod-running-timeout=0',
  'kubectl logs multi --limit-bytes=-1',
  'kubectl logs -l app=web --max-log-requests=1 -f',
  'kubectl exec multi -- hostname',
  'kubectl exec multi -c two -- sh -c "echo out; echo err >&2; exit 3"',
  'kubectl exec annotated -- hostname',
  'kubectl exec multi -q -- hostname',
  'kubectl exec deploy/web -- hostname',
  'kubectl exec -t multi -c one -- hostname',
  'kubectl exec -it multi -c one -- sh -c hostname',
  'kubectl exec multi',
  'kubectl exec -- ls',
  'kubectl exec multi ls',
  'kubectl exec nosuch -- ls',
  'kubectl exec multi -c nope -- ls',
  'kubectl exec cm/kube-root-ca.crt -- ls',
  'kubectl exec svc/kubernetes -- ls',
  'kubectl exec multi --pod-running-timeout=0 -- ls',
  'kubectl attach',
  'kubectl attach a b c',
  'kubectl attach nosuch',
  'kubectl attach multi -c nope',
  'kubectl attach cm/x',
  'kubectl attach pod nosuch',
  'kubectl attach multi --pod-running-timeout=0',
];

/** Lines that read several streams in Go map order: compared as sorted lines. */
const UNORDERED = [
  'kubectl logs multi --all-containers',
  'kubectl logs multi --all-containers --prefix',
  'kubectl logs -l app=multi',
  'kubectl logs -l app=multi --all-containers --prefix',
  'kubectl logs deploy/web --all-pods --tail=1',
];

/** What a run printed, ages normalized; with `sorted`, its lines in order. */
const shown = (r: { stdout: string; stderr: string; code: number }, sorted = false) => {
  const lines = (text: string) =>
    sorted ? normalizeAges(text).split('\n').sort().join('\n') : normalizeAges(text);
  return { stdout: lines(r.stdout), stderr: lines(r.stderr), code: r.code };
};

describe.skipIf(kubectlPath === null)(
  'logs, exec and attach against real kubectl',
  { timeout: 300_000 },
  () => {
    let diff: Differential;

    /** Runs `line` in both for `ms` of real time, then stops them (SIGINT / Ctrl-C). */
    async function streaming(line: string, ms: number) {
      const tokens = tokenize(line);
      if (!('words' in tokens)) throw new Error(tokens.error);
      const env = { ...process.env, KUBECONFIG: path.join(diff.api.dir, 'kubeconfig'), HOME: diff.api.dir };
      const child = spawn(kubectlPath ?? '', tokens.words.slice(1), {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const out = new OutputBuffer();
      const ours = diff.inPage.run(line, out);
      await new Promise((resolve) => setTimeout(resolve, ms));
      child.kill('SIGINT');
      ours.interrupt();
      await new Promise((resolve) => child.once('close', resolve));
      await ours.exit;
      return { real: { stdout, stderr }, ours: { stdout: out.out, stderr: out.err } };
    }

    beforeAll(async () => {
      diff = await startDifferential(kubectlPath ?? '');
      await diff.api.kubectl(['apply', '-f', diff.api.file('objects.yaml', OBJECTS)]);
      await eventually(diff.api, ['get', 'pods', '--no-headers'], (out) => {
        const lines = out.trim().split('\n');
        return lines.length === 4 && lines.every((l) => /\s(\d)\/\1\s+Running\s/.test(l));
      });
    }, 180_000);
    afterAll(() => diff?.stop());

    it.each(LINES)('%s', async (line) => {
      const { real, ours } = await diff.both(line);
      expect(shown(ours)).toEqual(shown(real));
    });

    it.each(UNORDERED)('%s (lines in any order)', async (line) => {
      const { real, ours } = await diff.both(line);
      expect(shown(ours, true)).toEqual(shown(real, true));
    });

    it('exec -i passes piped stdin; -it without a terminal says it cannot use a TTY', async () => {
      for (const line of ['kubectl exec -i multi -c one -- cat', 'kubectl exec -it multi -c one -- cat']) {
        const real = await diff.api.kubectl(line.split(' ').slice(1), { stdin: 'one\ntwo\n' });
        const ours = await diff.inPage.collect(line, { stdin: 'one\ntwo\n' });
        expect(ours).toEqual(real);
      }
    });

    it('logs -f prints what is there and keeps following until stopped', async () => {
      const { real, ours } = await streaming('kubectl logs -f multi -c one', 3_000);
      expect(ours).toEqual(real);
      expect(real.stdout).toBe('one says hi\none again\n');
    });

    it('attach prints its hint, then the new output, until stopped', async () => {
      const { real, ours } = await streaming('kubectl attach multi -c two', 3_000);
      expect(ours).toEqual(real);
      expect(real.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    });
  },
);

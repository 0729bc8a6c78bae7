import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

/** The whitespace-separated cells of each line of kubectl's table output. */
const rows = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

/** The lines `kubectl rollout status` prints while it waits, as v1.32's status viewer words them. */
const WAITING =
  /^(Waiting for deployment "web" rollout to finish: (\d+ out of \d+ new replicas have been updated|\d+ old replicas are pending termination|\d+ of \d+ updated replicas are available)\.\.\.|Waiting for deployment spec update to be observed\.\.\.)$/;

const BAD_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: 1
  progressDeadlineSeconds: 30
  selector:
    matchLabels:
      app: bad
  template:
    metadata:
      labels:
        app: bad
    spec:
      containers:
      - name: nginx
        image: nginx:doesnotexist
`;

describe.skipIf(kubectl === null)(
  'real kubectl: rolling updates, history, undo, pause/resume, restart and progress deadlines',
  { timeout: 120_000 },
  () => {
    let api: RunningApiserver;
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '', ['--speed', '10']);
      await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
    }, 90_000);
    afterAll(() => api?.stop());

    /** `kubectl get rs -l app=web` as [name, desired, current, ready] rows, sorted by name. */
    const replicaSets = async () =>
      rows((await api.kubectl(['get', 'rs', '-l', 'app=web'])).stdout)
        .slice(1)
        .map((r) => r.slice(0, 4))
        .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));

    /** The ReplicaSets of web as `name image desired ready` (ready left out when there are none). */
    const replicaSetImages = async () =>
      (
        await api.kubectl([
          'get',
          'rs',
          '-l',
          'app=web',
          '-o',
          'jsonpath={range .items[*]}{.metadata.name} {.spec.template.spec.containers[0].image} {.spec.replicas} {.status.readyReplicas}{"\\n"}{end}',
        ])
      ).stdout
        .trim()
        .split('\n')
        .map((l) => l.trim());

    const image = async () =>
      (
        await api.kubectl([
          'get',
          'deployment',
          'web',
          '-o',
          'jsonpath={.spec.template.spec.containers[0].image}',
        ])
      ).stdout;

    /** Polls `probe` until `done` holds (10 s of test time at most), returning the last value. */
    async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
      const deadline = Date.now() + 10_000;
      let value = await probe();
      while (!done(value) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        value = await probe();
      }
      return value;
    }

    const history = async () => rows((await api.kubectl(['rollout', 'history', 'deployment/web'])).stdout);

    it('create deployment, then rollout status reports success', async () => {
      const created = await api.kubectl([
        'create',
        'deployment',
        'web',
        '--image=nginx:1.26',
        '--replicas=3',
      ]);
      expect(created.stdout).toBe('deployment.apps/web created\n');
      const status = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      expect(status.code).toBe(0);
      const lines = status.stdout.trim().split('\n');
      expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
      for (const line of lines.slice(0, -1)) expect(line).toMatch(WAITING);
    });

    it('set image rolls out a new ReplicaSet one surge pod at a time; the old one is scaled to 0', async () => {
      const set = await api.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.27']);
      expect(set.stdout).toBe('deployment.apps/web image updated\n');
      const status = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      expect(status.code).toBe(0);
      const lines = status.stdout.trim().split('\n');
      expect(lines).toContain(
        'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      );
      for (const line of lines.slice(0, -1)) expect(line).toMatch(WAITING);
      expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');

      const table = rows((await api.kubectl(['get', 'rs'])).stdout);
      expect(table[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
      expect(table.slice(1).map((r) => r.slice(1, 4))).toEqual(
        expect.arrayContaining([
          ['3', '3', '3'],
          ['0', '0', '0'],
        ]),
      );
      expect(table).toHaveLength(3);
      const byImage = await replicaSetImages();
      expect(byImage.map((l) => l.split(' ').slice(1).join(' ')).sort()).toEqual([
        'nginx:1.26 0',
        'nginx:1.27 3 3',
      ]);
      const deploy = rows((await api.kubectl(['get', 'deployment', 'web'])).stdout);
      expect(deploy[1]?.slice(0, 4)).toEqual(['web', '3/3', '3', '3']);
    });

    it('rollout history lists the revisions; --revision=1 prints the pod template of revision 1', async () => {
      const table = await history();
      expect(table[0]).toEqual(['deployment.apps/web']);
      expect(table.slice(1)).toEqual([
        ['REVISION', 'CHANGE-CAUSE'],
        ['1', '<none>'],
        ['2', '<none>'],
      ]);
      const rev1 = await api.kubectl(['rollout', 'history', 'deployment/web', '--revision=1']);
      expect(rev1.code).toBe(0);
      expect(rev1.stdout).toMatch(
        /^deployment\.apps\/web with revision #1\nPod Template:\n {2}Labels:\tapp=web\n/,
      );
      expect(rev1.stdout).toMatch(/\tpod-template-hash=[a-z0-9]{8,10}\n/);
      expect(rev1.stdout).toContain('   nginx:\n    Image:\tnginx:1.26\n');
      expect(rev1.stdout).not.toContain('Annotations:');
      const missing = await api.kubectl(['rollout', 'history', 'deployment/web', '--revision=9']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('error: unable to find the specified revision\n');
    });

    it('rollout undo goes back to the previous revision (nginx:1.26) as a new revision', async () => {
      const undo = await api.kubectl(['rollout', 'undo', 'deployment/web']);
      expect(undo.stdout).toBe('deployment.apps/web rolled back\n');
      const status = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      expect(status.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
      expect(await image()).toBe('nginx:1.26');
      // The old ReplicaSet is reused: still two of them, the 1.26 one scaled back up.
      expect((await replicaSetImages()).map((l) => l.split(' ').slice(1).join(' ')).sort()).toEqual([
        'nginx:1.26 3 3',
        'nginx:1.27 0',
      ]);
      expect((await history()).slice(2)).toEqual([
        ['2', '<none>'],
        ['3', '<none>'],
      ]);
      const annotations = (
        await api.kubectl([
          'get',
          'deployment',
          'web',
          '-o',
          'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
        ])
      ).stdout;
      expect(annotations).toBe('3');
    });

    it('kubernetes.io/change-cause shows in the CHANGE-CAUSE column and in the revision template', async () => {
      const annotated = await api.kubectl(['annotate', 'deployment/web', 'kubernetes.io/change-cause=bump']);
      expect(annotated.stdout).toBe('deployment.apps/web annotated\n');
      expect((await api.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.28'])).code).toBe(0);
      expect((await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).code).toBe(0);
      // As upstream: the controller copies the Deployment's annotations onto its current
      // ReplicaSet, so the annotation also lands on revision 3 (the one current when annotated).
      expect((await history()).slice(1)).toEqual([
        ['REVISION', 'CHANGE-CAUSE'],
        ['2', '<none>'],
        ['3', 'bump'],
        ['4', 'bump'],
      ]);
      const rev4 = (await api.kubectl(['rollout', 'history', 'deployment/web', '--revision=4'])).stdout;
      expect(rev4).toMatch(/^deployment\.apps\/web with revision #4\n/);
      expect(rev4).toContain('  Annotations:\tkubernetes.io/change-cause: bump\n');
      expect(rev4).toContain('    Image:\tnginx:1.28\n');
    });

    it('rollout pause holds back a set image until rollout resume', async () => {
      expect((await api.kubectl(['rollout', 'pause', 'deployment/web'])).stdout).toBe(
        'deployment.apps/web paused\n',
      );
      const again = await api.kubectl(['rollout', 'pause', 'deployment/web']);
      expect(again.code).toBe(1);
      expect(again.stderr).toBe('error: deployments.apps "web" is already paused\n');
      const before = await replicaSetImages();
      expect((await api.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.29'])).code).toBe(0);
      const progressing = await waitFor(
        async () =>
          (
            await api.kubectl([
              'get',
              'deployment',
              'web',
              '-o',
              'jsonpath={.status.observedGeneration}/{.metadata.generation} {.status.conditions[?(@.type=="Progressing")].reason}',
            ])
          ).stdout,
        (out) => /^(\d+)\/\1 /.test(out),
      );
      expect(progressing).toMatch(/ DeploymentPaused$/);
      // Nothing rolls out: no new ReplicaSet, the 1.28 one keeps its three pods.
      expect(await replicaSetImages()).toEqual(before);
      const status = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=1s']);
      expect(status.code).toBe(1);
      expect(status.stdout).toBe(
        'Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...\n',
      );

      expect((await api.kubectl(['rollout', 'resume', 'deployment/web'])).stdout).toBe(
        'deployment.apps/web resumed\n',
      );
      const notPaused = await api.kubectl(['rollout', 'resume', 'deployment/web']);
      expect(notPaused.stderr).toBe('error: deployments.apps "web" is not paused\n');
      const done = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      expect(done.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
      const after = await replicaSetImages();
      expect(after).toHaveLength(before.length + 1);
      expect(after.filter((l) => l.endsWith(' 3 3')).map((l) => l.split(' ')[1])).toEqual(['nginx:1.29']);
    });

    it('rollout restart rolls out a new ReplicaSet with a restartedAt annotation', async () => {
      const before = await replicaSetImages();
      expect((await api.kubectl(['rollout', 'restart', 'deployment/web'])).stdout).toBe(
        'deployment.apps/web restarted\n',
      );
      const done = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      expect(done.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
      const after = await replicaSetImages();
      expect(after).toHaveLength(before.length + 1);
      const current = after.filter((l) => l.endsWith(' 3 3'));
      expect(current).toHaveLength(1);
      const name = current[0]?.split(' ')[0] ?? '';
      expect(before.map((l) => l.split(' ')[0])).not.toContain(name);
      const restartedAt = (
        await api.kubectl([
          'get',
          'rs',
          name,
          '-o',
          'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
        ])
      ).stdout;
      expect(restartedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it('scaling mid-rollout (stuck on an unpullable image) shares the new replicas out proportionally', async () => {
      const [old] = (await replicaSetImages()).filter((l) => l.endsWith(' 3 3')).map((l) => l.split(' ')[0]);
      expect((await api.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:doesnotexist'])).code).toBe(
        0,
      );
      // maxSurge 1, maxUnavailable 0 of 3: one new pod, which never becomes ready.
      const surged = await waitFor(replicaSetImages, (rs) =>
        rs.some((l) => / nginx:doesnotexist 1$/.test(l)),
      );
      const fresh = surged.find((l) => l.includes(' nginx:doesnotexist '))?.split(' ')[0] ?? '';
      expect(fresh).toMatch(/^web-/);
      expect(surged.find((l) => l.startsWith(`${old} `))).toMatch(/ 3 3$/);

      expect((await api.kubectl(['scale', 'deployment', 'web', '--replicas=6'])).stdout).toBe(
        'deployment.apps/web scaled\n',
      );
      // 6 + 2 surge = 8 pods: proportionally old 3 -> 6 and new 1 -> 2, then the rollout moves
      // one more over (maxUnavailable 1): old 5 available, new 3 failing to pull.
      const settled = await waitFor(
        replicaSets,
        (rs) =>
          rs.find((r) => r[0] === old)?.join(' ') === `${old} 5 5 5` &&
          rs.find((r) => r[0] === fresh)?.join(' ') === `${fresh} 3 3 0`,
      );
      expect(settled.find((r) => r[0] === old)).toEqual([old, '5', '5', '5']);
      expect(settled.find((r) => r[0] === fresh)).toEqual([fresh, '3', '3', '0']);
      const deploy = rows((await api.kubectl(['get', 'deployment', 'web'])).stdout);
      expect(deploy[1]?.slice(0, 4)).toEqual(['web', '5/6', '3', '5']);

      // The new pods fail to pull once their (simulated) pull attempt ends.
      const failingPods = async () =>
        rows((await api.kubectl(['get', 'pods', '-l', 'app=web'])).stdout)
          .slice(1)
          .filter((p) => p[0]?.startsWith(`${fresh}-`));
      const failing = await waitFor(
        failingPods,
        (ps) => ps.length === 3 && ps.every((p) => /^(ErrImagePull|ImagePullBackOff)$/.test(p[2] ?? '')),
      );
      expect(failing).toHaveLength(3);
      for (const pod of failing) {
        expect(pod[1]).toBe('0/1');
        expect(pod[2]).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
      }

      const described = (await api.kubectl(['describe', 'deployment', 'web'])).stdout;
      // By now the deployment controller has reported more than ten different scalings of web,
      // so, as on a real cluster, client-go's correlator folds further ones into one combined
      // Event, and past 25 events about web its spam filter lets only one through every five
      // minutes: describe shows the combined Event, not each scaling (the counts above show
      // the proportional split itself).
      expect(described).toMatch(
        /\(x\d+ over [^)]+\)\s+deployment-controller\s+\(combined from similar events\): Scaled (up|down) replica set web-[a-z0-9]+ from \d+ to \d+\n/,
      );

      expect((await api.kubectl(['rollout', 'undo', 'deployment/web'])).stdout).toBe(
        'deployment.apps/web rolled back\n',
      );
      const done = await api.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
      expect(done.stdout.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
      const after = await replicaSets();
      expect(after.find((r) => r[0] === old)).toEqual([old, '6', '6', '6']);
      expect(after.find((r) => r[0] === fresh)).toEqual([fresh, '0', '0', '0']);
    });

    it('describe deployment shows replicas, strategy, conditions, ReplicaSets and events', async () => {
      const described = (await api.kubectl(['describe', 'deployment', 'web'])).stdout;
      expect(described).toMatch(/^Name:\s+web\nNamespace:\s+default\n/);
      expect(described).toMatch(
        /\nReplicas:\s+6 desired \| 6 updated \| 6 total \| 6 available \| 0 unavailable\n/,
      );
      expect(described).toMatch(/\nStrategyType:\s+RollingUpdate\n/);
      expect(described).toMatch(/\nMinReadySeconds:\s+0\n/);
      expect(described).toContain('\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\n');
      expect(described).toMatch(
        /\nConditions:\n\s+Type\s+Status\s+Reason\n\s+----\s+------\s+------\n\s+Available\s+True\s+MinimumReplicasAvailable\n\s+Progressing\s+True\s+NewReplicaSetAvailable\n/,
      );
      expect(described).toMatch(/\nOldReplicaSets:\s+(web-[a-z0-9]+ \(0\/0 replicas created\)(, )?)+\n/);
      expect(described).toMatch(/\nNewReplicaSet:\s+web-[a-z0-9]+ \(6\/6 replicas created\)\n/);
      expect(described).toMatch(/\nEvents:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/);
      expect(described).toMatch(
        /\n\s+Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set web-[a-z0-9]+ from 0 to 3\n/,
      );
      expect(described).toMatch(/Scaled down replica set web-[a-z0-9]+ from 1 to 0\n/);
    });

    it('an image that cannot be pulled exceeds progressDeadlineSeconds', async () => {
      expect((await api.kubectl(['apply', '-f', api.file('bad.yaml', BAD_DEPLOYMENT)])).stdout).toBe(
        'deployment.apps/bad created\n',
      );
      const started = Date.now();
      const status = await api.kubectl(['rollout', 'status', 'deployment/bad', '--timeout=60s']);
      expect(status.code).toBe(1);
      expect(status.stderr).toBe('error: deployment "bad" exceeded its progress deadline\n');
      for (const line of status.stdout
        .trim()
        .split('\n')
        .filter((l) => l !== ''))
        expect(line).toMatch(
          /^Waiting for deployment "bad" rollout to finish: (0 of 1 updated replicas are available|0 out of 1 new replicas have been updated)\.\.\.$|^Waiting for deployment spec update to be observed\.\.\.$/,
        );
      // 30 s of virtual time at ten times real time.
      expect(Date.now() - started).toBeLessThan(15_000);

      const pods = rows((await api.kubectl(['get', 'pods', '-l', 'app=bad'])).stdout);
      expect(pods).toHaveLength(2);
      expect(pods[1]?.[1]).toBe('0/1');
      expect(pods[1]?.[2]).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);

      const described = (await api.kubectl(['describe', 'deployment', 'bad'])).stdout;
      expect(described).toMatch(/\n\s+Available\s+False\s+MinimumReplicasUnavailable\n/);
      expect(described).toMatch(/\n\s+Progressing\s+False\s+ProgressDeadlineExceeded\n/);
      const message = (
        await api.kubectl([
          'get',
          'deployment',
          'bad',
          '-o',
          'jsonpath={.status.conditions[?(@.type=="Progressing")].message}',
        ])
      ).stdout;
      expect(message).toMatch(/^ReplicaSet "bad-[a-z0-9]+" has timed out progressing\.$/);
    });
  },
);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, rows, startApiserver, type RunningApiserver } from './harness';

const kubectl = kubectlOrSkip();

/** A Deployment whose pods each burn a CPU, capped at 500m, requesting 200m. */
const STRESS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: stress
spec:
  replicas: 1
  selector:
    matchLabels:
      app: stress
  template:
    metadata:
      labels:
        app: stress
    spec:
      containers:
      - name: stress
        image: vish/stress
        args: ["-cpus", "1"]
        resources:
          requests:
            cpu: 200m
          limits:
            cpu: 500m
`;

describe.skipIf(kubectl === null)(
  'real kubectl: autoscale, get hpa, describe hpa',
  { timeout: 120_000 },
  () => {
    let api: RunningApiserver;
    beforeAll(async () => {
      api = await startApiserver(kubectl ?? '', ['--speed', '20']);
      await api.kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
      await api.kubectl(['apply', '-f', api.file('stress.yaml', STRESS)]);
      await api.kubectl(['rollout', 'status', 'deployment/stress', '--timeout=60s']);
    }, 90_000);
    afterAll(() => api?.stop());

    /** `kubectl get hpa stress` once REPLICAS reads `replicas`. */
    const hpaAt = async (replicas: string) => {
      for (let i = 0; i < 80; i++) {
        const table = rows((await api.kubectl(['get', 'hpa', 'stress'])).stdout);
        if (table[1]?.[5] === replicas) return table;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`the HPA never reached ${replicas} replicas`);
    };

    it('kubectl autoscale creates the HPA; kubectl get hpa shows it scaling up to its maximum', async () => {
      const r = await api.kubectl([
        'autoscale',
        'deployment',
        'stress',
        '--cpu-percent=50',
        '--min=1',
        '--max=5',
      ]);
      expect(r.stdout).toBe('horizontalpodautoscaler.autoscaling/stress autoscaled\n');
      const table = await hpaAt('5');
      expect(table[0]).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
      expect(table[1]?.slice(0, 6)).toEqual([
        'stress',
        'Deployment/stress',
        expect.stringMatching(/^cpu: 2[34]\d%\/50%$/),
        '1',
        '5',
        '5',
      ]);
      const deploy = rows((await api.kubectl(['get', 'deployment', 'stress'])).stdout);
      expect(deploy[1]?.slice(0, 2)).toEqual(['stress', expect.stringMatching(/^\d\/5$/)]);
    });

    it('kubectl describe hpa shows the metric, the conditions and the rescale events', async () => {
      await hpaAt('5');
      const out = (await api.kubectl(['describe', 'hpa', 'stress'])).stdout;
      const lines = out.split('\n');
      expect(lines).toContainEqual(expect.stringMatching(/^Reference:\s+Deployment\/stress$/));
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^ {2}resource cpu on pods {2}\(as a percentage of request\): {2}2[34]\d% \(4\d\dm\) \/ 50%$/,
        ),
      );
      expect(lines).toContainEqual(expect.stringMatching(/^Deployment pods:\s+5 current \/ 5 desired$/));
      const conditions = lines.slice(
        lines.findIndex((l) => l.startsWith('Conditions:')) + 3,
        lines.indexOf('Events:'),
      );
      expect(
        conditions.map((l) =>
          l
            .trim()
            .split(/\s{2,}/)
            .slice(0, 3),
        ),
      ).toEqual([
        ['AbleToScale', 'True', expect.stringMatching(/^(ReadyForNewScale|SucceededRescale)$/)],
        ['ScalingActive', 'True', 'ValidMetricFound'],
        ['ScalingLimited', 'True', 'TooManyReplicas'],
      ]);
      expect(out).toMatch(
        /Normal\s+SuccessfulRescale\s+\S+\s+horizontal-pod-autoscaler\s+New size: 4; reason: cpu resource utilization \(percentage of request\) above target/,
      );
      expect(out).toMatch(
        /Normal\s+SuccessfulRescale\s+\S+\s+horizontal-pod-autoscaler\s+New size: 5; reason: cpu resource utilization \(percentage of request\) above target/,
      );
    });

    it('kubectl get hpa -o yaml reads autoscaling/v2 with the status the controller wrote', async () => {
      const yaml = (await api.kubectl(['get', 'hpa', 'stress', '-o', 'yaml'])).stdout;
      expect(yaml).toMatch(/^apiVersion: autoscaling\/v2\n/);
      expect(yaml).toContain('  currentReplicas: 5\n  desiredReplicas: 5\n');
      expect(yaml).toMatch(
        / {6}current:\n {8}averageUtilization: 2[34]\d\n {8}averageValue: 4\d\dm\n {6}name: cpu\n/,
      );
      expect(yaml).toMatch(/ {2}lastScaleTime: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n/);
    });
  },
);

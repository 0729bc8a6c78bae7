import { describe, expect, it } from 'vitest';
import { checkLesson } from './check-lesson';
import type { HostEvent } from '../protocol';
import { ActionFailed, nextEvent, RETRY_DELAY_MS, runActions, startLesson, type LessonHost } from './driver';
import { parseLesson } from './format';
import { createHeadlessHost } from './headless';

/** A two-step lesson: list the nodes (a trace check), then make a namespace (a state check). */
const SOURCE = `---
title: Demo
summary: A demo lesson
duration: 5 min
cluster: { seed: 4, workerNodes: 1 }
setup:
  - kubectl create configmap greeting --from-literal=hello=world
---
Intro.

## Nodes

\`\`\`task
id: list-nodes
title: List the nodes
check: { trace: { from: '^kubectl$', summary: '^GET /api/v1/nodes' } }
solution: [kubectl get nodes]
\`\`\`

## Namespaces

\`\`\`task
id: make-ns
title: Make the namespace demo
check: { all: [{ object: namespaces/demo }, { object: configmaps/greeting, where: ['{.data.hello} == world'] }] }
solution: [kubectl create namespace demo]
\`\`\`
`;

const lesson = parseLesson('09-demo', SOURCE);

describe('startLesson', () => {
  it('sets the lesson up and checks its tasks in order, each done once its check passes', async () => {
    const host = createHeadlessHost();
    try {
      const first = await startLesson(host, lesson, { speed: 'max' });
      expect(first).toEqual([
        { id: 'list-nodes', done: false, why: '0 matching trace step(s) since the task opened' },
        { id: 'make-ns', done: false, why: '' },
      ]);
      // The second task is not checked while the first is open, though its state is there.
      await runActions(host, [{ run: 'kubectl create namespace demo' }]);
      const listed = nextEvent(host, 'checks', (e) => e.tasks[0]?.done === true);
      await runActions(host, [{ run: 'kubectl get nodes' }]);
      expect((await listed).tasks).toEqual([
        { id: 'list-nodes', done: true, why: '' },
        { id: 'make-ns', done: true, why: '' },
      ]);
    } finally {
      host.dispose();
    }
  });

  it('opens at a later step on the cluster the earlier steps built', async () => {
    const host = createHeadlessHost();
    try {
      const statuses = await startLesson(host, lesson, { step: 1, speed: 'max' });
      expect(statuses.map((s) => s.id)).toEqual(['make-ns']);
      expect((await host.kubectl('kubectl get configmap greeting -o name')).output).toBe(
        'configmap/greeting\n',
      );
    } finally {
      host.dispose();
    }
  });

  it('rejects with what kubectl said when the setup fails', async () => {
    const broken = parseLesson(
      '09-broken',
      SOURCE.replace('kubectl create configmap', 'kubectl create configmapp'),
    );
    const host = createHeadlessHost();
    try {
      const started = startLesson(host, broken, { speed: 'max' });
      await expect(started).rejects.toThrow(ActionFailed);
      await expect(started).rejects.toThrow(
        /^kubectl create configmapp greeting --from-literal=hello=world failed:\nError: unknown flag: --from-literal\n/,
      );
    } finally {
      host.dispose();
    }
  });
});

describe('runActions', () => {
  /** A host whose kubectl fails `failures` times, and whose clock moves 5 s a batch. */
  function flakyHost(failures: number) {
    const listeners = new Set<(e: HostEvent) => void>();
    let calls = 0;
    let time = 0;
    const host: LessonHost = {
      send: () => {},
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async kubectl() {
        calls++;
        return calls <= failures ? { code: 1, output: 'not yet\n' } : { code: 0, output: 'done\n' };
      },
    };
    const ticking = setInterval(() => {
      time += 5_000;
      const batch: HostEvent = {
        type: 'batch',
        clock: { time, playing: true, speed: 'max', pending: 1, next: null },
        steps: [],
      };
      for (const l of [...listeners]) l(batch);
    }, 1);
    return { host, calls: () => calls, time: () => time, stop: () => clearInterval(ticking) };
  }

  it('tries a failed action again, 10 virtual seconds apart, when retries are allowed', async () => {
    const flaky = flakyHost(2);
    try {
      expect(await runActions(flaky.host, [{ run: 'kubectl logs x' }], 3)).toBe('done\n');
      expect(flaky.calls()).toBe(3);
      expect(flaky.time()).toBeGreaterThanOrEqual(2 * RETRY_DELAY_MS);
    } finally {
      flaky.stop();
    }
  });

  it('fails at once without retries, and after the last retry with them', async () => {
    const flaky = flakyHost(5);
    try {
      await expect(runActions(flaky.host, [{ run: 'kubectl logs x' }])).rejects.toThrow(
        'kubectl logs x failed:\nnot yet',
      );
      await expect(runActions(flaky.host, [{ run: 'kubectl logs x' }], 2)).rejects.toThrow(ActionFailed);
      expect(flaky.calls()).toBe(4);
    } finally {
      flaky.stop();
    }
  });
});

describe('checkLesson', () => {
  it('passes a lesson whose checks fail before each solution and pass after it', async () => {
    const report = await checkLesson(lesson);
    expect(report).toMatchObject({ lesson: '09-demo', ok: true, setupError: null });
    expect(report.tasks.map((t) => [t.task, t.ok])).toEqual([
      ['list-nodes', true],
      ['make-ns', true],
    ]);
  });

  it('fails a task whose check already passes before its solution', async () => {
    const eager = parseLesson(
      '09-eager',
      SOURCE.replace('setup:\n', 'setup:\n  - kubectl create namespace demo\n'),
    );
    const report = await checkLesson(eager);
    expect(report.ok).toBe(false);
    expect(report.tasks.at(-1)).toEqual({
      task: 'make-ns',
      ok: false,
      detail: 'the check passes before the solution is run',
    });
  });

  it('fails a task whose solution does not make its check pass', async () => {
    const wrong = parseLesson(
      '09-wrong',
      SOURCE.replace(
        'solution: [kubectl create namespace demo]',
        'solution: [kubectl create namespace other]',
      ),
    );
    const report = await checkLesson(wrong);
    expect(report.ok).toBe(false);
    expect(report.tasks.at(-1)?.detail).toMatch(
      /^the check still fails 600 s after the solution: namespaces\/demo does not exist$/,
    );
  }, 60_000);
});

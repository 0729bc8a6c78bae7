import { describe, expect, it } from 'vitest';
import { checkLesson } from './check-lesson';
import { ActionFailed, nextEvent, runActions, startLesson } from './driver';
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

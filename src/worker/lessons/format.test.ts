import { describe, expect, it } from 'vitest';
import { LessonError, lessonTasks, parseLesson } from './format';

const lesson = (body: string, front = 'title: T\nsummary: S\nduration: 5 min\ncluster: { seed: 3 }') =>
  `---\n${front}\n---\n${body}`;

const TASK = [
  '```task',
  'id: make-web',
  'title: Make web',
  "check: { object: deployments/web, where: ['{.status.readyReplicas} >= 1'] }",
  'hints: [Try kubectl create]',
  'solution:',
  '  - kubectl create deployment web --image=nginx',
  '  - apply: |',
  '      apiVersion: v1',
  '      kind: ConfigMap',
  '      metadata: { name: c }',
  '```',
].join('\n');

describe('parseLesson', () => {
  it('reads the front matter, the introduction, steps, tasks and narration', () => {
    const parsed = parseLesson(
      '07-demo',
      lesson(
        [
          'Intro **text**.',
          '',
          '## First',
          '',
          'Run this:',
          '',
          '```sh',
          'kubectl get pods',
          '```',
          '',
          TASK,
          '',
          '```narration',
          "at: { from: scheduler, summary: '^bind' }",
          'say: The scheduler binds it.',
          '```',
          '',
          '## Second',
          '',
          'Done.',
        ].join('\n'),
        'title: Demo\nsummary: A demo\nduration: 5 min\ncluster: { seed: 3, workerNodes: 2 }\nsetup:\n  - kubectl create ns demo',
      ),
    );
    expect(parsed).toMatchObject({
      id: '07-demo',
      title: 'Demo',
      summary: 'A demo',
      duration: '5 min',
      cluster: { seed: 3, workerNodes: 2 },
      setup: [{ run: 'kubectl create ns demo' }],
      introduction: 'Intro **text**.',
    });
    expect(parsed.steps.map((s) => s.title)).toEqual(['First', 'Second']);
    const [first] = parsed.steps;
    expect(first?.markdown).toBe('Run this:\n\n```sh\nkubectl get pods\n```');
    expect(first?.tasks[0]).toMatchObject({
      id: 'make-web',
      title: 'Make web',
      hints: ['Try kubectl create'],
      solution: [
        { run: 'kubectl create deployment web --image=nginx' },
        { apply: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n' },
      ],
    });
    expect(first?.narration).toEqual([
      { at: { from: 'scheduler', summary: '^bind' }, say: 'The scheduler binds it.' },
    ]);
    expect(lessonTasks(parsed).map((t) => [t.task.id, t.step])).toEqual([['make-web', 0]]);
  });

  it.each([
    ['no front matter', '## Step\n', 'the file must start with front matter'],
    ['no steps', lesson('Just text.'), 'at least one "## " step'],
    [
      'a task in the introduction',
      lesson('```task\nid: a\ntitle: A\ncheck: { objects: pods }\nsolution: [x]\n```\n## S\n'),
      'a task block must be inside a "## " step, not the introduction',
    ],
    [
      'a missing title',
      lesson('## S', 'summary: S\nduration: 1\ncluster: { seed: 1 }'),
      'title must be non-empty text',
    ],
    [
      'no seed',
      lesson('## S', 'title: T\nsummary: S\nduration: 5 min\ncluster: { workerNodes: 2 }'),
      'whole-number seed',
    ],
    [
      'a bad cluster option',
      lesson('## S', 'title: T\nsummary: S\nduration: 5 min\ncluster: { seed: 1, cni: weave }'),
      'cni must be one of',
    ],
    ['bad YAML', lesson('## S', 'title: [unclosed'), 'front matter:'],
    ['a bad task id', lesson('## S\n```task\nid: Bad_Id\n```'), 'lowercase letters, digits and dashes'],
    [
      'a bad check',
      lesson(
        '## S\n```task\nid: a\ntitle: A\ncheck: { object: deployments }\nsolution: [kubectl get pods]\n```',
      ),
      'task a: check.object: must be <resource>/<name>',
    ],
    [
      'no solution',
      lesson('## S\n```task\nid: a\ntitle: A\ncheck: { objects: pods }\n```'),
      'task a needs a solution',
    ],
    [
      'two tasks with one id',
      lesson(
        '## S\n```task\nid: a\ntitle: A\ncheck: { objects: pods }\nsolution: [x]\n```\n```task\nid: a\ntitle: B\ncheck: { objects: pods }\nsolution: [x]\n```',
      ),
      'two tasks have the id a',
    ],
    [
      'a narration without at',
      lesson('## S\n```narration\nsay: hi\n```'),
      'narration: at: must be a mapping',
    ],
  ])('refuses %s, naming the part at fault', (_name, source, message) => {
    expect(() => parseLesson('x', source)).toThrow(LessonError);
    expect(() => parseLesson('x', source)).toThrow(message);
  });
});

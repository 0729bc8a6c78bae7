import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../worker/lessons/format';
import { createLessonStore, type LessonState } from '../lessons/lesson-store';
import { lessonEvents } from './lesson-events';

const task = (id: string) =>
  `\`\`\`task\nid: ${id}\ntitle: Do ${id}\ncheck: { objects: pods }\nsolution: [kubectl get pods]\n\`\`\``;
const source = `---\ntitle: T\nsummary: S\nduration: 5 min\ncluster: { seed: 1 }\n---\n## First\n${task('one')}\n## Second\n${task('two')}\n`;
const lesson = () => parseLesson('03-demo', source);

/** The lessons slice as it starts (every field, whatever the slice grows). */
const base: LessonState = createLessonStore({
  host: { send: () => {}, subscribe: () => () => {} },
  pipe: () => ({ exit: Promise.resolve(0) }),
}).getState();
/** The runner's statuses of both tasks, those named done. */
const done = (...ids: string[]) =>
  Object.fromEntries(['one', 'two'].map((id) => [id, { id, done: ids.includes(id), why: 'checked' }]));

describe('lessonEvents', () => {
  it('follows a lesson from its set-up to its last task', () => {
    const changes = lessonEvents();
    const opened = lesson();
    expect(changes(base)).toEqual([]);
    expect(changes({ ...base, lesson: opened })).toEqual([]);
    expect(changes({ ...base, lesson: opened, phase: 'ready' })).toEqual([
      { type: 'step', lesson: '03-demo', step: 1, steps: 2, title: 'First' },
    ]);
    const one = {
      ...base,
      lesson: opened,
      phase: 'ready' as const,
      tasks: done('one'),
      progress: { '03-demo': ['one'] },
    };
    expect(changes(one)).toEqual([
      { type: 'task-completed', lesson: '03-demo', task: 'one', title: 'Do one' },
    ]);
    expect(changes(one)).toEqual([]);
    expect(changes({ ...one, step: 1 })).toEqual([
      { type: 'step', lesson: '03-demo', step: 2, steps: 2, title: 'Second' },
    ]);
    expect(
      changes({ ...one, step: 1, tasks: done('one', 'two'), progress: { '03-demo': ['one', 'two'] } }),
    ).toEqual([
      { type: 'task-completed', lesson: '03-demo', task: 'two', title: 'Do two' },
      { type: 'lesson-completed', lesson: '03-demo' },
    ]);
  });

  it('does not say a lesson completed on an earlier visit is complete until it is redone', () => {
    const changes = lessonEvents();
    const progress = { '03-demo': ['one', 'two'] };
    const state = { ...base, lesson: lesson(), phase: 'ready' as const, progress, tasks: {} };
    expect(changes(state).map((e) => e.type)).toEqual(['step']);
    expect(changes({ ...state, tasks: done('one') }).map((e) => e.type)).toEqual(['task-completed']);
    expect(changes({ ...state, tasks: done('one', 'two') }).map((e) => e.type)).toEqual([
      'task-completed',
      'lesson-completed',
    ]);
  });

  it('does not say a lesson is complete while tasks of earlier steps are not done', () => {
    const changes = lessonEvents();
    // Opened at step 2: step 1's solution was run for the student, who did not do it.
    const state = {
      ...base,
      lesson: lesson(),
      step: 1,
      phase: 'ready' as const,
      tasks: { two: { id: 'two', done: true, why: '' } },
    };
    expect(changes({ ...state, progress: { '03-demo': ['two'] } }).map((e) => e.type)).toEqual([
      'step',
      'task-completed',
    ]);
  });

  it('starts afresh when the lesson is opened again (a reset)', () => {
    const changes = lessonEvents();
    const ready = { ...base, phase: 'ready' as const, tasks: done('one') };
    expect(changes({ ...ready, lesson: lesson() }).map((e) => e.type)).toEqual(['step', 'task-completed']);
    expect(changes({ ...ready, lesson: lesson() }).map((e) => e.type)).toEqual(['step', 'task-completed']);
  });

  it('says nothing while a lesson is set up or after its set-up failed', () => {
    const changes = lessonEvents();
    expect(changes({ ...base, lesson: lesson(), tasks: done('one') })).toEqual([]);
    expect(changes({ ...base, lesson: lesson(), phase: 'failed', error: 'setup failed' })).toEqual([]);
  });
});

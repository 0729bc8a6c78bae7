import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../worker/lessons/format';
import { createProgress, lessonDone, PROGRESS_KEY, type ProgressStorage } from './progress';

const task = (id: string) =>
  `\`\`\`task\nid: ${id}\ntitle: ${id}\ncheck: { objects: pods }\nsolution: [kubectl get pods]\n\`\`\``;
const lesson = parseLesson(
  '03-demo',
  `---\ntitle: T\nsummary: S\nduration: 5 min\ncluster: { seed: 1 }\n---\n## A\n${task('one')}\n## B\n${task('two')}\n`,
);

/** A Storage stand-in; `full` makes setItem throw as a full or refused storage does. */
function memoryStorage(
  initial: Record<string, string> = {},
  full = false,
): ProgressStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      if (full) throw new DOMException('quota exceeded', 'QuotaExceededError');
      data[key] = value;
    },
  };
}

describe('progress', () => {
  it('keeps the tasks done per lesson, in lesson order, in storage', () => {
    const storage = memoryStorage();
    const progress = createProgress(storage);
    progress.markDone(lesson, ['two']);
    expect(progress.markDone(lesson, ['one'])).toEqual({ '03-demo': ['one', 'two'] });
    expect(JSON.parse(storage.data[PROGRESS_KEY] as string)).toEqual({ '03-demo': ['one', 'two'] });
    expect(createProgress(storage).read()).toEqual({ '03-demo': ['one', 'two'] });
    expect(lessonDone(createProgress(storage).read(), '03-demo', ['one', 'two'])).toBe(true);
    expect(lessonDone(createProgress(storage).read(), '03-demo', ['one', 'two', 'three'])).toBe(false);
  });

  it.each([
    ['not JSON', 'not json{'],
    ['a list', '[1,2]'],
    ['wrong types', '{"03-demo": "one", "04-x": [1, "a"]}'],
  ])('ignores stored progress that is %s', (_name, stored) => {
    const read = createProgress(memoryStorage({ [PROGRESS_KEY]: stored })).read();
    expect(Object.values(read).every((tasks) => tasks.every((t) => typeof t === 'string'))).toBe(true);
  });

  it('keeps progress in memory when storage is refused or full', () => {
    expect(createProgress(null).markDone(lesson, ['one'])).toEqual({ '03-demo': ['one'] });
    const full = createProgress(memoryStorage({}, true));
    full.markDone(lesson, ['one']);
    expect(full.read()).toEqual({ '03-demo': ['one'] });
  });
});

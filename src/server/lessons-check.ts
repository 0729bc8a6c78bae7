/**
 * `npm run lessons:check [lesson-id...]`: replays every lesson in lessons/ headless on the
 * simulation (see src/worker/lessons/check-lesson.ts) and prints one line per task. Exits
 * non-zero if a lesson does not parse, or a task's check passes before its solution or
 * fails after it.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { checkLesson } from '../worker/lessons/check-lesson';
import { parseLesson } from '../worker/lessons/format';

const root = path.resolve(import.meta.dirname, '../../lessons');
const wanted = process.argv.slice(2);
const ids = readdirSync(root)
  .filter((name) => existsSync(path.join(root, name, 'lesson.md')))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();
if (ids.length === 0) {
  console.error(`no lessons${wanted.length > 0 ? ` named ${wanted.join(', ')}` : ''} in ${root}`);
  process.exit(1);
}

let failed = 0;
let tasks = 0;
const started = performance.now();
for (const id of ids) {
  const t0 = performance.now();
  let report;
  try {
    report = await checkLesson(parseLesson(id, readFileSync(path.join(root, id, 'lesson.md'), 'utf8')));
  } catch (error) {
    failed++;
    console.log(`FAIL ${id}: ${(error as Error).message}`);
    continue;
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${report.ok ? 'ok  ' : 'FAIL'} ${id} (${report.tasks.length} tasks, ${seconds} s)`);
  if (report.setupError !== null) console.log(`     setup failed: ${report.setupError}`);
  for (const task of report.tasks) console.log(`     ${task.ok ? '✓' : '✗'} ${task.task}: ${task.detail}`);
  tasks += report.tasks.filter((t) => t.ok).length;
  if (!report.ok) failed++;
}
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\n${ids.length - failed} of ${ids.length} lessons pass (${tasks} tasks checked) in ${total} s`);
process.exit(failed === 0 ? 0 : 1);

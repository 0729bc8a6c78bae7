/**
 * The lesson format (see lessons/README.md): one markdown file per lesson, with YAML front
 * matter (title, summary, duration, cluster, setup), an introduction, and one `## ` section
 * per step. A step's fenced `task` blocks are its checked tasks and its `narration` blocks
 * are what an instructor's walkthrough says when the trace reaches a component. The
 * markdown is lexed with marked, the YAML read with the yaml package; this module has no DOM,
 * so the page, the worker and the headless checker read lessons alike.
 */
import { Lexer, type Token } from 'marked';
import { parse as parseYaml } from 'yaml';
import type { ClusterOptions } from '../../sim/cluster';
import { parseClusterOptions } from '../cluster-options';
import { parseCheck, parseStepMatch, type Check, type StepMatch } from './checks';

/** An action run for the student: a kubectl line, or a manifest applied (`kubectl apply -f -`). */
export type Action = { readonly run: string } | { readonly apply: string };

/** A task the student carries out: done when its check passes. */
export interface Task {
  /** Unique in its lesson: progress and links name it. */
  readonly id: string;
  readonly title: string;
  readonly check: Check;
  /** Hints, shown one at a time on request (markdown). */
  readonly hints: readonly string[];
  /** What completes the task: run by "Show me" and by `npm run lessons:check`. */
  readonly solution: readonly Action[];
}

/** What an instructor's walkthrough says when the trace reaches a step matching `at`. */
export interface Narration {
  readonly at: StepMatch;
  /** Markdown. */
  readonly say: string;
}

/** One step of a lesson: a `## ` section. */
export interface LessonStep {
  readonly title: string;
  /** The section's markdown without its task and narration blocks. */
  readonly markdown: string;
  readonly tasks: readonly Task[];
  readonly narration: readonly Narration[];
}

/** A parsed lesson. */
export interface Lesson {
  /** Its folder's name, `01-tour`. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** How long it takes, as written (`15 min`). */
  readonly duration: string;
  /** The cluster it runs on (seed included, so every student sees the same run). */
  readonly cluster: ClusterOptions;
  /** Run before the student starts. */
  readonly setup: readonly Action[];
  /** The markdown before the first step. */
  readonly introduction: string;
  readonly steps: readonly LessonStep[];
}

/** Why a lesson file is not a lesson: a message naming the part at fault. */
export class LessonError extends Error {
  constructor(lessonId: string, message: string) {
    super(`lessons/${lessonId}: ${message}`);
    this.name = 'LessonError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The front matter's YAML and the markdown after it. */
function splitFrontMatter(id: string, text: string): { meta: Record<string, unknown>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (match === null) throw new LessonError(id, 'the file must start with front matter between --- lines');
  const meta = readYaml(id, 'front matter', match[1] as string);
  if (!isRecord(meta)) throw new LessonError(id, 'the front matter must be a mapping');
  return { meta, body: text.slice(match[0].length) };
}

function readYaml(id: string, where: string, text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new LessonError(id, `${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function text(id: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new LessonError(id, `${where} must be non-empty text`);
  return value;
}

/** The actions in a setup or solution list. */
function actions(id: string, where: string, value: unknown): Action[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new LessonError(id, `${where} must be a list`);
  return value.map((item, i) => {
    if (typeof item === 'string' && item.trim() !== '') return { run: item.trim() };
    if (isRecord(item) && typeof item.apply === 'string') return { apply: item.apply };
    throw new LessonError(id, `${where}[${i}] must be a kubectl line or {apply: <manifest>}`);
  });
}

/** The cluster options a lesson may ask for. */
function cluster(id: string, value: unknown): ClusterOptions {
  if (!isRecord(value) || !Number.isSafeInteger(value.seed))
    throw new LessonError(id, 'cluster must be a mapping with a whole-number seed');
  const options = parseClusterOptions(value);
  if ('error' in options) throw new LessonError(id, `cluster: ${options.error}`);
  return options;
}

function task(id: string, value: unknown, where: string): Task {
  if (!isRecord(value)) throw new LessonError(id, `${where} must be a mapping`);
  const taskId = text(id, `${where}.id`, value.id);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(taskId))
    throw new LessonError(id, `${where}.id must be lowercase letters, digits and dashes`);
  const check = parseCheck(value.check);
  if ('error' in check) throw new LessonError(id, `task ${taskId}: check${check.error}`);
  const hints = value.hints ?? [];
  if (!Array.isArray(hints) || hints.some((h) => typeof h !== 'string'))
    throw new LessonError(id, `task ${taskId}: hints must be a list of text`);
  const solution = actions(id, `task ${taskId}: solution`, value.solution);
  if (solution.length === 0) throw new LessonError(id, `task ${taskId} needs a solution`);
  return { id: taskId, title: text(id, `task ${taskId}: title`, value.title), check, hints, solution };
}

function narration(id: string, value: unknown, where: string): Narration {
  if (!isRecord(value)) throw new LessonError(id, `${where} must be a mapping`);
  const at = parseStepMatch(value.at);
  if ('error' in at) throw new LessonError(id, `${where}: at${at.error}`);
  return { at, say: text(id, `${where}.say`, value.say) };
}

/** A step from its heading and the tokens under it. */
function step(id: string, title: string, tokens: readonly Token[]): LessonStep {
  const tasks: Task[] = [];
  const narrations: Narration[] = [];
  let markdown = '';
  for (const token of tokens) {
    if (token.type === 'code' && token.lang === 'task')
      tasks.push(task(id, readYaml(id, `step "${title}" task`, token.text), `step "${title}" task`));
    else if (token.type === 'code' && token.lang === 'narration')
      narrations.push(
        narration(id, readYaml(id, `step "${title}" narration`, token.text), `step "${title}" narration`),
      );
    else markdown += token.raw;
  }
  return { title, markdown: markdown.trim(), tasks, narration: narrations };
}

/** Reads lesson `id` (its folder's name) from its markdown; throws a LessonError if malformed. */
export function parseLesson(id: string, source: string): Lesson {
  const { meta, body } = splitFrontMatter(id, source);
  const tokens = new Lexer().lex(body);
  let introduction = '';
  const sections: { title: string; tokens: Token[] }[] = [];
  for (const token of tokens) {
    if (token.type === 'heading' && token.depth === 2) sections.push({ title: token.text, tokens: [] });
    else if (sections.length > 0) sections.at(-1)?.tokens.push(token);
    else if (token.type === 'code' && (token.lang === 'task' || token.lang === 'narration'))
      throw new LessonError(id, `a ${token.lang} block must be inside a "## " step, not the introduction`);
    else introduction += token.raw;
  }
  if (sections.length === 0) throw new LessonError(id, 'a lesson needs at least one "## " step');
  const steps = sections.map((s) => step(id, s.title, s.tokens));
  const seen = new Set<string>();
  for (const t of steps.flatMap((s) => s.tasks)) {
    if (seen.has(t.id)) throw new LessonError(id, `two tasks have the id ${t.id}`);
    seen.add(t.id);
  }
  return {
    id,
    title: text(id, 'title', meta.title),
    summary: text(id, 'summary', meta.summary),
    duration: text(id, 'duration', meta.duration),
    cluster: cluster(id, meta.cluster),
    setup: actions(id, 'setup', meta.setup),
    introduction: introduction.trim(),
    steps,
  };
}

/** Every task of a lesson, in order, with the index of its step. */
export function lessonTasks(lesson: Lesson): { task: Task; step: number }[] {
  return lesson.steps.flatMap((s, step) => s.tasks.map((task) => ({ task, step })));
}

import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLesson } from '../src/worker/lessons/format';
import { labUrl, pageErrors } from './lab';

/** The lesson presented, read from its file: the test follows its text and cues as they are edited. */
const LESSON_ID = '02-apply-journey';
const lesson = parseLesson(
  LESSON_ID,
  readFileSync(path.resolve(import.meta.dirname, `../lessons/${LESSON_ID}/lesson.md`), 'utf8'),
);
/** A narration as the page shows it: its markdown's emphasis and code marks gone. */
const said = (step: number, cue: number) =>
  (lesson.steps[step]?.narration[cue]?.say ?? '').replace(/\*\*|`/g, '');
const where = (step: number) => `Step ${step + 1} of ${lesson.steps.length}: ${lesson.steps[step]?.title}`;

/** What a window shows of the step under review: its id and line, and the graph's highlight. */
async function underReview(page: Page) {
  const line = page.locator('.present-trace-step');
  return {
    id: await line.getAttribute('data-step-id'),
    line: await line.textContent(),
    highlighted: await page
      .locator('.highlight-card.current')
      .evaluateAll((cards) => cards.map((c) => `${c.getAttribute('x')},${c.getAttribute('y')}`)),
  };
}

test('an instructor runs a step and walks it cue by cue, and a late audience window follows', async ({
  context,
}) => {
  test.setTimeout(90_000);
  expect(lesson.steps[0]?.narration.length).toBeGreaterThanOrEqual(2);
  const presenter = await context.newPage();
  const problems = pageErrors(presenter);
  await presenter.goto(labUrl(`?lesson=${LESSON_ID}&present=presenter`));
  const bar = presenter.getByRole('region', { name: 'Presenter' });
  await expect(bar).toContainText(where(0));
  const run = bar.getByRole('button', { name: 'Run', exact: true });
  await expect(run).toBeEnabled({ timeout: 30_000 });

  // The audience window opens late and catches up on what the presenter's cluster did.
  const audience = await context.newPage();
  problems.push(...pageErrors(audience));
  await audience.goto(labUrl(`?lesson=${LESSON_ID}&present=audience`));
  const caption = audience.getByRole('region', { name: 'Narration' });
  await expect(caption).toContainText(where(0));
  await expect(audience.getByRole('group', { name: 'node-2 (worker node)' })).toBeVisible();

  const cues = lesson.steps[0]?.narration.length;
  await run.click();
  await bar.getByRole('button', { name: `Next cue (0/${cues})` }).click();
  await expect(bar).toContainText(said(0, 0));
  // A presentation clicker's → key shows the next cue.
  await presenter.keyboard.press('ArrowRight');
  await expect(bar).toContainText(said(0, 1));
  await expect(caption).toContainText(said(0, 1));

  // Both windows review the same step of the same cluster, on the same graph, at the same time.
  await expect.poll(async () => (await underReview(audience)).id).toBe((await underReview(presenter)).id);
  const shown = await underReview(presenter);
  expect(shown.highlighted.length).toBeGreaterThan(0);
  expect(await underReview(audience)).toEqual(shown);
  const clock = (page: Page) => page.getByLabel('Cluster time').textContent();
  await expect.poll(() => clock(audience)).toBe(await clock(presenter));

  // Something else on the channel, or a malformed message, changes nothing.
  await presenter.evaluate((name) => {
    const channel = new BroadcastChannel(name);
    const narration = { lessonTitle: 'X', stepTitle: 'Y', step: 1, steps: 1, say: 'Forged', stepId: 'one' };
    channel.postMessage({ v: 1, kind: 'narration', narration });
    channel.postMessage({ v: 1, kind: 'event', event: { type: 'init', options: {}, topology: {} } });
    channel.postMessage({ v: 2, kind: 'narration', narration: { ...narration, stepId: 1 } });
    channel.postMessage('hello');
    channel.close();
  }, `kubelab-present:${LESSON_ID}`);
  await audience.waitForTimeout(300);
  await expect(caption).toContainText(said(0, 1));
  await expect(audience.getByRole('group', { name: 'node-2 (worker node)' })).toBeVisible();
  await presenter.screenshot({ path: test.info().outputPath('presenter.png') });
  await audience.screenshot({ path: test.info().outputPath('audience.png') });

  // ← shows the cue before again, in both windows.
  await presenter.keyboard.press('ArrowLeft');
  await expect(caption).toContainText(said(0, 0));
  await expect.poll(async () => (await underReview(audience)).id).toBe((await underReview(presenter)).id);
  expect(problems).toEqual([]);
});

test('a link opens the presenter at a later step, whose cues tell what the steps before it did', async ({
  page,
}) => {
  test.setTimeout(60_000);
  expect(lesson.steps[1]?.narration.length).toBeGreaterThanOrEqual(1);
  const problems = pageErrors(page);
  await page.goto(labUrl(`?lesson=${LESSON_ID}&step=2&present=presenter`));
  const bar = page.getByRole('region', { name: 'Presenter' });
  await expect(bar).toContainText(where(1));
  await expect(page.getByRole('article', { name: lesson.title })).toContainText(where(1));
  await expect(bar.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 30_000 });
  await bar.getByRole('button', { name: /^Next cue \(0\// }).click();
  await expect(bar).toContainText(said(1, 0));
  await expect(bar.locator('.present-trace-step')).toBeVisible();
  expect(problems).toEqual([]);
});

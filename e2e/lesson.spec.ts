import { expect, test } from '@playwright/test';
import { labUrl, pageErrors } from './lab';

test('a student takes the first lesson end to end, and the progress survives a reload', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = pageErrors(page);
  await page.goto(labUrl());
  await page.getByRole('tab', { name: 'Lesson' }).click();
  const lessons = page.getByRole('navigation', { name: 'Lessons' });
  await lessons.getByRole('button', { name: /A tour of the cluster/ }).click();

  const lesson = page.getByRole('article', { name: 'A tour of the cluster' });
  await expect(lesson).toContainText('Step 1 of 2: The nodes');
  await expect(page).toHaveURL(/lesson=01-tour&step=1/);
  const listNodes = lesson.locator('[data-task="get-nodes"]');
  await expect(listNodes).toHaveAttribute('data-state', 'open', { timeout: 30_000 });

  // A runnable block types its kubectl line into the terminal and runs it.
  await lesson.getByRole('button', { name: 'Run in the terminal: kubectl get nodes', exact: true }).click();
  const screen = page.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows');
  await expect(screen).toContainText(/node-1\s+Ready/);
  await expect(listNodes).toHaveAttribute('data-state', 'done');

  await lesson.getByRole('button', { name: 'Next →' }).click();
  await expect(lesson).toContainText('Step 2 of 2: A first Deployment');
  const createWeb = lesson.locator('[data-task="create-web"]');
  await expect(createWeb).toHaveAttribute('data-state', 'open');
  await createWeb.getByRole('button', { name: 'Hint' }).click();
  await expect(createWeb).toContainText('kubectl create deployment can set the image and the replicas.');

  // The student types the command themselves, and runs the clock fast.
  await page.getByLabel('Speed').selectOption('100');
  await page.getByRole('region', { name: 'Terminal' }).locator('.terminal-host').click();
  await page.keyboard.type('kubectl create deployment web --image=nginx --replicas=2');
  await page.keyboard.press('Enter');
  await expect(createWeb).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lesson).toContainText('Lesson complete');

  // The link reopens the lesson where the student was, on a fresh cluster: the task is to do
  // again, marked as done before; the list keeps what they did.
  await page.reload();
  await page.getByRole('tab', { name: 'Lesson' }).click();
  await expect(lesson).toContainText('Step 2 of 2: A first Deployment');
  await expect(createWeb).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  await expect(createWeb).toContainText('done before');
  await expect(lesson.locator('.lesson-step-count')).toContainText('completed before');
  await lesson.getByRole('button', { name: '← All lessons' }).click();
  await expect(page).not.toHaveURL(/lesson=/);
  await expect(lessons.getByRole('button', { name: /A tour of the cluster/ })).toContainText('✓ completed');
  expect(problems).toEqual([]);
});

test('a link opens a lesson at a given step, on the cluster the steps before it built', async ({ page }) => {
  test.setTimeout(60_000);
  const problems = pageErrors(page);
  await page.goto(labUrl('?lesson=01-tour&step=2'));
  const lesson = page.getByRole('article', { name: 'A tour of the cluster' });
  await expect(lesson).toContainText('Step 2 of 2: A first Deployment');
  const createWeb = lesson.locator('[data-task="create-web"]');
  await expect(createWeb).toHaveAttribute('data-state', 'open', { timeout: 30_000 });

  // "Show me" runs the solution in the lab and shows what it ran.
  await page.getByLabel('Speed').selectOption('100');
  await createWeb.getByRole('button', { name: 'Show me' }).click();
  await expect(createWeb).toContainText('$ kubectl create deployment web --image=nginx --replicas=2');
  await expect(createWeb).toContainText('deployment.apps/web created');
  await expect(createWeb).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lesson).toContainText('You reached the end of the lesson');

  // The step before was done for the student when the lesson started at step 2.
  await lesson.getByRole('button', { name: '← Previous' }).click();
  await expect(page).toHaveURL(/lesson=01-tour&step=1/);
  await expect(lesson.locator('[data-task="get-nodes"]')).toHaveAttribute('data-state', 'given');
  expect(problems).toEqual([]);
});

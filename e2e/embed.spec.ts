import { expect, test, type Page } from '@playwright/test';
import { labUrl, pageErrors } from './lab';

/** A course page (e2e/embed-parent.html) on the origin `base`, embedding the lab at `query`. */
function coursePage(base: 'KUBELAB_PARENT_URL' | 'KUBELAB_STRANGER_URL', query: string, sandbox?: string) {
  const url = process.env[base];
  if (url === undefined) throw new Error(`${base} is not set: the global setup did not run`);
  const params = new URLSearchParams({ lab: labUrl(query), ...(sandbox === undefined ? {} : { sandbox }) });
  return `${url}?${params}`;
}

interface Heard {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** What the lab told the course page so far. */
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);

/** Has the course page post a request to the lab. */
const send = (page: Page, request: Record<string, unknown>) =>
  page.evaluate((r) => (window as unknown as { send(r: unknown): void }).send(r), request);

/** Waits until the lab has told the course page an event of `type` (matching `fields`). */
async function hear(page: Page, type: string, fields: Record<string, unknown> = {}, timeout = 30_000) {
  await expect
    .poll(async () => (await heard(page)).some((m) => m.type === type && matches(m, fields)), { timeout })
    .toBe(true);
}
const matches = (message: Heard, fields: Record<string, unknown>) =>
  Object.entries(fields).every(([key, value]) => message[key] === value);

test('a course page on another origin drives the lab in a sandboxed frame and hears the lesson completed', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const problems = pageErrors(page);
  await page.goto(
    coursePage('KUBELAB_PARENT_URL', '?lesson=01-tour&panels=graph,terminal,lesson&theme=light'),
  );
  const lab = page.frameLocator('#lab');
  await hear(page, 'ready');
  await hear(page, 'step');
  expect(await heard(page)).toEqual([
    { source: 'kubelab', version: 1, type: 'ready' },
    { source: 'kubelab', version: 1, type: 'step', lesson: '01-tour', step: 1, steps: 2, title: 'The nodes' },
  ]);
  // The panels the link asked for, and no others.
  await expect(lab.getByRole('tab')).toHaveText(['Lesson']);
  await expect(lab.getByRole('button', { name: 'YAML editor' })).toHaveCount(0);

  await send(page, { type: 'run', command: 'kubectl get nodes' });
  const screen = lab.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows');
  await expect(screen).toContainText(/node-1\s+Ready/);
  await hear(page, 'task-completed', { lesson: '01-tour', task: 'get-nodes' });

  // The student may still run the clock fast; the page sends the next command.
  await lab.getByLabel('Speed').selectOption('100');
  await send(page, { type: 'run', command: 'kubectl create deployment web --image=nginx --replicas=2' });
  await hear(page, 'lesson-completed', { lesson: '01-tour' }, 60_000);
  expect((await heard(page)).filter((m) => m.type === 'task-completed').map((m) => m.task)).toEqual([
    'get-nodes',
    'create-web',
  ]);
  await expect(lab.getByRole('article', { name: 'A tour of the cluster' })).toContainText('Lesson complete');
  await page.screenshot({ path: test.info().outputPath('course-page.png') });

  // A malformed request is answered with an error, and nothing runs.
  await send(page, { type: 'run', command: 'kubectl get pods\nkubectl delete deployment web' });
  await hear(page, 'error', { message: 'run takes one line: the command has a control character' });
  expect(problems).toEqual([]);
});

test('a page on an origin the lab does not allow can show it but not drive it', async ({ page }) => {
  test.setTimeout(60_000);
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(coursePage('KUBELAB_STRANGER_URL', '?lesson=01-tour'));
  const lab = page.frameLocator('#lab');
  const listNodes = lab.locator('[data-task="get-nodes"]');
  await expect(listNodes).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  await expect(lab.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows')).toContainText('$');

  await send(page, { type: 'run', command: 'kubectl get nodes' });
  const origin = new URL(process.env.KUBELAB_STRANGER_URL ?? '').origin;
  await expect
    .poll(() => warnings)
    .toContainEqual(`kubelab: ignored requests from ${origin}, which kubelab.config.json does not allow`);
  await page.waitForTimeout(1000);
  await expect(lab.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows')).not.toContainText(
    'get nodes',
  );
  await expect(listNodes).toHaveAttribute('data-state', 'open');
  // The lab told that page nothing, not even that it was ready.
  expect(await heard(page)).toEqual([]);
});

test('a read-only lab takes the page’s requests but not the student’s keys', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(coursePage('KUBELAB_PARENT_URL', '?readonly=1'));
  const lab = page.frameLocator('#lab');
  await hear(page, 'ready');
  const terminal = lab.getByRole('region', { name: 'Terminal' });
  await expect(terminal).toContainText('Read-only: commands run here for you to watch; typing is off');
  await terminal.locator('.terminal-host').click();
  await page.keyboard.type('kubectl delete node node-1');
  await page.keyboard.press('Enter');

  await send(page, { type: 'load-lesson', lesson: '01-tour', step: 2 });
  await hear(page, 'step', { lesson: '01-tour', step: 2, title: 'A first Deployment' });
  const lesson = lab.getByRole('article', { name: 'A tour of the cluster' });
  await expect(lesson).toContainText('Step 2 of 2: A first Deployment');
  await expect(lesson.getByRole('button', { name: 'Show me' })).toHaveCount(0);
  await lab.getByRole('tab', { name: 'Faults' }).click();
  await expect(lab.getByRole('form', { name: 'Inject a fault' })).toHaveCount(0);
  await expect(lab.getByText('Read-only: faults can be watched here, not injected or healed.')).toBeVisible();

  await send(page, { type: 'run', command: 'kubectl get deployments' });
  await expect(terminal.locator('.xterm-rows')).toContainText('No resources found in default namespace.');
  // What the student typed earlier never reached the prompt.
  await expect(terminal.locator('.xterm-rows')).not.toContainText('delete');
  await send(page, { type: 'load-lesson', lesson: '99-no-such-lesson' });
  await hear(page, 'error', { message: 'there is no lesson "99-no-such-lesson"' });
  // The student's lesson stays open.
  await lab.getByRole('tab', { name: 'Lesson' }).click();
  await expect(lesson).toContainText('Step 2 of 2: A first Deployment');
  await page.screenshot({ path: test.info().outputPath('read-only.png') });
});

test('sandboxed with allow-scripts only, the lab runs on the page’s thread and still talks to the page', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(coursePage('KUBELAB_PARENT_URL', '?lesson=01-tour', 'allow-scripts'));
  const lab = page.frameLocator('#lab');
  await hear(page, 'ready');
  await expect(lab.getByTitle('Where the simulation runs')).toHaveText('main thread');
  await send(page, { type: 'run', command: 'kubectl get nodes' });
  await hear(page, 'task-completed', { task: 'get-nodes' });
});

test('after its first load, the lab opens offline', async ({ page, context }) => {
  test.setTimeout(60_000);
  const problems = pageErrors(page);
  await page.goto(labUrl('?lesson=01-tour'));
  await expect(page.locator('[data-task="get-nodes"]')).toHaveAttribute('data-state', 'open', {
    timeout: 30_000,
  });
  // The service worker is active once it has kept every file of the build.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await page.reload();
  const lesson = page.getByRole('article', { name: 'A tour of the cluster' });
  await expect(lesson.locator('[data-task="get-nodes"]')).toHaveAttribute('data-state', 'open', {
    timeout: 30_000,
  });
  await expect(page.getByRole('group', { name: 'node-1 (worker node)' })).toBeVisible();
  await lesson.getByRole('button', { name: 'Run in the terminal: kubectl get nodes', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows')).toContainText(
    /node-1\s+Ready/,
  );
  // Chunks the first load never used (Monaco) come from the cache too.
  await page.getByRole('button', { name: 'YAML editor' }).click();
  await expect(
    page.getByRole('toolbar', { name: 'Editor actions' }).getByRole('button', { name: 'Apply' }),
  ).toBeEnabled({ timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath('offline.png') });
  expect(problems).toEqual([]);
});

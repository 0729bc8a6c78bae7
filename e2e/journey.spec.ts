import { expect, test, type Page } from '@playwright/test';

const labUrl = () => {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return url;
};

/** Opens the lab and collects console errors and uncaught exceptions. */
async function openLab(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(labUrl());
  await expect(page.getByRole('button', { name: 'kube-apiserver on control-plane' })).toBeVisible();
  return problems;
}

/** Plays the cluster fast until its nodes are up, then pauses. */
async function settle(page: Page) {
  await page.getByLabel('Speed').selectOption('20');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByLabel('Cluster time')).toHaveText(/^00:00:(4|5)\d|^00:0[1-9]/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
}

/** How many times each card has pulsed, by card and kind of step. */
const pulses = (page: Page) =>
  page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const el of document.querySelectorAll<HTMLElement>('.card-pulse')) {
      for (const [kind, n] of Object.entries(el.dataset)) {
        if (kind !== 'card') counts[`${el.dataset.card} ${kind}`] = Number(n);
      }
    }
    return counts;
  });

/** Total pulses on cards whose key matches `pattern`. */
const pulsed = (counts: Record<string, number>, pattern: RegExp) =>
  Object.entries(counts)
    .filter(([key]) => pattern.test(key))
    .reduce((sum, [, n]) => sum + n, 0);

test('one kubectl command, followed from the terminal to the container runtime', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = await openLab(page);
  await settle(page);
  const before = await pulses(page);

  // The command, typed in the terminal.
  await page.locator('.terminal-host').click();
  await page.keyboard.type('kubectl create deployment web --image=nginx --replicas=3');
  await page.keyboard.press('Enter');
  const terminal = page.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows');
  await expect(terminal).toContainText('deployment.apps/web created');

  // Play at 1x: the request travels to the apiserver, is written to etcd, wakes the
  // controllers and the scheduler, and ends in kubelet's CRI and CNI calls on a node.
  await page.getByLabel('Speed').selectOption('1');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: '/tmp/kubelab-journey-1-request.png' });
  const reached = async (pattern: RegExp) => pulsed(await pulses(page), pattern) - pulsed(before, pattern);
  await expect.poll(() => reached(/^control-plane\/etcd storage$/), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect
    .poll(() => reached(/^control-plane\/kube-controller-manager watch$/), { timeout: 15_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(() => reached(/^control-plane\/kube-scheduler decision$/), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await page.screenshot({ path: '/tmp/kubelab-journey-2-scheduler.png' });
  await expect.poll(() => reached(/^node-\d\/kubelet watch$/), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect
    .poll(() => reached(/^node-\d\/container-runtime runtime$/), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => reached(/^node-\d\/pods /), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: '/tmp/kubelab-journey-3-nodes.png' });
  await page.getByLabel('Speed').selectOption('20');
  await page.waitForTimeout(2000);
  await page.getByRole('button', { name: 'Pause' }).click();

  // The timeline groups the command and everything it caused into one journey.
  const journey = page.getByRole('button', {
    name: /kubectl create deployment web --image=nginx --replicas=3/,
  });
  await expect(journey).toContainText('POST /apis/apps/v1/namespaces/default/deployments');
  await expect(journey).toContainText('3 pods created · 3 scheduled · 3 containers started');
  await journey.click();
  const steps = page.getByRole('list', { name: /^Steps of \$ kubectl create deployment web/ });
  await expect(steps).toContainText('authentication: kubernetes-admin');
  await expect(steps).toContainText('PUT /registry/deployments/default/web');
  await page.getByLabel('Search steps').fill('CNI ADD default/web');
  await expect(steps.getByRole('listitem')).toHaveCount(3);
  await page.screenshot({ path: '/tmp/kubelab-journey-4-timeline.png' });

  // A scheduler step: the inspector explains it and shows the per-node table.
  await page.getByLabel('Search steps').fill('schedule default/web');
  await steps.getByRole('button').first().click();
  const table = page.getByRole('table', { name: /^Scheduling default\/web-/ });
  await expect(table).toBeVisible();
  await expect(page.getByText(/kube-scheduler picks node-\d for pod default\/web-/)).toBeVisible();
  for (const node of ['node-1', 'node-2', 'node-3']) await expect(table).toContainText(node);
  await expect(table.getByRole('row', { name: /control-plane/ })).toContainText(
    'TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
  );
  await expect(table.getByRole('columnheader', { name: /Fit/ })).toBeVisible();
  await page.screenshot({ path: '/tmp/kubelab-journey-5-scheduler-table.png' });

  // Step back and forward review the journey's steps; the graph highlights the reviewed one.
  await page.getByLabel('Search steps').fill('');
  const where = page.locator('.scrubber-where');
  const first = await where.textContent();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(where).not.toHaveText(first ?? '');
  await expect(page.locator('.highlight-card.current')).not.toHaveCount(0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(where).toHaveText(first ?? '');
  await page.getByRole('button', { name: 'Live' }).click();
  await expect(where).toHaveText('live');
  expect(problems).toEqual([]);
});

test('with reduced motion, routes light up in place instead of dots moving', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const problems = await openLab(page);
  await page.getByLabel('Speed').selectOption('5');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => page.locator('.flow-route').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await page.locator('.flow-dot').count()).toBe(0);
  await page.screenshot({ path: '/tmp/kubelab-journey-reduced-motion.png' });
  expect(problems).toEqual([]);
});

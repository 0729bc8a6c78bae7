import { expect, test, type Page } from '@playwright/test';

const labUrl = (query = '') => {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return `${url}${query}`;
};

/** Opens the lab and fails the test on any console error or uncaught exception. */
async function openLab(page: Page, query = '') {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(labUrl(query));
  await expect(page.getByRole('button', { name: 'kube-apiserver on control-plane' })).toBeVisible();
  return problems;
}

const clockText = (page: Page) => page.getByLabel('Cluster time').textContent();

test('the cluster view shows every component by its accessible name', async ({ page }) => {
  const problems = await openLab(page);
  await expect(page).toHaveTitle('Kubelab — Kubernetes, step by step');
  await expect(page.getByRole('group', { name: 'control-plane (control-plane node)' })).toBeVisible();
  for (const name of [
    'kube-apiserver',
    'etcd',
    'kube-scheduler',
    'kube-controller-manager',
    'cloud-controller-manager',
  ]) {
    await expect(page.getByRole('button', { name: `${name} on control-plane`, exact: true })).toBeVisible();
  }
  for (const node of ['node-1', 'node-2', 'node-3']) {
    await expect(page.getByRole('group', { name: `${node} (worker node)` })).toBeVisible();
    for (const name of ['kubelet', 'container runtime', 'kube-proxy']) {
      await expect(page.getByRole('button', { name: `${name} on ${node}`, exact: true })).toBeVisible();
    }
  }
  await expect(page.getByRole('button', { name: 'kubectl (your terminal)' })).toBeVisible();
  await expect(page.getByText('Web Worker')).toBeVisible();
  expect(problems).toEqual([]);
});

test('selecting a component explains it', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'kube-scheduler on control-plane' }).click();
  const inspector = page.getByRole('region', { name: 'kube-scheduler' });
  await expect(inspector).toContainText('Watches for pods that have no node yet');
  await expect(inspector).toContainText('→ kube-apiserver (control-plane)');

  await page.getByRole('button', { name: 'kubelet on node-2' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'kubelet' })).toContainText('→ container runtime (node-2)');
});

test('play, pause and speed drive the virtual clock', async ({ page }) => {
  await openLab(page);
  await expect(page.getByLabel('Cluster time')).toHaveText('00:00:00.0');

  await page.getByLabel('Speed').selectOption('100');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByLabel('Cluster time')).not.toHaveText('00:00:00.0');
  await expect
    .poll(async () => (await clockText(page)) ?? '', { timeout: 5000 })
    .toMatch(/^00:0[1-9]|^00:00:[1-5]\d/);

  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await clockText(page);
  await page.waitForTimeout(300);
  expect(await clockText(page)).toBe(paused);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('step runs the cluster to the next step you can see and the timeline shows it', async ({ page }) => {
  await openLab(page);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toHaveAttribute('title', /^Next step you can see .+next event: .+/);
  const timeline = page.getByRole('list', { name: 'Trace steps' });
  for (let i = 0; i < 5; i++) await step.click();
  await expect(timeline.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('playing the cluster shows kubelet heartbeats reaching the apiserver and etcd', async ({ page }) => {
  await openLab(page);
  await page.getByLabel('Speed').selectOption('100');
  // Heartbeats are periodic work, which the timeline hides until asked; list single steps.
  await page.getByLabel('show periodic work').check();
  await page.getByLabel('group into journeys').uncheck();
  await page.getByRole('button', { name: 'Play' }).click();
  const timeline = page.getByRole('list', { name: 'Trace steps' });
  await expect(timeline).toContainText(
    'PUT /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1',
    { timeout: 10_000 },
  );
  await expect(timeline).toContainText('kubelet (node-1) → kube-apiserver');
  await expect(timeline).toContainText('kube-apiserver → etcd');
});

test('the in-process host runs the same lab without a worker', async ({ page }) => {
  const problems = await openLab(page, '?host=in-process&seed=7&nodes=2');
  await expect(page.getByText('main thread')).toBeVisible();
  await expect(page.getByRole('group', { name: 'node-2 (worker node)' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'node-3 (worker node)' })).toHaveCount(0);
  await expect(page.getByText('(seed 7)')).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByLabel('Cluster time')).not.toHaveText('00:00:00.0');
  expect(problems).toEqual([]);
});

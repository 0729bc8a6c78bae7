import { expect, test } from '@playwright/test';

const labUrl = () => {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return url;
};

test('a 100-node cluster opens readable: the control plane, then a grid of one card per worker', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${labUrl()}?nodes=100`);
  const apiserver = page.getByRole('button', { name: 'kube-apiserver on control-plane' });
  await expect(apiserver).toBeInViewport();
  await expect(page.getByRole('button', { name: /^node-\d+ \(worker node/ })).toHaveCount(100);
  await expect(page.getByRole('button', { name: /^node-1 \(worker node/ })).toBeInViewport();
  // The first view is zoomed in far enough to read the cards.
  const zoom = await page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
  expect(zoom).toBeGreaterThanOrEqual(0.5);
  await page.screenshot({ path: '/tmp/kubelab-100-nodes.png' });

  // A worker far down the grid is a Tab away, and Enter explains it.
  const far = page.getByRole('button', { name: /^node-97 \(worker node/ });
  await far.focus();
  await page.keyboard.press('Enter');
  await expect(far).toBeInViewport();
  const details = page.getByRole('complementary', { name: 'Details' });
  await expect(details.getByRole('heading', { name: 'node-97' })).toBeVisible();
  await expect(details).toContainText('drawn as one small card because the cluster is large');
  expect(problems).toEqual([]);
});

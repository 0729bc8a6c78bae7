import { expect, test } from '@playwright/test';

const labUrl = () => {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return url;
};

test('step back rewinds the cluster: a Deployment made in the terminal was never made', async ({ page }) => {
  test.setTimeout(60_000);
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(labUrl());
  const panel = page.getByRole('region', { name: 'Terminal' });
  const screen = panel.locator('.xterm-rows');
  await expect(screen).toContainText('kubelab:~$');

  // Let the cluster come up a little, then pause it.
  await page.getByLabel('Speed').selectOption('20');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Pause' }).click();
  const time = await page.getByLabel('Cluster time').textContent();

  await panel.locator('.terminal-host').click();
  await page.keyboard.type('kubectl create deployment web --image=nginx');
  await page.keyboard.press('Enter');
  await expect(screen).toContainText('deployment.apps/web created');
  await page.screenshot({ path: '/tmp/kubelab-rewind-before.png' });

  // The newest steps are the command's: stepping back undoes it, at the same clock time.
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByLabel('Cluster time')).toHaveText(time ?? '');
  await panel.locator('.terminal-host').click();
  await page.keyboard.type('kubectl get deployments');
  await page.keyboard.press('Enter');
  await expect(screen).toContainText('No resources found in default namespace.');
  await page.screenshot({ path: '/tmp/kubelab-rewind-after.png' });
  expect(problems).toEqual([]);
});

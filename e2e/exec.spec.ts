import { expect, test } from '@playwright/test';

const labUrl = () => {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return url;
};

test('kubectl exec -it gives the terminal to a container: cat, then an interactive shell', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(labUrl());
  const panel = page.getByRole('region', { name: 'Terminal' });
  const screen = panel.locator('.xterm-rows');
  await expect(screen).toContainText('kubelab:~$');

  // exec runs the command in the container on the simulation's clock: let it run.
  await page.getByLabel('Speed').selectOption('20');
  await page.getByRole('button', { name: 'Play' }).click();
  await panel.locator('.terminal-host').click();
  const run = async (line: string) => {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  };
  await run('kubectl wait --for=condition=Ready pods -l k8s-app=kube-proxy -n kube-system --timeout=5m');
  await expect(screen).toContainText(/pod\/kube-proxy-\S+ condition met/, { timeout: 60_000 });

  // With a TTY the output is written as the container sends it (kube-proxy shares its
  // node's network, so its hostname is the node's).
  await run('kubectl exec -it -n kube-system ds/kube-proxy -- hostname');
  await expect(
    screen
      .locator('div')
      .filter({ hasText: /^node-\d\s*$/ })
      .first(),
  ).toBeVisible({ timeout: 20_000 });

  // cat reads the terminal through the container's pty: keys echo as typed, the line goes
  // to cat on Enter and comes back from it; Ctrl-D on an empty line ends its input.
  await run('kubectl exec -it -n kube-system ds/kube-proxy -- cat');
  await expect(screen).toContainText('kubectl exec -it -n kube-system ds/kube-proxy -- cat');
  await page.keyboard.type('hello from the terminal');
  await expect(screen).toContainText('hello from the terminal', { timeout: 20_000 });
  await page.keyboard.press('Enter');
  await expect(screen.locator('div').filter({ hasText: /^hello from the terminal\s*$/ })).toHaveCount(2, {
    timeout: 20_000,
  });
  await page.keyboard.press('Control+D');
  await expect(
    screen
      .locator('div')
      .filter({ hasText: /kubelab:~\$\s*$/ })
      .last(),
  ).toBeVisible({ timeout: 20_000 });

  // An interactive shell in an nginx container: bash's prompt, a command, exit.
  await run('kubectl run web --image=nginx');
  await run('kubectl wait --for=condition=Ready pod/web --timeout=5m');
  await expect(screen).toContainText('pod/web condition met', { timeout: 60_000 });
  await run('kubectl exec -it web -- bash');
  await expect(screen).toContainText('root@web:/#', { timeout: 20_000 });
  await run('echo $HOSTNAME');
  await expect(screen.locator('div').filter({ hasText: /^web\s*$/ })).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: '/tmp/kubelab-exec.png' });
  await run('exit');
  await expect(
    screen
      .locator('div')
      .filter({ hasText: /kubelab:~\$\s*$/ })
      .last(),
  ).toBeVisible({ timeout: 20_000 });
  await run('kubectl version --client');
  await expect(screen).toContainText('Client Version: v1.32.4');
  expect(problems).toEqual([]);
});

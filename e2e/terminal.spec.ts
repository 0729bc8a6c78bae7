import { expect, test, type Page } from '@playwright/test';

const labUrl = () => {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return url;
};

/** Opens the lab, waits for the terminal's prompt, and collects console errors. */
async function openTerminal(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(labUrl());
  const panel = page.getByRole('region', { name: 'Terminal' });
  const screen = panel.locator('.xterm-rows');
  await expect(screen).toContainText('kubelab:~$');
  return { panel, screen, problems };
}

/** Types a line into the terminal and presses Enter. */
async function run(page: Page, line: string) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test('the terminal runs kubectl against the simulated cluster, with the shell’s builtins', async ({
  page,
}) => {
  const { panel, screen, problems } = await openTerminal(page);
  await panel.locator('.terminal-host').click();
  await expect(page.getByRole('textbox', { name: 'Terminal input' })).toBeFocused();

  await run(page, 'kubectl version');
  await expect(screen).toContainText('Client Version: v1.32.4');
  await expect(screen).toContainText('Server Version: v1.32.4');
  // The request is a step in the trace, like any API call.
  await expect(page.getByRole('list', { name: 'Trace steps' })).toContainText('GET /version');

  await run(page, 'alias k=kubectl');
  await run(page, 'k get namespaces');
  await expect(screen).toContainText('kube-system');
  await expect(screen).toContainText('kube-node-lease');

  await run(page, 'foo --bar');
  await expect(screen).toContainText('bash: foo: command not found');

  await run(page, 'help');
  await expect(screen).toContainText('This terminal runs kubectl against the simulated cluster');

  // Up recalls the last line; Ctrl-U clears it again.
  await page.keyboard.press('ArrowUp');
  await expect(
    screen
      .locator('div')
      .filter({ hasText: /kubelab:~\$ help$/ })
      .last(),
  ).toBeVisible();
  await page.keyboard.press('Control+U');

  // Tab completes resource types from the cluster's discovery.
  await page.keyboard.type('k get namesp');
  await page.keyboard.press('Tab');
  await expect(screen).toContainText('kubelab:~$ k get namespaces');
  await page.keyboard.press('Enter');
  await expect(
    screen
      .locator('div')
      .filter({ hasText: /^default\s+Active/ })
      .last(),
  ).toBeVisible();
  await page.screenshot({ path: '/tmp/kubelab-terminal.png' });

  // clear empties the screen; the output of a pipe into grep is what matches.
  await run(page, 'clear');
  await expect(screen).not.toContainText('kube-node-lease');
  await run(page, 'kubectl get namespaces | grep public');
  await expect(screen).toContainText('kube-public');
  await expect(screen).not.toContainText('kube-system');
  expect(problems).toEqual([]);
});

test('Ctrl-C stops a watch and brings the prompt back', async ({ page }) => {
  const { panel, screen } = await openTerminal(page);
  await panel.locator('.terminal-host').click();
  await run(page, 'watch -n 1 kubectl get namespaces');
  await expect(screen).toContainText('Every 1.0s: kubectl get namespaces');
  await expect(screen).toContainText('kube-system');
  await page.keyboard.press('Control+C');
  await expect(screen).not.toContainText('Every 1.0s');
  await expect(screen).toContainText('kubelab:~$ watch -n 1 kubectl get namespaces');
  await run(page, 'history');
  await expect(screen).toContainText('1  watch -n 1 kubectl get namespaces');
});

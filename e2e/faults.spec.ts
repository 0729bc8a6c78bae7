import { expect, test, type Locator, type Page } from '@playwright/test';

const labUrl = () => {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return url;
};

/** Runs `line` in the terminal (after clearing it) until the screen matches `expected`. */
async function until(page: Page, screen: Locator, line: string, expected: (text: string) => boolean) {
  await expect
    .poll(
      async () => {
        await page.keyboard.type('clear');
        await page.keyboard.press('Enter');
        await page.keyboard.type(line);
        await page.keyboard.press('Enter');
        await page.waitForTimeout(400);
        return expected((await screen.textContent()) ?? '');
      },
      { timeout: 45_000, intervals: [500] },
    )
    .toBe(true);
}

test('stop a node’s kubelet from the Faults panel: the node goes NotReady, its pods move, heal it', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(labUrl());
  const terminal = page.getByRole('region', { name: 'Terminal' });
  const screen = terminal.locator('.xterm-rows');
  await expect(screen).toContainText('kubelab:~$');
  await page.getByLabel('Speed').selectOption('100');
  await page.getByRole('button', { name: 'Play' }).click();
  await terminal.locator('.terminal-host').click();

  await page.keyboard.type('kubectl create deployment web --image=nginx --replicas=3');
  await page.keyboard.press('Enter');
  await until(
    page,
    screen,
    'kubectl get pods -o wide',
    (t) => (t.match(/web-\S+\s+1\/1\s+Running/g) ?? []).length === 3,
  );

  await page.getByRole('tab', { name: 'Faults' }).click();
  const panel = page.getByRole('region', { name: 'Faults' });
  await panel.getByLabel('Fault type').selectOption('KubeletStop');
  await panel.getByLabel('Target').selectOption('node-1');
  await panel.getByRole('button', { name: 'Inject' }).click();
  await expect(panel.getByRole('list', { name: 'Injected faults' })).toContainText('KubeletStopnode-1Active');

  await terminal.locator('.terminal-host').click();
  await until(page, screen, 'kubectl get nodes', (t) => /node-1\s+NotReady/.test(t));
  // The graph shows it too: node-1's frame says NotReady.
  await expect(page.getByRole('group', { name: 'node-1 (worker node)' })).toContainText('NotReady');
  // After the 300 s toleration the pods are recreated on the other nodes; node-1's stay Terminating.
  await until(page, screen, 'kubectl get pods -o wide', (t) => {
    const running = t.match(/web-\S+\s+1\/1\s+Running\s+\d+\s+\S+\s+\S+\s+node-\d/g) ?? [];
    return running.length === 3 && running.every((row) => !row.endsWith('node-1')) && /Terminating/.test(t);
  });
  await page.screenshot({ path: '/tmp/kubelab-faults.png' });

  await panel.getByRole('button', { name: /^Heal kubelet-stop-/ }).click();
  await expect(panel).toContainText('No faults injected.', { timeout: 15_000 });
  await terminal.locator('.terminal-host').click();
  await until(page, screen, 'kubectl get nodes', (t) => /node-1\s+Ready/.test(t));
  await expect(page.getByRole('group', { name: 'node-1 (worker node)' })).not.toContainText('NotReady');
  await until(
    page,
    screen,
    'kubectl get pods',
    (t) => !/Terminating/.test(t) && (t.match(/Running/g) ?? []).length === 3,
  );
  expect(problems).toEqual([]);
});

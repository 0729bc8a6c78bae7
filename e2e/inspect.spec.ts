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

test('a student inspects a pod of their deployment, then finds it in etcd', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await openLab(page);

  // The deployment, created from the terminal; the cluster runs fast until its pods run.
  await page.locator('.terminal-host').click();
  await page.keyboard.type('kubectl create deployment web --image=nginx --replicas=2');
  await page.keyboard.press('Enter');
  const terminal = page.getByRole('region', { name: 'Terminal' }).locator('.xterm-rows');
  await expect(terminal).toContainText('deployment.apps/web created');
  await page.getByLabel('Speed').selectOption('20');
  await page.getByRole('button', { name: 'Play' }).click();

  // The object inspector: pick the pod from the live cluster's list.
  await page.getByRole('tab', { name: 'Inspect' }).click();
  await page.getByRole('button', { name: 'Inspect an object…' }).click();
  const picker = page.getByRole('form', { name: 'Choose an object' });
  await expect(picker.getByLabel('Type', { exact: true })).toHaveValue('pods');
  await expect(picker.getByLabel('Namespace', { exact: true })).toHaveValue('default');
  const names = picker.getByLabel('Name', { exact: true });
  await expect(names.locator('option', { hasText: /^web-/ })).toHaveCount(2, { timeout: 30_000 });
  const pod = (await names.locator('option', { hasText: /^web-/ }).first().textContent()) ?? '';
  await names.selectOption(pod);

  // Its YAML is live: it runs after its image is pulled and its container started.
  const yaml = page.getByRole('region', { name: 'Object inspector' }).getByLabel(`YAML of pods/${pod}`);
  await expect(yaml).toContainText('kind: Pod');
  await expect(yaml).toContainText('phase: Running', { timeout: 40_000 });
  const events = page.getByRole('list', { name: `Events of ${pod}, oldest first` });
  for (const reason of ['Scheduled', 'Pulled', 'Started'])
    await expect(events.getByText(reason, { exact: true })).toBeVisible();
  const chain = page.getByRole('list', { name: /^Owner chain/ });
  await expect(chain.getByRole('listitem')).toHaveCount(3);
  await expect(chain).toContainText(/Pod\s+web-/);
  await expect(chain.getByRole('button', { name: /^Inspect ReplicaSet web-/ })).toBeVisible();
  await expect(chain.getByRole('button', { name: 'Inspect Deployment web' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('heading', { name: 'Object inspector' }).evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: '/tmp/kubelab-inspect-object.png' });
  await yaml.evaluate((pre) => pre.scrollIntoView());
  await page.screenshot({ path: '/tmp/kubelab-inspect-object-yaml.png' });

  // Up the chain: the Deployment's view lists the ReplicaSet it owns.
  await chain.getByRole('button', { name: 'Inspect Deployment web' }).click();
  await expect(page.getByLabel('YAML of deployments.apps/web')).toContainText('kind: Deployment');
  await expect(page.getByRole('list', { name: 'Objects it owns' })).toContainText(/ReplicaSet\s+web-/);
  await page.getByRole('button', { name: 'Close the object inspector' }).click();

  // etcd: the pod's key under /registry/pods/default/, its revisions, and the watch stream.
  await page.getByRole('button', { name: 'etcd on control-plane' }).click();
  const etcd = page.getByRole('region', { name: 'Inside etcd' });
  await etcd.getByRole('button', { name: /^\/registry\/pods\/, \d+ keys$/ }).click();
  await etcd.getByRole('button', { name: /^\/registry\/pods\/default\/, \d+ keys?$/ }).click();
  const key = `/registry/pods/default/${pod}`;
  const keys = etcd.getByRole('list', { name: 'Keys under /registry/pods/default/' });
  await keys.getByRole('button', { name: key, exact: true }).click();
  await expect(keys.getByRole('button', { name: key, exact: true })).toHaveAttribute('aria-pressed', 'true');
  const revisions = etcd.getByRole('table', { name: `Revisions of ${key}` });
  await expect(revisions.getByRole('row')).not.toHaveCount(1);
  await expect(etcd.getByLabel(new RegExp(`^Value of ${key} at revision \\d+$`))).toContainText(
    '"phase": "Running"',
  );
  const stream = etcd.getByRole('list', { name: "The store's last changes, newest first" });
  await expect(stream.getByRole('listitem')).not.toHaveCount(0);
  await expect(stream).toContainText(/PUT\s+\/registry\//);
  await etcd.getByRole('heading', { name: 'Inside etcd' }).evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: '/tmp/kubelab-inspect-etcd.png' });
  await etcd.getByRole('heading', { name: 'Watch stream' }).evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: '/tmp/kubelab-inspect-etcd-stream.png' });

  // The stream is live: more changes arrive while the cluster runs.
  const newest = await stream.getByRole('listitem').first().textContent();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(stream.getByRole('listitem').first()).not.toHaveText(newest ?? '', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();

  // A timeline step that names the pod opens it in the object inspector (the Inspect tab).
  await page.getByRole('tab', { name: 'Steps' }).click();
  await page.getByLabel('Search steps').fill(`${pod}/binding`);
  await page
    .getByRole('button', { name: /kubectl create deployment web --image=nginx --replicas=2/ })
    .click();
  await page
    .getByRole('list', { name: /^Steps of \$ kubectl create deployment web/ })
    .getByRole('button')
    .first()
    .click();
  await page.getByRole('button', { name: `Inspect pods/${pod}` }).click();
  await expect(page.getByLabel(`YAML of pods/${pod}`)).toContainText('phase: Running');

  // A node's cards open the node view; kube-scheduler's opens the scheduler view.
  await page.getByRole('button', { name: 'kubelet on node-1' }).click();
  await expect(page.getByRole('region', { name: 'Node node-1' })).toBeVisible();
  await page.getByRole('button', { name: 'kube-scheduler on control-plane' }).click();
  await expect(
    page.getByRole('region', { name: 'Live view' }).getByRole('region', { name: 'kube-scheduler' }),
  ).toContainText('scheduling cycles');
  expect(problems).toEqual([]);
});

import { expect, test } from '@playwright/test';
import { labUrl, pageErrors } from './lab';

test('an instructor presents the apply journey cue by cue, and the audience window follows', async ({
  context,
}) => {
  test.setTimeout(90_000);
  const presenter = await context.newPage();
  const problems = pageErrors(presenter);
  await presenter.goto(labUrl('?lesson=02-apply-journey&present=presenter'));
  const bar = presenter.getByRole('region', { name: 'Presenter' });
  await expect(bar).toContainText(
    'The journey of kubectl apply · step 1/4: kubectl to the apiserver to etcd',
  );
  const lesson = presenter.getByRole('article', { name: 'The journey of kubectl apply' });
  await expect(lesson.locator('[data-task="apply-hello"]')).toHaveAttribute('data-state', 'open', {
    timeout: 30_000,
  });

  // The audience window opens late and catches up on what the presenter's cluster did.
  const audience = await context.newPage();
  problems.push(...pageErrors(audience));
  await audience.goto(labUrl('?lesson=02-apply-journey&present=audience'));
  const caption = audience.getByRole('region', { name: 'Narration' });
  await expect(caption).toContainText(
    'The journey of kubectl apply · step 1/4: kubectl to the apiserver to etcd',
  );
  await expect(audience.getByRole('group', { name: 'node-2 (worker node)' })).toBeVisible();

  await bar.getByRole('button', { name: 'Run' }).click();
  await expect(lesson.locator('[data-task="apply-hello"]')).toHaveAttribute('data-state', 'done');
  await bar.getByRole('button', { name: /Next cue \(0\/5\)/ }).click();
  await expect(bar).toContainText('kubectl sends one HTTPS request to the kube-apiserver');
  await bar.getByRole('button', { name: /Next cue \(1\/5\)/ }).click();
  await expect(bar).toContainText('Authentication: the apiserver works out who is asking');
  await expect(caption).toContainText('Authentication: the apiserver works out who is asking');
  await expect(caption).toContainText('step 1/4: kubectl to the apiserver to etcd');

  // Further cues run the cluster exactly to their step: both windows show the same clock.
  for (const n of [2, 3, 4])
    await bar.getByRole('button', { name: new RegExp(`Next cue \\(${n}/5\\)`) }).click();
  await expect(bar).toContainText('The Deployment is written to etcd');
  await expect(caption).toContainText('The Deployment is written to etcd');
  const clock = (page: typeof presenter) => page.getByLabel('Cluster time').textContent();
  await expect.poll(() => clock(audience)).toBe(await clock(presenter));
  expect(problems).toEqual([]);
});

import { expect, test, type Page } from '@playwright/test';

const labUrl = () => {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return url;
};

/** The two palettes' page background and body text (src/ui/styles.css), as computed styles. */
const LIGHT = { background: 'rgb(238, 241, 245)', text: 'rgb(31, 35, 40)', terminal: 'rgb(255, 255, 255)' };
const DARK = { background: 'rgb(13, 17, 23)', text: 'rgb(230, 237, 243)', terminal: 'rgb(17, 23, 32)' };

/** Opens the lab, waits for the cluster view and the terminal, and collects console errors. */
async function openLab(page: Page, search = '') {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${labUrl()}${search}`);
  await expect(page.getByRole('button', { name: 'kube-apiserver on control-plane' })).toBeVisible();
  await expect(page.locator('.xterm-rows')).toContainText('kubelab:~$');
  return problems;
}

/** The colours the page, the terminal and the graph show now. */
const colours = (page: Page) =>
  page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const html = getComputedStyle(document.documentElement);
    const terminal = document.querySelector('.terminal-host .xterm-scrollable-element');
    return {
      background: html.backgroundColor,
      text: body.color,
      terminal: terminal === null ? null : getComputedStyle(terminal).backgroundColor,
      graph: document.querySelector('.react-flow')?.classList.contains('dark') ? 'dark' : 'light',
    };
  });

test.describe('on a system that prefers light', () => {
  test.use({ colorScheme: 'light' });

  test('shows the light theme, switches to dark live, and remembers it', async ({ page }) => {
    const problems = await openLab(page);
    const theme = page.getByRole('combobox', { name: 'Colour theme' });
    await expect(theme).toHaveValue('system');
    expect(await colours(page)).toEqual({ ...LIGHT, graph: 'light' });

    // The YAML editor follows too.
    await page.getByRole('button', { name: 'YAML editor' }).click();
    const editor = page.locator('.editor-host .monaco-editor');
    await expect(editor).toHaveClass(/\bvs\b/);
    await page.screenshot({ path: '/tmp/kubelab-light.png' });

    await theme.selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => colours(page)).toEqual({ ...DARK, graph: 'dark' });
    await expect(editor).toHaveClass(/\bvs-dark\b/);
    await page.screenshot({ path: '/tmp/kubelab-dark.png' });

    await page.reload();
    await expect(page.locator('.xterm-rows')).toContainText('kubelab:~$');
    await expect(theme).toHaveValue('dark');
    expect(await colours(page)).toEqual({ ...DARK, graph: 'dark' });

    await theme.selectOption('system');
    await expect.poll(() => colours(page)).toEqual({ ...LIGHT, graph: 'light' });
    expect(problems).toEqual([]);
  });

  test('a link’s ?theme= wins over the system', async ({ page }) => {
    await openLab(page, '?theme=dark');
    expect(await colours(page)).toEqual({ ...DARK, graph: 'dark' });
  });
});

test.describe('on a system that prefers dark', () => {
  test.use({ colorScheme: 'dark' });

  test('follows the system', async ({ page }) => {
    await openLab(page);
    expect(await colours(page)).toEqual({ ...DARK, graph: 'dark' });
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('Tab reaches every top-bar control, each named and with a visible focus ring', async ({ page }) => {
      await openLab(page);
      const step = page.getByRole('button', { name: 'Step', exact: true });
      await expect(step).toBeEnabled();
      const controls = [
        page.getByRole('button', { name: 'Play' }),
        page.getByRole('button', { name: 'Step back' }),
        step,
        page.getByRole('combobox', { name: 'Speed' }),
        page.getByRole('button', { name: 'YAML editor' }),
        page.getByRole('combobox', { name: 'Colour theme' }),
      ];
      await page.locator('body').focus();
      for (const control of controls) {
        await page.keyboard.press('Tab');
        await expect(control).toBeFocused();
        const ring = await control.evaluate((el) => {
          const style = getComputedStyle(el);
          return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
        });
        expect(ring.style).toBe('solid');
        expect(ring.width).toBe('2px');
        expect(ring.color).toBe(colorScheme === 'light' ? 'rgb(47, 95, 208)' : 'rgb(91, 141, 239)');
      }
      // Past the top bar, Tab goes on into the cluster view.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('.topbar') === null)).toBe(true);
    });
  });
}

test('the screen-reader live region reads out the step under review, not the background', async ({
  page,
}) => {
  await openLab(page);
  const live = page.locator('.sr-only[aria-live="polite"]');
  await expect(live).toHaveAttribute('role', 'status');
  // The cluster runs in the background: nothing is read out.
  await page.getByLabel('Speed').selectOption('20');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByText(/^[1-9][\d,]* steps? recorded$/)).toBeVisible();
  await expect(page.getByLabel('Cluster time')).not.toHaveText('00:00:00.0');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(live).toHaveText('');
  // Stepping by keyboard reviews a step, and says which.
  await page.getByRole('button', { name: 'Step', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(live).toHaveText(/^Step \d+, (request|response|watch|storage|decision|runtime) at /);
  await page.getByRole('button', { name: 'Live' }).click();
  await expect(live).toHaveText('Following the live cluster.');
});

import type { Page } from '@playwright/test';

/** Where the global setup serves the built lab (under a sub-path, as a course site would). */
export function labUrl(query = ''): string {
  const url = process.env.KUBELAB_URL;
  if (url === undefined) throw new Error('KUBELAB_URL is not set: the global setup did not run');
  return `${url}${query}`;
}

/** Collects the page's uncaught errors, so a test can assert there were none. */
export function pageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

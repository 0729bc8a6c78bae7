import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSETS_FILE, offlineAssets } from './offline-plugin';

/** What the plugin writes for a bundle of `files` (name to content) beside a public folder. */
function build(files: Record<string, string>, publicFiles: Record<string, string> = {}) {
  const publicDir = mkdtempSync(path.join(tmpdir(), 'kubelab-public-'));
  for (const [name, text] of Object.entries(publicFiles)) writeFileSync(path.join(publicDir, name), text);
  const plugin = offlineAssets() as unknown as {
    configResolved(config: { publicDir: string }): void;
    generateBundle: { handler(this: unknown, options: unknown, bundle: unknown): void };
  };
  plugin.configResolved({ publicDir });
  const bundle = Object.fromEntries(
    Object.entries(files).map(([name, text]) => [
      name,
      name.endsWith('.js') ? { type: 'chunk', code: text } : { type: 'asset', source: text },
    ]),
  );
  let emitted: { fileName: string; source: string } | undefined;
  plugin.generateBundle.handler.call({ emitFile: (file: typeof emitted) => (emitted = file) }, {}, bundle);
  expect(emitted?.fileName).toBe(ASSETS_FILE);
  const json = /self\.KUBELAB_ASSETS = (.*);/.exec(emitted?.source ?? '')?.[1] ?? 'null';
  return JSON.parse(json) as { version: string; files: string[] };
}

const site = { 'index.html': '<html>', 'assets/index-abc.js': 'app()', 'assets/index-abc.js.map': '{}' };

describe('offlineAssets', () => {
  it('lists the built files and the public ones, without source maps or the worker itself', () => {
    const assets = build(site, { 'kubelab.svg': '<svg/>', 'sw.js': 'self', 'kubelab.config.json': '{}' });
    expect(assets.files).toEqual(['assets/index-abc.js', 'index.html', 'kubelab.config.json', 'kubelab.svg']);
    expect(assets.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['the same build', site, true],
    ['a changed page', { ...site, 'index.html': '<html lang="en">' }, false],
    ['a changed script', { ...site, 'assets/index-abc.js': 'app(2)' }, false],
    ['a changed source map only', { ...site, 'assets/index-abc.js.map': '{"v":3}' }, true],
  ])('%s: the same version is %s', (_what, files, same) => {
    expect(build(files).version === build(site).version).toBe(same);
  });
});

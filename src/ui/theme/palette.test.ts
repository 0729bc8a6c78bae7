/**
 * Checks the two palettes in the stylesheets (src/ui/styles.css, src/ui/trace/kinds.css) for
 * contrast, as WCAG 2 measures it: text at least 4.5:1 on every surface it sits on, focus
 * rings and other marks at least 3:1.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const CSS = read('../styles.css') + read('../trace/kinds.css');

/** The `--name: #rrggbb` declarations of every rule with exactly this selector. */
function variables(selector: string): Map<string, string> {
  const found = new Map<string, string>();
  const escaped = selector.replace(/[[\]'().]/g, '\\$&');
  for (const block of CSS.matchAll(new RegExp(`(?:^|\\n)${escaped} \\{([^}]*)\\}`, 'g'))) {
    for (const [, name, value] of block[1]!.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6});/gi))
      found.set(name!, value!);
  }
  return found;
}

const DARK = variables(':root');
const LIGHT = new Map([...DARK, ...variables(":root[data-theme='light']")]);

/** WCAG 2's relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const SURFACES = ['--bg', '--bg-panel', '--bg-raised', '--bg-card', '--bg-sunken'];
const TEXT = ['--text', '--text-dim', '--text-faint'];
/** Colours that also colour words: links, tier and kind labels, errors. */
const COLOURED_TEXT = [
  '--accent',
  '--control-plane',
  '--store',
  '--node',
  '--client',
  '--danger',
  '--kind-request',
  '--kind-response',
  '--kind-watch',
  '--kind-storage',
  '--kind-decision',
  '--kind-runtime',
];

describe.each([
  ['dark', DARK],
  ['light', LIGHT],
])('the %s palette', (_, palette) => {
  const colour = (name: string) => {
    const value = palette.get(name);
    if (value === undefined) throw new Error(`${name} is not defined as #rrggbb`);
    return value;
  };
  const pairs = (fronts: string[], backs: string[]) => fronts.flatMap((f) => backs.map((b) => [f, b]));

  it.each(pairs(TEXT, SURFACES))('%s on %s reads at 4.5:1 or more', (front, back) => {
    expect(contrast(colour(front), colour(back))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(pairs(COLOURED_TEXT, ['--bg-panel', '--bg-raised']))(
    '%s text on %s reads at 4.5:1 or more',
    (front, back) => {
      expect(contrast(colour(front), colour(back))).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each([
    ['--on-accent', '--accent-fill'],
    ['--danger-text', '--danger-bg'],
  ])('%s on %s reads at 4.5:1 or more', (front, back) => {
    expect(contrast(colour(front), colour(back))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(pairs(['--accent', '--highlight'], ['--bg', '--bg-panel', '--bg-card']))(
    'the %s mark stands out from %s at 3:1 or more',
    (front, back) => {
      expect(contrast(colour(front), colour(back))).toBeGreaterThanOrEqual(3);
    },
  );
});

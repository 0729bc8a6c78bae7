import { describe, expect, it } from 'vitest';
import { initialChoice, parseThemeChoice, resolveTheme, THEME_CHOICES } from './choice';

describe('resolveTheme', () => {
  it.each([
    ['system', true, 'dark'],
    ['system', false, 'light'],
    ['light', true, 'light'],
    ['light', false, 'light'],
    ['dark', true, 'dark'],
    ['dark', false, 'dark'],
  ] as const)('%s with a system that prefers dark: %s shows %s', (choice, dark, theme) => {
    expect(resolveTheme(choice, dark)).toBe(theme);
  });
});

describe('parseThemeChoice', () => {
  it('accepts the three choices and nothing else', () => {
    for (const choice of THEME_CHOICES) expect(parseThemeChoice(choice)).toBe(choice);
    for (const value of [null, undefined, '', 'Light', 'auto', 'purple'])
      expect(parseThemeChoice(value)).toBeNull();
  });
});

describe('initialChoice', () => {
  it('takes the link’s choice over the stored one', () => {
    expect(initialChoice('light', 'dark')).toBe('light');
  });

  it('takes the stored choice when the link has none', () => {
    expect(initialChoice(null, 'dark')).toBe('dark');
  });

  it('follows the system when nothing usable is stored', () => {
    expect(initialChoice(null, null)).toBe('system');
    expect(initialChoice(null, 'sepia')).toBe('system');
  });
});

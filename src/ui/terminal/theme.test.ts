import { describe, expect, it } from 'vitest';
import { terminalTheme } from './theme';

describe('terminalTheme', () => {
  it('takes the page’s colours from its custom properties', () => {
    const vars: Record<string, string> = {
      '--bg-panel': ' #111720',
      '--text': '#e6edf3',
      '--accent': '#5b8def',
    };
    const theme = terminalTheme((name) => vars[name] ?? '', 'dark');
    expect(theme).toMatchObject({
      background: '#111720',
      foreground: '#e6edf3',
      cursor: '#5b8def',
      selectionBackground: '#5b8def55',
      green: '#3fb68b',
    });
  });

  it('falls back to readable colours, darker on a light page', () => {
    const theme = terminalTheme(() => '', 'light');
    expect(theme.background).toBe('#ffffff');
    expect(theme.foreground).toBe('#1f2328');
    expect(theme.green).toBe('#1a7f55');
  });
});

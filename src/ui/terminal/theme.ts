/**
 * The terminal's colours, taken from the page's stylesheet (src/ui/styles.css): background,
 * text, cursor and selection from its custom properties, and an ANSI palette that reads
 * well on that background, light or dark.
 */
import type { ITheme } from '@xterm/xterm';

/** ANSI colours for a dark background (normal, then bright). */
const DARK_ANSI = {
  black: '#2b3442',
  red: '#f0616d',
  green: '#3fb68b',
  yellow: '#e3a341',
  blue: '#5b8def',
  magenta: '#c58af9',
  cyan: '#3ac5b0',
  white: '#c9d3df',
  brightBlack: '#6b7a8f',
  brightRed: '#ff8b94',
  brightGreen: '#6ddbb0',
  brightYellow: '#f5c26b',
  brightBlue: '#8db0ff',
  brightMagenta: '#dcb2ff',
  brightCyan: '#72e3d2',
  brightWhite: '#f3f6fa',
};

/** ANSI colours for a light background. */
const LIGHT_ANSI = {
  black: '#1f2328',
  red: '#c2303c',
  green: '#1a7f55',
  yellow: '#9a6300',
  blue: '#2f5fd0',
  magenta: '#8a3fc4',
  cyan: '#127a6d',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#d7434f',
  brightGreen: '#238a60',
  brightYellow: '#b07400',
  brightBlue: '#3c6fe0',
  brightMagenta: '#9a52d4',
  brightCyan: '#1a8c7e',
  brightWhite: '#8c959f',
};

/**
 * The xterm.js theme for the page: `css(name)` reads a custom property (`--bg-panel`), and
 * `scheme` is the page's colour scheme.
 */
export function terminalTheme(css: (name: string) => string, scheme: 'light' | 'dark'): ITheme {
  const read = (name: string, fallback: string) => css(name).trim() || fallback;
  const dark = scheme === 'dark';
  const accent = read('--accent', '#5b8def');
  return {
    background: read('--bg-panel', dark ? '#111720' : '#ffffff'),
    foreground: read('--text', dark ? '#e6edf3' : '#1f2328'),
    cursor: accent,
    cursorAccent: read('--bg-panel', dark ? '#111720' : '#ffffff'),
    selectionBackground: `${accent}55`,
    ...(dark ? DARK_ANSI : LIGHT_ANSI),
  };
}

/** The theme for the terminal inside `element`, as the page's styles are now. */
export function themeOf(element: Element): ITheme {
  const style = getComputedStyle(element);
  const scheme =
    style.colorScheme.includes('light') && !style.colorScheme.includes('dark') ? 'light' : 'dark';
  return terminalTheme((name) => style.getPropertyValue(name), scheme);
}

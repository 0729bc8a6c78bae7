import { parseThemeChoice, THEME_CHOICES, type ThemeChoice } from './choice';
import { chooseTheme, useTheme } from './controller';

const LABELS: Readonly<Record<ThemeChoice, string>> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The top bar's theme menu: follow the system, or always light or dark. */
export function ThemeSelect() {
  const { choice, theme } = useTheme();
  return (
    <label className="theme-select" title={`Colour theme (showing ${theme})`}>
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="8" cy="8" r="6" />
        <path d="M8 2a6 6 0 0 0 0 12z" />
      </svg>
      <select
        aria-label="Colour theme"
        value={choice}
        onChange={(e) => chooseTheme(parseThemeChoice(e.target.value) ?? 'system')}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {LABELS[c]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Which colour theme the lab shows, as pure functions: the person's choice (System, Light or
 * Dark, from the theme menu or a `?theme=` link) and the system's preference decide it.
 */

/** What the person chose: follow the system, or one theme always. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The theme the page shows. */
export type Theme = 'light' | 'dark';

/** The choices, in the order the theme menu offers them. */
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** A stored or linked choice (`light`), or null when it is missing or not one. */
export function parseThemeChoice(value: string | null | undefined): ThemeChoice | null {
  return THEME_CHOICES.find((choice) => choice === value) ?? null;
}

/**
 * The choice to start with: a link's `?theme=` wins (a course page matching its own
 * colours), then the one remembered from last time, else the system's.
 */
export function initialChoice(linked: ThemeChoice | null, stored: string | null): ThemeChoice {
  return linked ?? parseThemeChoice(stored) ?? 'system';
}

/** The theme a choice shows, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/**
 * The page's colour theme at run time: shows the chosen theme as `<html data-theme>` (the
 * stylesheets key their palettes on it), remembers the choice in localStorage, and follows
 * the system's preference while the choice is System. The terminal and the editor subscribe
 * to re-read the page's colours when it changes.
 */
import { useSyncExternalStore } from 'react';
import { initialChoice, resolveTheme, type Theme, type ThemeChoice } from './choice';

/** Where the choice is remembered. */
const STORAGE_KEY = 'kubelab.theme';

/** The choice and the theme it shows now. */
export interface ThemeState {
  readonly choice: ThemeChoice;
  readonly theme: Theme;
}

class ThemeController {
  readonly #listeners = new Set<() => void>();
  readonly #system = window.matchMedia('(prefers-color-scheme: dark)');
  #state: ThemeState;

  constructor(linked: ThemeChoice | null) {
    const choice = initialChoice(linked, readStored());
    this.#state = { choice, theme: resolveTheme(choice, this.#system.matches) };
    document.documentElement.dataset.theme = this.#state.theme;
    this.#system.addEventListener('change', () => this.choose(this.#state.choice, false));
  }

  get state(): ThemeState {
    return this.#state;
  }

  choose(choice: ThemeChoice, remember: boolean): void {
    if (remember) writeStored(choice);
    const theme = resolveTheme(choice, this.#system.matches);
    if (choice === this.#state.choice && theme === this.#state.theme) return;
    this.#state = { choice, theme };
    // The attribute first: listeners read the page's colours as they now are.
    document.documentElement.dataset.theme = theme;
    for (const listener of this.#listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** localStorage can be missing or refuse (a sandboxed iframe, private browsing). */
function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function writeStored(choice: ThemeChoice): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered; the choice still holds for this visit.
  }
}

let controller: ThemeController | null = null;
const themes = (): ThemeController => (controller ??= new ThemeController(null));

/**
 * Shows the starting theme before the first render: `linked` is the page link's `?theme=`,
 * which wins over the remembered choice.
 */
export function startTheme(linked: ThemeChoice | null): void {
  controller ??= new ThemeController(linked);
}

/** Switches to `choice` and remembers it for the next visit. */
export function chooseTheme(choice: ThemeChoice): void {
  themes().choose(choice, true);
}

/** Calls `listener` after every change of the theme or the choice; returns the unsubscribe. */
export function subscribeTheme(listener: () => void): () => void {
  return themes().subscribe(listener);
}

/** The current choice and theme, re-rendering when they change. */
export function useTheme(): ThemeState {
  return useSyncExternalStore(subscribeTheme, () => themes().state);
}

/** cobra's "Did you mean this?" suggestions for a mistyped command name. */
import type { Command } from '../cmd/types';

/** Levenshtein distance, case-insensitive (cobra's ld with ignoreCase). */
function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s.charAt(i - 1) === t.charAt(j - 1) ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/**
 * The commands cobra suggests for `typed`, in the order they were registered: those within
 * distance 2, those whose name starts with it, and those that list it in `suggestFor`.
 */
function suggestionsFor(typed: string, commands: readonly Command[]): string[] {
  const suggestions: string[] = [];
  for (const command of commands) {
    if (levenshtein(typed, command.name) <= 2 || command.name.toLowerCase().startsWith(typed.toLowerCase()))
      suggestions.push(command.name);
    for (const alias of command.suggestFor ?? [])
      if (alias.toLowerCase() === typed.toLowerCase()) suggestions.push(command.name);
  }
  return suggestions;
}

/** The suggestion block cobra appends to an unknown-command error ('' when none). */
export function suggestionText(typed: string, commands: readonly Command[]): string {
  const suggestions = suggestionsFor(typed, commands);
  if (suggestions.length === 0) return '';
  return `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`;
}

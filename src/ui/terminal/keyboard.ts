/**
 * Browser keys around the terminal: copy and paste with the usual shortcuts, and a way out
 * for keyboard users, since Tab itself completes.
 */

/** The key event fields the handler reads. */
export type KeyEventLike = Pick<
  KeyboardEvent,
  'type' | 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'
>;

/**
 * A handler for xterm.js's `attachCustomKeyEventHandler`: returns false for keys the
 * browser should handle instead of the terminal.
 *
 * - Ctrl-C (Cmd-C) with text selected, or Ctrl-Shift-C: copy (the browser's copy, which
 *   xterm.js fills with the selection); Ctrl-C alone still interrupts.
 * - Ctrl-V (Cmd-V), Ctrl-Shift-V: the browser's paste, which reaches the terminal as a
 *   bracketed paste.
 * - Escape, then Tab (or Shift-Tab): moves focus out of the terminal.
 */
export function browserKeys(term: { hasSelection(): boolean }): (event: KeyEventLike) => boolean {
  let escaped = false;
  return (event) => {
    if (event.type !== 'keydown') return true;
    const key = event.key.toLowerCase();
    const leave = escaped && key === 'tab';
    escaped = key === 'escape';
    if (leave) return false;
    const mod = (event.ctrlKey || event.metaKey) && !event.altKey;
    if (mod && key === 'c' && (event.shiftKey || term.hasSelection())) return false;
    if (mod && key === 'v') return false;
    return true;
  };
}

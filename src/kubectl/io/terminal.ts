/**
 * The terminal a command runs in, when the host has one that streams keystrokes (the
 * page's terminal): `exec -it` and `attach -it` pass every key to the container as typed
 * (raw mode), `exec -i` reads whole lines the terminal edits (line mode). Without one,
 * stdin is whatever was piped to the command, or nothing.
 */

/** How the terminal treats keys while a command reads them. */
export type TerminalMode =
  /** Every key goes to the command as typed, Ctrl-C and Ctrl-D included; output is written as is. */
  | 'raw'
  /** The terminal echoes and edits a line; Enter sends it, Ctrl-D ends the input, Ctrl-C interrupts. */
  | 'line'
  /** Back to the shell's handling: keys are not read (Ctrl-C interrupts). */
  | 'off';

/** A terminal's size in character cells. */
export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** The host's terminal, as a running command sees it. */
export interface KubectlTerminal {
  /** Asks the terminal to switch mode; the host returns it to `off` when the command ends. */
  setMode(mode: TerminalMode): void;
  /**
   * Calls `listener` with what is typed (null once the input ends: Ctrl-D in line mode);
   * returns a function that stops it.
   */
  onInput(listener: (data: string | null) => void): () => void;
  /** The size now. */
  size(): TerminalSize;
  /** Calls `listener` with every new size; returns a function that stops it. */
  onResize(listener: (size: TerminalSize) => void): () => void;
}

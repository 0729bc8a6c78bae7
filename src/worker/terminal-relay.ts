/**
 * The page's terminal as a running kubectl command sees it from the worker (a
 * KubectlTerminal): what the user types arrives as `stdin` commands, size changes as `resize`
 * commands, and a mode the command asks for (raw for `exec -it`, line for `exec -i`) goes back
 * to the page as a `terminalMode` event, so the terminal stops editing lines and passes keys.
 */
import type { KubectlTerminal, TerminalMode, TerminalSize } from '../kubectl/io/terminal';

/** The terminal of one running command. */
export class TerminalRelay implements KubectlTerminal {
  #size: TerminalSize;
  #mode: TerminalMode = 'off';
  readonly #inputs = new Set<(data: string | null) => void>();
  readonly #resizes = new Set<(size: TerminalSize) => void>();
  readonly #announce: (mode: TerminalMode) => void;

  /** `announce` tells the page the mode the command asked for. */
  constructor(size: TerminalSize, announce: (mode: TerminalMode) => void) {
    this.#size = size;
    this.#announce = announce;
  }

  setMode(mode: TerminalMode): void {
    if (mode === this.#mode) return;
    this.#mode = mode;
    this.#announce(mode);
  }

  onInput(listener: (data: string | null) => void): () => void {
    this.#inputs.add(listener);
    return () => this.#inputs.delete(listener);
  }

  size(): TerminalSize {
    return this.#size;
  }

  onResize(listener: (size: TerminalSize) => void): () => void {
    this.#resizes.add(listener);
    return () => this.#resizes.delete(listener);
  }

  /** What the user typed (null: the input ended). Nothing listens unless a mode is on. */
  input(data: string | null): void {
    if (this.#mode === 'off') return;
    for (const listener of this.#inputs) listener(data);
  }

  /** The page's terminal changed size. */
  resize(size: TerminalSize): void {
    this.#size = size;
    for (const listener of this.#resizes) listener(size);
  }

  /** The command ended: back to the shell's handling of keys, if it had changed it. */
  close(): void {
    this.#inputs.clear();
    this.#resizes.clear();
    this.setMode('off');
  }
}

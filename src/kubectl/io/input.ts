/**
 * What a kubectl command may read besides the API: the text piped to it (`-f -`), the
 * files of a virtual workspace the host provides (`-f web.yaml`, `--from-file`,
 * `--patch-file`), and an editor for `kubectl edit`. Each is optional: a host without a
 * workspace makes every path missing, one without an editor makes `edit` refuse.
 */
import type { KubectlTerminal } from './terminal';

/** A read-only workspace of files, by path as the user types it. */
export interface KubectlFiles {
  /** The file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
}

/** An editor the user edits text in, as `kubectl edit` runs `$EDITOR`. */
export interface KubectlEditor {
  /**
   * Opens `text` (named `name`, like kubectl's temporary file) and resolves with the text
   * the user saved, or null when the user closed the editor without saving.
   */
  edit(text: string, name: string): Promise<string | null>;
}

/** The inputs of one command run. */
export interface CommandInput {
  /** Everything piped to the command; undefined when nothing is (a terminal). */
  readonly stdin?: string;
  /** The terminal stdin is, when the host streams its keystrokes (for `exec -it`). */
  readonly terminal?: KubectlTerminal;
  readonly files?: KubectlFiles;
  readonly editor?: KubectlEditor;
}

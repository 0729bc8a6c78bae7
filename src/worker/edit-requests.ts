/**
 * `kubectl edit` in the page: kubectl asks for an editor the way it runs `$EDITOR`, and the
 * page's YAML editor answers. Each request goes to the UI as an `edit` event (the text and
 * the temporary file's name, with an id); the UI's `edited` command answers it with the saved
 * text, or null when the user cancelled. A request whose command ends first (Ctrl-C, a new
 * cluster) is withdrawn with `editClosed`, so the UI can stop editing.
 */
import type { HostEvent } from './protocol';

/** The events this module sends. */
export type EditEvent = Extract<HostEvent, { type: 'edit' | 'editClosed' }>;

/** What kubectl needs: open text in the UI's editor, maybe on behalf of a command that can end. */
export interface EditorBridge {
  /**
   * Opens `text` (named `name`) in the page's editor; resolves with the saved text, or null
   * when the user cancels or `signal` aborts first.
   */
  open(text: string, name: string, signal?: AbortSignal): Promise<string | null>;
}

/** The edit requests waiting for the UI, by id. */
export class EditRequests implements EditorBridge {
  #nextId = 1;
  readonly #pending = new Map<number, { resolve(text: string | null): void; release(): void }>();
  readonly #send: (event: EditEvent) => void;

  constructor(send: (event: EditEvent) => void) {
    this.#send = send;
  }

  open(text: string, name: string, signal?: AbortSignal): Promise<string | null> {
    if (signal?.aborted) return Promise.resolve(null);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const abort = () => this.#close(id);
      signal?.addEventListener('abort', abort, { once: true });
      this.#pending.set(id, { resolve, release: () => signal?.removeEventListener('abort', abort) });
      this.#send({ type: 'edit', id, name, text });
    });
  }

  /** The UI's answer to request `id`: the saved text, or null. Unknown ids are ignored. */
  answer(id: number, text: string | null): void {
    const request = this.#pending.get(id);
    if (request === undefined) return;
    this.#pending.delete(id);
    request.release();
    request.resolve(text);
  }

  /** Withdraws every request (a new cluster): each resolves with null. */
  closeAll(): void {
    for (const id of [...this.#pending.keys()]) this.#close(id);
  }

  /** How many requests wait for the UI. */
  get size(): number {
    return this.#pending.size;
  }

  #close(id: number): void {
    if (!this.#pending.has(id)) return;
    this.answer(id, null);
    this.#send({ type: 'editClosed', id });
  }
}

/** An event waiting in the queue. */
export interface QueuedEvent {
  /** Virtual time (ms) at which the event runs. */
  readonly time: number;
  /** Insertion order: breaks ties so events at the same time run first-in, first-out. */
  readonly seq: number;
  /** A short description, shown when stepping one event at a time. */
  readonly label: string;
  readonly run: () => void;
  /** `queued` until it runs (`done`) or is cancelled. */
  status: 'queued' | 'done' | 'cancelled';
}

/**
 * A priority queue of events ordered by (time, insertion order): a binary min-heap with
 * lazy cancellation. Events at equal times always run in the order they were scheduled.
 */
export class EventQueue {
  #heap: QueuedEvent[] = [];
  #seq = 0;
  #live = 0;

  /** Number of events still due to run (cancelled ones excluded). */
  get size(): number {
    return this.#live;
  }

  push(time: number, label: string, run: () => void): QueuedEvent {
    const event: QueuedEvent = { time, seq: this.#seq++, label, run, status: 'queued' };
    this.#heap.push(event);
    this.#siftUp(this.#heap.length - 1);
    this.#live++;
    return event;
  }

  /** Marks an event so it never runs. Cancelling twice, or after it ran, does nothing. */
  cancel(event: QueuedEvent): void {
    if (event.status !== 'queued') return;
    event.status = 'cancelled';
    this.#live--;
  }

  /** The next event to run, without removing it. */
  peek(): QueuedEvent | undefined {
    this.#dropCancelled();
    return this.#heap[0];
  }

  /** Removes and returns the next event to run. */
  pop(): QueuedEvent | undefined {
    this.#dropCancelled();
    const top = this.#heap[0];
    if (top === undefined) return undefined;
    this.#removeTop();
    this.#live--;
    top.status = 'done';
    return top;
  }

  #dropCancelled(): void {
    while (this.#heap[0]?.status === 'cancelled') this.#removeTop();
  }

  #removeTop(): void {
    const last = this.#heap.pop();
    if (last !== undefined && this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#siftDown(0);
    }
  }

  #before(a: QueuedEvent, b: QueuedEvent): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  #siftUp(index: number): void {
    const heap = this.#heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #siftDown(index: number): void {
    const heap = this.#heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.#before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.#before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

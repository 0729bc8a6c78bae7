/** A JSON value: what a trace step's detail may hold, so steps cross the worker boundary intact. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * What a step is. `request`/`response` are API calls, `watch` a watch event delivered to a
 * client, `storage` an etcd read or write, `decision` a component's choice (an admission
 * verdict, a scheduler filter) and `runtime` a call from kubelet into CRI, CNI or CSI.
 */
export type StepKind = 'request' | 'response' | 'watch' | 'storage' | 'decision' | 'runtime';

/**
 * One meaningful action in the cluster. The UI animates a step along the edge `from -> to`
 * and links it to the step that caused it.
 */
export interface TraceStep {
  /** 1, 2, 3... in the order steps happened. */
  readonly id: number;
  /** Virtual time in ms. */
  readonly time: number;
  /** Component id of the actor, e.g. `control-plane/kube-apiserver` or `kubectl`. */
  readonly from: string;
  /** Component id of the receiver; equal to `from` for a step inside one component. */
  readonly to: string;
  readonly kind: StepKind;
  /** One line, e.g. `POST /apis/apps/v1/namespaces/default/deployments`. */
  readonly summary: string;
  /** Structured detail (request body, etcd key and revision...). */
  readonly detail: Json;
  /** The id of the step that triggered this one, or null for an outside input. */
  readonly causedBy: number | null;
}

/** What a component supplies to record a step; the trace adds the id and the time. */
export type StepInput = Omit<TraceStep, 'id' | 'time' | 'detail' | 'causedBy'> & {
  readonly detail?: Json;
  readonly causedBy?: number | null;
};

/** Receives every step as it is recorded. */
export type TraceListener = (step: TraceStep) => void;

/** The trace: numbers steps, stamps them with virtual time and hands them to listeners. */
export class Trace {
  #nextId = 1;
  readonly #listeners = new Set<TraceListener>();

  constructor(private readonly now: () => number) {}

  /** Records a step and returns it with its id, so later steps can name it in `causedBy`. */
  emit(input: StepInput): TraceStep {
    const step: TraceStep = {
      id: this.#nextId++,
      time: this.now(),
      from: input.from,
      to: input.to,
      kind: input.kind,
      summary: input.summary,
      detail: input.detail ?? null,
      causedBy: input.causedBy ?? null,
    };
    for (const listener of this.#listeners) listener(step);
    return step;
  }

  /** Calls `listener` for every later step; returns a function that stops it. */
  subscribe(listener: TraceListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/**
 * Draws the planned flights on the graph with the Web Animations API: a dot per flight,
 * moved along its route, and a pulse on each card as a step leaves or reaches it, labelled
 * with what it reached (`runc`, `CNI`) and how many steps it stands for (`×12`).
 *
 * Everything lives in one SVG layer over the graph and animates only properties the
 * compositor does not take over (a circle's cx/cy, fill and stroke opacity). Transform or
 * opacity animations would give every dot and card its own compositing layer, and re-layering
 * a page this size on every frame is the costliest thing a busy cluster would make the browser
 * do. Nothing here re-renders React: a batch costs one plan and a few animate() calls. With
 * reduced motion, dots are replaced by the route lighting up in place.
 */
import type { StepKind, TraceStep } from '../../sim/kernel/trace';
import { DEFAULT_PLAN, FlightPlanner, type Flight, type PlannedStep } from './flight-plan';
import { routePath, routePoints } from './geometry';
import type { GraphModel } from './graph-model';

const SVG = 'http://www.w3.org/2000/svg';
/** Dots kept for reuse, so a busy cluster does not churn the DOM. */
const POOL_LIMIT = 96;

/** Counts since the animator started, for tests and the performance check. */
export interface AnimatorStats {
  steps: number;
  flights: number;
  merged: number;
}

/** A card's pulse: its outline, its label and until when it is lit. */
interface Mark {
  readonly rect: SVGRectElement;
  readonly label: SVGTextElement;
  until: number;
}

const fade = (o: number, offset?: number): Keyframe => ({
  fillOpacity: o,
  strokeOpacity: o,
  ...(offset === undefined ? {} : { offset }),
});

/** Animates trace steps on one graph layer (a div inside React Flow's viewport). */
export class Animator {
  readonly stats: AnimatorStats = { steps: 0, flights: 0, merged: 0 };
  readonly #planner = new FlightPlanner();
  readonly #pool: SVGCircleElement[] = [];
  readonly #marks = new Map<string, Mark>();
  readonly #svg: SVGSVGElement;
  /** Pulses and routes, under the dots. */
  readonly #under: SVGGElement;
  #running = new Set<Animation>();

  constructor(
    private readonly layer: HTMLElement,
    private readonly model: GraphModel,
    private reducedMotion: boolean,
  ) {
    this.#svg = document.createElementNS(SVG, 'svg');
    this.#svg.setAttribute('class', 'flow-svg');
    this.#under = document.createElementNS(SVG, 'g');
    this.#svg.append(this.#under);
    layer.append(this.#svg);
  }

  /** Switches between moving dots and in-place highlights. */
  setReducedMotion(reduced: boolean): void {
    this.reducedMotion = reduced;
  }

  /** Animates a batch of steps, `hop` ms per hop. */
  play(steps: readonly TraceStep[], hop: number): void {
    if (steps.length === 0) return;
    const now = performance.now();
    const planned =
      steps.length > DEFAULT_PLAN.bulk ? this.#grouped(steps) : steps.map((s) => this.#anchor(s));
    const { created, merged } = this.#planner.plan(planned, now, hop);
    this.stats.steps += steps.length;
    this.stats.flights += created.length;
    this.stats.merged += steps.length - created.length;
    for (const flight of created) this.#draw(flight, now, hop);
    for (const flight of merged) {
      const label = this.#marks.get(flight.to)?.label;
      if (label !== undefined) setText(label, labelOf(flight));
    }
    this.layer.dataset.steps = String(this.stats.steps);
    this.layer.dataset.flights = String(this.stats.flights);
    this.layer.dataset.merged = String(this.stats.merged);
  }

  /** Cancels everything in flight (review mode starts, or the cluster is replaced). */
  clear(): void {
    for (const animation of this.#running) animation.cancel();
    this.#running = new Set();
    this.#planner.clear();
    for (const mark of this.#marks.values()) mark.until = 0;
  }

  /** Removes everything it added to the layer. */
  dispose(): void {
    this.clear();
    this.layer.replaceChildren();
  }

  #anchor(step: TraceStep): PlannedStep {
    const from = this.model.anchors.resolve(step.from);
    const to = this.model.anchors.resolve(step.to);
    // kubelet's CNI calls go through the runtime's card (the runtime runs the CNI plugin): name them.
    const part = step.kind === 'runtime' && step.summary.startsWith('CNI ') ? 'CNI' : (to.part ?? from.part);
    return { step, from: from.card, to: to.card, part };
  }

  /** A big batch as one planned step per route and kind, without an object per step. */
  #grouped(steps: readonly TraceStep[]): PlannedStep[] {
    const groups = new Map<string, { planned: PlannedStep; count: number }>();
    for (const step of steps) {
      const from = this.model.anchors.resolve(step.from).card;
      const to = this.model.anchors.resolve(step.to).card;
      const key = `${from}|${to}|${step.kind}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { planned: this.#anchor(step), count: 1 });
      else group.count++;
    }
    return [...groups.values()].map(({ planned, count }) => ({ ...planned, count }));
  }

  #draw(flight: Flight, now: number, hop: number): void {
    const fromRect = this.model.layout.rects.get(flight.from);
    const toRect = this.model.layout.rects.get(flight.to);
    if (fromRect === undefined || toRect === undefined) return;
    const delay = Math.max(0, flight.start - now);
    const travels = flight.from !== flight.to;
    if (travels) this.#pulse(flight.from, flight.kind, delay, hop * 0.6, 0.5, null);
    this.#pulse(flight.to, flight.kind, delay + (travels ? flight.duration : 0), hop, 1, flight);
    if (!travels) return;
    if (this.reducedMotion) {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', routePath(fromRect, toRect));
      path.setAttribute('class', `flow-route kind-${flight.kind}`);
      this.#under.append(path);
      const frames = [fade(0), fade(1, 0.2), fade(1, 0.7), fade(0)];
      this.#run(path, frames, { duration: flight.duration * 1.5, delay }, () => path.remove());
      return;
    }
    const dot = this.#pool.pop() ?? this.#svg.appendChild(newDot());
    dot.setAttribute('class', `flow-dot kind-${flight.kind}`);
    const points = routePoints(fromRect, toRect, 10);
    const last = points.length - 1;
    const frames = points.map((p, i) => ({
      cx: `${p.x}px`,
      cy: `${p.y}px`,
      ...fade(i === 0 || i === last ? 0.25 : 1),
      offset: i / last,
    }));
    this.#run(dot, frames, { duration: flight.duration, delay, easing: 'ease-in-out' }, () => {
      if (this.#pool.length < POOL_LIMIT) this.#pool.push(dot);
      else dot.remove();
    });
  }

  /**
   * Lights a card up `delay` ms from now in the colour of the step's kind, labelled with the
   * flight that reaches it, unless the card is already lit then.
   */
  #pulse(
    card: string,
    kind: StepKind,
    delay: number,
    duration: number,
    strength: number,
    flight: Flight | null,
  ) {
    const box = this.model.layout.rects.get(card);
    if (box === undefined) return;
    const at = performance.now() + delay;
    let mark = this.#marks.get(card);
    if (mark === undefined) {
      const rect = document.createElementNS(SVG, 'rect');
      rect.dataset.card = card;
      setAttributes(rect, { x: box.x, y: box.y, width: box.width, height: box.height, rx: 10 });
      const label = document.createElementNS(SVG, 'text');
      setAttributes(label, { x: box.x + box.width - 6, y: box.y - 5 });
      this.#under.append(rect, label);
      mark = { rect, label, until: 0 };
      this.#marks.set(card, mark);
    }
    // How many flights of each kind reached the card (tests read these).
    mark.rect.dataset[kind] = String(Number(mark.rect.dataset[kind] ?? 0) + 1);
    if (mark.until > at) return;
    mark.until = at + duration * 0.6;
    // The colour and label change when the pulse is planned; one planned earlier may show them early.
    mark.rect.setAttribute('class', `card-pulse kind-${kind}`);
    const timing = { duration, delay };
    this.#run(mark.rect, [fade(0), fade(strength, 0.25), fade(0)], timing);
    const label = flight === null ? '' : labelOf(flight);
    if (label === '') return;
    mark.label.setAttribute('class', `card-label kind-${kind}`);
    setText(mark.label, label);
    this.#run(mark.label, [fade(0), fade(1, 0.2), fade(1, 0.7), fade(0)], {
      duration: duration * 1.6,
      delay,
    });
  }

  #run(el: Element, frames: Keyframe[], timing: KeyframeAnimationOptions, done?: () => void): void {
    // No fill: outside its active phase an element shows its style (invisible), so a later
    // pulse waiting on the same card cannot hide an earlier one that is still lit.
    const animation = el.animate(frames, { ...timing, fill: 'none' });
    this.#running.add(animation);
    animation.onfinish = () => {
      this.#running.delete(animation);
      done?.();
    };
    animation.oncancel = () => this.#running.delete(animation);
  }
}

/** `×12 runc`: what a flight stands for, shown on the card it reaches. */
function labelOf(flight: Flight): string {
  return [flight.count > 1 ? `×${flight.count}` : '', flight.part ?? ''].filter((s) => s !== '').join(' ');
}

function newDot(): SVGCircleElement {
  const dot = document.createElementNS(SVG, 'circle');
  dot.setAttribute('r', '6');
  return dot;
}

/** Sets an element's text, touching the DOM only when it changes. */
function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function setAttributes(el: Element, attributes: Record<string, number>): void {
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
}

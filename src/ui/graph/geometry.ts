/**
 * The path a step travels between two cards: the same bezier React Flow draws for an edge
 * between them (leaving and entering by the sides `handlesBetween` picks), so a dot follows
 * the drawn edge where there is one and a curve of the same shape where there is none.
 */
import { handlesBetween, type Rect } from './layout';

/** A point in flow coordinates. */
export type Point = { readonly x: number; readonly y: number };
type Side = ReturnType<typeof handlesBetween>[number];

/** React Flow's default bezier curvature. */
const CURVATURE = 0.25;

/** Where an edge leaves or enters a card's side. */
export function sidePoint(rect: Rect, side: Side): Point {
  switch (side) {
    case 'top':
      return { x: rect.x + rect.width / 2, y: rect.y };
    case 'bottom':
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height };
    case 'left':
      return { x: rect.x, y: rect.y + rect.height / 2 };
    case 'right':
      return { x: rect.x + rect.width, y: rect.y + rect.height / 2 };
  }
}

/** React Flow's control-point offset for a bezier edge (calculateControlOffset). */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
}

function control(side: Side, from: Point, to: Point): Point {
  switch (side) {
    case 'left':
      return { x: from.x - controlOffset(from.x - to.x), y: from.y };
    case 'right':
      return { x: from.x + controlOffset(to.x - from.x), y: from.y };
    case 'top':
      return { x: from.x, y: from.y - controlOffset(from.y - to.y) };
    case 'bottom':
      return { x: from.x, y: from.y + controlOffset(to.y - from.y) };
  }
}

/** The cubic bezier from one card to another: start, two control points, end. */
export function routeCurve(from: Rect, to: Rect): [Point, Point, Point, Point] {
  const [out, into] = handlesBetween(from, to);
  const start = sidePoint(from, out);
  const end = sidePoint(to, into);
  return [start, control(out, start, end), control(into, end, start), end];
}

/** `samples + 1` points along the route from `from` to `to`, evenly spaced in the curve's parameter. */
export function routePoints(from: Rect, to: Rect, samples = 12): Point[] {
  const [p0, p1, p2, p3] = routeCurve(from, to);
  const points: Point[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    points.push({
      x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
      y: a * p0.y + b * p1.y + c * p2.y + d * p3.y,
    });
  }
  return points;
}

/** The SVG path data of the route, as React Flow would write it for an edge. */
export function routePath(from: Rect, to: Rect): string {
  const [p0, p1, p2, p3] = routeCurve(from, to);
  return `M${p0.x},${p0.y} C${p1.x},${p1.y} ${p2.x},${p2.y} ${p3.x},${p3.y}`;
}

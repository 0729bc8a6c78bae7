import { getBezierPath, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { routePath, routePoints, sidePoint } from './geometry';
import { CARD } from './layout';

const at = (x: number, y: number) => ({ x, y, ...CARD });
const POSITIONS = { top: Position.Top, bottom: Position.Bottom, left: Position.Left, right: Position.Right };

describe('routes between cards', () => {
  it.each([
    ['below', at(0, 0), at(300, 400), 'bottom', 'top'],
    ['above', at(300, 400), at(0, 0), 'top', 'bottom'],
    ['to the right', at(0, 0), at(500, 10), 'right', 'left'],
    ['to the left', at(500, 10), at(0, 0), 'left', 'right'],
  ] as const)('follow the edge React Flow draws to a card %s', (_, from, to, out, into) => {
    const start = sidePoint(from, out);
    const end = sidePoint(to, into);
    const [path] = getBezierPath({
      sourceX: start.x,
      sourceY: start.y,
      sourcePosition: POSITIONS[out],
      targetX: end.x,
      targetY: end.y,
      targetPosition: POSITIONS[into],
    });
    expect(routePath(from, to)).toBe(path);
  });

  it('samples the curve from the source side to the target side', () => {
    const points = routePoints(at(0, 0), at(0, 400), 4);
    expect(points).toHaveLength(5);
    expect(points[0]).toEqual({ x: CARD.width / 2, y: CARD.height });
    expect(points[4]).toEqual({ x: CARD.width / 2, y: 400 });
    for (let i = 1; i < points.length; i++) expect(points[i]!.y).toBeGreaterThan(points[i - 1]!.y);
  });

  it('runs the same curve backwards for a reply', () => {
    const a = at(0, 0);
    const b = at(600, 300);
    const there = routePoints(a, b, 6);
    const back = routePoints(b, a, 6).reverse();
    back.forEach((p, i) => {
      expect(p.x).toBeCloseTo(there[i]!.x, 6);
      expect(p.y).toBeCloseTo(there[i]!.y, 6);
    });
  });
});

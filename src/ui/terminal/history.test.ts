import { describe, expect, it } from 'vitest';
import { HISTORY_SIZE, History } from './history';

describe('History', () => {
  it('ignores repeated lines, lines starting with a blank and empty lines', () => {
    const h = new History();
    for (const line of ['kubectl get pods', 'kubectl get pods', ' secret', '', 'kubectl get nodes'])
      h.add(line);
    expect(h.lines).toEqual(['kubectl get pods', 'kubectl get nodes']);
  });

  it('keeps the newest lines and numbers them as history prints them', () => {
    const h = new History();
    for (let i = 1; i <= HISTORY_SIZE + 3; i++) h.add(`line ${i}`);
    expect(h.lines).toHaveLength(HISTORY_SIZE);
    expect(h.lines[0]).toBe('line 4');
    expect(h.firstNumber).toBe(4);
    h.clear();
    expect(h.lines).toEqual([]);
  });

  it('searches backwards for the last occurrence in a line', () => {
    const h = new History();
    h.add('get pods pods');
    h.add('get nodes');
    expect(h.searchBackward('pods', 1)).toEqual({ index: 0, at: 9 });
    expect(h.searchBackward('nodes', 0)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, MAX_NODES, readSettings } from './settings';

const base = { inProcess: false, theme: null };

describe('readSettings', () => {
  it.each([
    ['', { cluster: { seed: DEFAULT_SEED }, ...base }],
    ['?seed=42', { cluster: { seed: 42 }, ...base }],
    ['?seed=42&nodes=5', { cluster: { seed: 42, workerNodes: 5 }, ...base }],
    ['?host=in-process', { cluster: { seed: DEFAULT_SEED }, ...base, inProcess: true }],
    ['?seed=abc&nodes=0', { cluster: { seed: DEFAULT_SEED }, ...base }],
    ['?seed=1.5&nodes=2.5', { cluster: { seed: DEFAULT_SEED }, ...base }],
    ['?theme=light', { cluster: { seed: DEFAULT_SEED }, ...base, theme: 'light' }],
    ['?theme=dark', { cluster: { seed: DEFAULT_SEED }, ...base, theme: 'dark' }],
    ['?theme=system', { cluster: { seed: DEFAULT_SEED }, ...base, theme: 'system' }],
    ['?theme=purple', { cluster: { seed: DEFAULT_SEED }, ...base }],
  ])('%j', (search, expected) => {
    expect(readSettings(search)).toEqual(expected);
  });

  it.each([
    ['1', 1],
    ['10', 10],
    ['99', 99],
    [String(MAX_NODES), MAX_NODES],
  ])('takes ?nodes=%s', (nodes, workerNodes) => {
    expect(readSettings(`?nodes=${nodes}`).cluster.workerNodes).toBe(workerNodes);
  });

  it.each(['0', '-1', String(MAX_NODES + 1), '1e3', '', 'many', '3.5'])(
    'ignores ?nodes=%s and keeps the default',
    (nodes) => {
      expect(readSettings(`?nodes=${nodes}`).cluster).not.toHaveProperty('workerNodes');
    },
  );
});

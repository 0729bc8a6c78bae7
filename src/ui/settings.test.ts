import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, MAX_NODES, PANELS, readSettings } from './settings';

const base = { inProcess: false, theme: null, lesson: null, present: null, panels: PANELS, readOnly: false };

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

  it.each([
    ['?lesson=02-apply-journey', { id: '02-apply-journey', step: 0 }],
    ['?lesson=02-apply-journey&step=3', { id: '02-apply-journey', step: 2 }],
    ['?lesson=01-tour&step=0', { id: '01-tour', step: 0 }],
    ['?lesson=01-tour&step=two', { id: '01-tour', step: 0 }],
    ['?lesson=../etc', null],
    ['?lesson=<script>', null],
    ['?step=2', null],
  ])('reads the lesson and step of %s', (search, expected) => {
    expect(readSettings(search).lesson).toEqual(expected);
  });

  it.each([
    ['?panels=graph,terminal', ['graph', 'terminal']],
    ['?panels=lesson,nonsense', ['lesson']],
    ['?panels=nonsense', PANELS],
    ['', PANELS],
  ])('shows the panels %s asks for', (search, expected) => {
    expect(readSettings(search).panels).toEqual(expected);
  });

  it.each([
    ['?present=presenter', 'presenter', false],
    ['?present=audience&readonly=1', 'audience', true],
    ['?present=everyone&readonly=yes', null, false],
  ])('reads presenting and read-only from %s', (search, present, readOnly) => {
    expect(readSettings(search)).toMatchObject({ present, readOnly });
  });
});

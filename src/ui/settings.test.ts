import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, readSettings } from './settings';

describe('readSettings', () => {
  it.each([
    ['', { cluster: { seed: DEFAULT_SEED }, inProcess: false }],
    ['?seed=42', { cluster: { seed: 42 }, inProcess: false }],
    ['?seed=42&nodes=5', { cluster: { seed: 42, workerNodes: 5 }, inProcess: false }],
    ['?host=in-process', { cluster: { seed: DEFAULT_SEED }, inProcess: true }],
    ['?seed=abc&nodes=0', { cluster: { seed: DEFAULT_SEED }, inProcess: false }],
    ['?seed=1.5&nodes=99', { cluster: { seed: DEFAULT_SEED }, inProcess: false }],
  ])('%j', (search, expected) => {
    expect(readSettings(search)).toEqual(expected);
  });
});

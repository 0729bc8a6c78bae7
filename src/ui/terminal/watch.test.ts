import { describe, expect, it } from 'vitest';
import { parseWatch, watchDate, watchScreen } from './watch';

describe('parseWatch', () => {
  it('reads -n, --interval, -t and the command', () => {
    expect(parseWatch(['kubectl', 'get', 'pods'])).toEqual({
      interval: 2,
      title: true,
      command: 'kubectl get pods',
    });
    expect(parseWatch(['-n', '5', '-t', 'kubectl', 'get', 'pods'])).toEqual({
      interval: 5,
      title: false,
      command: 'kubectl get pods',
    });
    expect(parseWatch(['-n0.5', 'k'])).toMatchObject({ interval: 0.5 });
    expect(parseWatch(['--interval=0.01', 'k'])).toMatchObject({ interval: 0.1 });
    expect(parseWatch(['--', '-x'])).toMatchObject({ command: '-x' });
  });

  it('answers bad arguments as watch does', () => {
    expect(parseWatch(['-n', 'x', 'k'])).toEqual({
      error: expect.stringMatching(/^watch: failed to parse argument: 'x': Invalid argument\n\nUsage:/),
    });
    expect(parseWatch(['-q', 'k'])).toEqual({
      error: expect.stringMatching(/^watch: invalid option -- 'q'/),
    });
    expect(parseWatch([])).toEqual({ error: expect.stringMatching(/^\nUsage:\n watch \[options\] command/) });
  });
});

describe('watchScreen', () => {
  const options = { interval: 2, title: true, command: 'kubectl get pods' };
  const screen = { columns: 70, rows: 5, host: 'kubelab', now: Date.UTC(2025, 0, 1, 0, 2, 10) };

  it('dates as watch does', () => {
    expect(watchDate(Date.UTC(2025, 0, 1, 0, 2, 10))).toBe('Wed Jan  1 00:02:10 2025');
    expect(watchDate(Date.UTC(2026, 10, 22, 5, 15, 3))).toBe('Sun Nov 22 05:15:03 2026');
  });

  it('paints the header, a blank line, and the output that fits', () => {
    const painted = watchScreen(options, 'a\nb\nc\nd\n', screen);
    expect(painted.split('\r\n')).toEqual([
      '\x1b[H\x1b[2JEvery 2.0s: kubectl get pods         kubelab: Wed Jan  1 00:02:10 2025',
      '',
      'a',
      'b',
      'c',
    ]);
    expect(watchScreen({ ...options, title: false }, 'x'.repeat(120), screen)).toBe(
      `\x1b[H\x1b[2J${'x'.repeat(120)}`,
    );
    expect(watchScreen({ ...options, command: 'k '.repeat(40) }, '', screen).split('\r\n')[0]).toHaveLength(
      '\x1b[H\x1b[2J'.length + 70,
    );
  });
});

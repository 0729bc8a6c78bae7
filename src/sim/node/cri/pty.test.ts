import { describe, expect, it } from 'vitest';
import { Pty } from './pty';

/** Feeds `keys` to a pty; returns what it echoed, what the process read, and the signals. */
function type(...keys: string[]) {
  let screen = '';
  const stdin: (string | null)[] = [];
  let interrupts = 0;
  const pty = new Pty({
    screen: (text) => (screen += text),
    stdin: (data) => stdin.push(data),
    interrupt: () => interrupts++,
  });
  for (const key of keys) pty.input(key);
  return { screen, stdin, interrupts };
}

describe('Pty (canonical mode)', () => {
  it.each([
    { keys: ['ls\r'], screen: 'ls\r\n', stdin: ['ls\n'], interrupts: 0 },
    { keys: ['l', 's', '\r'], screen: 'ls\r\n', stdin: ['ls\n'], interrupts: 0 },
    { keys: ['lx\x7fs\r'], screen: 'lx\b \bs\r\n', stdin: ['ls\n'], interrupts: 0 },
    { keys: ['\x7f'], screen: '', stdin: [], interrupts: 0 },
    { keys: ['abc\x15ls\r'], screen: `abc${'\b \b'.repeat(3)}ls\r\n`, stdin: ['ls\n'], interrupts: 0 },
    { keys: ['\x04'], screen: '', stdin: [null], interrupts: 0 },
    { keys: ['half\x04'], screen: 'half', stdin: ['half'], interrupts: 0 },
    { keys: ['oops\x03'], screen: 'oops^C\r\n', stdin: [], interrupts: 1 },
    { keys: ['\x1b[Aok\r'], screen: 'ok\r\n', stdin: ['ok\n'], interrupts: 0 },
  ])('$keys', ({ keys, screen, stdin, interrupts }) => {
    expect(type(...keys)).toEqual({ screen, stdin, interrupts });
  });

  it('writes the process’s newlines as CR LF', () => {
    const pty = new Pty({ screen: () => {}, stdin: () => {}, interrupt: () => {} });
    expect(pty.output('a\nb\r\nc')).toBe('a\r\nb\r\nc');
  });
});

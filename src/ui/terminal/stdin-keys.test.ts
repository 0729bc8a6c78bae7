import { describe, expect, it } from 'vitest';
import { TerminalSession } from './session';
import type { TerminalLink } from './shell';
import { LineDiscipline, rawKeys } from './stdin-keys';

describe('keys for a command that reads the terminal', () => {
  it('raw mode passes keys as typed, control keys too, paste markers dropped', () => {
    expect(rawKeys('ls\r')).toEqual({ echo: '', send: ['ls\r'], interrupt: false });
    expect(rawKeys('\x1b[A\x03')).toEqual({ echo: '', send: ['\x1b[A\x03'], interrupt: false });
    expect(rawKeys('ab\x04')).toEqual({ echo: '', send: ['ab\x04'], interrupt: false });
    expect(rawKeys('\x1b[200~pasted\x1b[201~').send).toEqual(['pasted']);
  });

  it('line mode echoes and edits a line, sends it on Enter, and ends on Ctrl-D', () => {
    const line = new LineDiscipline();
    expect(line.feed('hellp')).toEqual({ echo: 'hellp', send: [], interrupt: false });
    expect(line.feed('\x7fo\r')).toEqual({ echo: '\b \bo\r\n', send: ['hello\n'], interrupt: false });
    expect(line.feed('\x1b[Dx\x15')).toEqual({ echo: 'x\b \b', send: [], interrupt: false });
    expect(line.feed('\x04')).toEqual({ echo: '', send: [null], interrupt: false });
    expect(line.feed('ab\x03')).toEqual({ echo: 'ab^C', send: [], interrupt: true });
  });
});

describe('TerminalSession with a command reading the terminal', () => {
  it('passes keys through in raw mode, resizes, and gives the keys back when it ends', async () => {
    let screen = '';
    const sent: (string | null)[] = [];
    const sizes: [number, number][] = [];
    let link: TerminalLink | undefined;
    let finish: (code: number) => void = () => {};
    const term = { write: (t: string) => (screen += t), columns: 80, rows: 24 };
    const session = new TerminalSession(term, {
      kubectl: {
        run: (_line, write, terminal) => {
          link = terminal;
          terminal?.setMode('raw');
          return {
            exit: new Promise<number>((resolve) => (finish = resolve)),
            interrupt: () => finish(130),
            input: (data) => {
              sent.push(data);
              if (data !== null) write('stdout', data.toUpperCase());
            },
            resize: (columns, rows) => sizes.push([columns, rows]),
          };
        },
        complete: async (_line, cursor) => ({ candidates: [], replaceFrom: cursor }),
      },
      now: () => 0,
      setTimeout: () => 0,
      clearTimeout: () => {},
    });
    session.start();
    session.input('kubectl exec -it web -- cat\r');
    await new Promise((r) => setTimeout(r, 0));
    expect(link).toMatchObject({ columns: 80, rows: 24 });
    expect(session.shell.mode).toBe('raw');
    screen = '';
    session.input('hi\x03');
    session.input('\x04');
    expect(sent).toEqual(['hi\x03', '\x04']);
    expect(screen).toBe('HI\x03\x04');
    session.resize();
    expect(sizes).toEqual([[80, 24]]);
    finish(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(session.shell.mode).toBe('off');
    expect(screen.endsWith('$ ')).toBe(true);
  });
});

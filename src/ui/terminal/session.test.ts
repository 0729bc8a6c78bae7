import { describe, expect, it } from 'vitest';
import { GREETING, TerminalSession } from './session';
import { PROMPT } from './shell';

describe('TerminalSession', () => {
  it('greets, runs a typed line, completes, and prompts again', async () => {
    let screen = '';
    const runs: string[] = [];
    const term = { write: (t: string) => (screen += t), columns: 80, rows: 24 };
    const session = new TerminalSession(term, {
      kubectl: {
        run: (line, write) => {
          runs.push(line);
          write('stdout', 'Client Version: v1.32.4\n');
          return { exit: Promise.resolve(0), interrupt: () => {} };
        },
        complete: async (_line, cursor) => ({
          candidates: ['version\tPrint the version'],
          replaceFrom: cursor - 3,
        }),
      },
      now: () => 0,
      setTimeout: () => 0,
      clearTimeout: () => {},
    });
    session.start();
    expect(screen).toBe(`${GREETING}\x1b[?2004h${PROMPT}`);
    session.input('kubectl ver\t');
    await new Promise((r) => setTimeout(r, 0));
    expect(screen).toContain('kubectl version ');
    screen = '';
    session.input('\r');
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toEqual(['kubectl version']);
    expect(screen).toMatch(/\r\nClient Version: v1\.32\.4\r\n.*kubelab.*\$ $/);
    expect(session.history.lines).toEqual(['kubectl version ']);
    session.resize();
    session.close();
    screen = '';
    session.input('x');
    expect(screen).toBe('');
  });
});

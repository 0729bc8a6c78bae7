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

  describe('typeahead: keys typed while a command runs wait for the next reader', () => {
    const tick = () => new Promise((r) => setTimeout(r, 0));
    /** A session whose one kubectl command ends when `finish` is called. */
    const setup = () => {
      let screen = '';
      const stdin: (string | null)[] = [];
      const runs: string[] = [];
      let finish: (code: number) => void = () => {};
      let link: { setMode(mode: 'off' | 'raw' | 'line'): void } | undefined;
      const session = new TerminalSession(
        { write: (t: string) => (screen += t), columns: 80, rows: 24 },
        {
          kubectl: {
            run: (line, _write, terminal) => {
              runs.push(line);
              link = terminal;
              return {
                exit: new Promise<number>((resolve) => (finish = resolve)),
                interrupt: () => finish(130),
                input: (data) => stdin.push(data),
              };
            },
            complete: async (_line, cursor) => ({ candidates: [], replaceFrom: cursor }),
          },
          now: () => 0,
          setTimeout: () => 0,
          clearTimeout: () => {},
        },
      );
      session.start();
      return {
        session,
        stdin,
        runs,
        screen: () => screen,
        finish: (code: number) => finish(code),
        setMode: (mode: 'off' | 'raw' | 'line') => link?.setMode(mode),
      };
    };

    it('go to the command once it reads the terminal', async () => {
      const lab = setup();
      lab.session.input('kubectl exec -it web -- cat\r');
      await tick();
      lab.session.input('hel');
      lab.setMode('raw');
      lab.session.input('lo');
      expect(lab.stdin).toEqual(['hel', 'lo']);
    });

    it('go to the next prompt when the command never reads them', async () => {
      const lab = setup();
      lab.session.input('kubectl get pods\r');
      await tick();
      lab.session.input('kubectl version\r');
      expect(lab.runs).toEqual(['kubectl get pods']);
      lab.finish(0);
      await tick();
      expect(lab.runs).toEqual(['kubectl get pods', 'kubectl version']);
    });

    it('are dropped by Ctrl-C, which ends the command', async () => {
      const lab = setup();
      lab.session.input('kubectl get pods -w\r');
      await tick();
      lab.session.input('oops');
      lab.session.input('\x03');
      await tick();
      expect(lab.screen()).toMatch(/\^C\r\n.*\$ $/);
      lab.session.input('x');
      // The new line holds only what was typed after Ctrl-C.
      expect(lab.screen().split('^C').pop()).toMatch(/\$ x[^a-z]*$/);
      expect(lab.runs).toEqual(['kubectl get pods -w']);
    });
  });

  describe('lines typed for the user', () => {
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const setup = () => {
      let screen = '';
      const runs: string[] = [];
      let finish: (code: number) => void = () => {};
      const session = new TerminalSession(
        { write: (t: string) => (screen += t), columns: 80, rows: 24 },
        {
          kubectl: {
            run: (line) => {
              runs.push(line);
              return {
                exit: new Promise<number>((resolve) => (finish = resolve)),
                interrupt: () => finish(130),
              };
            },
            complete: async (_line, cursor) => ({ candidates: [], replaceFrom: cursor }),
          },
          now: () => 0,
          setTimeout: () => 0,
          clearTimeout: () => {},
        },
      );
      session.start();
      return { session, runs, screen: () => screen, finish: (code: number) => finish(code) };
    };

    it('replace what is typed at the prompt and run', async () => {
      const lab = setup();
      lab.session.input('half typed');
      lab.session.type('kubectl get nodes', true);
      await tick();
      expect(lab.runs).toEqual(['kubectl get nodes']);
    });

    it('are only typed, not run, when asked so', async () => {
      const lab = setup();
      lab.session.type('kubectl get pods -o wide', false);
      await tick();
      expect(lab.runs).toEqual([]);
      expect(lab.screen()).toContain('kubectl get pods -o wide');
      lab.session.input('\r');
      await tick();
      expect(lab.runs).toEqual(['kubectl get pods -o wide']);
    });

    it('wait for the prompt while a command runs, then run in order', async () => {
      const lab = setup();
      lab.session.input('kubectl get pods -w\r');
      await tick();
      lab.session.type('kubectl get nodes', true);
      lab.session.type('kubectl version', true);
      expect(lab.runs).toEqual(['kubectl get pods -w']);
      lab.finish(0);
      await tick();
      expect(lab.runs).toEqual(['kubectl get pods -w', 'kubectl get nodes']);
      lab.finish(0);
      await tick();
      expect(lab.runs).toEqual(['kubectl get pods -w', 'kubectl get nodes', 'kubectl version']);
    });
  });
});

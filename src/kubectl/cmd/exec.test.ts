import { beforeAll, describe, expect, it } from 'vitest';
import type { KubectlTerminal, TerminalMode, TerminalSize } from '../io/terminal';
import { OutputBuffer } from '../io/output';
import { testKubectl, type TestKubectl } from '../testing';

/** A terminal a test types into, recording the modes asked for and the sizes sent. */
function fakeTerminal() {
  const modes: TerminalMode[] = [];
  const inputs = new Set<(data: string | null) => void>();
  const terminal: KubectlTerminal = {
    setMode: (mode) => modes.push(mode),
    onInput: (listener) => (inputs.add(listener), () => inputs.delete(listener)),
    size: (): TerminalSize => ({ columns: 80, rows: 24 }),
    onResize: () => () => undefined,
  };
  return { terminal, modes, type: (data: string | null) => inputs.forEach((l) => l(data)) };
}

describe('kubectl exec and attach', () => {
  let t: TestKubectl;
  /** Runs a line while the simulation runs, as exec needs the container to run its command. */
  const run = async (line: string, stdin?: string) => {
    const out = new OutputBuffer();
    const exit = t.kubectl.run(line, out, stdin === undefined ? {} : { stdin }).exit;
    await t.advance(1_000);
    return out.result(await exit);
  };
  beforeAll(async () => {
    t = await testKubectl();
    t.post('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'busybox',
            command: ['sh', '-c', 'while true; do echo beat; sleep 1; done'],
          },
          { name: 'side', image: 'busybox', command: ['sleep', '3600'] },
        ],
      },
    });
    await t.advance(30_000);
  });

  it('runs a command in a container, with its output and exit code', async () => {
    expect(await run('kubectl exec web -c main -- hostname')).toEqual({
      stdout: 'web\n',
      stderr: '',
      code: 0,
    });
    expect(await run("kubectl exec web -c side -- sh -c 'echo out; echo err >&2; exit 3'")).toEqual({
      stdout: 'out\n',
      stderr: 'err\ncommand terminated with exit code 3\n',
      code: 3,
    });
    expect(await run('kubectl exec web -- hostname')).toEqual({
      stdout: 'web\n',
      stderr: 'Defaulted container "main" out of: main, side\n',
      code: 0,
    });
  });

  it('sends piped stdin with -i, and says it cannot use a TTY without a terminal', async () => {
    expect(await run('kubectl exec -i web -c main -- cat', 'one\ntwo\n')).toEqual({
      stdout: 'one\ntwo\n',
      stderr: '',
      code: 0,
    });
    expect(await run('kubectl exec -it web -c main -- cat', 'x')).toEqual({
      stdout: 'x',
      stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n',
      code: 0,
    });
  });

  it('streams the terminal to the container in raw mode with -it, through its pty, until Ctrl-D', async () => {
    const { terminal, modes, type } = fakeTerminal();
    const out = new OutputBuffer();
    const exit = t.kubectl.run('kubectl exec -it web -c main -- cat', out, { terminal }).exit;
    await t.advance(1_000);
    expect(modes).toEqual(['raw']);
    type('hello\r');
    await t.advance(1_000);
    // The pty echoes the line as typed, then cat writes it back.
    expect(out.out).toBe('hello\r\nhello\r\n');
    type('\x04');
    await t.advance(1_000);
    expect(await exit).toBe(0);
    expect(modes).toEqual(['raw', 'off']);
  });

  it('asks the terminal for line mode with -i alone', async () => {
    const { terminal, modes, type } = fakeTerminal();
    const out = new OutputBuffer();
    const exit = t.kubectl.run('kubectl exec -i web -c main -- cat', out, { terminal }).exit;
    await t.advance(1_000);
    type('a line\n');
    type(null);
    await t.advance(1_000);
    expect(await exit).toBe(0);
    expect(out.result(0)).toEqual({ stdout: 'a line\n', stderr: '', code: 0 });
    expect(modes).toEqual(['line', 'off']);
  });

  it('fails as kubectl does', async () => {
    expect((await run('kubectl exec web')).stderr).toBe(
      'error: you must specify at least one command for the container\n',
    );
    expect((await run('kubectl exec web ls')).stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect((await run('kubectl exec -- ls')).stderr).toBe(
      'error: pod, type/name or --filename must be specified\n',
    );
    expect((await run('kubectl exec nosuch -- ls')).stderr).toBe(
      'Error from server (NotFound): pods "nosuch" not found\n',
    );
    expect((await run('kubectl exec web -c nope -- ls')).stderr).toBe(
      'Error from server (BadRequest): container nope is not valid for pod web\n',
    );
    const missing = await run('kubectl exec web -c main -- nosuch');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/executable file not found in \$PATH/);
  });

  it('attaches to the output of the main process until Ctrl-C', async () => {
    const out = new OutputBuffer();
    const execution = t.kubectl.run('kubectl attach web -c main', out);
    await t.advance(3_500);
    execution.interrupt();
    expect(await execution.exit).toBe(130);
    expect(out.err).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(out.out).toMatch(/^(beat\n){3,4}$/);
    expect((await run('kubectl attach web -c nope')).stderr).toBe(
      'error: cannot attach to the container: container nope not found in pod web\n',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../kernel/clock';
import { resolveImage } from '../images/reference';
import { imageFilesystem } from './image-files';
import { criLogLine, formatLogs, rfc3339Nano, type LogEntry } from './logs';
import { dateText, isExecutable, runCommand, type ShellContext, type Wait } from './shell';

const ctx: ShellContext = {
  hostname: 'web-1',
  podIP: '10.244.1.2',
  env: { GREETING: 'hi' },
  busybox: false,
  now: () => Date.UTC(2025, 0, 1, 0, 0, 5),
  fs: imageFilesystem(resolveImage('nginx'), () => Date.UTC(2025, 0, 1, 0, 0, 5)),
};
ctx.fs.writeFile('/etc/hostname', 'web-1\n');

/** Runs a command to its end: sleeps add up, reads get `input` then EOF. */
function run(argv: string[], input: string[] = [], context = ctx) {
  let stdout = '';
  let stderr = '';
  let slept = 0;
  const gen = runCommand(argv, context, {
    out: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)),
  });
  let r = gen.next(null);
  while (!r.done) {
    const wait: Wait = r.value;
    if ('sleepMs' in wait) slept += wait.sleepMs;
    r = gen.next('sleepMs' in wait ? null : (input.shift() ?? null));
  }
  return { stdout, stderr, code: r.value, slept };
}

describe('the container shell', () => {
  it('runs the common commands', () => {
    expect(run(['echo', 'hello', 'world']).stdout).toBe('hello world\n');
    expect(run(['hostname']).stdout).toBe('web-1\n');
    expect(run(['cat', '/etc/hostname']).stdout).toBe('web-1\n');
    expect(run(['cat', '/nope'])).toMatchObject({
      stderr: 'cat: /nope: No such file or directory\n',
      code: 1,
    });
    expect(run(['env']).stdout).toContain('HOSTNAME=web-1\nGREETING=hi\nHOME=/root\n');
    expect(run(['pwd']).stdout).toBe('/\n');
    expect(run(['whoami']).stdout).toBe('root\n');
    expect(run(['ls', '/']).stdout.split('\n')).toContain('etc');
    expect(run(['date']).stdout).toBe('Wed Jan  1 00:00:05 UTC 2025\n');
    expect(run(['/bin/sleep', '3'])).toMatchObject({ code: 0, slept: 3000 });
    expect(run(['cat'], ['a\n', 'b\n']).stdout).toBe('a\nb\n');
  });

  it('interprets sh -c scripts: lists, &&, ||, loops, variables, redirects and exit codes', () => {
    expect(run(['sh', '-c', 'echo hello; exit 3'])).toMatchObject({ stdout: 'hello\n', code: 3 });
    expect(run(['sh', '-c', 'false && echo no || echo "yes $GREETING"']).stdout).toBe('yes hi\n');
    expect(run(['sh', '-c', 'for i in 1 2 3; do echo n=$i; sleep 1; done'])).toMatchObject({
      stdout: 'n=1\nn=2\nn=3\n',
      slept: 3000,
    });
    expect(run(['sh', '-c', 'echo \'$HOME\' "$HOME"']).stdout).toBe('$HOME /root\n');
    expect(run(['sh', '-c', 'echo boom >&2; exit 1'])).toMatchObject({ stderr: 'boom\n', code: 1 });
    expect(run(['sh', '-c', 'foo'])).toMatchObject({ stderr: 'sh: 1: foo: not found\n', code: 127 });
    expect(run(['sh', '-c', 'foo'], [], { ...ctx, busybox: true }).stderr).toBe('sh: foo: not found\n');
  });

  it('knows which executables an image has', () => {
    expect(isExecutable('/bin/sh', ctx)).toBe(true);
    expect(isExecutable('bash', ctx)).toBe(true);
    expect(isExecutable('bash', { ...ctx, busybox: true })).toBe(false);
    expect(isExecutable('foo', ctx)).toBe(false);
  });

  it('formats dates as date(1) does', () => {
    expect(dateText(Date.UTC(2025, 9, 12, 13, 4, 5))).toBe('Sun Oct 12 13:04:05 UTC 2025');
  });
});

describe('container logs', () => {
  const clock = new VirtualClock(Date.UTC(2025, 0, 1));
  const entries: LogEntry[] = [
    { time: 1000, stream: 'stdout', text: 'one' },
    { time: 2500.25, stream: 'stderr', text: 'two' },
    { time: 4000, stream: 'stdout', text: 'three' },
  ];

  it('stamps lines with 9-digit RFC 3339 times, CRI style', () => {
    expect(rfc3339Nano(clock, 2500.25)).toBe('2025-01-01T00:00:02.500250000Z');
    expect(criLogLine(clock, entries[1] as LogEntry)).toBe('2025-01-01T00:00:02.500250000Z stderr F two');
  });

  it('applies tailLines, since, timestamps and limitBytes', () => {
    expect(formatLogs(clock, entries, { timestamps: false })).toBe('one\ntwo\nthree\n');
    expect(formatLogs(clock, entries, { timestamps: false, tailLines: 1 })).toBe('three\n');
    expect(formatLogs(clock, entries, { timestamps: false, tailLines: 0 })).toBe('');
    expect(formatLogs(clock, entries, { timestamps: false, since: 2000 })).toBe('two\nthree\n');
    expect(formatLogs(clock, entries, { timestamps: true, tailLines: 1 })).toBe(
      '2025-01-01T00:00:04.000000000Z three\n',
    );
    expect(formatLogs(clock, entries, { timestamps: false, limitBytes: 6 })).toBe('one\ntw');
  });
});

describe('output redirection', () => {
  const fresh = (): ShellContext => ({
    ...ctx,
    fs: imageFilesystem(resolveImage('busybox'), ctx.now),
    busybox: true,
  });

  it('writes, appends and reads back a file', () => {
    const c = fresh();
    expect(run(['sh', '-c', 'echo one > /tmp/f; echo two >>/tmp/f; cat /tmp/f'], [], c).stdout).toBe(
      'one\ntwo\n',
    );
    expect(run(['sh', '-c', 'echo again >/tmp/f && cat /tmp/f'], [], c).stdout).toBe('again\n');
  });

  it.each([
    [true, "sh: can't create /nope/f: No such file or directory\n", 1],
    [false, 'sh: 1: cannot create /nope/f: No such file or directory\n', 2],
  ])('fails like the image shell (busybox %s)', (busybox, stderr, code) => {
    const c = { ...fresh(), busybox };
    expect(run(['sh', '-c', 'echo x > /nope/f'], [], c)).toMatchObject({ stderr, code });
  });

  it('keeps >&2 for stderr', () => {
    expect(run(['sh', '-c', 'echo oops >&2'], [], fresh())).toMatchObject({ stdout: '', stderr: 'oops\n' });
  });

  describe('sh reading its commands from stdin', () => {
    it.each([
      {
        what: 'bash on a terminal prompts, runs each line, and says exit at the end of input',
        argv: ['bash'],
        context: { ...ctx, tty: true },
        input: ['echo $GREETING\n', 'hostname\n'],
        stdout: 'root@web-1:/# hi\nroot@web-1:/# web-1\nroot@web-1:/# exit\n',
        code: 0,
      },
      {
        what: 'busybox sh prompts with / #',
        argv: ['sh'],
        context: { ...ctx, busybox: true, tty: true },
        input: ['false\n'],
        stdout: '/ # / # ',
        code: 1,
      },
      {
        what: 'exit ends it with its code',
        argv: ['sh', '-i'],
        context: { ...ctx, tty: true },
        input: ['exit 3\n', 'echo never\n'],
        stdout: 'root@web-1:/# ',
        code: 3,
      },
      {
        what: 'without a terminal it reads a script from stdin, without prompts',
        argv: ['sh'],
        context: ctx,
        input: ['echo one; ec', 'ho two\n'],
        stdout: 'one\ntwo\n',
        code: 0,
      },
    ])('$what', ({ argv, context, input, stdout, code }) => {
      expect(run(argv, input, context)).toMatchObject({ stdout, code });
    });

    it('reports a syntax error with its line and goes on', () => {
      expect(run(['sh'], ['echo a\n', 'if\n', 'echo b\n'])).toMatchObject({ stdout: 'a\nb\n', code: 0 });
      expect(run(['sh'], ['if\n']).stderr).toMatch(/^sh: 1: /);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { resolveImage } from '../images/reference';
import { Filesystem, dirNode } from './fs';
import { redirectFailure, runFsCommand } from './fs-commands';
import { imageRoot } from './image-files';

const NOW = Date.UTC(2025, 0, 1, 0, 5);

/** A container of `image` with a read-only configMap-like volume at /etc/config. */
function container(image: string) {
  const host = new Filesystem(dirNode(0o755, NOW), () => NOW);
  const vol = host.mkdirAll('/vol');
  vol.mode = 0o777;
  host.mkdir('/vol/..2025_01_01_00_00_05.123');
  host.writeFile('/vol/..2025_01_01_00_00_05.123/key', 'value\n');
  host.symlink('..2025_01_01_00_00_05.123', '/vol/..data');
  host.symlink('..data/key', '/vol/key');
  const fs = new Filesystem(imageRoot(resolveImage(image)), () => NOW);
  fs.mount('/etc/config', vol, true);
  return fs;
}

function run(cmd: string, args: string[], image = 'busybox', fs = container(image)) {
  let stdout = '';
  let stderr = '';
  const code = runFsCommand(cmd, args, {
    fs,
    busybox: image === 'busybox',
    now: NOW,
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
  });
  return { stdout, stderr, code };
}

describe('file commands', () => {
  it('lists a configMap volume as busybox ls -la does', () => {
    expect(run('ls', ['-la', '/etc/config']).stdout).toBe(
      [
        'total 12',
        'drwxrwxrwx    3 root     root          4096 Jan  1 00:05 .',
        'drwxr-xr-x    3 root     root          4096 Jan  1 00:05 ..',
        'drwxr-xr-x    2 root     root          4096 Jan  1 00:05 ..2025_01_01_00_00_05.123',
        'lrwxrwxrwx    1 root     root            25 Jan  1 00:05 ..data -> ..2025_01_01_00_00_05.123',
        'lrwxrwxrwx    1 root     root            10 Jan  1 00:05 key -> ..data/key',
        '',
      ].join('\n'),
    );
  });

  it('lists as GNU ls does on Debian images', () => {
    expect(run('ls', ['-l', '/etc/config'], 'nginx').stdout).toBe(
      'total 0\nlrwxrwxrwx 1 root root 10 Jan  1 00:05 key -> ..data/key\n',
    );
    expect(run('ls', ['/etc/config'], 'nginx').stdout).toBe('key\n');
  });

  it.each([
    ['busybox', 'cat', ['/nope'], "cat: can't open '/nope': No such file or directory\n"],
    ['nginx', 'cat', ['/nope'], 'cat: /nope: No such file or directory\n'],
    ['busybox', 'ls', ['/nope'], 'ls: /nope: No such file or directory\n'],
    ['nginx', 'ls', ['/nope'], "ls: cannot access '/nope': No such file or directory\n"],
    [
      'busybox',
      'mkdir',
      ['/etc/config/x'],
      "mkdir: can't create directory '/etc/config/x': Read-only file system\n",
    ],
    ['nginx', 'touch', ['/etc/config/x'], "touch: cannot touch '/etc/config/x': Read-only file system\n"],
    ['busybox', 'rm', ['/etc/config/key'], "rm: can't remove '/etc/config/key': Read-only file system\n"],
    ['nginx', 'rm', ['/tmp'], "rm: cannot remove '/tmp': Is a directory\n"],
  ])('%s: %s %j fails with its message', (image, cmd, args, message) => {
    const result = run(cmd, args, image);
    expect(result.stderr).toBe(message);
    expect(result.code).toBeGreaterThan(0);
  });

  it('reads through the volume symlinks, makes directories and files', () => {
    const fs = container('busybox');
    expect(run('cat', ['/etc/config/key'], 'busybox', fs).stdout).toBe('value\n');
    expect(run('mkdir', ['-p', '/data/a/b'], 'busybox', fs).code).toBe(0);
    expect(run('touch', ['/data/a/b/f'], 'busybox', fs).code).toBe(0);
    expect(run('ls', ['/data/a/b'], 'busybox', fs).stdout).toBe('f\n');
    expect(run('rm', ['-rf', '/data'], 'busybox', fs).code).toBe(0);
    expect(fs.exists('/data')).toBe(false);
  });

  it.each([
    [true, "sh: can't create /etc/config/x: Read-only file system\n", 1],
    [false, 'sh: 1: cannot create /etc/config/x: Read-only file system\n', 2],
  ])('reports a failed redirection (busybox %s)', (busybox, text, code) => {
    let error: unknown;
    try {
      container('busybox').writeFile('/etc/config/x', '');
    } catch (e) {
      error = e;
    }
    expect(redirectFailure('/etc/config/x', error, busybox)).toEqual({ text, code });
  });
});
